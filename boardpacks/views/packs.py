"""Making a pack (in the background), a pack's page with its versions, downloads, marking as sent."""

from django.http import HttpResponse, HttpResponseBase

from areas.access import Access, Kind, SignedInRequest, area_view, pack_maker


@area_view(pack_maker, reads=Kind.CYCLE)
def pack_create(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    raise NotImplementedError


@area_view(reads=Kind.CYCLE)
def pack_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    raise NotImplementedError


@area_view(pack_maker, reads=Kind.CYCLE)
def pack_mark_sent_view(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    raise NotImplementedError


@area_view(reads=Kind.CYCLE)
def download(request: SignedInRequest, access: Access, pk: int, fmt: str) -> HttpResponseBase:
    raise NotImplementedError
