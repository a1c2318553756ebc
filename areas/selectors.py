"""Reads for the people, workstreams and members pages, always inside the user's area."""

from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from accounts.rules import second_factor_required as second_factor_rule
from accounts.sso.rules import Standing

from .access import Access
from .models import Invitation, Membership, Person, Workstream
from .rules import Address, invitation_problem, person_address, token_hash

CURRENT_ITEMS = Q(owned_items__removed_at__isnull=True)


def people_for(*, access: Access) -> QuerySet[Person]:
    """The area's people (not its groups: `groups_for`), with how many current items each owns."""
    return (
        Person.objects.filter(area=access.area, kind=Person.Kind.PERSON)
        .select_related("organisation", "area")
        .annotate(item_count=Count("owned_items", filter=CURRENT_ITEMS, distinct=True))
        .order_by("initials")
    )


def person_for(*, access: Access, pk: int) -> Person:
    """A person or a group of the area (a group's page is a person's page, with its members)."""
    return get_object_or_404(
        Person.objects.select_related("organisation", "area").prefetch_related("members", "groups"),
        pk=pk,
        area=access.area,
    )


def groups_for(*, access: Access) -> QuerySet[Person]:
    """The area's groups (boards, teams, roles), each with its members and current items owned."""
    return (
        Person.objects.filter(area=access.area, kind=Person.Kind.GROUP)
        .select_related("area")
        .prefetch_related(Prefetch("members", queryset=Person.objects.order_by("initials")))
        .annotate(item_count=Count("owned_items", filter=CURRENT_ITEMS, distinct=True))
        .order_by("name")
    )


def group_for(*, access: Access, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.select_related("area").prefetch_related("members"),
        pk=pk,
        area=access.area,
        kind=Person.Kind.GROUP,
    )


def workstreams_for(*, access: Access) -> QuerySet[Workstream]:
    return (
        Workstream.objects.filter(area=access.area)
        .select_related("area")
        .prefetch_related("leaderships__person")
        .annotate(item_count=Count("items", filter=Q(items__removed_at__isnull=True), distinct=True))
        .order_by("code")
    )


def workstream_for(*, access: Access, pk: int) -> Workstream:
    return get_object_or_404(
        Workstream.objects.select_related("area").prefetch_related("leaderships__person"),
        pk=pk,
        area=access.area,
    )


def members_for(*, access: Access) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(area=access.area).select_related("user", "person").order_by("user__email")
    )


def member_for(*, access: Access, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "person", "area"), pk=pk, area=access.area
    )


def emails_of(*, area_id: int, person_ids: Iterable[int]) -> dict[int, Address]:
    """Where to email each of the area's people (`areas.rules.person_address`), in one query.

    The one place that decides a person's address: reminders, the outstanding page and any
    other email to a person use it. People of another area are left out.
    """
    wanted = set(person_ids)
    if not wanted:
        return {}
    rows = (
        Person.objects.filter(area_id=area_id, pk__in=wanted)
        .order_by("pk", "memberships__user__email")
        .values_list(
            "pk", "email", "memberships__area_id", "memberships__user__email", "memberships__user__is_active"
        )
    )
    own: dict[int, str] = {}
    active: dict[int, list[str]] = {}
    inactive: set[int] = set()
    for pk, email, member_area, member_email, member_active in rows:
        own[pk] = email or ""
        if member_email is None or member_area != area_id:
            continue
        if member_active:
            active.setdefault(pk, []).append(member_email)
        else:
            inactive.add(pk)
    return {
        pk: person_address(
            member_emails=active.get(pk, []), has_inactive_member=pk in inactive, own_email=email
        )
        for pk, email in own.items()
    }


def email_of(*, person: Person) -> Address:
    """Where to email one person: `emails_of` for a single person."""
    return emails_of(area_id=person.area_id, person_ids=[person.pk]).get(
        person.pk, person_address(member_emails=[], has_inactive_member=False, own_email=person.email)
    )


NOT_A_LINK = (
    "This link is not valid. Check you copied the whole link from the email, "
    "or ask your programme manager to send the invitation again."
)


def invitations_pending_for(*, access: Access) -> QuerySet[Invitation]:
    """The area's invitations not yet accepted or withdrawn (expired ones too: they can be sent again)."""
    return (
        Invitation.objects.filter(area=access.area, accepted_at__isnull=True, withdrawn_at__isnull=True)
        .select_related("person", "invited_by")
        .order_by("email")
    )


def invitation_for(*, access: Access, pk: int) -> Invitation:
    return get_object_or_404(Invitation.objects.select_related("area"), pk=pk, area=access.area)


def invitation_by_token(*, token: str) -> Invitation | None:
    """The invitation whose link holds `token` (found by the token's hash), or None."""
    return (
        Invitation.objects.select_related("area", "person", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def invitation_link_problem(*, invitation: Invitation | None) -> str:
    """Why the link to `invitation` (None: no invitation has it) does not work now; "" when it does."""
    if invitation is None:
        return NOT_A_LINK
    return invitation_problem(
        now=timezone.now(),
        expires_at=invitation.expires_at,
        accepted=invitation.accepted_at is not None,
        withdrawn=invitation.withdrawn_at is not None,
    )


def second_factor_required(*, user: User) -> bool:
    """Whether `user` must sign in in two steps (accounts.rules.second_factor_required): the setting
    TWO_STEP_REQUIRED_FOR names this function, so the accounts app need not know about areas."""
    if not user.pk:
        return False
    memberships = Membership.objects.filter(user_id=user.pk)
    return second_factor_rule(
        is_installation_admin=user.is_installation_admin,
        manages_an_area=memberships.filter(role=Membership.Role.PROGRAMME_MANAGER).exists(),
        in_area_requiring=memberships.filter(area__requires_two_step=True).exists(),
    )


def single_sign_on_standing(*, email: str) -> Standing:
    """What single sign-on needs to know about `email` (accounts.sso.rules.standing_refusal): its account,
    the areas it is a member of and those that turned single sign-on off, and the areas with an open
    invitation for it. The setting SSO_STANDING_FOR names this function. Three queries."""
    user = User.objects.filter(email__iexact=email).first() if email else None
    areas = (
        list(Membership.objects.filter(user=user).values_list("area__name", "area__allows_single_sign_on"))
        if user
        else []
    )
    invitations = list(
        Invitation.objects.filter(
            email__iexact=email,
            accepted_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).values_list("area__name", "area__allows_single_sign_on")
    )
    return Standing(
        has_account=user is not None,
        account_active=bool(user and user.is_active),
        is_installation_admin=bool(user and user.is_installation_admin),
        member_of=tuple(name for name, _ in areas),
        refusing=tuple(name for name, allows in areas if not allows),
        invited_to=tuple(name for name, _ in invitations),
        invited_refusing=tuple(name for name, allows in invitations if not allows),
    )
