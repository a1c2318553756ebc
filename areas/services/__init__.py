"""Changes to a local area's organisations, people, workstreams and members."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from common.concurrency import claim_version
from history import services as history

from ..models import LocalArea, Membership, Organisation, Person, Workstream, WorkstreamLead
from ..rules import alias_clash, join_aliases, name_key, split_aliases
from ..snapshots import member_snapshot, person_snapshot, workstream_snapshot
from .branding import area_branding_update
from .groups import group_create, group_remove, group_update, names_taken
from .invitations import invitation_accept, invitation_create, invitation_resend, invitation_withdraw
from .setup import area_create

__all__ = [
    "area_branding_update",
    "area_create",
    "group_create",
    "group_remove",
    "group_update",
    "invitation_accept",
    "invitation_create",
    "invitation_resend",
    "invitation_withdraw",
    "member_add",
    "member_remove",
    "member_update",
    "organisation_for",
    "person_create",
    "person_update",
    "workstream_create",
    "workstream_update",
]


def organisation_for(*, area: LocalArea, name: str) -> Organisation | None:
    """The area's organisation of that name, added if new; None for a blank name."""
    name = (name or "").strip()
    if not name:
        return None
    found = Organisation.objects.filter(area=area, name__iexact=name).first()
    return found or Organisation.objects.create(area=area, name=name)


def _check_person(person: Person) -> None:
    person.initials = person.initials.strip()
    if not person.initials:
        raise ValidationError({"initials": "Enter the person's initials"})
    clash = Person.objects.filter(area=person.area, initials__iexact=person.initials).exclude(pk=person.pk)
    if clash.exists():
        raise ValidationError(
            {"initials": f"Someone in this area already has the initials {person.initials}"}
        )
    aliases = split_aliases(person.aliases)
    person.aliases = join_aliases(aliases)
    others = names_taken(area=person.area, leaving_out=person.pk)
    if (key := name_key(person.initials)) in others:
        raise ValidationError({"initials": f'"{person.initials}" is already {others[key]}: choose others'})
    for alias in aliases:
        if problem := alias_clash(alias, initials=person.initials, others=others):
            raise ValidationError({"aliases": problem})
    person.full_clean(exclude=["area", "organisation", "members"])


@transaction.atomic
def person_create(
    *,
    area: LocalArea,
    initials: str,
    name: str = "",
    job_title: str = "",
    organisation: str = "",
    email: str = "",
    by: User | None = None,
    source: str = "Web",
    aliases: str = "",
) -> Person:
    person = Person(
        area=area,
        initials=initials,
        name=name.strip(),
        job_title=job_title.strip(),
        email=email.strip(),
        aliases=aliases,
    )
    _check_person(person)
    person.organisation = organisation_for(area=area, name=organisation)
    history.save_recorded(
        obj=person,
        snapshot=person_snapshot,
        before=None,
        area=area,
        subject=f"Person {person.initials}",
        by=by,
        source=source,
    )
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    expected_version: int,
    initials: str | None = None,
    name: str | None = None,
    job_title: str | None = None,
    organisation: str | None = None,
    email: str | None = None,
    by: User | None = None,
    source: str = "Web",
    aliases: str | None = None,
) -> Person:
    """Change a person's details: each one given replaces theirs; one left out (None) stays as it is."""
    before = person_snapshot(person)
    if aliases is not None:
        person.aliases = aliases
    if initials is not None:
        person.initials = initials.strip()
    if name is not None:
        person.name = name.strip()
    if job_title is not None:
        person.job_title = job_title.strip()
    if email is not None:
        person.email = email.strip()
    if organisation is not None:
        person.organisation = organisation_for(area=person.area, name=organisation)
    _check_person(person)
    history.save_recorded(
        obj=person,
        snapshot=person_snapshot,
        before=before,
        area=person.area,
        subject=f"Person {person.initials}",
        by=by,
        source=source,
        expected_version=expected_version,
    )
    return person


def _check_workstream(workstream: Workstream) -> None:
    workstream.code = workstream.code.strip()
    workstream.name = workstream.name.strip()
    if not workstream.code:
        raise ValidationError({"code": "Enter the workstream's code, such as JC"})
    if not workstream.name:
        raise ValidationError({"name": "Enter the workstream's name"})
    clash = Workstream.objects.filter(area=workstream.area, code__iexact=workstream.code).exclude(
        pk=workstream.pk
    )
    if clash.exists():
        raise ValidationError({"code": f"This area already has a workstream with the code {workstream.code}"})


