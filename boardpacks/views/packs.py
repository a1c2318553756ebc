"""Making a pack (in the background), a pack's page with its versions, downloads, marking as sent."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, pack_maker
from jobs.services import job_start

from .. import rules, selectors
from ..formats import MEDIA_TYPES
from ..forms import PackForm
from ..services import pack_mark_sent, pack_problem

DOWNLOAD_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private"}


@require_http_methods(["GET", "POST"])
@area_view(pack_maker, reads=Kind.CYCLE)
def pack_create(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """Choose the period, the meeting date and the matters for decision; the pack is made in the
    background and its progress page is shown."""
    template = selectors.template_for(access=access, pk=pk)
    periods = selectors.reported_periods(template=template)
    initial: dict[str, Any] = {}
    chosen = request.GET.get("period", "")
    period = next((p for p in periods if str(p.pk) == chosen), periods[0] if periods else None)
    if period is not None:
        initial["period"] = period.pk
        latest = selectors.latest_version(template=template, period=period)
        if latest is not None:
            initial["matters"] = latest.matters
            initial["meeting_date"] = latest.meeting_date
    form = PackForm(request.POST or None, initial=initial, template=template, periods=periods)
    if request.method == "POST" and form.is_valid():
        period = form.cleaned_data["period"]
        problem = pack_problem(template=template, period=period)
        if problem:
            form.add_error("period", problem)
        else:
            meeting = form.cleaned_data["meeting_date"]
            job = job_start(
                area=access.area,
                user=request.user,
                kind="boardpacks.build",
                label=f"Making {template.name} for {period.name}",
                arguments={
                    "template": template.pk,
                    "period": period.pk,
                    "meeting_date": meeting.isoformat() if meeting else None,
                    "matters": form.cleaned_data["matters"],
                },
            )
            return redirect(reverse("jobs:job", kwargs={"area": access.area.slug, "pk": job.pk}))
    context = {"access": access, "template": template, "form": form, "periods": periods}
    return render(request, "boardpacks/pack_form.html", {**context, "nav": "boardpacks"})


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def pack_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    pack = selectors.pack_for(access=access, pk=pk)
    context = {
        "access": access,
        "pack": pack,
        "info": pack.content.get("pack", {}),
        "files": list(selectors.files_in_order().filter(pack=pack)),
        "versions": selectors.versions_of(pack=pack) if access.can_make_packs() else [],
        "nav": "boardpacks",
    }
    return render(request, "boardpacks/pack_detail.html", context)


@require_http_methods(["POST"])
@area_view(pack_maker, reads=Kind.CYCLE)
def pack_mark_sent_view(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    pack = selectors.pack_for(access=access, pk=pk)
    try:
        pack_mark_sent(pack=pack, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            f"Version {pack.number} is marked as the one sent to the meeting. Members can now read and "
            "download it.",
        )
    return redirect(reverse("boardpacks:pack", kwargs={"area": access.area.slug, "pk": pack.pk}))


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def download(request: SignedInRequest, access: Access, pk: int, fmt: str) -> HttpResponseBase:
    """The document exactly as it was made, always as a download."""
    if fmt not in MEDIA_TYPES:
        raise Http404("No such format")
    pack = selectors.pack_for(access=access, pk=pk)
    stored = selectors.file_of(pack=pack, fmt=fmt)
    try:
        handle = stored.file.storage.open(stored.file.name, "rb")
    except FileNotFoundError as missing:
        raise Http404("The file is missing") from missing
    name = rules.file_name(
        area_slug=access.area.slug,
        template_name=pack.template.name,
        period_name=pack.period.name,
        number=pack.number,
        extension=fmt,
    )
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=MEDIA_TYPES[fmt])
    for header, value in DOWNLOAD_HEADERS.items():
        response[header] = value
    return response
