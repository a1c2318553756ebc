"""Time our pages, the import and the export on one database. bench/__main__.py runs it in a subprocess:

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.django_run OUT.json [trac]

It builds the full synthetic area in a database of its own (bench/settings.py), requests each
page through Django's test client as a programme manager of the area, times the import and
export, and writes the results as JSON to OUT.json. With "trac", it also loads the same plan
into Trac 1.6 (bench/trac.py) and times Trac's pages in turn with ours.
"""

import io
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from .pack_pages import PACK_PAGES

REPEAT = int(os.environ.get("BENCH_REPEAT", "40"))  # timed requests per page, in ROUNDS rounds
ROUNDS = 8
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
TIMED_PAGES = [
    "overview",
    "item",
    "milestones_filtered",
    "milestones_filtered_csv",
    "milestones",
    "milestones_csv",
    "people",
    "workstreams",
    "my_items",
    "person",
    "workstream",
    "periods",
    "period_open",
    "period_open_filtered",
    "period_reported",
    "period_reported_filtered",
    "top_item",
    "outstanding",
    "update",
    "challenge",
    "challenge_bulk",
    "highlight_reports",
    "highlight_report",
    "evidence_list",
    "evidence",
    "scorecard",
    "scorecard_exceptions",
    "measure",
    "measure_chart",
    "scorecard_reported_list",
    "scorecard_reported",
    "scorecard_reported_exceptions",
    "risk_register",
    "risk",
    "risk_heatmap",
    "risk_red",
    "voice_list",
    "voice_list_filtered",
    "voice_entry",
    "public_home",
    "public_scorecard",
    "public_voice",
    "public_feed",
    "public_measures_csv",
]
TIMED_PAGES += list(PACK_PAGES)  # the board pack pages, for a pack of the whole plan (bench/pack_pages.py)
ENGLAND_MEASURES = int(os.environ.get("BENCH_ENGLAND_MEASURES", "120"))  # per area, for all 153 areas
ENGLAND_PERIODS = int(os.environ.get("BENCH_ENGLAND_PERIODS", "6"))  # months of figures per measure
_NUMBERS = re.compile(r"\b\d+\b")


def _stats(wall: list[float], cpu: list[float]) -> dict:
    """Median and 95th percentile of the wall-clock times; the median CPU time of this process."""
    return {
        "n": len(wall),
        "median_ms": statistics.median(wall),
        "p95_ms": statistics.quantiles(wall, n=100, method="inclusive")[94],
        "min_ms": min(wall),
        "cpu_median_ms": statistics.median(cpu),
    }


def _most_repeated(queries) -> tuple[int, str]:
    """The query run most often with only its numbers changed: an N+1 shows here."""
    counts = Counter(_NUMBERS.sub("?", q["sql"]) for q in queries)
    sql, n = counts.most_common(1)[0] if counts else ("", 0)
    return n, sql


class _QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _timed(action):
    """Run action() once: (its result, seconds taken, SQL statements run)."""
    from django.db import connection

    counter = _QueryCounter()
    with connection.execute_wrapper(counter):
        start = time.perf_counter()
        result = action()
        seconds = time.perf_counter() - start
    return result, seconds, counter.count


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat; (0, 0) where there is none."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def _database() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            import sqlite3

            cursor.execute("PRAGMA journal_mode")
            return {
                "vendor": "sqlite",
                "label": f"SQLite {sqlite3.sqlite_version}",
                "detail": f"file {connection.settings_dict['NAME']}, journal_mode={cursor.fetchone()[0]}",
            }
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
        host = connection.settings_dict.get("HOST") or "local socket"
        return {
            "vendor": connection.vendor,
            "label": f"PostgreSQL {version}",
            "detail": f"database {connection.settings_dict['NAME']} on {host}",
        }


