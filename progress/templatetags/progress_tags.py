"""Markup for long lists on the plan overview, written in Python: hundreds of rows, one call."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from common.html import esc, words
from common.templatetags.govuk import rating_markup, swatch
from common.urls import url_maker
from progress.selectors import Glance, TimelineEntry, Trend, TrendRow
from progress.selectors.glance import TopRating

register = template.Library()


@register.simple_tag
def movement_list(row: TrendRow) -> SafeString:
    """The items of a trend row that improved and declined, as a GOV.UK list of links."""
    entries = [("Improved", m) for m in row.improved] + [("Declined", m) for m in row.declined]
    items = "".join(
        f'<li>{word}: <a class="govuk-link" href="{esc(m.url)}">{esc(m.number)}</a>'
        f" from {esc(m.before)} to {esc(m.after)}</li>"
        for word, m in entries
    )
    return mark_safe(f'<ul class="govuk-list">{items}</ul>')  # noqa: S308 - every value escaped by esc  # nosec B308, B703


@register.simple_tag
def movement_lists(trend: Trend) -> SafeString:
    """What improved and what declined under each top-level item that had either: its heading and list."""
    return mark_safe(  # noqa: S308 - every value escaped by esc; movement_list escapes its own  # nosec B308, B703
        "".join(
            f'<h3 class="govuk-heading-s">{esc(row.top.number)}. {esc(words(row.top.text, 10))}</h3>\n'
            f"{movement_list(row)}\n"
            for row in trend.rows
            if row.improved or row.declined
        )
    )


@register.simple_tag
def glance_top_rows(glance: Glance) -> SafeString:
    """The body of the glance's table of top-level items: each one's overall rating as reported, and in
    the period reported before when there was one."""

    def row(top: TopRating) -> str:
        before = (
            f'<td class="govuk-table__cell"><span class="app-cell-label">{esc(glance.before_name)}</span>'
            f"{rating_markup(top.before_label, top.before_colour)}</td>"
            if glance.before_name
            else ""
        )
        return (
            f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            f'<a class="govuk-link app-number" href="{esc(top.url)}">{esc(top.number)}</a> '
            f"{esc(words(top.text, 12))}</th>"
            f'\n<td class="govuk-table__cell"><span class="app-cell-label">{esc(glance.period_name)}</span>'
            f"{rating_markup(top.label, top.colour)}</td>{before}</tr>\n"
        )

    return mark_safe("".join(row(top) for top in glance.tops))  # noqa: S308 - every value escaped by esc  # nosec B308, B703


@register.simple_tag
def trend_rows(trend: Trend) -> SafeString:
    """The body of the trend table: a row per top-level item, each count with last period's beside it."""

    def cells(row: TrendRow) -> str:
        return "".join(
            f'\n<td class="govuk-table__cell">{esc(now)} '
            f'<span class="govuk-hint govuk-!-display-inline">(was {esc(before)})</span></td>'
            for now, before in row.pairs
        )

    return mark_safe(  # noqa: S308 - every value escaped by esc  # nosec B308, B703
        "".join(
            f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            f"{esc(row.top.number)}. {esc(Truncator(row.top.text).words(10))}</th>{cells(row)}"
            f'\n<td class="govuk-table__cell">{len(row.improved)}</td>'
            f'\n<td class="govuk-table__cell">{len(row.declined)}</td></tr>\n'
            for row in trend.rows
        )
    )


@register.simple_tag
def timeline_rows(entries: list[TimelineEntry], area_slug: str) -> SafeString:
    """The body of an item's timeline: its status in each period, newest first."""
    period_url = url_maker("progress:period", area=area_slug)

    def status(entry: TimelineEntry) -> str:
        if not entry.label:
            return '<span class="app-status app-status--none">No status</span>'
        return f'<span class="app-status">{swatch(entry.colour)} {esc(entry.label)}</span>'

    def due(entry: TimelineEntry) -> str:
        if not entry.overdue:
            return esc(entry.due)
        return f'{esc(entry.due)} <strong class="govuk-tag govuk-tag--red">Overdue</strong>'

    def label(heading: str) -> str:
        """The column's heading in the cell, shown when a narrow screen stacks the row (.app-table--stack)."""
        return f'<span class="app-cell-label">{heading}</span>'

    def commentary(text: str) -> str:
        """Escaped, at most 40 words, line breaks kept (as linebreaksbr writes them)."""
        shortened = Truncator(text).words(40).replace("\r\n", "\n").replace("\r", "\n")
        return esc(shortened).replace("\n", "<br>")

    return mark_safe(  # noqa: S308 - every value escaped by esc; swatch escapes its colour  # nosec B308, B703
        "".join(
            f'<tr class="govuk-table__row"><td class="govuk-table__cell">{label("Period")}'
            f'<a class="govuk-link" href="{esc(period_url(e.period.pk))}">{esc(e.period.name)}</a>'
            f'<br><span class="govuk-hint govuk-!-font-size-16">{esc(e.how)}</span></td>'
            f'\n<td class="govuk-table__cell">{label("Status")}{status(e)}</td>'
            f'\n<td class="govuk-table__cell">{label("Due")}{due(e)}</td>'
            f'\n<td class="govuk-table__cell">{label("Progress")}{commentary(e.commentary)}</td></tr>\n'
            for e in entries
        )
    )
