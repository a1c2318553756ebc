"""Markup for the plan overview's table, written in Python: one call instead of a template per cell; and
the words for a level's name (plural, a/an).

Cells are separated by a line break, so that text read from the page (a screen reader's, a copy, a search)
never runs one heading or count into the next."""

import re
from collections.abc import Iterable

from django import template
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from common.html import esc, words
from common.templatetags.govuk import rating_markup, status_tag
from common.urls import url_maker

from .. import rules
from ..selectors import ItemRow, TopLevelRow

register = template.Library()

BLANK_LINES = re.compile(r"\n\s*\n")


@register.filter
def paragraphs(value: str | None) -> list[str]:
    """Plain text split into paragraphs at its blank lines (a plan's text): shown with `linebreaksbr`, so
    single line breaks are kept too, and nothing in it is ever markup."""
    return [part.strip() for part in BLANK_LINES.split((value or "").replace("\r\n", "\n")) if part.strip()]


@register.filter
def plural(name: str) -> str:
    """A level's name in the plural (plans.rules.plural): {{ child_level_name|plural }}."""
    return rules.plural(str(name))


@register.filter
def plural_for(name: str, count: int) -> str:
    """A level's name for a count: the name itself for one, its plural otherwise."""
    return str(name) if count == 1 else rules.plural(str(name))


@register.filter
def with_article(name: str) -> str:
    """A name with "a" or "an" (plans.rules.with_article): {{ level_name|lower|with_article }}."""
    return rules.with_article(str(name))


@register.simple_tag
def item_table_rows(items: Iterable[ItemRow], show_plan: bool = False) -> SafeString:
    """The body of an item table (plans/includes/item_table.html): a row per item, each cell with its
    column's heading for a narrow screen, as its template wrote it."""
    months = [""] + [str(MONTHS_3[month]).title() for month in range(1, 13)]  # as the date filter's "M"

    def due(item: ItemRow) -> str:
        day = item.due_date
        shown = esc(f"{day.day} {months[day.month]} {day.year:04d}" if day else item.due_text)
        return shown + ('<br><span class="app-overdue">Overdue</span>' if item.overdue else "")

    def cell(heading: str, content: str, kind: str = "") -> str:
        label = f'<span class="app-cell-label">{heading}</span>'
        return f'<td class="govuk-table__cell{kind}">{label}{content}</td>'

    def row(item: ItemRow) -> str:
        link = f'<a class="govuk-link" href="{esc(item.url)}">{esc(item.number)}</a>'
        cells = [
            cell("Number", link, kind=" app-number"),
            *([cell("Plan", esc(item.plan_reference))] if show_plan else []),
            cell("Text", esc(words(item.text, 25))),
            cell("Due", due(item)),
            cell("Workstream", ", ".join(esc(code) for code in item.workstreams)),
            cell("Owners", ", ".join(esc(owner) for owner in item.owners)),
            cell("Status", status_tag(item.status)),
        ]
        return '<tr class="govuk-table__row">' + "\n".join(cells) + "</tr>\n"

    return mark_safe("".join(row(item) for item in items))  # noqa: S308 - every value escaped by esc  # nosec B308, B703


@register.simple_tag
def overview_rows(rows: Iterable[TopLevelRow], area_slug: str) -> SafeString:
    """A row per top-level item: its link and overall rating (its roll-up), its count in each status, its
    total and its overdue."""
    item_url = url_maker("plans:item", area=area_slug)

    def overall(row: TopLevelRow) -> str:
        if row.rollup is None:
            return rating_markup("", "")
        return rating_markup(row.rollup.rating_label, row.rollup.rating_colour)

    def overdue(count: int) -> str:
        return f'<span class="app-overdue">{esc(count)}</span>' if count else "0"

    return mark_safe(  # noqa: S308 - every value escaped by esc  # nosec B308, B703
        "".join(
            f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            f'<a class="govuk-link" href="{esc(item_url(row.item.pk))}">{esc(row.item.number)}. '
            f"{esc(Truncator(row.item.text).words(14))}</a>"
            f'<br><span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">Overall:</span> '
            f"{overall(row)}</th>"
            + "".join(f'\n<td class="govuk-table__cell">{esc(c)}</td>' for c in row.cells)
            + f'\n<td class="govuk-table__cell">{esc(row.total)}</td>'
            f'\n<td class="govuk-table__cell">{overdue(row.overdue)}</td></tr>\n'
            for row in rows
        )
    )
