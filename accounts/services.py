"""Emails about accounts."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db.models import Model
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import User


def invitation_send(*, user: User, area: Model, request: HttpRequest) -> None:
    """Email a new member a link to choose their password (valid as long as a password reset link)."""
    context = {
        "area": area,
        "email": user.email,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
    }
    subject = render_to_string("accounts/emails/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/emails/invitation.txt", context)
    send_mail(subject, body, None, [user.email])
