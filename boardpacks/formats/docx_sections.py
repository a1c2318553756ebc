"""The Word pack's first sections, from the content alone: the cover and contents, the summary, progress
by top-level item, the exceptions and the highlight reports. A RAG status is always its word; its colour
shades the cell as well."""

from typing import Any

from ..charts import chart_names
from ..rules import BY_KEY
from .docx_parts import Cell, Shaded, date_words
from .docx_writer import Writer

NO_STATUS = "No status"
CHART_ROWS_PER_FIGURE = 10  # top-level items in one overview figure: a portrait page at full width
CHART_MOST_ROWS = 40  # drawn at most (four figures, about a second); the table lists every one


def status_cell(status: dict[str, Any] | None) -> Cell:
    """A status as its word on its colour, or "No status"."""
    return Shaded(status["label"], status["colour"]) if status else NO_STATUS


def title_of(key: str) -> str:
    return BY_KEY[key].title if key in BY_KEY else key


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def write_title(w: Writer, content: dict[str, Any]) -> None:
    """The pack's title in Word's Title style, at the top of the first page."""
    w.heading(content["pack"]["title"], 0)


def write_cover(w: Writer, content: dict[str, Any]) -> None:
    """Who the pack is for, the meeting, the period, and the contents: a TOC field Word fills in, and
    the sections listed in plain words so it reads before anyone updates it."""
    area, pack, period = content["area"], content["pack"], content["period"]
    council = f" ({area['council']})" if area.get("council") and area["council"] != area["name"] else ""
    w.paragraph(f"{area['name']}{council}", label="Local area")
    w.paragraph(pack["audience"], label="For")
    meeting_date = date_words(pack.get("meeting_date"))
    w.paragraph(f"{pack['meeting']}, {meeting_date}" if meeting_date else pack["meeting"], label="Meeting")
    w.paragraph(f"{period['covers_words']} ({period['name']})", label="Period covered")
    w.paragraph(date_words(period.get("reported_on"), empty="Not reported"), label="Reported on")
    w.paragraph(date_words(pack.get("made_at")), label="Made on")
    w.paragraph(f"{content['plan']['title']} ({content['plan']['reference']})", label="Plan")
    w.heading_styled("Contents", "TOC Heading")
    w.field_paragraph(
        'TOC \\o "1-2" \\h \\z \\u', "Right-click and Update field in Word to show page numbers."
    )
    w.paragraph("This pack has these sections:")
    for key in pack["sections"]:
        if key != "cover":
            w.paragraph(title_of(key), style="List Number")
    w.cover_page = True


def write_summary(w: Writer, content: dict[str, Any], section: dict[str, Any]) -> None:
    period, previous = content["period"], content.get("previous")
    w.start_section(title_of("summary"))
    w.paragraph(
        f"{plural(section['items_total'], 'item was', 'items were')} reported for {period['name']}: "
        f"{section['red_count']} red and {section['overdue_count']} overdue."
    )
    counts = list(section["counts"]) + ([section["no_status"]] if section.get("no_status") else [])
    headings = ["Status", period["name"]] + ([previous["name"], "Change"] if previous else [])
    rows: list[list[Cell]] = []
    for count in counts:
        row: list[Cell] = [status_cell(count), str(count["now"])]
        if previous:
            before = count.get("before")
            row += ["None reported", ""] if before is None else [str(before), _change(count["now"], before)]
        rows.append(row)
    against = f" against {previous['name']}" if previous else ""
    w.table(f"Items by status, {period['name']}{against}", headings, rows, [3, 2, 2, 2][: len(headings)])

    w.heading("Scorecard", 2)
    scorecard = section.get("scorecard")
    if scorecard:
        w.paragraph(scorecard["sentence"])
        w.table(
            f"Measures by rating, {period['name']}",
            ["Rating", "Measures"],
            [[str(count["label"]), str(count["count"])] for count in scorecard["counts"]],
            [3, 2],
        )
    else:
        w.paragraph("Nothing was reported for the scorecard in this period.")

    red_risks = section.get("red_risks")
    if red_risks is not None:
        w.heading("Red risks", 2)
        if red_risks:
            w.table(
                f"Red risks, {period['name']}",
                ["Reference", "Risk", "Owner", "Score", "Movement"],
                [
                    [risk["reference"], risk["title"], risk["owner"], score_words(risk), risk["movement"]]
                    for risk in red_risks
                ],
                [2, 7, 2, 3, 3],
            )
        else:
            w.paragraph("No open risk is red.")


def _change(now: int, before: int) -> str:
    if now == before:
        return "No change"
    return f"{now - before} more" if now > before else f"{before - now} fewer"


def score_words(risk: dict[str, Any]) -> str:
    if risk.get("score") is None:
        return "Not scored"
    return f"{risk['score']} (likelihood {risk['likelihood']}, impact {risk['impact']})"


def _labels(content: dict[str, Any], rows: list[dict[str, Any]]) -> list[str]:
    labels = [status["label"] for status in content["statuses"]]
    seen = [count["label"] for row in rows for count in row["counts"]]
    return labels + sorted(set(seen) - set(labels))


