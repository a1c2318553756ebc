"""The pages the benchmark times and the query-count test checks, for a BenchArea, and what each shows.

Importable without Django set up (bench/report.py reads the descriptions in the parent process).
"""

from typing import TYPE_CHECKING

from django.urls import reverse

from .pack_pages import PACK_PAGES

if TYPE_CHECKING:
    from .generate import BenchArea

# Our pages: name -> (what it is, what it shows at the benchmark's size), for docs/performance.md
OUR_PAGES = {
    "overview": (
        "Plan overview",
        "40 areas of weakness, counts of 2,000 milestones by status with each one's overall rating (its "
        "roll-up), the trend since {reported_period}, and the plan at a glance in {reported_period}",
    ),
    "item": (
        "Item page",
        "a key action: its fields, its 5 milestones, its history, its status in each of {periods} periods",
    ),
    "milestones_filtered": ("Milestones, filtered by one workstream", "page 1: 100 of {filtered}"),
    "milestones_filtered_csv": ("Milestones, filtered, CSV download", "all {filtered} rows"),
    "milestones": ("Milestones, unfiltered", "page 1: 100 of {milestones}"),
    "milestones_csv": ("Milestones, unfiltered, CSV download", "all {milestones} rows"),
    "people": ("People", "{people} people"),
    "workstreams": ("Workstreams", "{workstreams} workstreams"),
    "my_items": ("My items", "the items the signed-in programme manager owns"),
    "person": ("Person page", "one person and the items they own"),
    "workstream": ("Workstream page", "every item of one workstream, on one page"),
}
# The monthly cycle's pages, in the same form
CYCLE_PAGES = {
    "periods": ("Reporting periods", "{periods} periods, each with its counts of updates"),
    "period_open": (
        "Open period",
        "{open_period}: how far the updates have got, the live roll-ups of the top two levels; "
        "page 1: 100 of {period_items} items, live",
    ),
    "period_open_filtered": (
        "Open period, filtered by one workstream",
        "page 1: 100 of {period_items_filtered}",
    ),
    "period_reported": (
        "Reported period",
        "{reported_period} as reported: the roll-ups of the top two levels as kept; "
        "page 1: 100 of {reported_rows} frozen ratings",
    ),
    "period_reported_filtered": (
        "Reported period, filtered by one workstream",
        "page 1: 100 of {reported_rows_filtered}",
    ),
    "top_item": (
        "Top-level item page",
        "an area of weakness: the roll-up of its 50 milestones, and its roll-up in each of {periods} "
        "reported periods as a chart and a table",
    ),
    "outstanding": (
        "What is outstanding",
        "{missing} of {expected} updates missing, by workstream and by owner",
    ),
    "update": ("Update form", "an owner's update on milestone {updated_item}, with evidence to choose"),
    "challenge": ("Challenge form", "the same update, its evidence and the statuses to confirm"),
    "challenge_bulk": (
        "Challenge in bulk, one workstream",
        "{challenge_rows} proposed ratings of one workstream waiting for challenge, each with a checkbox, "
        "and its missing updates",
    ),
    "highlight_reports": (
        "Highlight reports",
        "{workstreams} workstreams and their reports for {open_period}",
    ),
    "highlight_report": (
        "Highlight report",
        "one workstream's report: {highlight_rows} priorities, 4 columns each",
    ),
    "evidence_list": (
        "Evidence bank",
        "{evidence} pieces of evidence, 50 a page, each with its count of uses",
    ),
    "evidence": ("Evidence page", "one piece of evidence and the updates it is linked to"),
}
# The scorecard's pages, in the same form
SCORECARD_PAGES = {
    "scorecard": (
        "Scorecard",
        "{measures} measures rated, grouped by 7 outcomes, each with a chart of {measure_periods} months",
    ),
    "scorecard_exceptions": ("Scorecard exceptions", "the red and declining measures of the {measures}"),
    "measure": (
        "Measure page",
        "one measure: {breakdowns} breakdowns, each with its chart and a table of {measure_periods} months",
    ),
    "measure_chart": (
        "Measure chart (SVG)",
        "the headline breakdown's {measure_periods} months and comparators",
    ),
    "scorecard_reported_list": (
        "Scorecards as reported",
        "{reported_periods} reported periods, each with its scorecard's summary as reported",
    ),
    "scorecard_reported": (
        "Scorecard as reported",
        "{reported_period}'s scorecard as kept when it was reported: {measures} measures, by outcome",
    ),
    "scorecard_reported_exceptions": (
        "Scorecard exceptions as reported",
        "the red and declining measures of {reported_period}, with their commentary then",
    ),
}
# The risk register, "You said, we did" and the public pages
REGISTER_PAGES = {
    "risk_register": (
        "Risk register",
        "the plan's {open_risks} open risks of {risks}, each with its three scores and bands",
    ),
    "risk": (
        "Risk page",
        "a red risk: its mitigations and their notes, its score history as a chart and a table",
    ),
    "risk_heatmap": (
        "Risk heat map",
        "{open_risks} open risks on the 5x5 grid, the same as a table, and their movement since "
        "{reported_period}",
    ),
    "risk_red": (
        "Red risks and their mitigations",
        "{red_risks} red risks, each with its mitigations' latest notes",
    ),
    "voice_list": ("You said, we did", "page 1: 50 of {entries} entries"),
    "voice_list_filtered": (
        "You said, we did, filtered by an I statement",
        "page 1: 50 of {entries_filtered}",
    ),
    "voice_entry": (
        "You said, we did: an entry",
        "one entry with its evidence, measures, I statements and items",
    ),
    "public_home": (
        "Public progress page (no sign-in)",
        "publication 1: the plan's 40 areas of weakness in plain words, each with its status counts",
    ),
    "public_scorecard": (
        "Public scorecard (no sign-in)",
        "{public_measures} published measures with their charts' tables",
    ),
    "public_voice": (
        "Public You said, we did (no sign-in)",
        "{published_entries} published entries, 50 a page",
    ),
    "public_feed": ("Atom feed of publications", "every publication"),
    "public_measures_csv": ("Published measures, CSV (open data)", "{public_measures} measures"),
}
ALL_PAGES = {**OUR_PAGES, **CYCLE_PAGES, **SCORECARD_PAGES, **REGISTER_PAGES}
ALL_PAGES.update(PACK_PAGES)  # the board pack pages (bench/pack_pages.py)


