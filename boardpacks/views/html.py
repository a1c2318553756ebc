"""The pack as an accessible web page, drawn from its stored content, and its charts as SVG."""

from django.http import HttpResponse

from areas.access import Access, Kind, SignedInRequest, area_view


@area_view(reads=Kind.CYCLE)
def pack_page(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    raise NotImplementedError


@area_view(reads=Kind.CYCLE)
def chart(request: SignedInRequest, access: Access, pk: int, name: str) -> HttpResponse:
    raise NotImplementedError
