"""Markup for long lists on the plan overview, written in Python: hundreds of rows, one call."""

from django import template
from django.utils.html import format_html, format_html_join

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
