"""A programme manager resets a member's two-step sign-in."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.two_step.selectors import has_second_factor

from .. import selectors
from ..access import Access, Kind, SignedInRequest, area_view, manager_only
from ..services.two_step import member_second_factor_reset


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
        },
    )
    return response
