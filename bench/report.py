"""Writing docs/performance.md from the measurements of bench/django_run.py."""

import math
import os
import platform
import re
from datetime import date
from pathlib import Path

import django

from .boardpacks import report_lines as board_pack_lines
from .jobs_import import import_jobs_table
from .pack_pages import PACK_PAGES
from .pages import ALL_PAGES, CYCLE_PAGES, OUR_PAGES, REGISTER_PAGES, SCORECARD_PAGES
from .report_http import compare_lines, load_lines

# Trac's pages: name -> (what it is, whether it is the one our page is judged against)
TRAC_PAGES = {
    "overview": ("report of milestone tickets counted by area of weakness and status (SQL report)", True),
    "roadmap": ("roadmap: 400 Trac milestones (one per key action) with progress bars", False),
    "item": ("ticket page of the key action (anonymous)", True),
    "milestones_filtered": ("query component = workstream, type = Milestone, 100 a page", True),
    "milestones_filtered_all": ("the same query with max=2000: all rows on one page", False),
    "milestones_filtered_csv": ("the same query as CSV", True),
    "milestones": ("query type = Milestone, 100 a page", True),
    "milestones_csv": ("query type = Milestone as CSV", True),
}


def _ratio(value: float, places: int = 2) -> str:
    """Rounded down, so that a ratio just below 2 never reads as 2.00."""
    return f"{math.floor(value * 10**places) / 10**places:.{places}f}"


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _s(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _load(values) -> str:
    return " / ".join(f"{v:.1f}" for v in values)


def _our_table(runs: dict, pages: dict) -> list[str]:
    labels = [label for label, run in runs.items() if "pages" in run]
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    head = "| Page | Shows |"
    rule = "| --- | --- |"
    for label in labels:
        head += f" {names[label]} median ms | {names[label]} p95 ms |"
        rule += " ---: | ---: |"
    head += " SQL queries |"
    rule += " ---: |"
    lines = [head, rule]
    counts = runs["sqlite"]["counts"]
    sizes = {
        **{k: f"{v:,}" if isinstance(v, int) else v for k, v in counts["cycle"].items()},
        "filtered": f"{counts['filtered_milestones']:,}",
        "milestones": f"{counts['by_level'][3]:,}",
        "people": f"{counts['people']:,}",
        "workstreams": counts["workstreams"],
        **{k: f"{v:,}" for k, v in counts.get("scorecard", {}).items()},
        **{k: f"{v:,}" for k, v in counts.get("registers", {}).items()},
    }
    for name, (title, shows) in pages.items():
        row = f"| {title} | {shows.format(**sizes)} |"
        queries = []
        for label in labels:
            page = runs[label]["pages"][name]
            row += f" {_ms(page['median_ms'])} | {_ms(page['p95_ms'])} |"
            queries.append(str(page["queries"]))
        row += f" {' / '.join(dict.fromkeys(queries))} |"
        lines.append(row)
    return lines


def _import_table(runs: dict) -> list[str]:
    labels = [label for label, run in runs.items() if "import_export" in run]
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    lines = [
        "| Step | " + " | ".join(f"{names[x]} time | {names[x]} SQL statements" for x in labels) + " |",
        "| --- | " + " | ".join("---: | ---:" for _ in labels) + " |",
    ]
    steps = [
        ("Export the plan to .xlsx (`export_plan`)", "export_original_s", "export_original_queries"),
        ("Read the .xlsx back (`read_plan_file`)", "read_s", None),
        ("Import it into a new, empty area (`plan_import`)", "import_s", "import_queries"),
        ("Read it again", "reread_s", None),
        ("Re-import it unchanged (`plan_import`, nothing to write)", "reimport_s", "reimport_queries"),
        ("Export the imported plan to .xlsx (median of 3)", "export_s", "export_queries"),
        ("Export the imported plan to .zip of CSV (median of 3)", "export_zip_s", None),
    ]
    for title, seconds, queries in steps:
        row = f"| {title} |"
        for label in labels:
            result = runs[label]["import_export"]
            row += f" {_s(result[seconds])} | {result[queries] if queries else ''} |"
        lines.append(row)
    row = "| **Import from the file: read + import** |"
    for label in labels:
        result = runs[label]["import_export"]
        row += f" **{_s(result['read_s'] + result['import_s'])}** | |"
    lines.append(row)
    row = "| **Re-import unchanged: read + import** |"
    for label in labels:
        result = runs[label]["import_export"]
        row += f" **{_s(result['reread_s'] + result['reimport_s'])}** | |"
    lines.append(row)
    return lines


def _trac_section(run: dict) -> list[str]:
    trac = run.get("trac")
    if not trac:
        return ["Trac was left out of this run (BENCH_NO_TRAC is set)."]
    if "skipped" in trac:
        return [f"**Trac was not measured: {trac['skipped']}.** Our own numbers above stand alone."]
    ours, theirs = run["pages"], trac["pages"]
    lines = [
        f"Trac {trac['version']} (Python {trac['python']}, from PyPI into `var/bench/trac-venv`), its "
        f"environment made by `trac-admin initenv` on SQLite, holding the same plan: "
        f"{trac['tickets']:,} tickets, one per item (type = the item's level, component = its workstream, "
        "owner = its first owner's initials, milestone = its key action, a custom `due` date field, "
        "keywords = its area of weakness; RAG status as Trac status: not started = new, progressing = "
        f"accepted, completed = closed). Loading it took {_s(trac['load_s'])}. Trac's pages are "
        "requested through its WSGI application (`trac.web.main.dispatch_request`) in-process, keeping "
        "one browser's cookies, anonymous (Trac's default permissions let anonymous view tickets, "
        "queries, reports and the roadmap). Each Trac page was timed in turn with ours, "
        f"{run['rounds']} rounds each, after {run['warmup']} warm-up requests.",
        "",
        "Ratio = Trac's median / our median: above 1 we are faster. The yardstick is 2, judged on the "
        "median wall-clock time. The CPU column is the median processor time of the serving process "
        "(both serve in-process on SQLite, so it includes the database's work); it moves less than "
        "wall-clock time when other work shares the machine.",
        "",
        "| Our page | median / p95 ms | Trac page | median / p95 ms | ratio (median) | ratio (p95) "
        "| CPU ms, ours / Trac's (ratio) | at least 2x? |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    verdicts = []
    for key, (title, judged) in TRAC_PAGES.items():
        if key not in theirs:
            continue
        page = theirs[key]
        mine = ours[page["ours"]]
        ratio = page["median_ms"] / mine["median_ms"]
        ratio95 = page["p95_ms"] / mine["p95_ms"]
        cpu_ratio = page["cpu_median_ms"] / mine["cpu_median_ms"]
        meets = ratio >= 2
        verdict = ("**yes**" if meets else "**no**") if judged else "(for reference)"
        if judged and meets != (cpu_ratio >= 2):
            verdict += f" (by CPU time: {'yes' if cpu_ratio >= 2 else 'no'})"
        if judged:
            verdicts.append((OUR_PAGES[page["ours"]][0], meets, ratio, cpu_ratio))
        lines.append(
            f"| {OUR_PAGES[page['ours']][0]} | {_ms(mine['median_ms'])} / {_ms(mine['p95_ms'])} "
            f"| {title}: `{page['url']}` | {_ms(page['median_ms'])} / {_ms(page['p95_ms'])} "
            f"| {_ratio(ratio)} | {_ratio(ratio95)} "
            f"| {_ms(mine['cpu_median_ms'])} / {_ms(page['cpu_median_ms'])} "
            f"({_ratio(cpu_ratio)}) | {verdict} |"
        )
    met = [f"{name} ({_ratio(ratio)}x)" for name, ok, ratio, _ in verdicts if ok]
    missed = [f"{name} ({_ratio(ratio)}x)" for name, ok, ratio, _ in verdicts if not ok]
    disputed = [name for name, ok, _, cpu in verdicts if ok != (cpu >= 2)]
    lines += ["", "**Verdict.**"]
    if not missed:
        lines.append(f"Every compared page is at least twice as fast as Trac's: {', '.join(met)}.")
    else:
        slower = " (below 1: Trac is faster)." if any(r < 1 for _, _, r, _ in verdicts) else "."
        if met:
            lines.append(
                f"We do **not** meet the yardstick on every page. At least twice as fast as Trac: "
                f"{', '.join(met)}. Not twice as fast: {', '.join(missed)}{slower}"
            )
        else:
            lines.append(
                "We do **not** meet the yardstick on any of the compared pages. Trac's median time over "
                f"ours: {', '.join(missed)}{slower}"
            )
    if disputed:
        lines += [
            "",
            f"Too close to call: {', '.join(disputed)}, where the wall-clock and the CPU-time ratios "
            "fall on different sides of 2 (run again on an idle machine to settle it).",
        ]
    lines += [
        "",
        "Trac's SQL statements per request (counted in its cursor): "
        + ", ".join(f"{key} {page['queries']}" for key, page in theirs.items())
        + ".",
        "",
        "How the pages compare. The overview's analogue is a Trac SQL report doing the same count "
        "(lowest-level tickets by area of weakness and status, and overdue); Trac's own overview, the "
        "roadmap, is shown for reference: with one Trac milestone per key action it draws 400 progress "
        "bars, far more than our 40 rows. Our milestones list shows 100 rows a page, like Trac's query "
        "(whose default is also 100); the max=2000 query (all the workstream's rows on one page) is for "
        "reference. Our item page is the programme manager's (edit buttons, 5 milestones, history); "
        "Trac's ticket page is the anonymous one (no edit form).",
    ]
    return lines


def _query_section(run: dict) -> list[str]:
    pages = run["pages"]
    lines = [
        "The number of SQL statements per page does not depend on the plan's size: "
        "`tests/test_query_counts.py` builds a plan of 2 areas of weakness (130 items) and one of 10 "
        "(650 items), each with 3 reported periods and an open one, with the same generator "
        "(`bench/generate.py`) and checks that every page below makes the same number of queries for both; "
        "and, for the history, that the small plan with 9 reported periods makes as many as with 3. "
        f"At the benchmark's size (2,520 items, {run['counts']['cycle']['periods']} periods):",
        "",
        "| Page | SQL queries | Most repeated statement (same SQL but for ids) |",
        "| --- | ---: | --- |",
    ]
    for name, (title, _) in ALL_PAGES.items():
        page = pages[name]
        table = re.search(r'FROM "(\w+)"', page["most_repeated_sql"])
        repeated = (
            f"{page['most_repeated']}x, from `{table.group(1) if table else '?'}`"
            if page["most_repeated"] > 1
            else "none repeated"
        )
        lines.append(f"| {title} | {page['queries']} | {repeated} |")
    lines += [
        "",
        "Every page's first three queries are the session, the user and the membership "
        "(`areas.access.area_view`). A statement repeated a fixed number of times whatever the size is "
        "not an N+1 (the overview reads the RAG statuses for its counts and again for the trend; the "
        "milestones pages for the filter and again for the form; the open period's pages read which "
        "statuses count as done for the list and again for the summary).",
    ]
    return lines


def _history_paragraph(run: dict) -> list[str]:
    """The monthly cycle's data: the plan's 2,000 milestones with 24 periods of history."""
    counts = run["counts"]
    c = counts["cycle"]
    return [
        "The same plan has a history of the monthly cycle (`bench/history.py`): "
        f"{c['reported_periods']} monthly periods reported to the board, {c['first_period']} to "
        f"{c['reported_period']}, and {c['open_period']} open, so {counts['by_level'][3]:,} milestones "
        f"with {c['reported_periods']} periods of history each. Each reported period froze a rating for "
        f"every item ({c['ratings']:,} in all), the statuses moving month by month (mostly forward, "
        f"sometimes back). There are {c['updates']:,} updates: in each reported period, confirmed ones "
        "on most items that had a status and were not done; in the open period, "
        f"{c['open_updates']:,} on about 70% of the owned, not-done key actions and milestones "
        f"({c['open_confirmed']:,} confirmed or changed in challenge, the rest waiting for challenge), "
        f"so {c['missing']:,} of {c['expected']:,} expected updates are missing. The evidence bank "
        f"holds {c['evidence']} pieces of evidence, linked to updates {c['evidence_links']} times; "
        f"workstream {run['workstream']}'s highlight report for {c['open_period']} has "
        f"{c['highlight_rows']} rows. All of it is written with `bulk_create`, as the plan is (the "
        "build time is under What is measured). The update and challenge forms are for milestone "
        f"{c['updated_item']}, whose update waits for challenge; the filtered pages use workstream "
        f"{run['workstream']}.",
    ]


def _scorecard_paragraph(run: dict) -> list[str]:
    c = run["counts"]["scorecard"]
    return [
        f"The same area has a scorecard (`bench/scorecard.py`): {c['measures']} measures linked to 7 "
        f"outcomes, {c['breakdowns']} breakdowns each, two targets per breakdown, and the area's figure "
        f"for each of {c['measure_periods']} months per breakdown (one in 40 suppressed), with England's "
        f"and the region's for the headline breakdown: {c['figures']:,} figures. The scorecard page rates "
        "every measure on its headline breakdown each time it is shown (ratings are not stored); "
        "`tests/test_query_counts.py` checks its queries do not grow with measures, months or breakdowns.",
    ]


def _england_section(runs: dict) -> list[str]:
    lines = [
        "### Rating every measure of all 153 areas of England",
        "",
    ]
    first = next((run["england"] for run in runs.values() if "england" in run), None)
    if first is None:
        return [*lines, "Not measured in this run."]
    lines += [
        f"{first['areas']} areas, each with {first['measures_per_area']} measures and {first['periods']} "
        f"months of figures with England and regional comparators ({first['figures']:,} figures in all), "
        "are rated as the scorecard page rates them (`scorecard.selectors.area_scorecard`: read, assess, "
        "group and summarise), one area after another.",
        "",
        "| Database | Measures rated | Total | Median per area | p95 per area | Building the data |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs.values():
        if "england" in run:
            e = run["england"]
            lines.append(
                f"| {run['database']['label']} | {e['rated']:,} | {_s(e['total_s'])} | "
                f"{_ms(e['per_area_median_ms'])} ms | {_ms(e['per_area_p95_ms'])} ms | {_s(e['build_s'])} |"
            )
    return lines


def write_report(path: Path, runs: dict, runtime: float) -> None:
    sqlite = runs["sqlite"]
    if "failed" in sqlite:
        body = ["# Performance", "", f"`make bench` failed: {sqlite['failed']}. No numbers this time."]
        path.write_text("\n".join(body) + "\n")
        return
    counts = sqlite["counts"]
    by_level = counts["by_level"]
    databases = [
        f"{run['database']['label']} ({run['database']['detail']})"
        for run in runs.values()
        if "database" in run
    ]
    lines = [
        "# Performance",
        "",
        f"Written by `make bench` on {date.today():%-d %B %Y} (`bench/`); run it again to update. "
        f"The whole run took {runtime / 60:.1f} minutes.",
        "",
        "## What is measured",
        "",
        f"- **Data**: one synthetic local area (`bench/generate.py`): a four-level plan of "
        f"{counts['items']:,} items ({by_level[0]} areas of weakness, {by_level[1]} priorities, "
        f"{by_level[2]} key actions, {by_level[3]:,} milestones), {counts['people']} people as owners, "
        f"{counts['workstreams']} workstreams, statuses from a four-status RAG scheme, due dates from 2019 "
        f"to 2027, and one history entry per item ({counts['changes']:,}). The filtered lists use "
        f"workstream {sqlite['workstream']} ({counts['filtered_milestones']} milestones); the item page "
        f"is key action {sqlite['item']}. With its history of the monthly cycle (below), the area took "
        + ", ".join(
            f"{_s(run['generate_s'])} to build on {run['database']['label'].split()[0]}"
            for run in runs.values()
            if "generate_s" in run
        )
        + ".",
        "- **Pages**: through Django's test client in-process (WSGI, no network), signed in as a "
        "programme manager of the area, with the production middleware and DEBUG off "
        "(`bench/settings.py`). Per page: "
        f"{sqlite['warmup']} warm-up requests, one request whose SQL is captured "
        f"(`CaptureQueriesContext`), then {sqlite['repeat']} timed requests in {sqlite['rounds']} "
        "rounds. Median and 95th percentile of the wall-clock time of each request, in milliseconds.",
        f"- **Databases**: {'; '.join(databases)}."
        + (
            ""
            if "postgresql" in runs
            else " PostgreSQL runs too when `DATABASE_URL` is set (`DATABASE_URL=... make bench`)."
        ),
        f"- **Machine**: {os.cpu_count()} cores ({_cpu_model()}), Python {platform.python_version()}, "
        f"Django {django.get_version()}. Load average (1/5/15 min) before the pages: "
        f"{_load(sqlite['load_before'])}; after them: {_load(sqlite['load_after_pages'])}. "
        + (
            f"The machine's processors were {sqlite['machine_busy']:.0%} busy while the pages were timed "
            f"(the benchmark alone keeps one core busy: {1 / (os.cpu_count() or 1):.0%}). "
            if "machine_busy" in sqlite
            else ""
        )
        + "More than that means other work shared the machine, and the times are higher than on an "
        "idle one; ours and Trac's were taken in turn, so they shared it alike.",
        "",
        "## Our pages",
        "",
        *_our_table(runs, OUR_PAGES),
        "",
        "## The monthly cycle's pages",
        "",
        *_history_paragraph(sqlite),
        "",
        *_our_table(runs, CYCLE_PAGES),
        "",
        "## The scorecard",
        "",
        *_scorecard_paragraph(sqlite),
        "",
        *_our_table(runs, SCORECARD_PAGES),
        "",
        "## The risk register, \u201cYou said, we did\u201d and the public pages",
        "",
        "The plan's risk register holds 300 risks, each with two mitigating actions, three progress notes on "
        "each, a score history and its row as reported last month; the area has 2,000 \u201cYou said, we "
        "did\u201d entries, three in four published, linked to I statements, items, measures and evidence. "
        "The public pages read the area's first publication, made from all of it (`bench/registers.py`). "
        "`tests/test_query_counts.py` checks that each of these pages makes as many queries for 6 risks and "
        "20 entries as for 30 and 100.",
        "",
        *_our_table(runs, REGISTER_PAGES),
        "",
        "## The board pack pages",
        "",
        "A pack of the monthly SEND board pack made from the whole plan (`bench/pack_pages.py`: its "
        "content read from the data as reported, with stand-in files), in three versions over two reported "
        "periods, and the finished job that made it. `tests/test_query_counts.py` checks that each page "
        "makes as many queries for a pack of the small plan as for one of a plan five times larger.",
        "",
        *_our_table(runs, PACK_PAGES),
        "",
        *_england_section(runs),
        "",
        "## Import and export",
        "",
        "The plan is exported with `export_plan`, read back with `read_plan_file`, imported into a new, "
        "empty area with `plan_import` (every item through the services, each with its history entry, "
        "in one transaction), imported again unchanged (compared, nothing written), and the imported "
        f"plan exported. The .xlsx file is {sqlite['import_export']['xlsx_bytes'] / 1024:.0f} KiB; "
        f"the import made {sqlite['import_export']['imported_items']:,} items"
        + (", and the re-import changed nothing." if not sqlite["import_export"]["reimport_changed"] else ".")
        + "",
        "",
        *_import_table(runs),
        "",
        *import_jobs_table(runs),
        "",
        "## Board packs",
        "",
        *board_pack_lines(runs),
        "",
        "## Against Trac 1.6",
        "",
        'The yardstick: "our pages at least twice as fast as Trac 1.6 serving the same amount of data on '
        'the same machine". On SQLite, the same run.',
        "",
        *_trac_section(sqlite),
        "",
        "## Against Trac 1.6 over HTTP",
        "",
        *compare_lines(runs),
        "",
        "## Under load: a partnership's Monday morning over HTTP",
        "",
        *load_lines(runs),
        "",
        "## SQL queries per page",
        "",
        *_query_section(sqlite),
    ]
    failed = [label for label, run in runs.items() if "failed" in run]
    if failed:
        lines += ["", *(f"**{label}: {runs[label]['failed']}.**" for label in failed)]
    path.write_text("\n".join(lines) + "\n")