@transaction.atomic
def workstream_create(
    *,
    area: LocalArea,
    code: str,
    name: str,
    leads: Sequence[Person] = (),
    by: User | None = None,
    source: str = "Web",
) -> Workstream:
    """Add a workstream with its leads (people or groups of the area), in the order given."""
    workstream = Workstream(area=area, code=code, name=name)
    _check_workstream(workstream)
    _check_leads(workstream, leads)
    workstream.save()
    _leads_set(workstream, leads)
    history.change_record(
        area=area,
        action=history.Action.ADDED,
        subject=f"Workstream {workstream.code}",
        changes=history.diff({}, workstream_snapshot(workstream)),
        obj=workstream,
        by=by,
        source=source,
    )
    return workstream


def _check_leads(workstream: Workstream, leads: Sequence[Person]) -> None:
    if any(lead.area_id != workstream.area_id for lead in leads):
        raise ValidationError({"leads": "Choose leads from this area's people"})


def _leads_set(workstream: Workstream, leads: Sequence[Person]) -> None:
    """The workstream's leads become `leads`, in that order (each once)."""
    getattr(workstream, "_prefetched_objects_cache", {}).pop("leaderships", None)  # read them afresh
    WorkstreamLead.objects.filter(workstream=workstream).delete()
    unique = list(dict.fromkeys(leads))
    WorkstreamLead.objects.bulk_create(
        WorkstreamLead(workstream=workstream, person=lead, position=position)
        for position, lead in enumerate(unique)
    )


@transaction.atomic
def workstream_update(
    *,
    workstream: Workstream,
    expected_version: int,
    code: str,
    name: str,
    leads: Sequence[Person],
    by: User | None = None,
    source: str = "Web",
) -> Workstream:
    """Change a workstream's code, name and leads (people or groups, in order)."""
    before = workstream_snapshot(workstream)
    workstream.code, workstream.name = code, name
    _check_workstream(workstream)
    _check_leads(workstream, leads)
    claim_version(workstream, expected_version)
    workstream.save()
    _leads_set(workstream, leads)
    if changes := history.diff(before, workstream_snapshot(workstream)):
        history.change_record(
            area=workstream.area,
            action=history.Action.CHANGED,
            subject=f"Workstream {workstream.code}",
            changes=changes,
            obj=workstream,
            by=by,
            source=source,
        )
    return workstream


@transaction.atomic
def member_add(
    *,
    area: LocalArea,
    email: str,
    role: str,
    person: Person | None = None,
    display_name: str = "",
    by: User | None = None,
) -> Membership:
    """Give someone a role in the area at once (scripts and the demo). A new account has no password:
    people are invited instead (`invitation_create`), so they choose their own."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, display_name=display_name.strip())
    if Membership.objects.filter(user=user, area=area).exists():
        raise ValidationError({"email": f"{email} is already a member of this area"})
    if person and person.area_id != area.pk:
        raise ValidationError({"person": "Choose a person of this area"})
    if person and person.is_group:
        raise ValidationError({"person": "Choose a person: a group cannot sign in"})
    membership = Membership.objects.create(user=user, area=area, role=role, person=person)
    history.change_record(
        area=area,
        action=history.Action.ADDED,
        subject=f"Member {email}",
        obj=membership,
        changes={"Role": ["", membership.get_role_display()]},
        by=by,
    )
    return membership


@transaction.atomic
def member_update(
    *,
    membership: Membership,
    expected_version: int,
    role: str,
    person: Person | None,
    by: User | None = None,
) -> Membership:
    if person and person.area_id != membership.area_id:
        raise ValidationError({"person": "Choose a person of this area"})
    if person and person.is_group:
        raise ValidationError({"person": "Choose a person: a group cannot sign in"})
    before = member_snapshot(membership)
    membership.role, membership.person = role, person
    claim_version(membership, expected_version)
    membership.save()
    if changes := history.diff(before, member_snapshot(membership)):
        history.change_record(
            area=membership.area,
            action=history.Action.CHANGED,
            subject=f"Member {membership.user.email}",
            obj=membership,
            changes=changes,
            by=by,
        )
    return membership


@transaction.atomic
def member_remove(*, membership: Membership, by: User | None = None) -> None:
    if membership.role == Membership.Role.PROGRAMME_MANAGER:
        others = Membership.objects.filter(area=membership.area, role=Membership.Role.PROGRAMME_MANAGER)
        if not others.exclude(pk=membership.pk).exists():
            raise ValidationError(
                "An area needs at least one programme manager: add another before removing this one"
            )
    history.change_record(
        area=membership.area,
        action=history.Action.REMOVED,
        subject=f"Member {membership.user.email}",
        changes={"Role": [membership.get_role_display(), ""]},
        obj=membership,
        by=by,
    )
    membership.delete()
