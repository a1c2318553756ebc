"""Figures on the pages that define the scorecard, written as a board paper prints them."""

from decimal import Decimal

from django import template

from ..rules import show

register = template.Library()


@register.filter
def figure(value: Decimal | None, unit: str = "") -> str:
    """62.5000 in a % measure is "62.5%"; no value is blank."""
    return "" if value is None else show(Decimal(value), unit)
