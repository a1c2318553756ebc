"""The rules of board packs, as pure functions (no Django): which sections there are, what each holds
and which kinds of data it shows, which periods a pack covers and compares against, and how files are
named.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # the heading in the pack
    describes: str  # what it holds, for the template form
    kinds: tuple[str, ...]  # the kinds of data it shows (areas.access.Kind values)


SECTIONS: tuple[Section, ...] = (
    Section(
        "cover",
        "Cover and contents",
        "The title, the meeting and its date, the period, and the contents.",
        ("plan",),
    ),
    Section(
        "summary",
        "Summary",
        "The programme at a glance: status counts against the last period, the scorecard in words and "
        "counts, and the red risks.",
        ("plan", "cycle", "scorecard", "risks"),
    ),
    Section(
        "rag_overview",
        "Progress by area",
        "Each top-level item's rating and its actions by status, this period against the last, with a chart.",
        ("plan", "cycle"),
    ),
    Section(
        "exceptions",
        "Exceptions",
        "Red and overdue items with their mitigations, and slipped dates with their original dates and "
        "slip counts.",
        ("plan", "cycle"),
    ),
    Section(
        "highlights",
        "Highlight reports",
        "Each workstream's highlight report: actions progressed, impact on children and families, "
        "evidence, next steps.",
        ("plan", "cycle"),
    ),
    Section(
        "scorecard",
        "Scorecard",
        "The scorecard as reported, with the red and worsening measures, their commentary and charts.",
        ("scorecard",),
    ),
    Section(
        "risks",
        "Risks",
        "The heat map of open risks as reported, the red risks with their mitigations, and movement "
        "since last time.",
        ("risks",),
    ),
    Section(
        "voice",
        "You said, we did",
        "What families and young people said, and what was done, heard or added in the period.",
        ("voice",),
    ),
    Section(
        "matters",
        "Matters for decision",
        "What the board is asked to decide, written for this pack.",
        ("plan",),
    ),
)

SECTION_KEYS: tuple[str, ...] = tuple(section.key for section in SECTIONS)
BY_KEY: dict[str, Section] = {section.key: section for section in SECTIONS}

# A monthly SEND board pack holds everything; a quarterly Health and Wellbeing Board pack less detail.
DEFAULT_SECTIONS: tuple[str, ...] = SECTION_KEYS
QUARTERLY_SECTIONS: tuple[str, ...] = (
    "cover",
    "summary",
    "rag_overview",
    "scorecard",
    "risks",
    "voice",
    "matters",
)

QUARTER_MONTHS = 3


def sections_problem(keys: Sequence[str]) -> str | None:
    """Why a template's sections cannot be used, or None: at least one, each known, none twice."""
    if not keys:
        return "Choose at least one section for the pack."
    unknown = [key for key in keys if key not in BY_KEY]
    if unknown:
        return f"These sections are not known: {', '.join(unknown)}."
    twice = sorted({key for key in keys if list(keys).count(key) > 1})
    if twice:
        titles = ", ".join(BY_KEY[key].title for key in twice)
        return f"Each section can appear once: {titles} appears more than once."
    return None


def kinds_needed(keys: Iterable[str]) -> set[str]:
    """The kinds of data a pack with these sections shows: a reader must read them all."""
    return {kind for key in keys if key in BY_KEY for kind in BY_KEY[key].kinds}


def months_back(day: date, months: int) -> date:
    """The first day of the month `months` before `day`'s month."""
    index = day.year * 12 + (day.month - 1) - months
    return date(index // 12, index % 12 + 1, 1)


def covered_from(*, period_starts: date, frequency: str) -> date:
    """The first day a pack covers: the period's own start (monthly), or the first day of the quarter
    of three months ending with the period's month (quarterly)."""
    if frequency == "quarterly":
        return months_back(period_starts, QUARTER_MONTHS - 1)
    return period_starts


def comparison_period(
    *, period_ends: date, frequency: str, reported: Sequence[tuple[int, date]]
) -> int | None:
    """Which reported period a pack compares against, by id, given the reported periods as (id, end
    date): the latest ending before this one (monthly), or the latest ending at least three months
    before it, so a quarter is compared with the quarter before (quarterly). None when there is none."""
    if frequency == "quarterly":
        limit = months_back(period_ends, QUARTER_MONTHS - 1)
        earlier = [(ends, pk) for pk, ends in reported if ends < limit]
    else:
        earlier = [(ends, pk) for pk, ends in reported if ends < period_ends]
    return max(earlier)[1] if earlier else None


def file_name(*, area_slug: str, template_name: str, period_name: str, number: int, extension: str) -> str:
    """A download's file name: plain letters, digits and hyphens, such as
    stockport-monthly-send-board-pack-march-2021-v2.pdf."""
    words = f"{area_slug} {template_name} {period_name}"
    slug = re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")[:120].strip("-")
    return f"{slug}-v{number}.{extension}"


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def span_words(starts: date, ends: date) -> str:
    """The days a pack covers as a board paper writes them: "1 to 31 March 2021" within a month,
    "1 January to 31 March 2021" within a year, "1 December 2020 to 28 February 2021" across years."""

    def day(on: date) -> str:
        return f"{on.day} {MONTHS[on.month - 1]}"

    if (starts.year, starts.month) == (ends.year, ends.month):
        return f"{starts.day} to {day(ends)} {ends.year}"
    if starts.year == ends.year:
        return f"{day(starts)} to {day(ends)} {ends.year}"
    return f"{day(starts)} {starts.year} to {day(ends)} {ends.year}"
