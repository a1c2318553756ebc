"""Markup for long lists on the plan overview, written in Python: hundreds of rows, one call."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from common.templatetags.govuk import swatch

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


@register.simple_tag
def timeline_rows(entries, area_slug: str):
    """The body of an item's timeline: its status in each period, newest first."""
    prefix = reverse("progress:period", kwargs={"area": area_slug, "pk": 0})[: -len("0/")]

    def status(entry):
        if not entry.label:
            return format_html('<span class="app-status app-status--none">{}</span>', "No status")
        return format_html('<span class="app-status">{} {}</span>', swatch(entry.colour), entry.label)

    def due(entry):
        if not entry.overdue:
            return entry.due
        return format_html('{} <strong class="govuk-tag govuk-tag--red">Overdue</strong>', entry.due)

    return format_html_join(
        "",
        '<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{}{}/">{}</a>'
        '<br><span class="govuk-hint govuk-!-font-size-16">{}</span></td>'
        '<td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell">{}</td></tr>',
        (
            (
                prefix,
                e.period.pk,
                e.period.name,
                e.how,
                status(e),
                due(e),
                linebreaksbr(Truncator(e.commentary).words(40), autoescape=True),
            )
            for e in entries
        ),
    )