def page_urls(bench: "BenchArea") -> dict[str, str]:
    """Name: URL, for every read page whose query count must not grow with the plan."""
    slug, plan = bench.area.slug, bench.plan.pk
    measure = bench.scorecard.measure
    milestones = reverse("plans:milestones", kwargs={"area": slug, "pk": plan})
    by_workstream = f"{milestones}?workstream={bench.workstream.pk}"
    open_period = reverse("progress:period", kwargs={"area": slug, "pk": bench.open_period.pk})
    reported_period = reverse("progress:period", kwargs={"area": slug, "pk": bench.reported_period.pk})
    in_open_period = {"area": slug, "pk": bench.open_period.pk}
    updated_item = {**in_open_period, "item_pk": bench.updated_item.pk}
    in_reported_period = {"area": slug, "period_pk": bench.reported_period.pk}
    return {
        "overview": reverse("plans:plan", kwargs={"area": slug, "pk": plan}),
        "plan_text": reverse("plans:plan-text", kwargs={"area": slug, "pk": plan}),
        "item": reverse("plans:item", kwargs={"area": slug, "pk": bench.action.pk}),
        "milestones": milestones,
        "milestones_filtered": by_workstream,
        "milestones_csv": f"{milestones}?format=csv",
        "milestones_filtered_csv": f"{by_workstream}&format=csv",
        "people": reverse("areas:people", kwargs={"area": slug}),
        "workstreams": reverse("areas:workstreams", kwargs={"area": slug}),
        "my_items": reverse("plans:my-items", kwargs={"area": slug}),
        "person": reverse("areas:person", kwargs={"area": slug, "pk": bench.person.pk}),
        "workstream": reverse("areas:workstream", kwargs={"area": slug, "pk": bench.workstream.pk}),
        "periods": reverse("progress:periods", kwargs={"area": slug, "plan_pk": plan}),
        "period_open": open_period,
        "period_open_filtered": f"{open_period}?workstream={bench.workstream.pk}",
        "period_reported": reported_period,
        "period_reported_filtered": f"{reported_period}?workstream={bench.workstream.pk}",
        "top_item": reverse("plans:item", kwargs={"area": slug, "pk": bench.top.pk}),
        "outstanding": reverse("progress:outstanding", kwargs=in_open_period),
        "update": reverse("progress:update", kwargs=updated_item),
        "challenge": reverse("progress:challenge", kwargs=updated_item),
        "challenge_bulk": reverse("progress:challenge-bulk", kwargs=in_open_period)
        + f"?workstream={bench.workstream.pk}",
        "highlight_reports": reverse("progress:highlight-reports", kwargs=in_open_period),
        "highlight_report": reverse(
            "progress:highlight-report", kwargs={**in_open_period, "workstream_pk": bench.workstream.pk}
        ),
        "evidence_list": reverse("evidence:list", kwargs={"area": slug}),
        "evidence": reverse("evidence:evidence", kwargs={"area": slug, "pk": bench.evidence.pk}),
        "scorecard": reverse("scorecard:scorecard", kwargs={"area": slug}),
        "scorecard_exceptions": reverse("scorecard:exceptions", kwargs={"area": slug}),
        "measure": reverse("scorecard:measure", kwargs={"area": slug, "pk": measure.pk}),
        "measure_chart": reverse(
            "scorecard:chart",
            kwargs={"area": slug, "pk": measure.pk, "breakdown_pk": bench.scorecard.breakdown.pk},
        ),
        "scorecard_reported_list": reverse("scorecard:reported-list", kwargs={"area": slug}),
        "scorecard_reported": reverse("scorecard:reported", kwargs=in_reported_period),
        "scorecard_reported_exceptions": reverse("scorecard:reported-exceptions", kwargs=in_reported_period),
        **register_urls(bench),
    }


def register_urls(bench: "BenchArea") -> dict[str, str]:
    slug, plan, registers = bench.area.slug, bench.plan.pk, bench.registers
    voice_list = reverse("voice:list", kwargs={"area": slug})
    public = {"area": slug}
    return {
        "risk_register": reverse("risks:register", kwargs={"area": slug, "plan_pk": plan}),
        "risk": reverse("risks:risk", kwargs={"area": slug, "pk": registers.risk.pk}),
        "risk_heatmap": reverse("risks:heatmap", kwargs={"area": slug, "plan_pk": plan}),
        "risk_red": reverse("risks:red", kwargs={"area": slug, "plan_pk": plan}),
        "voice_list": voice_list,
        "voice_list_filtered": f"{voice_list}?outcome={registers.outcome.pk}",
        "voice_entry": reverse("voice:entry", kwargs={"area": slug, "pk": registers.entry.pk}),
        "public_home": reverse("public:home", kwargs=public),
        "public_scorecard": reverse("public:scorecard", kwargs=public),
        "public_voice": reverse("public:voice", kwargs=public),
        "public_feed": reverse("public:feed", kwargs=public),
        "public_measures_csv": reverse("public:measures-csv", kwargs=public),
    }
