"""The tables of a pack's Excel workbook, one or more per section, from its content alone: the words of
each heading, one row per thing reported, dates as dates, numbers as numbers, a RAG status as a `Word`
(its word, and its colour for the cell's fill). boardpacks.formats.xlsx writes them."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from .. import rules

SHEET_NAME_LIMIT = 31


class Word(NamedTuple):
    """A RAG status or band: its word, always written, and its colour as the cell's fill."""

    text: str
    colour: str


Value = str | int | float | date | datetime | Word | None


@dataclass
class Sheet:
    name: str
    holds: str  # what it holds, for the Contents sheet
    headings: list[str]
    rows: list[list[Value]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # lines under the table
    filter: bool = True


def sheet_name(title: str) -> str:
    """A section's title as an Excel sheet name: without []:*?/\\, not starting or ending with an
    apostrophe, and at most 31 characters."""
    name = re.sub(r"\s+", " ", re.sub(r"[\[\]:*?/\\]", " ", title))
    return name[:SHEET_NAME_LIMIT].strip(" '") or "Sheet"


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def moment(text: str | None) -> datetime | None:
    """An ISO date and time as the clock on the wall showed it (Excel keeps no time zone)."""
    return datetime.fromisoformat(text).replace(tzinfo=None) if text else None


def _status(status: dict[str, Any] | None) -> Word | None:
    return Word(status["label"], status["colour"]) if status else None


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _summary(content: dict[str, Any], summary: dict[str, Any]) -> list[Sheet]:
    previous = content.get("previous")
    before = f"Last period ({previous['name']})" if previous else "Last period (none reported before)"
    sheet = Sheet("", "", ["Figure", f"This period ({content['period']['name']})", before])
    sheet.rows.append(["Items reported", summary["items_total"], None])
    statuses = [*summary["counts"], *([summary["no_status"]] if summary.get("no_status") else [])]
    for count in statuses:
        sheet.rows.append([Word(count["label"], count["colour"]), count["now"], count["before"]])
    sheet.rows.append(["Red items", summary["red_count"], None])
    sheet.rows.append(["Overdue items", summary["overdue_count"], None])
    scorecard = summary.get("scorecard")
    if scorecard:
        for count in scorecard["counts"]:
            sheet.rows.append([f"Measures rated {count['label']}", count["count"], None])
        sheet.notes.append(f"Scorecard: {scorecard['sentence']}")
    if summary.get("red_risks") is not None:
        sheet.rows.append(["Red risks", len(summary["red_risks"]), None])
    return [sheet]


def _overview(content: dict[str, Any], overview: dict[str, Any]) -> list[Sheet]:
    top = content["plan"]["top_level_name"]
    sheet = Sheet(
        "",
        "",
        ["Number", top, "Rating", "Rating last period", "How it was rated", "Status", "Items now",
         "Items last period", "Items in all"],
    )  # fmt: skip
    for row in overview["rows"]:
        for count in row["counts"]:
            sheet.rows.append(
                [
                    row["number"],
                    row["text"],
                    _status(row["rating"]),
                    _status(row["rating_before"]),
                    row["rule_words"],
                    Word(count["label"], count["colour"]),
                    count["now"],
                    count["before"],
                    row["total"],
                ]
            )
    return [sheet]


EXCEPTION_KINDS = (("red", "Red"), ("overdue", "Overdue"), ("slipped", "Slipped"))


def _exceptions(content: dict[str, Any], exceptions: dict[str, Any]) -> list[Sheet]:
    sheet = Sheet(
        "",
        "",
        ["Kind", "Number", "Item", "Level", "Status", "Due date", "Original due date", "Times slipped",
         "Owners", "Commentary", "Mitigation"],
    )  # fmt: skip
    for key, kind in EXCEPTION_KINDS:
        for item in exceptions.get(key, []):
            sheet.rows.append(
                [
                    kind,
                    item["number"],
                    item["text"],
                    item["level_name"],
                    _status(item["status"]),
                    day(item["due_date"]),
                    day(item["original_due_date"]),
                    item["slip_count"],
                    item["owners"],
                    item["commentary"],
                    item["mitigation"],
                ]
            )
    return [sheet]


def _highlights(content: dict[str, Any], highlights: dict[str, Any]) -> list[Sheet]:
    sheet = Sheet(
        "",
        "",
        ["Workstream", "Number", "Priority", "Actions progressed", "Impact on children and families",
         "Evidence", "Next steps"],
    )  # fmt: skip
    for report in highlights["reports"]:
        for row in report["rows"]:
            sheet.rows.append(
                [
                    report["workstream"],
                    row["number"],
                    row["title"],
                    row["actions_progressed"],
                    row["impact"],
                    row["evidence"],
                    row["next_steps"],
                ]
            )
    for workstream in highlights.get("without_report", []):
        sheet.rows.append([workstream, None, "No highlight report for this period", None, None, None, None])
    return [sheet]


def _figure_value(measure: dict[str, Any]) -> float | None:
    return next((p["value"] for p in measure["points"] if p["period"] == measure["figure_period"]), None)


def _scorecard(content: dict[str, Any], scorecard: dict[str, Any]) -> list[Sheet]:
    measures = Sheet(
        "",
        "",
        ["Code", "Measure", "I statements", "Figure", "Value", "Figure's period", "Target", "Target value",
         "Rating", "Direction", "Why this rating", "Commentary", "Owner", "Red or worsening"],
    )  # fmt: skip
    points = Sheet(
        "Scorecard figures",
        "Every figure on the scorecard's charts, as reported: the data behind each chart.",
        ["Code", "Measure", "Period", "Period ends", "Value", "Unit"],
    )
    for measure in scorecard["measures"]:
        measures.rows.append(
            [
                measure["code"],
                measure["name"],
                "; ".join(measure["outcomes"]),
                measure["figure"],
                _figure_value(measure),
                measure["figure_period"],
                measure["target"],
                measure["target_value"],
                Word(measure["rating_label"], measure["rating_colour"]),
                measure["direction_label"],
                measure["reason"],
                measure["commentary"],
                measure["owner"],
                _yes(measure["exception"]),
            ]
        )
        for point in measure["points"]:
            points.rows.append(
                [
                    measure["code"],
                    measure["name"],
                    point["period"],
                    day(point["date"]),
                    point["value"],
                    measure["unit"],
                ]
            )
    measures.notes.append(scorecard["summary"]["sentence"])
    return [measures, points]


def _risks(content: dict[str, Any], risks: dict[str, Any]) -> list[Sheet]:
    red = Sheet(
        "",
        "",
        ["Reference", "Risk", "Owner", "Likelihood", "Impact", "Score", "Band", "Mitigation",
         "Movement"],
    )  # fmt: skip
    for risk in risks["red"]:
        red.rows.append(
            [
                risk["reference"],
                risk["title"],
                risk["owner"],
                risk["likelihood"],
                risk["impact"],
                risk["score"],
                Word(risk["band"], risk["band_colour"]),
                risk["mitigation_summary"],
                risk["movement"],
            ]
        )
    red.notes += [f"Open risks: {risks['open_count']}", f"Bands: {risks['bands']}"]
    impacts = risks["impact_words"]
    heat = Sheet(
        "Risk heat map",
        "The open risks as reported on the 5 by 5 grid: likelihood down, impact across, each cell's band "
        "and the risks in it.",
        ["Likelihood \\ Impact", *(f"{n} {impacts[str(n)]}" for n in range(1, 6))],
        filter=False,
    )
    cells = {(cell["likelihood"], cell["impact"]): cell for cell in risks["heat_map"]}
    for likelihood in range(5, 0, -1):
        row: list[Value] = [f"{likelihood} {risks['likelihood_words'][str(likelihood)]}"]
        for impact in range(1, 6):
            cell = cells.get((likelihood, impact))
            if cell:
                listed = ", ".join(cell["references"]) or "no risks"
                row.append(Word(f"{cell['band']}: {listed}", cell["band_colour"]))
            else:
                row.append(None)
        heat.rows.append(row)
    movement = Sheet(
        "Risk movement",
        "The risks whose band changed since the period compared with.",
        ["Reference", "Risk", "Movement"],
    )
    movement.rows += [[move["reference"], move["title"], move["words"]] for move in risks["movement"]]
    return [red, heat, movement]


def _voice(content: dict[str, Any], voice: dict[str, Any]) -> list[Sheet]:
    sheet = Sheet(
        "",
        "",
        ["Reference", "You said", "Source", "Heard on", "Group", "We did", "How we know",
         "Published to families"],
    )  # fmt: skip
    for entry in voice["entries"]:
        sheet.rows.append(
            [
                entry["reference"],
                entry["said"],
                entry["source"],
                day(entry["heard_on"]),
                entry["group"],
                entry["did"],
                entry["how_we_know"],
                _yes(entry["published"]),
            ]
        )
    return [sheet]


def _matters(content: dict[str, Any], matters: dict[str, Any]) -> list[Sheet]:
    return [Sheet("", "", ["Matters for decision"], [[matters["text"]]], filter=False)]


SECTION_SHEETS = {
    "summary": _summary,
    "rag_overview": _overview,
    "exceptions": _exceptions,
    "highlights": _highlights,
    "scorecard": _scorecard,
    "risks": _risks,
    "voice": _voice,
    "matters": _matters,
}


def section_sheets(content: dict[str, Any]) -> list[Sheet]:
    """The sheets after Contents: each section's, in the pack's order, the first named by its title."""
    sheets: list[Sheet] = []
    for key in content["pack"]["sections"]:
        make = SECTION_SHEETS.get(key)
        if make is None or key not in content["sections"]:
            continue
        made = make(content, content["sections"][key])
        made[0].name, made[0].holds = rules.BY_KEY[key].title, rules.BY_KEY[key].describes
        sheets += made
    for sheet in sheets:
        sheet.name = sheet_name(sheet.name)
    return sheets
