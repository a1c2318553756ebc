"""A job's page: how far the work has got, then where its result is. Without JavaScript, a button asks
again; with it, htmx asks every second and swaps in the status (announced politely)."""

import uuid

from django.http import HttpResponse
from django.shortcuts import render

from areas.access import Access, Kind, SignedInRequest, area_view

from .selectors import job_for


@area_view(reads=Kind.PLAN)
def job_detail(request: SignedInRequest, access: Access, pk: uuid.UUID) -> HttpResponse:
    job = job_for(access=access, pk=pk)
    context = {"access": access, "job": job}
    if request.headers.get("HX-Request"):
        return render(request, "jobs/includes/status.html", context)
    return render(request, "jobs/job.html", context)
