"""The single sign-on pages: start (off to the identity provider), the callback (back from it), and the
page that says why single sign-on was refused. All open without signing in; none exists (404) when single
sign-on is not set up."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from ..events import Kind, account_for_email, record_event
from ..rules import second_factor_from_amr
from ..two_step.middleware import IDP_SECOND_FACTOR
from . import backend, rules

MESSAGE = "sso_refusal_message"  # in the session: what the refused page says


def _only_when_configured(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not backend.configured():
            raise Http404("Single sign-on is not set up.")
        return view(request, *args, **kwargs)

    return login_not_required(wrapped)


class CallbackView(OIDCAuthenticationCallbackView):
    """Back from the identity provider: the backend checks the token and who may come in; a sign-in is
    recorded as "Signed in with single sign-on" (accounts/signals.py), a refusal with its reason."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            response: HttpResponse = super().get(request)
        except SuspiciousOperation:  # a state this browser did not start (an old or copied link)
            return self._refuse(
                rules.Refusal("Sign-in not started in this browser (state)", rules.DID_NOT_COMPLETE)
            )
        return response

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        claims = getattr(self.request, backend.CLAIMS, {})
        amr = claims.get("amr")
        amr = [str(method) for method in amr] if isinstance(amr, list) else []
        if second_factor_from_amr(amr, settings.OTP_TRUST_IDP_AMR):
            self.request.session[IDP_SECOND_FACTOR] = True
            record_event(
                self.request,
                Kind.SECOND_FACTOR_SUCCESS,
                user=self.user,
                reason="Checked by the identity provider",
            )
        return response

    def login_failure(self) -> HttpResponse:
        refusal = getattr(self.request, backend.REFUSAL, None)
        if refusal is None:
            error = self.request.GET.get("error")
            reason = "Cancelled or refused at the identity provider" if error else "Sign-in not completed"
            refusal = rules.Refusal(reason, rules.DID_NOT_COMPLETE)
        return self._refuse(refusal)

    def _refuse(self, refusal: rules.Refusal) -> HttpResponse:
        email = getattr(self.request, backend.EMAIL, "")
        record_event(
            self.request, Kind.SSO_REFUSED, user=account_for_email(email), email=email, reason=refusal.reason
        )
        self.request.session[MESSAGE] = refusal.message
        return redirect("accounts:sso-refused")


# Off to the identity provider, with a new state, nonce and PKCE verifier kept in the session; `next`
# (checked to be on this site) is kept for after.
start = _only_when_configured(OIDCAuthenticationRequestView.as_view())
callback = _only_when_configured(CallbackView.as_view())


@_only_when_configured
@require_http_methods(["GET"])
def refused(request: HttpRequest) -> HttpResponse:
    """Why single sign-on did not sign you in, and the way to sign in with a password."""
    message = request.session.get(MESSAGE) or rules.DID_NOT_COMPLETE
    return render(request, "accounts/sso_refused.html", {"message": message})
