"""The board packs home, and setting up a pack template (programme manager)."""

from django.http import HttpResponse

from areas.access import Access, Kind, SignedInRequest, area_view, pack_maker


@area_view(reads=Kind.CYCLE)
def home(request: SignedInRequest, access: Access) -> HttpResponse:
    raise NotImplementedError


@area_view(pack_maker, reads=Kind.CYCLE)
def template_create_view(request: SignedInRequest, access: Access) -> HttpResponse:
    raise NotImplementedError


@area_view(pack_maker, reads=Kind.CYCLE)
def template_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    raise NotImplementedError


@area_view(pack_maker, reads=Kind.CYCLE)
def template_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    raise NotImplementedError
