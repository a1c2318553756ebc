"""Board packs in `make bench`: the time and peak memory to build a pack's content and each of its files,
for the demo's March 2021 Stockport monthly pack and for the large synthetic plan's latest reported period.

- The content (`boardpacks.content.build_content`, reading the data as reported) is timed in the
  benchmark's process, which holds the database; its peak memory is the peak of Python's allocations
  during one more run (tracemalloc).
- Each format is rendered from that content (saved as JSON) in a fresh subprocess of its own
  (`python -m bench.boardpacks render FMT CONTENT.json N`): one first render (imports, fonts), then N timed
  ones; its peak memory is the subprocess's peak resident size (VmHWM) less its size before the
  first render, so the C libraries' memory (WeasyPrint's Pango, for one) counts too.
- A format whose renderer is not in this installation (NotImplementedError) is left out with a note.

`bench/django_run.py` calls `measure_packs(bench)`; `bench/report.py` writes `report_lines(runs)` into
docs/performance.md. Run alone (builds the synthetic area and loads the demo in a database of its own,
prints the table; about two minutes plus the renders):

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.boardpacks

Importable without Django set up (the report is written in the parent process).
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("pdf", "docx", "xlsx")
CONTENT_REPEAT = int(os.environ.get("BENCH_PACK_CONTENT_REPEAT", "5"))
FORMAT_REPEAT = {"pdf": 3, "docx": 5, "xlsx": 5}  # timed renders after the first
TARGETS_S = {"pdf": 10.0, "docx": 3.0, "xlsx": 3.0}  # for the large plan's pack
PACK_NAME = "Monthly SEND board pack"
MIB = 1024 * 1024


def _stats(seconds: list[float]) -> dict[str, Any]:
    return {
        "n": len(seconds),
        "median_s": statistics.median(seconds),
        "p95_s": statistics.quantiles(seconds, n=100, method="inclusive")[94]
        if len(seconds) > 1
        else seconds[0],
        "min_s": min(seconds),
    }


def _status_bytes(field: str) -> int:
    """A size from /proc/self/status in bytes (Linux): VmRSS, the resident size now; VmHWM, its peak since
    the process started its program (unlike getrusage's, which keeps the forking parent's peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def render_main(fmt: str, content_path: str, repeat: str) -> None:
    """In a subprocess: render one format of the content N+1 times; print the times and memory as JSON."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from boardpacks.formats import renderer

    content = json.loads(Path(content_path).read_text())
    render = renderer(fmt)
    before = _status_bytes("VmRSS")
    try:
        start = time.perf_counter()
        data = render(content)
        first = time.perf_counter() - start
    except NotImplementedError:
        print(json.dumps({"skipped": f"boardpacks/formats/{fmt}.py is not written in this installation"}))
        return
    times = []
    for _ in range(int(repeat)):
        start = time.perf_counter()
        render(content)
        times.append(time.perf_counter() - start)
    peak = _status_bytes("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        json.dumps(
            {
                "first_s": first,
                **_stats(times),
                "bytes": len(data),
                "rss_before_mib": before / MIB,
                "peak_rss_mib": peak / MIB,
                "peak_mib": (peak - before) / MIB if before else None,
            }
        )
    )


def _render_in_subprocess(fmt: str, content_path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.boardpacks", "render", fmt, str(content_path), str(FORMAT_REPEAT[fmt])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"failed": (done.stderr.strip().splitlines() or ["no message"])[-1][:300]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _sizes(content: dict[str, Any]) -> dict[str, int]:
    """How much the pack shows: rows of its longest tables."""
    sections = content["sections"]
    exceptions = sections.get("exceptions", {})
    return {
        "sections": len(content["pack"]["sections"]),
        "overview_rows": len(sections.get("rag_overview", {}).get("rows", [])),
        "exceptions": sum(len(exceptions.get(key, [])) for key in ("red", "overdue", "slipped")),
        "highlight_rows": sum(len(r["rows"]) for r in sections.get("highlights", {}).get("reports", [])),
        "measures": len(sections.get("scorecard", {}).get("measures", [])),
        "red_risks": len(sections.get("risks", {}).get("red", [])),
        "voice_entries": len(sections.get("voice", {}).get("entries", [])),
    }


def _measure_pack(label: str, template: Any, period: Any, out_dir: Path) -> dict[str, Any]:
    from django.utils import timezone

    from boardpacks.content import build_content

    def build() -> dict[str, Any]:
        return build_content(
            template=template,
            period=period,
            meeting_date=date(2021, 4, 20),
            matters="The board is asked to note progress.",
            made_at=timezone.now(),
        )

    result: dict[str, Any] = {"pack": f"{template.name}, {period.name}", "area": template.area.name}
    try:
        times = []
        for _ in range(CONTENT_REPEAT):
            start = time.perf_counter()
            content = build()
            times.append(time.perf_counter() - start)
    except NotImplementedError:
        result["skipped"] = "boardpacks/content/builder.py is not written in this installation"
        print(f"  {label}: {result['skipped']}", flush=True)
        return result
    tracemalloc.start()
    build()
    result["content"] = {**_stats(times), "peak_mib": tracemalloc.get_traced_memory()[1] / MIB}
    tracemalloc.stop()
    content_path = out_dir / f"pack-content-{label}.json"
    content_path.write_text(json.dumps(content))
    result["content"]["json_bytes"] = content_path.stat().st_size
    result["sizes"] = _sizes(content)
    print(f"  {label} pack content: {result['content']['median_s']:.2f} s median", flush=True)
    for fmt in FORMATS:
        result[fmt] = _render_in_subprocess(fmt, content_path)
        shown = (
            result[fmt].get("skipped")
            or result[fmt].get("failed")
            or f"{result[fmt]['median_s']:.2f} s median"
        )
        print(f"  {label} pack {fmt}: {shown}", flush=True)
    return result


def _demo_pack() -> tuple[Any, Any] | str:
    """Stockport's default pack and its March 2021 period, loading the demo if it is not there."""
    import io

    from django.core.management import call_command

    from areas.models import LocalArea
    from boardpacks import rules
    from boardpacks.models import PackTemplate
    from boardpacks.services import template_create

    if not LocalArea.objects.filter(slug="stockport").exists():
        start = time.perf_counter()
        call_command("load_demo", stdout=io.StringIO())
        print(f"  loaded the demo in {time.perf_counter() - start:.1f} s", flush=True)
    area = LocalArea.objects.get(slug="stockport")
    template = PackTemplate.objects.filter(area=area, is_default=True).select_related("area", "plan").first()
    if template is None:  # a demo without board packs: the monthly pack as the demo sets it up
        template = template_create(
            area=area,
            plan=area.plans.get(),
            name=PACK_NAME,
            audience="SEND Improvement Board",
            title="SEND Written Statement of Action: progress update",
            meeting="SEND Improvement Board",
            frequency="monthly",
            sections=rules.DEFAULT_SECTIONS,
            is_default=True,
        )
    period = template.plan.periods.filter(ends_on=date(2021, 3, 31)).first()
    if period is None:
        return "the demo has no March 2021 period"
    return template, period


def _large_pack(bench: Any) -> tuple[Any, Any]:
    from boardpacks import rules
    from boardpacks.models import PackTemplate
    from boardpacks.services import template_create

    template = PackTemplate.objects.filter(area=bench.area, name=PACK_NAME).first() or template_create(
        area=bench.area,
        plan=bench.plan,
        name=PACK_NAME,
        audience="SEND Improvement Board",
        title="Written Statement of Action: progress report",
        meeting="SEND Improvement Board",
        frequency="monthly",
        sections=rules.DEFAULT_SECTIONS,
        is_default=True,
    )
    return template, bench.reported_period


def measure_packs(bench: Any) -> dict[str, Any]:
    """Time the demo's pack and the large plan's pack (see the module's docstring)."""
    from django.conf import settings

    out_dir = Path(settings.BENCH_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    print("== Board packs", flush=True)
    results: dict[str, Any] = {}
    demo = _demo_pack()
    if isinstance(demo, str):
        results["demo"] = {"skipped": demo}
    else:
        results["demo"] = _measure_pack("demo", *demo, out_dir)
    results["large"] = _measure_pack("large", *_large_pack(bench), out_dir)
    return results


def _s(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def _mib(value: float | None) -> str:
    return "" if value is None else f"{value:.0f} MiB"


def _size(value: int) -> str:
    return f"{value / 1024:.0f} KiB" if value < MIB else f"{value / MIB:.1f} MiB"


def _step_row(database: str, case: str, step: str, found: dict[str, Any], size: str, target: str) -> str:
    if "skipped" in found or "failed" in found:
        return f"| {database} | {case} | {step} | {found.get('skipped') or found.get('failed')} | | | | | |"
    first = _s(found["first_s"]) if "first_s" in found else ""
    return (
        f"| {database} | {case} | {step} | {_s(found['median_s'])} | {_s(found['p95_s'])} | {first} "
        f"| {_mib(found.get('peak_mib'))} | {size} | {target} |"
    )


def report_lines(runs: dict[str, Any]) -> list[str]:
    """The board packs' section of docs/performance.md."""
    measured = {label: run["boardpacks"] for label, run in runs.items() if "boardpacks" in run}
    if not measured:
        return ["Not measured in this run."]
    lines = [
        "Two packs, each made as `boardpacks.services.pack_make` makes it: its content from the data as "
        "reported (`build_content`, timed in the benchmark's process, "
        f"{CONTENT_REPEAT} runs), then each file rendered from that content alone, in a fresh process per "
        f"format (a first render, then {FORMAT_REPEAT['pdf']} timed for PDF and {FORMAT_REPEAT['docx']} for "
        "Word and Excel). Peak memory: for the content, the peak of Python's allocations (tracemalloc) "
        "during one more run; for a file, how far the rendering process's resident size rose above its "
        "size before the first render (VmHWM). Targets for the large plan's pack: "
        + ", ".join(f"{fmt.upper()} under {limit:.0f} s" for fmt, limit in TARGETS_S.items())
        + ".",
        "",
    ]
    first = next(iter(measured.values()))
    for case, title in (("demo", "The demo's pack"), ("large", "The large plan's pack")):
        found = first.get(case, {})
        sizes = found.get("sizes")
        if sizes:
            lines.append(
                f"- **{title}**: {found['pack']} ({found['area']}): {sizes['sections']} sections, "
                f"{sizes['overview_rows']} top-level items, {sizes['exceptions']:,} exception rows, "
                f"{sizes['highlight_rows']} highlight rows, {sizes['measures']} measures, "
                f"{sizes['red_risks']} red risks, {sizes['voice_entries']:,} \u201cYou said, we did\u201d "
                "entries."
            )
    lines += [
        "",
        "| Database | Pack | Step | Median | p95 | First run | Peak memory | Size | Target |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    for label, packs in measured.items():
        for case, title in (("demo", "Demo (Stockport, March 2021)"), ("large", "Large plan")):
            found = packs.get(case, {})
            if "content" not in found:
                lines.append(_step_row(names.get(label, label), title, "Content", found, "", ""))
                continue
            content = found["content"]
            lines.append(
                _step_row(names[label], title, "Content", content, f"{_size(content['json_bytes'])} JSON", "")
            )
            for fmt in FORMATS:
                result = found.get(fmt, {"skipped": "not measured"})
                target = ""
                if case == "large" and "median_s" in result:
                    met = result["median_s"] < TARGETS_S[fmt]
                    target = f"< {TARGETS_S[fmt]:.0f} s: {'**met**' if met else '**not met**'}"
                size = _size(result["bytes"]) if "bytes" in result else ""
                lines.append(_step_row(names[label], title, fmt.upper(), result, size, target))
    return lines


def main() -> None:
    """Alone: a database of its own, the synthetic area and the demo, the packs measured and printed."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from .generate import FULL, build_area

    Path(settings.BENCH_DIR).mkdir(parents=True, exist_ok=True)
    test = settings.DATABASES["default"]["TEST"]
    if connection.vendor == "sqlite":
        test["NAME"] = str(Path(settings.BENCH_DIR) / "bench-packs.sqlite3")
    else:
        test["NAME"] = f"{connection.settings_dict['NAME']}_bench_packs"
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(test["NAME"] + suffix).unlink(missing_ok=True)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        start = time.perf_counter()
        bench = build_area(FULL, slug="bench", today=timezone.localdate())
        print(f"  built the area in {time.perf_counter() - start:.1f} s", flush=True)
        results = measure_packs(bench)
    finally:
        if connection.vendor != "sqlite":
            connection.creation.destroy_test_db(old_name, verbosity=0)
    out = Path(settings.BENCH_DIR) / "boardpacks.json"
    out.write_text(json.dumps(results, indent=2))
    label = "sqlite" if connection.vendor == "sqlite" else "postgresql"
    print("\n".join(report_lines({label: {"boardpacks": results}})))
    print(f"== Wrote {out}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["render"]:
        render_main(*sys.argv[2:5])
    else:
        main()
