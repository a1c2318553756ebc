"""The shape of a pack's content: the plain JSON dict `build_content` makes from the data as reported
and every format renders (HTML, PDF, Word, Excel). Nothing else is read to draw a pack, so a pack made
in March shows in May exactly what was reported in March.

Dates are ISO strings ("2021-03-31"), or None; words are ready to print. A section the template does
not hold is absent from `sections`. Charts are drawn from this content (boardpacks.charts), never
stored in it.
"""

from typing import Any, TypedDict

SCHEMA_VERSION = 1


class Status(TypedDict):
    """A RAG status as reported: its words always printed beside its colour."""

    label: str
    colour: str  # "#d4351c"


class StatusCount(TypedDict):
    label: str
    colour: str
    now: int
    before: int | None  # None when there is no period to compare with


class Area(TypedDict):
    name: str
    slug: str
    council: str
    colour: str


class PlanInfo(TypedDict):
    reference: str
    title: str
    top_level_name: str  # "Area of weakness"
    top_level_plural: str  # "Areas of weakness"


class PackInfo(TypedDict):
    template: str  # the template's name
    title: str
    audience: str
    meeting: str
    meeting_date: str | None
    frequency: str  # "monthly" | "quarterly"
    sections: list[str]  # section keys in order (boardpacks.rules.SECTION_KEYS)
    made_at: str  # ISO date and time


class PeriodInfo(TypedDict):
    id: int
    name: str  # "March 2021"
    starts_on: str
    ends_on: str
    covers_from: str  # the period's start, or the quarter's first day
    covers_words: str  # "1 January to 31 March 2021"
    reported_on: str | None


class PreviousInfo(TypedDict):
    id: int
    name: str
    ends_on: str


class ScorecardSummary(TypedDict):
    sentence: str  # "11 measures: 3 green, 6 red, 0 amber, 2 not rated; 2 improving, 4 worsening"
    counts: list[dict[str, Any]]  # [{"label": "Green", "count": 3}, ...]


class RedRisk(TypedDict):
    reference: str
    title: str
    owner: str  # initials as reported
    likelihood: int | None
    impact: int | None
    score: int | None
    band: str  # "Red"
    band_colour: str
    mitigation_summary: str
    movement: str  # "New since February 2021", "Up from amber", "No change", "Not reported before"


class Summary(TypedDict):
    items_total: int  # lowest-level items reported
    counts: list[StatusCount]  # in the scheme's order, best first
    no_status: StatusCount | None  # items reported without a status, if any
    red_count: int
    overdue_count: int
    scorecard: ScorecardSummary | None  # None when nothing was reported for the scorecard
    red_risks: list[RedRisk] | None  # None when the area keeps no risks for the plan


class OverviewRow(TypedDict):
    number: str
    text: str
    rating: Status | None  # the overall rating as reported
    rating_before: Status | None
    rule_words: str  # how the rating was reached: "Worst status", "Set by hand: <reason>"
    counts: list[StatusCount]  # its lowest-level items by status, now and before
    total: int


class RagOverview(TypedDict):
    rows: list[OverviewRow]


class ExceptionItem(TypedDict):
    number: str
    text: str
    level_name: str  # "Action"
    status: Status | None
    due_date: str | None
    original_due_date: str | None
    slip_count: int
    owners: str  # "KD, JG"
    commentary: str
    mitigation: str


class Exceptions(TypedDict):
    red: list[ExceptionItem]  # the worst status
    overdue: list[ExceptionItem]  # past due and not done at the period's end
    slipped: list[ExceptionItem]  # a due date moved at least once


class HighlightRow(TypedDict):
    number: str
    title: str
    actions_progressed: str
    impact: str
    evidence: str
    next_steps: str


class HighlightReport(TypedDict):
    workstream: str
    rows: list[HighlightRow]


class Highlights(TypedDict):
    reports: list[HighlightReport]
    without_report: list[str]  # workstream names


class Point(TypedDict):
    date: str  # the day the figure's period ends
    period: str  # "2019/20"
    value: float | None


class Measure(TypedDict):
    code: str
    name: str
    outcomes: list[str]  # its I statements, as reported
    unit: str  # "%", "number", ...
    polarity: str  # "higher" | "lower" | "none"
    figure: str  # the figure rated, in words with its unit: "48.2%"
    figure_period: str
    target: str  # "" when none
    target_value: float | None
    rating: str  # key: "green", "amber", "red", ...
    rating_label: str  # words: "Green"
    rating_colour: str
    direction: str  # key
    direction_label: str  # "Worsening"
    reason: str
    commentary: str
    owner: str
    exception: bool  # red or worsening: shown with its chart and commentary
    points: list[Point]  # the area's figures as reported: the chart's data


class Scorecard(TypedDict):
    summary: ScorecardSummary
    measures: list[Measure]  # every headline measure in the scorecard's order


class HeatCell(TypedDict):
    likelihood: int  # 1 to 5
    impact: int  # 1 to 5
    band: str  # "Red"
    band_colour: str
    references: list[str]  # open risks in the cell, as reported


class Movement(TypedDict):
    reference: str
    title: str
    words: str  # "Up from amber to red"


class Risks(TypedDict):
    bands: str  # the area's bands in words
    open_count: int
    likelihood_words: dict[str, str]  # "1".."5" -> "Rare" ...
    impact_words: dict[str, str]
    heat_map: list[HeatCell]  # 25 cells, likelihood 5 down to 1, impact 1 to 5
    red: list[RedRisk]
    movement: list[Movement]  # the risks that changed band since the compared period


class VoiceEntry(TypedDict):
    reference: str
    said: str
    source: str  # words: "Parent carer forum"
    heard_on: str | None
    group: str
    did: str
    how_we_know: str
    published: bool


class Voice(TypedDict):
    entries: list[VoiceEntry]


class Matters(TypedDict):
    text: str


class Content(TypedDict):
    schema: int
    area: Area
    plan: PlanInfo
    pack: PackInfo
    period: PeriodInfo
    previous: PreviousInfo | None
    statuses: list[Status]  # the plan's statuses as reported, best first
    sections: dict[str, Any]  # key -> Summary | RagOverview | Exceptions | ... ("cover": {})
