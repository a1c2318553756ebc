"""A person's page and a workstream's page: who they are (the local area's) and the items they own or
lead (the plan's). Composed here, by the app that knows items, so the local area's app knows nothing
of plans; config/urls.py puts these pages under the areas namespace with the rest of its pages."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas import selectors as area_selectors
from areas.access import Access, Kind, SignedInRequest, area_view

from .. import selectors


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def person_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    person = area_selectors.person_for(access=access, pk=pk)
    items = selectors.item_rows(
        access=access,
        queryset=selectors.items_of_person(access=access, person_id=person.pk),
        today=timezone.localdate(),
    )
    led = list(person.led_workstreams.select_related("area"))
    return render(
        request,
        "areas/person_detail.html",
        {
            "access": access,
            "person": person,
            "address": area_selectors.email_of(person=person),
            "items": items,
            "led": led,
            "nav": "people",
        },
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def workstream_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    workstream = area_selectors.workstream_for(access=access, pk=pk)
    items = selectors.item_rows(
        access=access,
        queryset=selectors.items_of_workstreams(access=access, workstream_ids=[workstream.pk]),
        today=timezone.localdate(),
    )
    return render(
        request,
        "areas/workstream_detail.html",
        {"access": access, "workstream": workstream, "items": items, "nav": "workstreams"},
    )
