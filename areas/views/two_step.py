"""Resetting two-step sign-in: a programme manager a member's, an installation administrator a
programme manager's."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.models import User
from accounts.two_step.selectors import has_second_factor

from .. import installation, selectors
from ..access import Access, Kind, SignedInRequest, area_view, installation_admin_view, manager_only
from ..models import Membership
from ..services.two_step import member_second_factor_reset, programme_manager_second_factor_reset


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def member_two_step_reset(request: SignedInRequest, access: Access, pk: int) -> HttpResponseBase:
    membership = selectors.member_for(access=access, pk=pk)
    error = None
    if request.method == "POST":
        try:
            member_second_factor_reset(membership=membership, by=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(
                request,
                f"{membership.user.email}'s two-step sign-in is reset. "
                "They will set it up again when they next sign in.",
            )
            return redirect("areas:member-edit", area=access.area.slug, pk=membership.pk)
    response: HttpResponse = render(
        request,
        "areas/member_two_step_reset.html",
        {
            "access": access,
            "membership": membership,
            "has_second_factor": has_second_factor(user=membership.user),
            "error": error,
            "nav": "members",
            "cancel_url": reverse(
                "areas:member-edit", kwargs={"area": access.area.slug, "pk": membership.pk}
            ),
        },
    )
    return response


@require_http_methods(["GET", "POST"])
@installation_admin_view
def programme_manager_two_step_reset(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    area = installation.area_by_slug(slug=slug)
    membership = get_object_or_404(Membership.objects.select_related("user", "area"), area=area, pk=pk)
    if membership.role != Membership.Role.PROGRAMME_MANAGER:
        raise Http404("Only a programme manager's two-step sign-in is reset from Local areas.")
    error = None
    if request.method == "POST":
        assert isinstance(request.user, User)
        try:
            programme_manager_second_factor_reset(membership=membership, by=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(
                request,
                f"{membership.user.email}'s two-step sign-in is reset. "
                "They will set it up again when they next sign in.",
            )
            return redirect("installation:area", slug=area.slug)
    return render(
        request,
        "areas/member_two_step_reset.html",
        {
            "membership": membership,
            "has_second_factor": has_second_factor(user=membership.user),
            "error": error,
            "cancel_url": reverse("installation:area", kwargs={"slug": area.slug}),
        },
    )
