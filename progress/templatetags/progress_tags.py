"""Markup for long lists on the plan overview, written in Python: hundreds of rows, one call."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

register = template.Library()


@register.simple_tag
def movement_list(row):
    """The items of a trend row that improved and declined, as a GOV.UK list of links."""
    entries = [("Improved", m) for m in row.improved] + [("Declined", m) for m in row.declined]
    items = format_html_join(
        "",
        '<li>{}: <a class="govuk-link" href="{}">{}</a> from {} to {}</li>',
        ((word, m.url, m.number, m.before, m.after) for word, m in entries),
    )
    return format_html('<ul class="govuk-list">{}</ul>', items)


@register.simple_tag
def trend_rows(trend):
    """The body of the trend table: a row per top-level item, each count with last period's beside it."""

    def cells(row):
        return format_html_join(
            "",
            '<td class="govuk-table__cell">{} '
            '<span class="govuk-hint govuk-!-display-inline">(was {})</span></td>',
            row.pairs,
        )

    return format_html_join(
        "",
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{}. {}</th>{}'
        '<td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td></tr>',
        (
            (
                row.top.number,
                Truncator(row.top.text).words(10),
                cells(row),
                len(row.improved),
                len(row.declined),
            )
            for row in trend.rows
        ),
    )
