"""Invitations: resending and withdrawing (the programme manager), and accepting through the emailed
link, the one page of an area open without signing in."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.models import User
from common.views import apply_validation_error

from .. import rules, selectors, services
from ..access import Access, Kind, SignedInRequest, area_view, manager_only
from ..forms import AcceptForm, InvitationActionForm


@require_http_methods(["POST"])
@area_view(manager_only, reads=Kind.PLAN)
def invitation_resend(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    invitation = selectors.invitation_for(access=access, pk=pk)
    form = InvitationActionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(services.invitations.CHANGED_SINCE)
        services.invitation_resend(
            invitation=invitation,
            expected_version=form.cleaned_data["version"],
            by=request.user,
            site_url=request.build_absolute_uri("/"),
        )
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
    else:
        messages.success(
            request, f"The invitation has been emailed to {invitation.email} again, with a new 7-day link."
        )
    return redirect("areas:members", area=access.area.slug)


@require_http_methods(["POST"])
@area_view(manager_only, reads=Kind.PLAN)
def invitation_withdraw(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    invitation = selectors.invitation_for(access=access, pk=pk)
    try:
        services.invitation_withdraw(invitation=invitation, by=request.user)
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
    else:
        messages.success(
            request, f"The invitation to {invitation.email} has been withdrawn: its link no longer works."
        )
    return redirect("areas:members", area=access.area.slug)


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Open the emailed link: someone new chooses a password; someone with an account signs in as the
    invited email and accepts; anyone else is told in words why not and what to do."""
    invitation = selectors.invitation_by_token(token=token)
    if problem := selectors.invitation_link_problem(invitation=invitation):
        status = 404 if invitation is None else 410
        return render(request, "areas/invitation_dead.html", {"problem": problem}, status=status)
    assert invitation is not None
    signed_in = request.user if isinstance(request.user, User) else None
    context: dict[str, object] = {"invitation": invitation, "role": invitation.get_role_display().lower()}
    if signed_in is not None and not rules.same_email(invitation.email, signed_in.email):
        context["wrong_user"] = signed_in
        return render(request, "areas/invitation_accept.html", context, status=403)
    if signed_in is None and User.objects.filter(email__iexact=invitation.email).exists():
        context["sign_in_first"] = True
        return render(request, "areas/invitation_accept.html", context)
    form = AcceptForm(request.POST or None) if signed_in is None else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            membership = services.invitation_accept(
                token=token,
                user=signed_in,
                password=form.cleaned_data["password"] if form else "",
                display_name=form.cleaned_data["display_name"] if form else "",
            )
        except ValidationError as error:
            if form is None:
                return render(
                    request, "areas/invitation_dead.html", {"problem": error.messages[0]}, status=410
                )
            apply_validation_error(form, error)
        else:
            if signed_in is None:
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, f"You have joined {membership.area.name}'s programme as {context['role']}."
            )
            return redirect(membership.area)
    context["form"] = form
    return render(request, "areas/invitation_accept.html", context)
