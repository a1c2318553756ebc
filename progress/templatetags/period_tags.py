"""Markup for the period page's long tables, written in Python: a hundred rows of updates and the roll-up
of every item of the top two levels, one call each instead of a template per row and per cell."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from common.html import esc, words
from common.templatetags.govuk import rating_markup, status_tag
from plans.selectors import RollupRow

from ..selectors import STATE_FILTERS, PeriodRow

register = template.Library()

STATE_COLOURS = {"missing": "red", "submitted": "yellow", "changed": "orange", "confirmed": "green"}


def _label(heading: str) -> str:
    """The column's heading in the cell, shown when a narrow screen stacks the row (.app-table--stack)."""
    return f'<span class="app-cell-label">{heading}</span>'


def _update_row(row: PeriodRow) -> str:
    item = row.item
    number = esc(item.number)
    workstreams = (
        f'<br><span class="govuk-hint govuk-!-font-size-16">{esc(", ".join(item.workstreams))}</span>'
        if item.workstreams
        else ""
    )
    overdue = ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>' if item.overdue else ""
    state = row.update_state
    if row.confirmed:
        changed = row.proposed if state == "changed" else None
        status = status_tag(row.confirmed) + (
            f'<br><span class="govuk-hint govuk-!-font-size-16">Proposed: {esc(changed.label)}</span>'
            if changed
            else ""
        )
    elif row.proposed:
        status = f'<span class="govuk-hint govuk-!-font-size-16">Proposed:</span> {status_tag(row.proposed)}'
    else:
        status = status_tag(item.status)
    update = (
        f'<a class="govuk-link" href="{esc(row.update_url)}">'
        f"{'Write update' if state == 'missing' else 'Edit update'}"
        f'<span class="govuk-visually-hidden"> on {number}</span></a>'
        if row.update_url
        else ""
    )
    challenge = (
        f'<br><a class="govuk-link" href="{esc(row.challenge_url)}">'
        f'Challenge<span class="govuk-visually-hidden"> the rating of {number}</span></a>'
        if row.challenge_url
        else ""
    )
    return (
        f'<tr class="govuk-table__row">'
        f'\n<td class="govuk-table__cell app-number">{_label("Number")}'
        f'<a class="govuk-link" href="{esc(item.url)}">{number}</a></td>'
        f'\n<td class="govuk-table__cell">{_label("Item")}'
        f"{esc(words(item.text, 25))}{workstreams}</td>"
        f'\n<td class="govuk-table__cell">{_label("Owners")}{esc(", ".join(item.owners))}</td>'
        f'\n<td class="govuk-table__cell">{_label("Due")}{esc(row.due)}{overdue}</td>'
        f'\n<td class="govuk-table__cell">{_label("Update")}'
        f'<strong class="govuk-tag govuk-tag--{STATE_COLOURS[state]}">{STATE_FILTERS[state]}</strong></td>'
        f'\n<td class="govuk-table__cell">{_label("Status")}\n{status}</td>'
        f'\n<td class="govuk-table__cell app-actions-cell">{update}\n{challenge}</td></tr>\n'
    )


@register.simple_tag
def update_rows(rows: list[PeriodRow]) -> SafeString:
    """The body of the period's table of updates: each item's number, text and workstreams, owners, due
    date, how far its update has got, its status (confirmed, proposed or as it stands), and the links
    to write or edit its update and to challenge its rating that the user may follow."""
    return mark_safe(  # noqa: S308 - every value escaped by esc; status_tag escapes its own  # nosec B308, B703
        "".join(_update_row(row) for row in rows)
    )


LOWER_LEVEL = " govuk-!-font-weight-regular"  # a second-level item's heading, under its top-level item's


@register.simple_tag
def rollup_rows(rollups: list[RollupRow]) -> SafeString:
    """The body of the roll-up table: each item's link and words, its overall rating, and its count of
    lowest-level items in each status (each labelled, for a narrow screen)."""

    def cells(row: RollupRow) -> str:
        return "".join(
            f'<td class="govuk-table__cell govuk-table__cell--numeric">'
            f'<span class="app-cell-label app-cell-label--inline">{esc(label or "No status")}: </span>'
            f"{esc(count)}</td>"
            for label, _, count in row.rollup.counts
        )

    return mark_safe(  # noqa: S308 - every value escaped by esc; swatch escapes its colour  # nosec B308, B703
        "".join(
            f'<tr class="govuk-table__row">'
            f'\n<th scope="row" class="govuk-table__header{LOWER_LEVEL if row.level > 1 else ""}">'
            f'<a class="govuk-link" href="{esc(row.url)}">{esc(row.number)}</a> '
            f"{esc(words(row.text, 10))}</th>"
            f'\n<td class="govuk-table__cell">{_label("Overall rating")}'
            f"{rating_markup(row.rollup.rating_label, row.rollup.rating_colour)}</td>"
            f"\n{cells(row)}</tr>\n"
            for row in rollups
        )
    )
