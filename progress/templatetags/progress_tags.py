"""Markup for long lists on the plan overview, written in Python: hundreds of rows, one call."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from common.html import esc
from common.templatetags.govuk import swatch
from common.urls import url_maker
from progress.selectors import TimelineEntry, Trend, TrendRow

register = template.Library()


@register.simple_tag
def movement_list(row: TrendRow) -> SafeString:
    """The items of a trend row that improved and declined, as a GOV.UK list of links."""
    entries = [("Improved", m) for m in row.improved] + [("Declined", m) for m in row.declined]
    items = format_html_join(
        "",
        '<li>{}: <a class="govuk-link" href="{}">{}</a> from {} to {}</li>',
        ((word, m.url, m.number, m.before, m.after) for word, m in entries),
    )
    return format_html('<ul class="govuk-list">{}</ul>', items)


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
