"""The installation administrator's "Local areas" pages: every area at a glance, setting one up, and
each area's members. Anyone else gets "Page not found" (`access.installation_admin_view`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.models import User
from common.views import apply_validation_error

from .. import installation, services
from ..access import installation_admin_view
from ..forms import AreaCreateForm


@require_http_methods(["GET"])
@installation_admin_view
def area_list(request: HttpRequest) -> HttpResponse:
    return render(request, "areas/installation/area_list.html", {"rows": installation.areas_overview()})


@require_http_methods(["GET", "POST"])
@installation_admin_view
def area_create(request: HttpRequest) -> HttpResponse:
    form = AreaCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert isinstance(request.user, User)
        try:
            invitation = services.area_create(
                **form.cleaned_data, by=request.user, site_url=request.build_absolute_uri("/")
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"{invitation.area.name} is set up. {invitation.email} has been emailed an invitation "
                "to be its programme manager.",
            )
            return redirect("installation:area", slug=invitation.area.slug)
    return render(request, "areas/installation/area_form.html", {"form": form})


@require_http_methods(["GET"])
@installation_admin_view
def area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    area = installation.area_by_slug(slug=slug)
    return render(
        request,
        "areas/installation/area_detail.html",
        {"area": area, "members": installation.area_members(area=area)},
    )
