"""The one place two-step sign-in is enforced: every page that needs signing in (those that
LoginRequiredMiddleware guards) also needs the second step, for whoever has or must have one."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse

from .selectors import has_second_factor, must_have_second_factor

# Pages a signed-in user reaches before the second step: besides the two-step pages (marked with
# `pending_second_step`), signing out.
OPEN_BEFORE_SECOND_STEP = frozenset({"accounts:sign-out"})
# In the session: signed in by single sign-on, whose identity provider checked a second factor that this
# installation trusts (OTP_TRUST_IDP_AMR and the token's amr claim, accounts/sso/views.py).
IDP_SECOND_FACTOR = "two_step_by_identity_provider"


def pending_second_step(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Mark a two-step page: reachable after the password, before the second step."""
    view.pending_second_step = True  # type: ignore[attr-defined]
    return view


def second_step_redirect(request: HttpRequest) -> HttpResponseRedirect | None:
    """Where a signed-in user must go before this page: the code challenge when they have an
    authenticator app and this session has not been through it, set-up when they must have one and do
    not; None when the page may be shown (also when the identity provider's second factor counted)."""
    user = request.user
    if not user.is_authenticated or getattr(user, "is_verified", lambda: False)():
        return None
    if request.session.get(IDP_SECOND_FACTOR) is True:
        return None
    if has_second_factor(user=user):
        target = "two_step:challenge"
    elif must_have_second_factor(user=user):
        target = "two_step:set-up"
    else:
        return None
    return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class TwoStepMiddleware:
    """After django-otp's OTPMiddleware and LoginRequiredMiddleware: pages open without signing in stay
    open; every other page asks for the second step first (`second_step_redirect`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if not getattr(view_func, "login_required", True) or getattr(view_func, "pending_second_step", False):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_STEP:
            return None
        return second_step_redirect(request)
