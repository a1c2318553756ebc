"""Accounts made and changed from the command line: the installation administrator."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import User

DEFAULT_SITE_URL = "http://127.0.0.1:8000"


@transaction.atomic
def admin_make(*, email: str, site_url: str | None = None) -> tuple[User, bool]:
    """Make `email` an installation administrator; returns the user and whether the account is new.

    A new account has no password: it is emailed a link to choose one (a password reset link), so no
    one else ever sees or chooses it."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError("Enter an email address, like name@example.org") from None
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = User.objects.create_user(email=email, password=None, is_installation_admin=True)
    else:
        user.is_installation_admin = True
        user.save(update_fields=["is_installation_admin"])
    if created:
        base = (site_url or getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")
        link = base + reverse(
            "accounts:password-reset-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {"email": user.email, "link": link}
        subject = render_to_string("accounts/emails/admin_subject.txt", context).strip()
        send_mail(subject, render_to_string("accounts/emails/admin.txt", context), None, [user.email])
    return user, created
