"""Addresses for pages listing thousands of rows: one reverse() for the list, not one per row."""

from collections.abc import Callable

from django.urls import reverse

PLACEHOLDER = 987654321


def url_maker(name: str, *, key: str = "pk", **kwargs: str) -> Callable[[int], str]:
    """A function giving the address of the page `name` for a pk, from a single `reverse`:
    `item_url = url_maker("plans:item", area="stockport"); item_url(12)` is "/areas/stockport/items/12/".
    The pattern must take the pk as `key` ("pk" unless said) and show it once."""
    before, after = reverse(name, kwargs={**kwargs, key: PLACEHOLDER}).split(str(PLACEHOLDER))
    return lambda pk: f"{before}{pk}{after}"
