"""The Word pack's later sections, from the content alone: the scorecard, the risks (the heat map as a
table of words), "You said, we did" and the matters for decision."""

from typing import Any

from ..charts import chart_caption, chart_names, chart_table, slug_of
from .docx_parts import Cell, Shaded, date_words
from .docx_sections import plural, score_words, title_of
from .docx_writer import Writer

WORD_CHARTS = 24  # red or worsening measures drawn as charts; after them, each one's figures as a table


def write_scorecard(w: Writer, content: dict[str, Any], section: dict[str, Any]) -> None:
    """Every headline measure with its rating in words, then the red and worsening ones with their
    commentary and charts."""
    period = content["period"]
    w.start_section(title_of("scorecard"), landscape=True)
    w.paragraph(section["summary"]["sentence"])
    measures = section["measures"]
    if measures:
        rows: list[list[Cell]] = [
            [
                measure["code"],
                measure["name"],
                "\n".join(measure.get("outcomes") or []),
                measure["figure"],
                measure["figure_period"],
                measure["target"] or "None",
                Shaded(measure["rating_label"], measure["rating_colour"]),
                measure["direction_label"],
                measure["owner"],
            ]
            for measure in measures
        ]
        w.table(
            f"The scorecard as reported, {period['name']}",
            ["Code", "Measure", "I statements", "Figure", "Period", "Target", "Rating", "Direction", "Owner"],
            rows,
            [3, 12, 10, 4, 4, 4, 4, 4, 5],
        )
    w.heading("Red and worsening measures", 2)
    exceptions = [measure for measure in measures if measure["exception"]]
    if not exceptions:
        w.paragraph("No measure is red or worsening.")
    charts = set(chart_names(content))
    charted = [measure for measure in exceptions if f"measure-{slug_of(measure['code'])}" in charts]
    if len(charted) > WORD_CHARTS:
        w.paragraph(
            f"Charts are drawn for the first {WORD_CHARTS} of these {len(charted)} measures; each of the "
            "others has its figures as a table. Every chart is on the pack's web page."
        )
    drawn = 0
    for measure in exceptions:
        w.heading(f"{measure['code']}: {measure['name']}", 3)
        w.paragraph(f"{measure['rating_label']}, {measure['direction_label'].lower()}", label="Rating")
        target = f", against a target of {measure['target']}" if measure["target"] else ", with no target"
        w.paragraph(f"{measure['figure']} ({measure['figure_period']}){target}", label="Latest figure")
        if measure.get("reason"):
            w.paragraph(measure["reason"], label="Why")
        w.paragraph(measure["commentary"] or "No commentary was given.", label="Commentary")
        if measure.get("owner"):
            w.paragraph(measure["owner"], label="Owner")
        name = f"measure-{slug_of(measure['code'])}"
        if name in charts and drawn < WORD_CHARTS:
            w.figure(name)
            drawn += 1
        elif name in charts:
            headings, figures = chart_table(content, name)
            figure_rows: list[list[Cell]] = [list(row) for row in figures]
            w.table(f"{chart_caption(content, name)}: its figures", headings, figure_rows, [4, 4])


def write_risks(w: Writer, content: dict[str, Any], section: dict[str, Any]) -> None:
    """The bands, the heat map as a table of words (band, count and references in each cell), the red
    risks with their mitigations and movement, and the risks that changed band."""
    period, previous = content["period"], content.get("previous")
    w.start_section(title_of("risks"))
    w.paragraph(section["bands"], label="Bands")
    w.paragraph(f"{plural(section['open_count'], 'open risk', 'open risks')} at the end of {period['name']}.")

    w.heading("Heat map", 2)
    likelihood_words, impact_words = section["likelihood_words"], section["impact_words"]
    cells = {(cell["likelihood"], cell["impact"]): cell for cell in section["heat_map"]}
    headings = ["Likelihood (rows) by impact (columns)"] + [
        f"Impact {impact}: {_axis(impact_words, impact)}" for impact in range(1, 6)
    ]
    rows: list[list[Cell]] = []
    for likelihood in range(5, 0, -1):
        row: list[Cell] = [f"Likelihood {likelihood}: {_axis(likelihood_words, likelihood)}"]
        for impact in range(1, 6):
            cell = cells.get((likelihood, impact))
            row.append(_heat_cell(cell) if cell else "")
        rows.append(row)
    w.table(f"Open risks by likelihood and impact, {period['name']}", headings, rows, [4, 3, 3, 3, 3, 3])

    w.heading("Red risks", 2)
    if section["red"]:
        w.table(
            f"Red risks and their mitigations, {period['name']}",
            ["Reference", "Risk", "Owner", "Score", "Mitigation", "Movement"],
            [
                [
                    risk["reference"],
                    risk["title"],
                    risk["owner"],
                    score_words(risk),
                    risk["mitigation_summary"] or "None recorded",
                    risk["movement"],
                ]
                for risk in section["red"]
            ],
            [2, 5, 2, 3, 7, 3],
        )
    else:
        w.paragraph("No open risk is red.")

    w.heading(f"Movement since {previous['name']}" if previous else "Movement", 2)
    if section["movement"]:
        w.table(
            "Risks that changed band",
            ["Reference", "Risk", "Movement"],
            [[move["reference"], move["title"], move["words"]] for move in section["movement"]],
            [2, 8, 5],
        )
    else:
        w.paragraph("No risk changed band.")


def _axis(words: dict[Any, str], value: int) -> str:
    """An axis's words for a value ("4": "Likely"), keyed by text as stored (or by number)."""
    return str(words.get(str(value)) or words.get(value) or "")


def _heat_cell(cell: dict[str, Any]) -> Shaded:
    references = cell["references"]
    words = (
        f"{plural(len(references), 'risk', 'risks')}: {', '.join(references)}" if references else "No risks"
    )
    return Shaded(f"{cell['band']}\n{words}", cell["band_colour"])


def write_voice(w: Writer, content: dict[str, Any], section: dict[str, Any]) -> None:
    """What was said, by whom and when, what was done and how the area knows."""
    period = content["period"]
    w.start_section(title_of("voice"), landscape=True)
    entries = section["entries"]
    if not entries:
        w.paragraph(f"Nothing was heard or added in {period['name']}.")
        return
    w.paragraph(f"{plural(len(entries), 'entry', 'entries')} heard or added in the period.")
    rows: list[list[Cell]] = [
        [
            entry["reference"],
            entry["said"],
            "\n".join(
                part for part in (entry["source"], entry["group"], date_words(entry.get("heard_on"))) if part
            ),
            entry["did"],
            entry["how_we_know"],
            "Published" if entry["published"] else "Not published",
        ]
        for entry in entries
    ]
    w.table(
        f"You said, we did, and how we know, {period['name']}",
        ["Reference", "You said", "Who and when", "We did", "How we know", "On the public pages"],
        rows,
        [2, 6, 4, 6, 6, 3],
    )


def write_matters(w: Writer, content: dict[str, Any], section: dict[str, Any]) -> None:
    w.start_section(title_of("matters"))
    w.paragraphs(section.get("text", ""), empty="Nothing is asked of the board in this pack.")
