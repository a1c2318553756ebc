"""Markup for the plan overview's table, written in Python: one call instead of a template per cell."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

register = template.Library()


@register.simple_tag
def overview_rows(rows, area_slug: str):
    """A row per top-level item: its link, its count in each status, its total and its overdue."""
    prefix = reverse("plans:item", kwargs={"area": area_slug, "pk": 0})[: -len("0/")]

    def overdue(count: int):
        return format_html('<span class="app-overdue">{}</span>', count) if count else "0"

    return format_html_join(
        "",
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
        '<a class="govuk-link" href="{}{}/">{}. {}</a></th>{}'
        '<td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td></tr>',
        (
            (
                prefix,
                row.item.pk,
                row.item.number,
                Truncator(row.item.text).words(14),
                format_html_join("", '<td class="govuk-table__cell">{}</td>', ((c,) for c in row.cells)),
                row.total,
                overdue(row.overdue),
            )
            for row in rows
        ),
    )
