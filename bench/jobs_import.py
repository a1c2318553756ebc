"""The large plan import through the background task, as a user meets it: from the job being started
(the upload page, then the confirm) to the job being done, with the real database worker
(`manage.py db_worker --batch`, in this process) between them.

`import_through_jobs(bench)` measures it for `bench.django_run` (results["import_jobs"]);
`import_jobs_table(runs)` writes its table for docs/performance.md. On its own, for a quick look
without the rest of the bench (the same plan of 2,520 items, little else):

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.jobs_import
"""

import json
import os
import secrets
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .generate import BenchArea


def _worker() -> None:
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _timed_job(start: Any) -> tuple[Any, float]:
    """Start a job, run the worker until the queue is empty; the job and the seconds from start to done."""
    began = time.perf_counter()
    job = start()
    _worker()
    seconds = time.perf_counter() - began
    job.refresh_from_db()
    if job.state != job.State.DONE:
        raise SystemExit(f"The background import job {job.label!r} ended {job.state}: {job.message}")
    return job, seconds


def _preview_page_s(area: Any, user: Any, token: str, check: Any) -> float:
    """The preview page the check leads to, as the programme manager opens it: seconds to answer."""
    from django.test import Client
    from django.urls import reverse

    from areas.models import Membership

    Membership.objects.create(user=user, area=area, role=Membership.Role.PROGRAMME_MANAGER)
    from .two_step import verify_session

    client = Client()
    client.force_login(user)
    verify_session(client, user)
    session = client.session
    session["plan_imports"] = {token: {"area": area.slug, "name": "bench.xlsx", "job": str(check.pk)}}
    session.save()
    began = time.perf_counter()
    response = client.get(reverse("plans:import-preview", kwargs={"area": area.slug, "token": token}))
    seconds = time.perf_counter() - began
    if response.status_code != 200:
        raise SystemExit(f"The import's preview page answered {response.status_code}")
    return seconds


def import_through_jobs(bench: "BenchArea") -> dict:
    """Check and import the bench plan's .xlsx into a new area through the background jobs."""
    from django_tasks import task_backends

    from areas.models import LocalArea
    from plans.jobs import held_file, import_apply_start, import_preview_start
    from plans.spreadsheet import export_plan

    backend = type(task_backends["default"]).__name__
    if backend != "DatabaseBackend":
        raise SystemExit(f"The bench needs django-tasks' database backend, not {backend}")
    target = LocalArea.objects.create(name="Bench import through jobs", slug="bench-import-jobs")
    token = secrets.token_urlsafe(16)
    held_file(token).parent.mkdir(parents=True, exist_ok=True)
    xlsx = export_plan(bench.plan, "xlsx")
    held_file(token).write_bytes(xlsx)
    try:
        check, preview_s = _timed_job(
            lambda: import_preview_start(area=target, user=bench.user, token=token, name="bench.xlsx")
        )
        print(f"  import through jobs: checked in {preview_s:.1f} s", flush=True)
        page_s = _preview_page_s(target, bench.user, token, check)
        print(f"  import through jobs: the preview page in {page_s:.2f} s", flush=True)
        imported, apply_s = _timed_job(
            lambda: import_apply_start(
                area=target, user=bench.user, preview_job=check, fingerprint=check.result["fingerprint"]
            )
        )
        print(f"  import through jobs: imported in {apply_s:.1f} s", flush=True)
    finally:
        held_file(token).unlink(missing_ok=True)
    return {
        "xlsx_bytes": len(xlsx),
        "preview_s": preview_s,
        "preview_worker_s": (check.finished_at - check.started_at).total_seconds(),
        "preview_page_s": page_s,
        "preview_json_bytes": len(json.dumps(check.result)),
        "apply_s": apply_s,
        "apply_worker_s": (imported.finished_at - imported.started_at).total_seconds(),
        "imported_items": target.plans.get().items.current().count(),
        "message": imported.message,
    }


def import_jobs_table(runs: dict) -> list[str]:
    """The import through the background task, per database, as Markdown lines."""
    labels = [label for label, run in runs.items() if "import_jobs" in run]
    if not labels:
        return []
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    first = runs[labels[0]]["import_jobs"]
    lines = [
        "### Importing the large plan through the background task",
        "",
        f"The plan's .xlsx ({first['xlsx_bytes'] / 1024:.0f} KiB, {first['imported_items']:,} items) "
        "uploaded into a new, empty area as a user does it: the check (the preview) and the import "
        "each run as a job by the database worker (`manage.py db_worker`). Started to done is what "
        "the user waits on the job's page; in the worker is the handler's own time (reading, "
        "checking, comparing, writing).",
        "",
        "| Step | "
        + " | ".join(f"{names[x]} started to done | {names[x]} in the worker" for x in labels)
        + " |",
        "| --- | " + " | ".join("---: | ---:" for _ in labels) + " |",
    ]
    for title, key in (("Check the file (preview)", "preview"), ("Import it (apply)", "apply")):
        row = f"| {title} |"
        for label in labels:
            result = runs[label]["import_jobs"]
            row += f" {result[key + '_s']:.1f} s | {result[key + '_worker_s']:.1f} s |"
        lines.append(row)
    row = "| Open the preview page the check leads to (reads the check's result) |"
    for label in labels:
        row += f" {runs[label]['import_jobs']['preview_page_s']:.2f} s | |"
    lines.append(row)
    kib = first["preview_json_bytes"] / 1024
    lines += ["", f"The check keeps its preview on the job as JSON: {kib:,.0f} KiB for this plan."]
    return lines


def main() -> None:
    """Build a small area around the full-size plan on the bench database and time its import."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection

    from .generate import Size, build_area

    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            (settings.BENCH_DIR / f"jobs-import.sqlite3{suffix}").unlink(missing_ok=True)
        settings.DATABASES["default"]["TEST"]["NAME"] = str(settings.BENCH_DIR / "jobs-import.sqlite3")
    settings.BENCH_DIR.mkdir(parents=True, exist_ok=True)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        size = Size(periods=1, measures=2, measure_periods=2, breakdowns=1, risks=2, entries=2)
        results = import_through_jobs(build_area(size, slug="bench"))
        print("\n".join(import_jobs_table({connection.vendor: {"import_jobs": results}})))
    finally:
        if connection.vendor != "sqlite":
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
