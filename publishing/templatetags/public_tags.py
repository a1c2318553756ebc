"""Small helpers for the public pages, which read a publication's stored content (plain JSON)."""

from datetime import date

from django import template

register = template.Library()


@register.filter
def iso_date(value: str) -> str:
    """A stored date (2021-03-31) as people write it: 31 March 2021; nothing for none."""
    if not value:
        return ""
    day = date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"