def write_rag_overview(w: Writer, content: dict[str, Any], section: dict[str, Any]) -> None:
    """Each top-level item's rating now and before, how it was reached, and its items by status."""
    period, previous, plan = content["period"], content.get("previous"), content["plan"]
    w.start_section(title_of("rag_overview"), landscape=True)
    rows = section["rows"]
    if not rows:
        w.paragraph(f"The plan has no {plan['top_level_plural'].lower()} to show.")
        return
    labels = _labels(content, rows)
    headings = ["Number", plan["top_level_name"], f"Rating, {period['name']}"]
    headings += [f"Rating, {previous['name']}"] if previous else []
    headings += ["How it was rated", *labels, "Total"]
    table: list[list[Cell]] = []
    for row in rows:
        counts = {count["label"]: count for count in row["counts"]}
        cells: list[Cell] = [row["number"], row["text"], status_cell(row["rating"])]
        cells += [status_cell(row.get("rating_before"))] if previous else []
        cells.append(row["rule_words"])
        cells += [_count_words(counts.get(label), previous is not None) for label in labels]
        cells.append(str(row["total"]))
        table.append(cells)
    weights = [3, 14, 5] + ([5] if previous else []) + [8] + [4] * len(labels) + [3]
    against = f" against {previous['name']}" if previous else ""
    w.table(
        f"{plan['top_level_plural']}: ratings and items by status, {period['name']}{against}",
        headings,
        table,
        weights,
    )
    if "rag-overview" in chart_names(content):
        _overview_figures(w, content, rows)


def _overview_figures(w: Writer, content: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """The overview chart on portrait pages, a page's worth of top-level items to a figure so every bar
    stays readable; a very long plan has its first items drawn and says so (the table has them all)."""
    w.orient(landscape=False)
    drawn = rows[:CHART_MOST_ROWS]
    plural = content["plan"]["top_level_plural"].lower()
    if len(drawn) < len(rows):
        w.paragraph(
            f"The charts show the first {len(drawn)} of the {len(rows)} {plural}; "
            f"Table {w.tables} above gives every one."
        )
    for start in range(0, len(drawn), CHART_ROWS_PER_FIGURE):
        chunk = drawn[start : start + CHART_ROWS_PER_FIGURE]
        part = f" ({chunk[0]['number']} to {chunk[-1]['number']})" if len(rows) > len(chunk) else ""
        sections = {**content["sections"], "rag_overview": {"rows": chunk}}
        w.figure("rag-overview", content={**content, "sections": sections}, part=part)


def _count_words(count: dict[str, Any] | None, compared: bool) -> str:
    now = count["now"] if count else 0
    before = count.get("before") if count else None
    return f"{now} (was {before})" if compared and before is not None else str(now)


EXCEPTION_HEADINGS = [
    "Number",
    "Item",
    "Status",
    "Due date",
    "Original due date",
    "Times slipped",
    "Owners",
    "Commentary",
    "Mitigation",
]


def write_exceptions(w: Writer, content: dict[str, Any], section: dict[str, Any]) -> None:
    """Red, overdue and slipped items: status words, dates now and first agreed, slips, mitigations."""
    period = content["period"]
    worst = content["statuses"][-1]["label"] if content["statuses"] else "Red"
    # "Red" as the board says it, and the scheme's own word for its worst status where it has another
    named = "" if worst.lower() == "red" else f" ({worst})"
    red = f"red{named}"
    w.start_section(title_of("exceptions"), landscape=True)
    w.paragraph(
        f"{len(section['red'])} {red}, {len(section['overdue'])} overdue and "
        f"{len(section['slipped'])} with a slipped date at the end of {period['name']}."
    )
    parts = [
        (
            "red",
            "Red items",
            f"Red items{named} at the end of {period['name']}",
            f"No item is {red}.",
        ),
        (
            "overdue",
            "Overdue items",
            f"Items past their due date and not done, {period['name']}",
            "No item is overdue.",
        ),
        (
            "slipped",
            "Slipped dates",
            "Items whose due date has moved, with the date first agreed",
            "No due date has slipped.",
        ),
    ]
    for key, heading, caption, none in parts:
        w.heading(heading, 2)
        items = section[key]
        if not items:
            w.paragraph(none)
            continue
        rows: list[list[Cell]] = [
            [
                item["number"],
                item["text"],
                status_cell(item.get("status")),
                date_words(item.get("due_date"), empty="None"),
                date_words(item.get("original_due_date"), empty="Not moved"),
                str(item["slip_count"]),
                item["owners"],
                item["commentary"],
                item["mitigation"],
            ]
            for item in items
        ]
        w.table(caption, EXCEPTION_HEADINGS, rows, [3, 12, 4, 4, 4, 3, 3, 10, 10])


HIGHLIGHT_PARTS = (
    ("actions_progressed", "Actions progressed"),
    ("impact", "Impact on children, young people and families"),
    ("evidence", "Evidence"),
    ("next_steps", "Next steps"),
)


def write_highlights(w: Writer, content: dict[str, Any], section: dict[str, Any]) -> None:
    """Each workstream's highlight report, a heading per item and its words under each part."""
    w.start_section(title_of("highlights"))
    reports = section["reports"]
    if not reports:
        w.paragraph(f"No highlight reports were made for {content['period']['name']}.")
    for report in reports:
        w.heading(report["workstream"], 2)
        if not report["rows"]:
            w.paragraph("This report has no rows.")
        for row in report["rows"]:
            w.heading(f"{row['number']} {row['title']}".strip(), 3)
            for key, label in HIGHLIGHT_PARTS:
                w.paragraph(label, bold=True).paragraph_format.keep_with_next = True
                w.paragraphs(row.get(key, ""), empty="None given.")
    if section.get("without_report"):
        w.heading("Workstreams without a highlight report", 2)
        for name in section["without_report"]:
            w.paragraph(name, style="List Bullet")
