"""Words for a board pack's stored content: its ISO dates in words, its colours checked, its long text in
paragraphs. The pack's templates (boardpacks/templates/boardpacks/pack/) print the content only through
Django's autoescaping; nothing here marks text safe."""

import re
from datetime import date, datetime

from django import template

register = template.Library()

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")
NO_COLOUR = "#b1b4b6"
BLANK_LINES = re.compile(r"\n\s*\n")


@register.filter
def date_words(value: str | None, none: str = "") -> str:
    """An ISO date (or date and time) as people write it: "2021-04-20" is "20 April 2021"."""
    if not value:
        return none
    try:
        day = datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"


@register.filter
def colour(value: str | None) -> str:
    """A colour from the content if it is a plain hex colour, else a neutral grey (never other CSS)."""
    return value if value and HEX_COLOUR.fullmatch(value) else NO_COLOUR


@register.filter
def paragraphs(value: str | None) -> list[str]:
    """Text split into paragraphs at its blank lines, empty ones left out."""
    return [part.strip() for part in BLANK_LINES.split((value or "").replace("\r\n", "\n")) if part.strip()]
