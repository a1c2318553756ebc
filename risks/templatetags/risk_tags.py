"""A risk's score and band as the pages show them: the band always in its word, never colour alone."""

from functools import cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from common.html import esc
from common.urls import url_maker
from risks.rules import Band
from risks.selectors.register import RiskRow
from risks.selectors.reporting import ReviewRow

register = template.Library()

# The same tint and border as the heat map and the board view (.app-band in app.scss).
TAG_COLOURS = {band: f"app-band app-band--{band.css}" for band in Band}


@register.simple_tag
@cache
def band_tag(band: Band | None, score: int | None = None) -> SafeString:
    """ "16 Red" as a red tag; "Not scored" in words when there is no score. Cached: a register shows
    hundreds of the same few tags."""
    if band is None:
        return format_html('<span class="govuk-hint govuk-!-display-inline">{}</span>', "Not scored")
    if score is None:
        return format_html('<strong class="{}">{}</strong>', TAG_COLOURS[band], band.label)
    return format_html('<strong class="{}">{} {}</strong>', TAG_COLOURS[band], score, band.label)


@register.filter
def words_of(value: int | None, words: dict[int, str]) -> str:
    """4 and the likelihood words: "4 Likely"."""
    return "Not assessed" if value is None else f"{value} {words[value]}"


ROW = (
    '<tr class="govuk-table__row">'
    '<td class="govuk-table__cell"><span class="app-cell-label">Reference</span>'
    '<a class="govuk-link" href="{}">{}</a></td>'
    '<td class="govuk-table__cell"><span class="app-cell-label">Risk</span>{}</td>'
    '<td class="govuk-table__cell"><span class="app-cell-label">Owner</span>{}</td>'
    '<td class="govuk-table__cell"><span class="app-cell-label">Category</span>{}</td>'
    '<td class="govuk-table__cell"><span class="app-cell-label">Score now</span>{}</td>'
    '<td class="govuk-table__cell"><span class="app-cell-label">Before mitigation</span>{}</td>'
    '<td class="govuk-table__cell"><span class="app-cell-label">Target</span>{}</td>'
    '<td class="govuk-table__cell"><span class="app-cell-label">Next review</span>{}{}</td>'
    '<td class="govuk-table__cell"><span class="app-cell-label">Status</span>{}</td>'
    "</tr>"
)
OVERDUE = format_html('<br><span class="app-overdue">{}</span>', "Review overdue")


@register.simple_tag
def register_rows(rows: list[RiskRow]) -> SafeString:
    """The register's rows written in Python: 300 risks through the template engine cost more than the
    rest of the page."""
    return format_html_join(
        "",
        ROW,
        (
            (
                row.url,
                row.reference,
                row.title,
                row.owner or "No owner",
                row.category,
                band_tag(row.now.band, row.now.score),
                band_tag(row.before.band, row.before.score),
                band_tag(row.target.band, row.target.score),
                f"{row.review_on.day} {row.review_on:%b %Y}" if row.review_on else "Not set",
                OVERDUE if row.overdue else "",
                "Open" if row.is_open else "Closed",
            )
            for row in rows
        ),
    )


BLOCKS = '<br><strong class="app-blocking">Blocks reporting: red with no mitigation update</strong>'


@cache
def board_band(band: Band | None) -> SafeString:
    """A band as risks/includes/board_band.html shows it: its word, in the board's tag."""
    if band is None:
        return format_html('<strong class="app-band app-band--none">{}</strong>', "Not scored")
    return format_html('<strong class="app-band app-band--{}">{}</strong>', band.css, band.label)


@register.simple_tag
def review_rows(rows: list[ReviewRow], area_slug: str) -> SafeString:
    """The rows of a period's risks due for review, written in Python with `esc` (common.html): a plan's
    hundreds of open risks through the template engine, or format_html, cost more than the rest of the
    period page."""
    risk_url = url_maker("risks:risk", area=area_slug)

    def cell(heading: str, content: str) -> str:
        """A cell with its column's heading, shown when a narrow screen stacks the row (.app-table--stack)."""
        return f'<td class="govuk-table__cell"><span class="app-cell-label">{heading}</span>{content}</td>'

    def row_html(row: ReviewRow) -> str:
        risk = row.risk
        link = f'<a class="govuk-link" href="{esc(risk_url(risk.pk))}">{esc(risk.reference)}</a>'
        updated = ("Yes" if row.updated_in_period else "No") + (BLOCKS if row.blocks_reporting else "")
        return (
            '<tr class="govuk-table__row">'
            + cell("Risk", f"{link} {esc(risk.title)}")
            + cell("Band", board_band(row.band))
            + cell("Owner", esc(risk.owner or "No owner"))
            + cell("Review date", f"{risk.review_on:%d/%m/%Y}" if risk.review_on else "Not set")
            + cell("Mitigation update in this period", updated)
            + "</tr>"
        )

    return mark_safe(  # noqa: S308 - every value escaped by esc; board_band by format_html  # nosec B308, B703
        "".join(row_html(row) for row in rows)
    )
