"""`make bench`: time our pages, import and export on SQLite (and PostgreSQL when DATABASE_URL is set),
beside Trac 1.6 on the same data, and write docs/performance.md.

Each database is measured in a subprocess of its own (bench/django_run.py), since Django's
settings are per process. Over HTTP (bench/http_run.py): on SQLite our pages beside Trac's under
gunicorn, on PostgreSQL the load test of 50 signed-in people against `make serve`.

Environment: BENCH_REPEAT (timed requests per page, default 40), BENCH_WARMUP (default 3),
BENCH_NO_TRAC=1 to leave Trac out, BENCH_NO_HTTP=1 to leave out both measurements over HTTP,
BENCH_LOAD_USERS (default 50), BENCH_LOAD_SECONDS (default 60), BENCH_COMPARE_SECONDS (per page and
round, default 5), BENCH_COMPARE_ROUNDS (default 3).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .report import write_report

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(os.environ.get("SENDPLAN_VAR_DIR", str(ROOT / "var"))) / "bench"
OUTPUT = ROOT / "docs" / "performance.md"


def _measure(label: str, database_url: str, with_trac: bool) -> dict:
    out = BENCH_DIR / f"results-{label}.json"
    out.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="bench.settings", BENCH_DATABASE_URL=database_url)
    args = [sys.executable, "-m", "bench.django_run", str(out)] + (["trac"] if with_trac else [])
    done = subprocess.run(args, cwd=ROOT, env=env, check=False)
    if done.returncode != 0 or not out.exists():
        return {"failed": f"bench.django_run on {label} stopped with exit code {done.returncode}"}
    return json.loads(out.read_text())


def main() -> int:
    start = time.perf_counter()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    runs = {"sqlite": _measure("sqlite", "", with_trac=not os.environ.get("BENCH_NO_TRAC"))}
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url:
        runs["postgresql"] = _measure("postgresql", database_url, with_trac=False)
    else:
        print("== PostgreSQL: DATABASE_URL is not set; skipped", flush=True)
    runtime = time.perf_counter() - start
    write_report(OUTPUT, runs, runtime)
    print(f"== Wrote {OUTPUT.relative_to(ROOT)} ({runtime:.0f} s)", flush=True)
    return 1 if "failed" in runs["sqlite"] else 0


if __name__ == "__main__":
    sys.exit(main())
