"""Sign-in, sign-out and password reset: the only pages open without signing in; a member's sessions and
the audit of sign-ins."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from areas.access import (
    Access,
    Kind,
    SignedInRequest,
    area_view,
    installation_admin_view,
    manager_only,
    member_user_ids,
)

from . import selectors, sessions
from .audit_forms import ActivityFilterForm
from .forms import SignInForm
from .models import User
from .sso.backend import configured as sso_configured

ACTIVITY_PAGE_SIZE = 50


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The single sign-on button's name, when single sign-on is set up."""
        context = super().get_context_data(**kwargs)
        context["sso_name"] = settings.SSO_BUTTON_NAME if sso_configured() else ""
        return context

    def form_invalid(self, form: Any) -> HttpResponse:
        """Refused before the password was checked (too many attempts, or busy): 429 Too Many Requests."""
        response = super().form_invalid(form)
        if any(e.code in ("locked", "delayed", "busy") for e in form.non_field_errors().as_data()):
            response.status_code = 429
        return response


class SignOutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# The audit of who came in, and a member's own sessions (accounts/events.py, accounts/sessions.py).


@require_http_methods(["GET"])
@area_view(manager_only, reads=Kind.PLAN)
def area_sign_in_activity(request: SignedInRequest, access: Access) -> HttpResponse:
    """Sign-ins of the area's members: the programme manager's."""
    members = User.objects.filter(pk__in=member_user_ids(access))
    return _activity(
        request, ActivityFilterForm(request.GET, members=members), member_user_ids(access), access
    )


@require_http_methods(["GET"])
@installation_admin_view
def installation_sign_in_activity(request: HttpRequest) -> HttpResponse:
    """Sign-ins of every account, and attempts with emails of no account: the installation administrator's."""
    return _activity(request, ActivityFilterForm(request.GET), None, None)


def _activity(
    request: HttpRequest, form: ActivityFilterForm, user_ids: Any, access: Access | None
) -> HttpResponse:
    filters = form.filters()
    events = selectors.sign_in_events(filters=filters, user_ids=user_ids)
    page = Paginator(events, ACTIVITY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "access": access,
        "filter_form": form,
        "filtered": filters.any,
        "page": page,
        "query": form.query(),
    }
    return render(request, "accounts/sign_in_activity.html", context)


@require_http_methods(["GET"])
def sessions_list(request: HttpRequest) -> HttpResponse:
    """Your sessions: the browsers signed in as you, and your recent sign-ins."""
    assert isinstance(request.user, User)  # nosec B101
    context = {
        "sessions": sessions.user_sessions(user=request.user),
        "current_key": request.session.session_key,
        "events": selectors.own_recent_sign_ins(user=request.user),
    }
    return render(request, "accounts/sessions.html", context)


@require_http_methods(["POST"])
def session_end(request: HttpRequest, pk: int) -> HttpResponse:
    assert isinstance(request.user, User)  # nosec B101
    if not sessions.session_end(user=request.user, pk=pk, current_key=request.session.session_key):
        raise Http404("No such session.")
    messages.success(request, "That browser is signed out.")
    return redirect("accounts:sessions")


@require_http_methods(["POST"])
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)  # nosec B101
    ended = sessions.sessions_end_others(user=request.user, current_key=request.session.session_key)
    messages.success(request, f"{ended} other browser{'s' if ended != 1 else ''} signed out.")
    return redirect("accounts:sessions")
