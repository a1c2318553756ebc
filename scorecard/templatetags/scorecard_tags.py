"""The scorecard's markup written in Python: a page of 120 measures renders its rows here, once each,
rather than through nested template loops. Every value is escaped by format_html."""

from collections.abc import Sequence
from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from .. import charts
from ..assess import Assessment, known_value
from ..models import COMPARATOR_SERIES, Measure, Series
from ..rules import Direction, Rating, show
from ..selectors import MeasureLine
from ..selectors.measure import not_available

register = template.Library()

TAG_COLOURS = {
    Rating.GREEN: "govuk-tag--green",
    Rating.AMBER: "govuk-tag--orange",
    Rating.RED: "govuk-tag--red",
}
ARROWS = {
    Direction.IMPROVING: "↑",
    Direction.DECLINING: "↓",
    Direction.NO_CHANGE: "→",
    Direction.NOT_KNOWN: "\N{EN DASH}",
}


@register.simple_tag
def rating_tag(rating: Rating) -> SafeString:
    """A rating as a GOV.UK tag: its colour and, always, its word."""
    rating = Rating(rating)
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', TAG_COLOURS.get(rating, "govuk-tag--grey"), rating.label
    )


@register.simple_tag
def direction_words(direction: Direction) -> SafeString:
    """ "↑ Improving": the arrow is decoration, the word says it."""
    direction = Direction(direction)
    return format_html('<span aria-hidden="true">{}</span> {}', ARROWS[direction], direction.label)


def latest_words(assessment: Assessment, unit: str) -> SafeString:
    """The figure rated and its period; a newer period with no figure says why; none at all says so."""
    latest, last = assessment.latest, assessment.last_period
    if latest is None:
        if last is None:
            return format_html("{}", "No figures yet")
        return format_html(
            'Not available ({}) <span class="govuk-hint">{}</span>', last.missing_reason, last.period
        )
    shown = format_html(
        '{} <span class="govuk-hint">{}</span>', show(known_value(latest), unit), latest.period
    )
    if last is not None and last.ends_on > latest.ends_on:
        shown = format_html(
            '{}<br><span class="govuk-hint">{}: not available ({})</span>',
            shown,
            last.period,
            last.missing_reason,
        )
    return shown


def target_words(assessment: Assessment, unit: str) -> str:
    if assessment.target is None:
        return "No target"
    due, value = assessment.target
    return f"{show(value, unit)} by {due:%d/%m/%Y}"


SPARK_ID = "spark-SPARK-ID"  # a measure under two outcomes has its chart drawn once, with an id for each


def _sparkline(line: MeasureLine) -> str:
    if line.sparkline is None:
        unit = line.measure.unit_suffix
        line.sparkline = charts.sparkline(line.points, ident="SPARK-ID", unit=unit, name=line.measure.code)
    return line.sparkline


def _measure_cell(measure: Measure, area_slug: str) -> SafeString:
    """The measure's code, linked to its page, and its name; a measure deleted since it was reported
    (no id) is shown as it was, without a link."""
    if measure.pk is None:
        return format_html(
            '{} <span class="govuk-!-font-weight-regular">{}</span> '
            '<span class="govuk-hint govuk-!-font-size-16">(no longer on the scorecard)</span>',
            measure.code,
            measure.name,
        )
    url = reverse("scorecard:measure", kwargs={"area": area_slug, "pk": measure.pk})
    return format_html(
        '<a class="govuk-link" href="{}">{}</a> <span class="govuk-!-font-weight-regular">{}</span>',
        url,
        measure.code,
        measure.name,
    )


def _row(
    line: MeasureLine, area_slug: str, prefix: str, comparators: list[tuple[str, str]]
) -> tuple[str, ...]:
    measure, assessment = line.measure, line.assessment
    unit = measure.unit_suffix
    ident = measure.pk if measure.pk is not None else f"gone-{slugify(measure.code)}"
    spark = _sparkline(line).replace(SPARK_ID, f"spark-{prefix}-{ident}")
    cells = format_html_join(
        "",
        '\n<td class="govuk-table__cell"><span class="app-cell-label">{}</span>{}</td>',
        (
            (name, not_available(point=assessment.comparators.get(series), unit=unit) or "No figure")
            for series, name in comparators
        ),
    )
    return (
        _measure_cell(measure, area_slug),
        latest_words(assessment, unit),
        target_words(assessment, unit),
        cells,
        rating_tag(assessment.rating),
        direction_words(assessment.direction),
        mark_safe(spark),  # noqa: S308 - charts.sparkline escapes every text it writes  # nosec B308, B703
    )


# Each cell carries its column's heading (.app-cell-label), shown when a narrow screen stacks the row.
ROW = (
    '<tr class="govuk-table__row">'
    '<th scope="row" class="govuk-table__header">{}</th>'
    '\n<td class="govuk-table__cell"><span class="app-cell-label">Latest</span>{}</td>'
    '\n<td class="govuk-table__cell"><span class="app-cell-label">Target</span>{}</td>'
    "{}"
    '\n<td class="govuk-table__cell"><span class="app-cell-label">Rating</span>{}</td>'
    '\n<td class="govuk-table__cell"><span class="app-cell-label">Since the last figure</span>{}</td>'
    '\n<td class="govuk-table__cell"><span class="app-cell-label">Trend</span>{}</td>'
    "</tr>\n"
)


@register.simple_tag
def scorecard_rows(
    lines: Sequence[MeasureLine],
    area_slug: str,
    prefix: object = "",
    comparators: Sequence[tuple[str, str]] | None = None,
) -> SafeString:
    """The rows of one outcome's table; `prefix` keeps each small chart's id unique on the page.
    `comparators` are the (series, name) columns shown; by default all three."""
    shown = (
        list(comparators)
        if comparators is not None
        else [(series, Series(series).label) for series in COMPARATOR_SERIES]
    )
    return format_html_join("", ROW, (_row(line, area_slug, str(prefix), shown) for line in lines))


@register.simple_tag
def show_number(value: Decimal, unit: str) -> str:
    """A stored figure as a board paper prints it: 68.2%, 12.6 weeks."""
    return show(value, unit)