def _timed_requests(client, url: str, repeat: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def _time_pages(bench, trac_server=None, trac_pages=None) -> tuple[dict, dict]:
    """Each page: warm-up, one request with its queries captured, then timed requests.

    With Trac, its page(s) for each of ours are timed in turn with ours, ROUNDS times, so a
    change in the machine's load (other work on the same cores) falls on both alike.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .pack_pages import make_pack_pages
    from .pages import page_urls
    from .two_step import verify_session

    client = Client()
    client.force_login(bench.user)
    verify_session(client, bench.user)
    urls = {**page_urls(bench), **make_pack_pages(bench)}
    ours, theirs = {}, {}
    per_round = max(1, REPEAT // ROUNDS)
    for name in TIMED_PAGES:
        url = urls[name]
        for _ in range(WARMUP):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        captured = queries.captured_queries  # read now: the next request empties the log
        repeated, repeated_sql = _most_repeated(captured)
        counterparts = (trac_pages or {}).get(name, {}) if trac_server else {}
        wall, cpu = [], []
        trac_samples = {key: {"wall_ms": [], "cpu_ms": []} for key in counterparts}
        for round_number in range(ROUNDS):
            w, c = _timed_requests(client, url, per_round)
            wall += w
            cpu += c
            for key, trac_url in counterparts.items():
                answer = trac_server.measure(
                    trac_url, repeat=per_round, warmup=WARMUP if round_number == 0 else 0
                )
                if "error" in answer:
                    raise SystemExit(answer["error"])
                trac_samples[key]["wall_ms"] += answer.pop("wall_ms")
                trac_samples[key]["cpu_ms"] += answer.pop("cpu_ms")
                trac_samples[key].update(answer)
        ours[name] = {
            "url": url,
            "queries": len(captured),
            "most_repeated": repeated,
            "most_repeated_sql": repeated_sql[:300],
            "bytes": len(response.content),
            **_stats(wall, cpu),
        }
        line = f"  ours {name:24} {ours[name]['median_ms']:7.1f} ms median, {len(captured):2} queries"
        for key, samples in trac_samples.items():
            theirs[key] = {
                "ours": name,
                **{k: v for k, v in samples.items() if not k.endswith("_ms")},
                **_stats(samples["wall_ms"], samples["cpu_ms"]),
            }
            line += f" | Trac {key}: {theirs[key]['median_ms']:.1f} ms"
        print(line, flush=True)
    return ours, theirs


def _import_export(bench) -> dict:
    from areas.models import LocalArea
    from plans.spreadsheet import export_plan, plan_import, read_plan_file

    results = {}
    xlsx, results["export_original_s"], results["export_original_queries"] = _timed(
        lambda: export_plan(bench.plan, "xlsx")
    )
    results["xlsx_bytes"] = len(xlsx)
    target = LocalArea.objects.create(name="Bench import", slug="bench-import")

    plan_file, results["read_s"], _ = _timed(lambda: read_plan_file(io.BytesIO(xlsx), name="bench.xlsx"))
    if plan_file.problems:
        raise SystemExit(f"The exported plan does not read back: {plan_file.problems[:5]}")
    preview, results["import_s"], results["import_queries"] = _timed(
        lambda: plan_import(area=target, plan_file=plan_file, by=bench.user)
    )
    imported = preview.plan
    results["imported_items"] = imported.items.current().count()
    print(f"  import (new area) {results['read_s'] + results['import_s']:.1f} s", flush=True)

    plan_file, results["reread_s"], _ = _timed(lambda: read_plan_file(io.BytesIO(xlsx), name="bench.xlsx"))
    preview, results["reimport_s"], results["reimport_queries"] = _timed(
        lambda: plan_import(area=target, plan_file=plan_file, by=bench.user)
    )
    results["reimport_changed"] = preview.has_changes
    print(f"  re-import (unchanged) {results['reread_s'] + results['reimport_s']:.1f} s", flush=True)

    exports = [_timed(lambda: export_plan(imported, "xlsx")) for _ in range(3)]
    results["export_s"] = statistics.median(e[1] for e in exports)
    results["export_queries"] = exports[0][2]
    results["export_same_bytes"] = len(exports[0][0])
    zips = [_timed(lambda: export_plan(imported, "zip")) for _ in range(3)]
    results["export_zip_s"] = statistics.median(z[1] for z in zips)
    print(f"  export {results['export_s']:.1f} s (.xlsx), {results['export_zip_s']:.1f} s (.zip)", flush=True)
    return results


def _rate_england(today) -> dict:
    from .scorecard import rate_england

    found = rate_england(measures=ENGLAND_MEASURES, periods=ENGLAND_PERIODS, today=today)
    print(
        f"  rated {found['rated']:,} measures of {found['areas']} areas in {found['total_s']:.1f} s "
        f"({found['per_area_median_ms']:.0f} ms median per area)",
        flush=True,
    )
    return found


def _cycle_counts(bench, today) -> dict:
    """How much history the monthly cycle's pages have to read, for the report."""
    from areas.access import access_for
    from evidence.models import Evidence
    from progress import selectors
    from progress.models import HighlightRow, ReportedRating, Update
    from progress.outstanding import missing_updates

    access = access_for(bench.user, bench.area.slug)
    everything = selectors.PeriodFilters()
    one_workstream = selectors.PeriodFilters(workstream=bench.workstream.pk)
    open_period, reported = bench.open_period, bench.reported_period
    outstanding = missing_updates(open_period, today)
    return {
        "periods": bench.plan.periods.count(),
        "reported_periods": bench.plan.periods.filter(state="reported").count(),
        "ratings": ReportedRating.objects.filter(period__plan=bench.plan).count(),
        "updates": Update.objects.filter(period__plan=bench.plan).count(),
        "open_updates": Update.objects.filter(period=open_period).count(),
        "open_confirmed": Update.objects.filter(period=open_period, confirmed_at__isnull=False).count(),
        "period_items": selectors.period_items(access=access, period=open_period, filters=everything).count(),
        "period_items_filtered": selectors.period_items(
            access=access, period=open_period, filters=one_workstream
        ).count(),
        "reported_rows": selectors.reported_rows(period=reported, filters=everything).count(),
        "reported_rows_filtered": selectors.reported_rows(period=reported, filters=one_workstream).count(),
        "expected": outstanding.expected,
        "missing": outstanding.missing,
        "evidence": Evidence.objects.filter(area=bench.area).count(),
        "evidence_links": Update.evidence.through.objects.filter(evidence__area=bench.area).count(),
        "highlight_rows": HighlightRow.objects.filter(report__period=open_period).count(),
        "challenge_rows": len(
            selectors.challenge_list(
                access=access, period=open_period, workstream_id=bench.workstream.pk, today=today
            ).rows
        ),
        "open_period": open_period.name,
        "reported_period": reported.name,
        "first_period": bench.plan.periods.order_by("starts_on").first().name,
        "updated_item": bench.updated_item.number,
    }


def _trac_data(bench, today) -> dict:
    """The plan's items as plain data, for loading the same plan into Trac."""
    from django.db.models import Prefetch

    from plans.models import Item, ItemOwner

    items = (
        Item.objects.filter(plan=bench.plan)
        .select_related("status")
        .prefetch_related("workstreams", Prefetch("ownerships", ItemOwner.objects.select_related("person")))
        .order_by("sort_key")
    )
    return {
        "level_names": bench.plan.level_names,
        "today": today.isoformat(),
        "created": bench.plan.start_date.isoformat(),
        "item_number": bench.action.number,
        "filter_workstream": bench.workstream.code,
        "workstreams": [
            [w.code, ", ".join(p.initials for p in w.ordered_leads())] for w in bench.area.workstreams.all()
        ],
        "items": [
            {
                "number": i.number,
                "level": i.level,
                "text": i.text,
                "impact": i.impact,
                "evidence": i.evidence,
                "due": i.due_date.isoformat() if i.due_date else "",
                "status": i.status.label if i.status else "",
                "workstreams": sorted(w.code for w in i.workstreams.all()),
                "owners": [o.person.initials for o in i.ownerships.all()],
            }
            for i in items
        ],
    }


def _over_http(bench, prepared: dict | None, bench_dir: Path) -> dict:
    """Under the production server (bench/http_run.py): on PostgreSQL the load test, on SQLite our pages
    beside Trac's (Trac keeps its tickets in SQLite). BENCH_NO_HTTP=1 leaves both out."""
    from django.db import connection

    from . import http_run

    if os.environ.get("BENCH_NO_HTTP"):
        return {"skipped": "BENCH_NO_HTTP is set"}
    if connection.vendor != "sqlite":
        return {"load": http_run.load_test(bench, bench_dir)}
    if prepared is None:
        return {"skipped": "Trac was not measured"}
    return {"compare": http_run.compare(bench, prepared, bench_dir)}


def main(out_path: str, with_trac: str = "") -> None:
    """Build, time and write the results to out_path; with_trac "trac": also Trac, on the same data."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from . import trac
    from .boardpacks import measure_packs
    from .generate import FULL, build_area
    from .jobs_import import import_through_jobs

    bench_dir = settings.BENCH_DIR
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(settings.DATABASES["default"]["TEST"]["NAME"]) + suffix).unlink(missing_ok=True)
    start = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    migrate_s = time.perf_counter() - start
    try:
        today = timezone.localdate()
        database = _database()
        print(f"== {database['label']} ({database['detail']})", flush=True)
        bench, generate_s, _ = _timed(lambda: build_area(FULL, slug="bench", today=today))
        print(f"  built the area in {generate_s:.1f} s", flush=True)
        plan = bench.plan
        counts = {
            "items": plan.items.count(),
            "by_level": [plan.items.filter(level=n).count() for n in range(1, 5)],
            "people": bench.area.people.count(),
            "workstreams": bench.area.workstreams.count(),
            "filtered_milestones": plan.items.filter(level=4, workstreams=bench.workstream).count(),
            "changes": plan.changes.count(),
            "cycle": _cycle_counts(bench, today),
            "registers": bench.registers.counts(),
            "scorecard": {
                "measures": bench.scorecard.measures,
                "measure_periods": bench.size.measure_periods,
                "breakdowns": bench.size.breakdowns,
                "figures": bench.scorecard.figures,
            },
        }
        results = {
            "database": database,
            "today": today.isoformat(),
            "repeat": REPEAT,
            "rounds": ROUNDS,
            "warmup": WARMUP,
            "load_before": os.getloadavg(),
            "migrate_s": migrate_s,
            "generate_s": generate_s,
            "counts": counts,
            "workstream": bench.workstream.code,
            "item": f"{bench.action.number} ({plan.level_name(bench.action.level)})",
        }
        prepared = None
        busy_before, total_before = _cpu_jiffies()
        if with_trac == "trac":
            data_path = bench_dir / "plan-data.json"
            data_path.write_text(json.dumps(_trac_data(bench, today)))
            print("== Trac 1.6: loading the same plan as tickets", flush=True)
            start = time.perf_counter()
            prepared = trac.prepare(bench_dir, data_path)
            results["trac"] = {
                k: v for k, v in prepared.items() if k not in {"pages", "python_path", "driver"}
            }
            results["trac"]["load_s"] = time.perf_counter() - start
            results["trac"]["urls"] = prepared.get("pages", {})
            if "skipped" in prepared:
                print(f"  Trac skipped: {prepared['skipped']}", flush=True)
                prepared = None
        if prepared:
            with trac.TracServer(prepared) as server:
                results["pages"], results["trac"]["pages"] = _time_pages(bench, server, prepared["pages"])
        else:
            results["pages"], _ = _time_pages(bench)
        results["load_after_pages"] = os.getloadavg()
        busy_after, total_after = _cpu_jiffies()
        if total_after > total_before:
            results["machine_busy"] = (busy_after - busy_before) / (total_after - total_before)
        results["import_export"] = _import_export(bench)
        results["import_jobs"] = import_through_jobs(bench)
        results["england"] = _rate_england(today)
        results["boardpacks"] = measure_packs(bench)
        results["http"] = _over_http(bench, prepared, bench_dir)
        results["load_after"] = os.getloadavg()
    finally:
        if connection.vendor != "sqlite":
            connection.creation.destroy_test_db(old_name, verbosity=0)
    Path(out_path).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(*sys.argv[1:])
