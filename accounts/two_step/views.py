"""The two-step pages: set up an authenticator app, enter its code, use a recovery code, keep the
recovery codes, make new ones."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from ..events import record_event
from ..models import User
from ..sessions import session_key_changed
from . import selectors, services
from .forms import AuthenticatorCodeForm, RecoveryCodeForm, SetUpCodeForm
from .middleware import pending_second_step
from .qr import qr_svg, secret_in_groups

NEW_CODES_KEY = "two_step_new_codes"
AFTER_CODES_KEY = "two_step_after_codes"


def _second_factor_event(request: HttpRequest, kind: str, user: User) -> None:
    """A second-factor event in the sign-in audit: `kind` is "second_factor_success" or
    "second_factor_failure" (accounts.events.record_event)."""
    record_event(request, kind, user=user, email=user.email)


def _next(request: HttpRequest) -> str:
    """Where to go after the second step: the page asked for, if it is on this site, else home."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the pages need signing in (LoginRequiredMiddleware)
    return user


def _verified_by_recovery_code(request: HttpRequest) -> bool:
    return isinstance(getattr(request.user, "otp_device", None), StaticDevice)


def _verify_session(request: HttpRequest, device: object) -> None:
    """The second step is done: a new session key (as at sign-in), then the device on the session."""
    old_key = request.session.session_key
    request.session.cycle_key()
    session_key_changed(old_key, request.session.session_key)
    otp_login(request, device)


@require_http_methods(["GET", "POST"])
@pending_second_step
def set_up(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    if selectors.has_second_factor(user=user) and not _verified_by_recovery_code(request):
        # A second authenticator only after a recovery code: a stolen session or password is not enough.
        if getattr(user, "is_verified", lambda: False)():
            messages.info(request, "To set up a new authenticator app, sign in with a recovery code first.")
            return redirect("two_step:overview")
        return redirect(f"{reverse('two_step:challenge')}?{urlencode({'next': reverse('two_step:set-up')})}")
    device = services.authenticator_start(user=user)
    form = SetUpCodeForm(request.POST or None)
    if form.is_valid():
        if services.authenticator_confirm(device=device, code=form.cleaned_data["code"]):
            device.refresh_from_db()
            _verify_session(request, device)
            _second_factor_event(request, "second_factor_success", user)
            request.session[NEW_CODES_KEY] = services.recovery_codes_make(user=user)
            request.session[AFTER_CODES_KEY] = _next(request)
            messages.success(
                request, "Two-step sign-in is set up. Next time you sign in, you will need a code."
            )
            return redirect("two_step:recovery-codes")
        device.refresh_from_db()
        _second_factor_event(request, "second_factor_failure", user)
        form.refuse(device)
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return render(
        request,
        "accounts/two_step/set_up.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url, title="QR code to scan with your authenticator app"),
            "secret": secret_in_groups(secret),
            "next": request.GET.get("next", ""),
            "required": selectors.must_have_second_factor(user=user),
        },
    )


@require_http_methods(["GET", "POST"])
@pending_second_step
def challenge(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    device = selectors.authenticator_for(user=user)
    if device is None:
        return redirect(f"{reverse('two_step:set-up')}?{urlencode({'next': _next(request)})}")
    form = AuthenticatorCodeForm(request.POST or None, user=user, device=device)
    if request.method == "POST":
        if form.is_valid():
            device.refresh_from_db()
            _verify_session(request, device)
            _second_factor_event(request, "second_factor_success", user)
            return redirect(_next(request))
        _second_factor_event(request, "second_factor_failure", user)
    return render(
        request, "accounts/two_step/challenge.html", {"form": form, "next": request.GET.get("next", "")}
    )


@require_http_methods(["GET", "POST"])
@pending_second_step
def recovery(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    device = selectors.recovery_device_for(user=user)
    form = RecoveryCodeForm(request.POST or None, user=user, device=device) if device else None
    if request.method == "POST" and form is not None:
        if form.is_valid():
            assert device is not None
            _verify_session(request, device)
            _second_factor_event(request, "second_factor_success", user)
            left = selectors.recovery_codes_left(user=user)
            messages.success(
                request,
                f"You signed in with a recovery code. You have {left} left. "
                "If you have lost your authenticator app, set up a new one now.",
            )
            return redirect("two_step:overview")
        _second_factor_event(request, "second_factor_failure", user)
    return render(
        request,
        "accounts/two_step/recovery.html",
        {"form": form, "next": request.GET.get("next", ""), "has_codes": device is not None},
    )


@require_http_methods(["GET", "POST"])
@pending_second_step
def recovery_codes(request: HttpRequest) -> HttpResponseBase:
    """The new recovery codes, shown once: leaving the page with "Continue" forgets them."""
    if request.method == "POST":
        request.session.pop(NEW_CODES_KEY, None)
        return redirect(request.session.pop(AFTER_CODES_KEY, None) or reverse("home"))
    codes = request.session.get(NEW_CODES_KEY) or []
    return render(request, "accounts/two_step/recovery_codes.html", {"codes": codes})


@require_http_methods(["GET"])
@pending_second_step
def recovery_codes_download(request: HttpRequest) -> HttpResponse:
    codes = request.session.get(NEW_CODES_KEY) or []
    if not codes:
        messages.info(
            request, "Recovery codes can be downloaded only while they are shown after making them."
        )
        return redirect("two_step:overview")
    lines = [
        "Recovery codes for the SEND improvement programme",
        f"Account: {_user(request).email}",
        "Each code signs you in once, instead of a code from your authenticator app.",
        "",
        *codes,
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="recovery-codes.txt"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "accounts/two_step/overview.html",
        {
            "authenticator": selectors.authenticator_for(user=user),
            "codes_left": selectors.recovery_codes_left(user=user),
            "required": selectors.must_have_second_factor(user=user),
            "by_recovery_code": _verified_by_recovery_code(request),
        },
    )


@require_http_methods(["GET", "POST"])
def recovery_codes_new(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    if not selectors.has_second_factor(user=user):
        return redirect("two_step:set-up")
    if request.method == "POST":
        request.session[NEW_CODES_KEY] = services.recovery_codes_make(user=user)
        request.session[AFTER_CODES_KEY] = reverse("two_step:overview")
        messages.success(request, "You have new recovery codes. The old ones no longer work.")
        return redirect("two_step:recovery-codes")
    return render(request, "accounts/two_step/recovery_codes_new.html", {})
