"""The area's name, council, colour and logo (its programme manager), and the logo itself (every member)."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.sso.backend import configured as single_sign_on_configured
from common.conflicts import try_save

from .. import services, snapshots
from ..access import Access, Kind, SignedInRequest, area_view, manager_only
from ..forms import BrandingForm, branding_initial
from ..models import LocalArea

# The logo is served as a PNG the service made itself (areas/logo.py), and never run as anything else.
LOGO_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, max-age=3600",
    "Content-Disposition": 'inline; filename="logo.png"',
}


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def branding_edit(request: SignedInRequest, access: Access) -> HttpResponse:
    area = access.area
    form = BrandingForm(
        request.POST or None,
        request.FILES or None,
        has_logo=bool(area.logo),
        single_sign_on=single_sign_on_configured(),
        initial=branding_initial(area),
    )
    attempt = try_save(
        form,
        lambda: services.area_branding_update(
            area=area,
            expected_version=form.cleaned_data["version"] or 0,
            name=form.cleaned_data["name"],
            council_name=form.cleaned_data["council_name"],
            colour=form.cleaned_data["colour"],
            logo_png=form.cleaned_data["logo"],
            remove_logo=form.cleaned_data.get("remove_logo", False),
            by=request.user,
            requires_two_step=form.cleaned_data["requires_two_step"],
            allows_single_sign_on=form.cleaned_data.get("allows_single_sign_on"),
        ),
        thing="the area's name and colours",
        theirs=snapshots.area_snapshot,
        mine=lambda: snapshots.area_snapshot(
            LocalArea(
                name=form.cleaned_data["name"],
                council_name=form.cleaned_data["council_name"],
                colour=form.cleaned_data["colour"],
                logo=area.logo.name if area.logo else "",
                requires_two_step=form.cleaned_data["requires_two_step"],
                allows_single_sign_on=form.cleaned_data.get(
                    "allows_single_sign_on", area.allows_single_sign_on
                ),
            )
        ),
    )
    if attempt.saved:
        messages.success(request, "The area's name, colour and logo are saved.")
        return redirect("areas:branding", area=area.slug)
    return render(
        request,
        "areas/branding_form.html",
        {"access": access, "form": form, "theirs": attempt.theirs, "nav": "members"},
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def logo(request: SignedInRequest, access: Access) -> FileResponse:
    if not access.area.logo:
        raise Http404("This area has no logo")
    try:
        handle = access.area.logo.storage.open(access.area.logo.name, "rb")
    except FileNotFoundError as missing:
        raise Http404("The logo is missing") from missing
    response = FileResponse(handle, content_type="image/png")
    for header, value in LOGO_HEADERS.items():
        response[header] = value
    return response
