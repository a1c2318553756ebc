"""Trac 1.6 on the same data: its own venv (var/bench/trac-venv), an environment, tickets, timings.

Everything Trac runs in that venv through bench/trac_driver.py; this module only starts it.
Returns {"skipped": reason} whenever Trac cannot be installed or run, so `make bench` still
writes our own numbers.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
TRAC_SPEC = "Trac==1.6.*"
GUNICORN_SPEC = "gunicorn==23.0.0"  # Trac under gunicorn, for the comparison over HTTP


def _run(args: list, *, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=timeout, check=False
    )


def _tail(result: subprocess.CompletedProcess) -> str:
    """The last two lines of what a command said: the error, without pages of warnings."""
    lines = (result.stderr or result.stdout).strip().splitlines()
    return " ".join(lines[-2:])[-600:]


def ensure_venv(bench_dir: Path) -> tuple[Path | None, str]:
    """The venv's python with Trac 1.6 importable, installing it if needed; else None and why."""
    venv = bench_dir / "trac-venv"
    python = venv / "bin" / "python"
    check = [
        python,
        "-c",
        "import gunicorn, trac; assert trac.__version__.startswith('1.6'), trac.__version__",
    ]
    if python.exists() and _run(check).returncode == 0:
        return python, "already installed"
    print(f"== Installing {TRAC_SPEC} and {GUNICORN_SPEC} into {venv}", flush=True)
    made = _run(["python3", "-m", "venv", "--clear", venv])
    if made.returncode != 0:
        return None, f"python3 -m venv failed: {_tail(made)}"
    installed = _run(
        [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", TRAC_SPEC, GUNICORN_SPEC]
    )
    if installed.returncode != 0:
        return None, f'pip install "{TRAC_SPEC}" "{GUNICORN_SPEC}" failed: {_tail(installed)}'
    if _run(check).returncode != 0:
        return None, "Trac 1.6 and gunicorn installed but do not import"
    return python, "installed now"


def _query(**params) -> str:
    columns = [("col", c) for c in ("id", "summary", "due", "component", "owner", "status")]
    return "/query?" + urlencode([*params.items(), *columns, ("order", "id")])


def prepare(bench_dir: Path, data_path: Path) -> dict:
    """A fresh Trac environment holding the plan as tickets, and the Trac page for each of ours.

    Returns {"skipped": why} if Trac cannot be had; else what `TracServer` needs and the pages.
    """
    python, how = ensure_venv(bench_dir)
    if python is None:
        return {"skipped": how}
    # A copy beside the data: run from bench/, the script would import bench/trac.py as "trac".
    driver = bench_dir / "trac_driver.py"
    shutil.copyfile(HERE / "trac_driver.py", driver)
    shutil.copyfile(HERE / "trac_wsgi.py", bench_dir / "trac_wsgi.py")
    env = bench_dir / "trac-env"
    shutil.rmtree(env, ignore_errors=True)
    made = _run([python.parent / "trac-admin", env, "initenv", "Benchmark", "sqlite:db/trac.db"])
    if made.returncode != 0:
        return {"skipped": f"trac-admin initenv failed: {_tail(made)}"}
    ids_path = bench_dir / "trac-ids.json"
    loaded = _run([python, driver, "load", env, data_path, ids_path])
    if loaded.returncode != 0:
        return {"skipped": f"loading the tickets into Trac failed: {_tail(loaded)}"}
    ids = json.loads(ids_path.read_text())
    data = json.loads(data_path.read_text())
    lowest = data["level_names"][-1]
    component = data["filter_workstream"]
    version = _run([python, "-c", "import sys, trac; print(trac.__version__, sys.version.split()[0])"])
    trac_version, python_version = version.stdout.split()
    return {
        "python_path": str(python),
        "driver": str(driver),
        "env": str(env),
        "version": trac_version,
        "python": python_version,
        "venv": how,
        "tickets": len(ids["tickets"]),
        # Trac's page(s) for each of ours, the first being the one compared.
        "pages": {
            "overview": {
                "overview": f"/report/{ids['report']}",
                "roadmap": "/roadmap",
            },
            "item": {"item": f"/ticket/{ids['tickets'][data['item_number']]}"},
            "milestones_filtered": {
                "milestones_filtered": _query(component=component, type=lowest, max=100),
                "milestones_filtered_all": _query(component=component, type=lowest, max=2000),
            },
            "milestones_filtered_csv": {
                "milestones_filtered_csv": _query(component=component, type=lowest, format="csv")
            },
            "milestones": {"milestones": _query(type=lowest, max=100)},
            "milestones_csv": {"milestones_csv": _query(type=lowest, format="csv")},
        },
    }


class TracServer:
    """Trac's WSGI app in a process of the Trac venv, timing the pages it is asked for."""

    def __init__(self, prepared: dict):
        self.process = subprocess.Popen(
            [prepared["python_path"], prepared["driver"], "serve", prepared["env"]],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=sys.stderr,
            text=True,
            bufsize=1,
        )

    def measure(self, url: str, *, repeat: int, warmup: int) -> dict:
        self.process.stdin.write(json.dumps({"url": url, "repeat": repeat, "warmup": warmup}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            return {"error": "the Trac process stopped"}
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
