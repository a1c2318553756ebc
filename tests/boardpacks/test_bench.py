"""The board packs' section of docs/performance.md (bench/boardpacks.py), from measurements made up here."""

from bench.boardpacks import report_lines


def _format(median: float) -> dict:
    return {"first_s": median + 1, "n": 3, "median_s": median, "p95_s": median + 0.5, "min_s": median,
            "bytes": 300 * 1024, "peak_mib": 42.0}  # fmt: skip


def _pack(pdf: dict) -> dict:
    return {
        "pack": "Monthly SEND board pack, November 2026",
        "area": "Bench bench",
        "content": {
            "n": 5,
            "median_s": 0.5,
            "p95_s": 0.6,
            "min_s": 0.5,
            "peak_mib": 11.0,
            "json_bytes": 2 * 1024**2,
        },
        "sizes": {
            "sections": 9,
            "overview_rows": 40,
            "exceptions": 1140,
            "highlight_rows": 0,
            "measures": 120,
            "red_risks": 39,
            "voice_entries": 90,
        },
        "pdf": pdf,
        "docx": _format(3.5),
        "xlsx": _format(2.3),
    }


def _row(lines: list[str], pack: str, step: str) -> str:
    return next(line for line in lines if f"| {pack} | {step} |" in line)


def test_each_format_of_the_large_plans_pack_is_judged_against_its_target():
    runs = {"sqlite": {"boardpacks": {"demo": _pack(_format(1.0)), "large": _pack(_format(12.0))}}}
    lines = report_lines(runs)
    assert _row(lines, "Large plan", "PDF").endswith("| < 10 s: **not met** |")
    assert _row(lines, "Large plan", "DOCX").endswith("| < 3 s: **not met** |")
    assert _row(lines, "Large plan", "XLSX") == (
        "| SQLite | Large plan | XLSX | 2.30 s | 2.80 s | 3.30 s | 42 MiB | 300 KiB | < 3 s: **met** |"
    )
    assert _row(lines, "Demo (Stockport, March 2021)", "PDF").endswith("| 300 KiB |  |")
    assert _row(lines, "Large plan", "Content") == (
        "| SQLite | Large plan | Content | 0.50 s | 0.60 s |  | 11 MiB | 2.0 MiB JSON |  |"
    )
    assert any("1,140 exception rows" in line for line in lines)


def test_a_format_not_in_the_installation_is_named_not_timed():
    skipped = {"skipped": "boardpacks/formats/pdf.py is not written in this installation"}
    runs = {"sqlite": {"boardpacks": {"demo": _pack(skipped), "large": _pack(skipped)}}}
    row = _row(report_lines(runs), "Large plan", "PDF")
    assert "boardpacks/formats/pdf.py is not written in this installation" in row
    assert "met" not in row


def test_a_run_without_board_packs_says_so():
    assert report_lines({"sqlite": {"pages": {}}}) == ["Not measured in this run."]
