"""Invitations into a local area: made and emailed by the programme manager, accepted by the person
invited through the single-use link in the email (areas.rules: expiry, the token's hash, the checks)."""

import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from history import services as history

from .. import rules
from ..models import Invitation, LocalArea, Membership, Person
from ..selectors import invitation_by_token, invitation_link_problem

DEFAULT_SITE_URL = "http://127.0.0.1:8000"
CHANGED_SINCE = (
    "This invitation changed since you opened the page, so it was not sent again: "
    "check the list and try again if it is still needed."
)


def _site_url(site_url: str | None) -> str:
    """The address links in emails start with: the one given, else settings.SITE_URL, else local."""
    return (site_url or getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = rules.token_hash(token)
    return token


def _send(invitation: Invitation, token: str, site_url: str | None) -> None:
    context = {
        "invitation": invitation,
        "area": invitation.area,
        "role": invitation.get_role_display().lower(),
        "invited_by": invitation.invited_by,
        "link": _site_url(site_url) + reverse("invitation-accept", kwargs={"token": token}),
        "expires_at": invitation.expires_at,
    }
    subject = " ".join(render_to_string("areas/emails/invitation_subject.txt", context).split())
    body = render_to_string("areas/emails/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


@transaction.atomic
def invitation_create(
    *,
    area: LocalArea,
    email: str,
    role: str,
    person: Person | None = None,
    by: User | None = None,
    site_url: str | None = None,
) -> Invitation:
    """Invite `email` into the area with `role` (and, if given, as `person` of the plan), and email them
    the link. Someone already a member, or already invited and not yet answered, is refused in words."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "Enter an email address, like name@example.org"}) from None
    if role not in Membership.Role.values:
        raise ValidationError({"role": "Choose a role"})
    if person is not None and person.area_id != area.pk:
        raise ValidationError({"person": "Choose a person of this area"})
    if person is not None and person.is_group:
        raise ValidationError({"person": "Choose a person: a group cannot sign in"})
    if Membership.objects.filter(area=area, user__email__iexact=email).exists():
        raise ValidationError({"email": f"{email} is already a member of this area"})
    if Invitation.objects.filter(
        area=area, email__iexact=email, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).exists():
        raise ValidationError(
            {"email": f"{email} has already been invited: send the invitation again from the members page"}
        )
    now = timezone.now()
    invitation = Invitation(
        area=area,
        email=email,
        role=role,
        person=person,
        invited_by=by,
        created_at=now,
        last_sent_at=now,
        expires_at=rules.invitation_expires_at(now),
    )
    token = _new_token(invitation)
    invitation.save()
    history.change_record(
        area=area,
        action=history.Action.ADDED,
        subject=f"Invitation to {email}",
        obj=invitation,
        changes={"Role": ["", invitation.get_role_display()]},
        by=by,
    )
    _send(invitation, token, site_url)
    return invitation


@transaction.atomic
def invitation_resend(
    *, invitation: Invitation, expected_version: int, by: User | None = None, site_url: str | None = None
) -> Invitation:
    """Email the invitation again with a new link valid for 7 more days; the old link stops working.

    An answered invitation cannot be sent again; one changed since the page was read (`expected_version`)
    is not sent twice."""
    if invitation.accepted_at is not None:
        raise ValidationError(rules.INVITATION_USED)
    if invitation.withdrawn_at is not None:
        raise ValidationError("This invitation has been withdrawn: invite them again instead.")
    now = timezone.now()
    token = _new_token(invitation)
    claimed = Invitation.objects.filter(
        pk=invitation.pk, version=expected_version, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).update(
        version=F("version") + 1,
        token_hash=invitation.token_hash,
        expires_at=rules.invitation_expires_at(now),
        last_sent_at=now,
        sent_count=F("sent_count") + 1,
    )
    if claimed != 1:
        raise ValidationError(CHANGED_SINCE)
    invitation.refresh_from_db()
    history.change_record(
        area=invitation.area,
        action=history.Action.CHANGED,
        subject=f"Invitation to {invitation.email}",
        obj=invitation,
        changes={"Sent": [str(invitation.sent_count - 1), str(invitation.sent_count)]},
        by=by,
    )
    _send(invitation, token, site_url)
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by: User | None = None) -> Invitation:
    """Stop the invitation's link working. Withdrawing twice is the same as once; an accepted one stays."""
    if invitation.accepted_at is not None:
        raise ValidationError(
            f"{invitation.email} has already accepted: remove them from the members instead."
        )
    withdrawn = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now(), version=F("version") + 1)
    invitation.refresh_from_db()
    if withdrawn:
        history.change_record(
            area=invitation.area,
            action=history.Action.REMOVED,
            subject=f"Invitation to {invitation.email}",
            obj=invitation,
            changes={"Role": [invitation.get_role_display(), ""]},
            by=by,
        )
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    user: User | None = None,
    password: str = "",
    display_name: str = "",
) -> Membership:
    """Accept the invitation whose link holds `token`, in one transaction: the link is checked (it
    exists, has not expired, been used or been withdrawn), the member added with the invitation's role
    and person, the acceptance recorded in the area's history, and the link dead from then on.

    `user` is the signed-in account, which must be the one the invitation was sent to. Without one, an
    account is made for the invited email with the `password` they chose (Django's password rules);
    an email that already has an account must sign in first.
    """
    invitation = invitation_by_token(token=token)
    if problem := invitation_link_problem(invitation=invitation):
        raise ValidationError(problem)
    assert invitation is not None
    if user is not None:
        if not rules.same_email(invitation.email, user.email):
            raise ValidationError(
                f"This invitation was sent to {invitation.email}, but you are signed in as {user.email}. "
                "Sign out, then open the link again."
            )
    else:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                f"There is already an account for {invitation.email}: sign in, then open the link again."
            )
        candidate = User(email=invitation.email, display_name=display_name.strip())
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
        user = User.objects.create_user(
            email=invitation.email, password=password, display_name=display_name.strip()
        )
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk,
        token_hash=invitation.token_hash,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
    ).update(accepted_at=now, accepted_by=user, version=F("version") + 1)
    if claimed != 1:
        raise ValidationError(rules.INVITATION_USED)
    membership = Membership.objects.filter(area=invitation.area, user=user).first()
    if membership is not None:  # added meanwhile by other means: the role they have stays
        history.change_record(
            area=invitation.area,
            action=history.Action.CHANGED,
            subject=f"Invitation to {user.email}",
            obj=invitation,
            changes={"Invitation": ["", "Accepted"]},
            by=user,
        )
        return membership
    membership = Membership.objects.create(
        user=user, area=invitation.area, role=invitation.role, person=invitation.person
    )
    history.change_record(
        area=invitation.area,
        action=history.Action.ADDED,
        subject=f"Member {user.email}",
        obj=membership,
        changes={"Role": ["", membership.get_role_display()], "Invitation": ["", "Accepted"]},
        by=user,
    )
    return membership
