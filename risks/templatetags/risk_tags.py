"""A risk's score and band as the pages show them: the band always in its word, never colour alone."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from risks.rules import Band

register = template.Library()

TAG_COLOURS = {Band.GREEN: "govuk-tag--green", Band.AMBER: "govuk-tag--orange", Band.RED: "govuk-tag--red"}


@register.simple_tag
def band_tag(band: Band | None, score: int | None = None) -> SafeString:
    """ "16 Red" as a red tag; "Not scored" in words when there is no score."""
    if band is None:
        return format_html('<span class="govuk-hint govuk-!-display-inline">{}</span>', "Not scored")
    if score is None:
        return format_html('<strong class="govuk-tag {}">{}</strong>', TAG_COLOURS[band], band.label)
    return format_html('<strong class="govuk-tag {}">{} {}</strong>', TAG_COLOURS[band], score, band.label)


@register.filter
def words_of(value: int | None, words: dict[int, str]) -> str:
    """4 and the likelihood words: "4 Likely"."""
    return "Not assessed" if value is None else f"{value} {words[value]}"
