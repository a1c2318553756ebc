"""Over HTTP: the load test against the production server, and our pages beside Trac 1.6 under gunicorn.

Called by bench/django_run.py once the bench area is built (Django set up with bench.settings). The
server is started as `make serve` starts it (scripts/serve.sh: production settings, gunicorn with
config/gunicorn.py, the background worker beside it) on the bench's database and a free port; Trac 1.6
under gunicorn from its own venv (bench/trac_wsgi.py). The clients run in a process of their own
(bench/load.py), never in a server's.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOAD_USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
THINK_S = (1.0, 3.0)  # each person's pause between two requests, uniformly at random
COMPARE_CLIENTS = 8
COMPARE_SECONDS = float(os.environ.get("BENCH_COMPARE_SECONDS", "5"))  # per page, per round
COMPARE_ROUNDS = int(os.environ.get("BENCH_COMPARE_ROUNDS", "3"))
LOAD_PASSWORD = "bench-load-not-secret-password"
# Our page and Trac's for each compared pair (bench/trac.py's page names); the first Trac page judged.
PAIRS = {
    "overview": ["roadmap", "overview"],
    "milestones": ["milestones"],
    "item": ["item"],
    "milestones_csv": ["milestones_csv"],
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_url() -> str:
    """The URL of the database this process is using (the bench's), for the server to use too."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(settings['NAME']).resolve()}"
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return f"postgres://{settings['USER']}{password}@{host}:{port}/{settings['NAME']}"


def _wait_until_up(base: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server at {base} stopped while starting (exit {process.returncode})")
        try:
            with urllib.request.urlopen(base + "/sign-in/", timeout=5):  # noqa: S310 (our own server)
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server at {base} did not answer within {seconds:.0f} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def our_server(*, workers: int = 2, threads: int = 1, log: Path):
    """`make serve` (scripts/serve.sh) on the bench's database and a free port; yields its base URL."""
    port = free_port()
    var_dir = Path(os.environ.get("SENDPLAN_VAR_DIR", ROOT / "var")) / "bench" / "serve"
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BENCH_", "DATABASE_URL"))}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url(),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_THREADS=str(threads),
        GUNICORN_LOG_LEVEL="warning",
        SENDPLAN_VAR_DIR=str(var_dir),
        PYTHON=sys.executable,
    )
    with log.open("ab") as out:
        process = subprocess.Popen([ROOT / "scripts" / "serve.sh"], cwd=ROOT, env=env, stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        _stop(process)


@contextmanager
def trac_server(prepared: dict, *, log: Path):
    """Trac 1.6 under gunicorn (2 workers, its own venv) on its environment; yields its base URL."""
    port = free_port()
    python = Path(prepared["python_path"])
    wsgi = Path(prepared["driver"]).parent
    env = {**os.environ, "TRAC_ENV": prepared["env"], "PYTHONPATH": str(wsgi)}
    args = [python.parent / "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    args += ["--log-level", "warning", "--access-logfile", "-", "trac_wsgi:application"]
    with log.open("ab") as out:
        process = subprocess.Popen(args, cwd=wsgi, env=env, stdout=subprocess.DEVNULL, stderr=out)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, seconds=60)
        yield base
    finally:
        _stop(process)


def run_client(spec: dict, work: Path) -> dict:
    """bench/load.py in a process of its own; its results."""
    spec_path, out_path = work / f"load-{spec['mode']}.json", work / f"load-{spec['mode']}-out.json"
    spec_path.write_text(json.dumps(spec))
    out_path.unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-m", "bench.load", spec_path, out_path], cwd=ROOT, check=False)
    if done.returncode != 0 or not out_path.exists():
        raise SystemExit(f"the load client stopped with exit code {done.returncode}")
    return json.loads(out_path.read_text())


def people_spec(base: str, users: list[dict], urls: dict, *, seconds: float, ramp_s: float = 10) -> dict:
    return {
        "mode": "people",
        "base": base,
        "users": users,
        "urls": urls,
        "seconds": seconds,
        "think_s": list(THINK_S),
        "ramp_s": ramp_s,
    }


def load_test(bench, work: Path) -> dict:
    """LOAD_USERS people of the area signed in for LOAD_SECONDS against `make serve`."""
    from .load_users import load_people, load_urls

    users = load_people(bench, LOAD_USERS, password=LOAD_PASSWORD)
    print(f"== Load test: {len(users)} people for {LOAD_SECONDS:.0f} s against make serve", flush=True)
    with our_server(log=work / "serve.log") as base:
        spec = people_spec(base, users, load_urls(bench), seconds=LOAD_SECONDS)
        result = run_client(spec, work)
    overall = result["overall"]
    print(
        f"  {result['signed_in']} signed in; {overall['rps']:.1f} req/s, "
        f"p50 {overall.get('p50_ms', 0):.0f} ms, p95 {overall.get('p95_ms', 0):.0f} ms, "
        f"p99 {overall.get('p99_ms', 0):.0f} ms, {result['errors']} errors",
        flush=True,
    )
    return result


def compare(bench, prepared: dict, work: Path) -> dict:
    """Each pair of pages under gunicorn, 2 workers each, COMPARE_CLIENTS clients, ours then Trac's."""
    from .load_users import signed_in_manager
    from .pages import page_urls

    manager = signed_in_manager(bench, password=LOAD_PASSWORD)
    ours = page_urls(bench)
    print(f"== Over HTTP against Trac: {COMPARE_CLIENTS} clients, {COMPARE_ROUNDS} rounds", flush=True)
    with our_server(log=work / "serve.log") as base, trac_server(prepared, log=work / "trac.log") as trac:
        pairs = [
            {
                "name": f"{name}-{key}",
                "ours": {"base": base, "path": ours[name], "user": manager},
                "trac": {"base": trac, "path": prepared["pages"][name][key]},
                "ours_page": name,
                "trac_page": key,
            }
            for name, keys in PAIRS.items()
            for key in keys
        ]
        spec = {
            "mode": "pages",
            "pairs": pairs,
            "clients": COMPARE_CLIENTS,
            "seconds": COMPARE_SECONDS,
            "rounds": COMPARE_ROUNDS,
        }
        results = run_client(spec, work)
    return {
        "clients": COMPARE_CLIENTS,
        "seconds": COMPARE_SECONDS,
        "rounds": COMPARE_ROUNDS,
        "pairs": {
            p["name"]: {**results[p["name"]], "ours_page": p["ours_page"], "trac_page": p["trac_page"]}
            for p in pairs
        },
    }
