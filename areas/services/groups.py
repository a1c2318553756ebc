"""Groups that own items or lead workstreams (a board, a team, a role): added, changed and removed
by the programme manager or the plan import. A group is a Person of kind GROUP (areas.models)."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from accounts.models import User
from common.concurrency import claim_version
from history import services as history

from ..models import LocalArea, Person
from ..rules import name_key, short_name_for, split_aliases
from ..snapshots import group_snapshot


def names_taken(*, area: LocalArea, leaving_out: int | None = None) -> dict[str, str]:
    """Every initials, short name and alias in the area (by `rules.name_key`) with whose it is, in
    words for a message ("the initials of PR", "an alias of PR"), leaving out one person's own."""
    taken: dict[str, str] = {}
    for pk, initials, aliases, kind in Person.objects.filter(area=area).values_list(
        "pk", "initials", "aliases", "kind"
    ):
        if pk == leaving_out:
            continue
        what = "the short name of the group" if kind == Person.Kind.GROUP else "the initials of"
        taken.setdefault(name_key(initials), f"{what} {initials}")
        for alias in split_aliases(aliases):
            taken.setdefault(name_key(alias), f"an alias of {initials}")
    return taken


def _check_group(group: Person, members: Sequence[Person]) -> None:
    group.name = " ".join(group.name.split())
    group.initials = " ".join(group.initials.split())
    if not group.name:
        raise ValidationError({"name": "Enter the group's name, such as SEND Improvement Board"})
    same_name = Person.objects.filter(area=group.area, kind=Person.Kind.GROUP, name__iexact=group.name)
    if same_name.exclude(pk=group.pk).exists():
        raise ValidationError({"name": f"This area already has a group called {group.name}"})
    taken = names_taken(area=group.area, leaving_out=group.pk)
    if not group.initials:
        group.initials = short_name_for(group.name, taken=set(taken))
    elif name_key(group.initials) in taken:
        raise ValidationError(
            {"short_name": f'"{group.initials}" is already {taken[name_key(group.initials)]}: choose another'}
        )
    for member in members:
        if member.area_id != group.area_id or member.is_group:
            raise ValidationError({"members": "Choose members from this area's people (not groups)"})
    group.full_clean(exclude=["area", "organisation", "members"])


def _record(group: Person, before: dict[str, str] | None, *, by: User | None, source: str) -> None:
    changes = history.diff(before or {}, group_snapshot(group))
    if before is not None and not changes:
        return
    history.change_record(
        area=group.area,
        action=history.Action.ADDED if before is None else history.Action.CHANGED,
        subject=f"Group {group.initials}",
        changes=changes,
        obj=group,
        by=by,
        source=source,
    )


@transaction.atomic
def group_create(
    *,
    area: LocalArea,
    name: str,
    short_name: str = "",
    members: Sequence[Person] = (),
    notes: str = "",
    by: User | None = None,
    source: str = "Web",
) -> Person:
    """Add a group; without a short name, one is worked out from its name (`rules.short_name_for`)."""
    group = Person(area=area, kind=Person.Kind.GROUP, name=name, initials=short_name, notes=notes.strip())
    _check_group(group, members)
    group.save()
    group.members.set(members)
    _record(group, None, by=by, source=source)
    return group


@transaction.atomic
def group_update(
    *,
    group: Person,
    expected_version: int,
    name: str,
    short_name: str,
    members: Sequence[Person],
    notes: str,
    by: User | None = None,
    source: str = "Web",
) -> Person:
    """Change a group's name, short name, members and notes. A blank short name is worked out again."""
    if not group.is_group:
        raise ValidationError("This is a person, not a group")
    before = group_snapshot(group)
    group.name, group.initials, group.notes = name, short_name, notes.strip()
    _check_group(group, members)
    claim_version(group, expected_version)
    group.save()
    group.members.set(members)
    _record(group, before, by=by, source=source)
    return group


@transaction.atomic
def group_remove(*, group: Person, by: User | None = None) -> None:
    """Remove a group that owns nothing: one still owning items, measures or risks is refused."""
    if not group.is_group:
        raise ValidationError("This is a person, not a group")
    owned = group.ownerships.count()  # plans.ItemOwner names it
    if owned:
        raise ValidationError(
            f"{group.name} owns {owned} item{'' if owned == 1 else 's'}. "
            "Change the owners of those items before removing the group"
        )
    before = group_snapshot(group)
    history.change_record(
        area=group.area,
        action=history.Action.REMOVED,
        subject=f"Group {group.initials}",
        changes={label: [value, ""] for label, value in before.items() if value},
        obj=group,
        by=by,
    )
    try:
        group.delete()
    except ProtectedError:
        raise ValidationError(
            f"{group.name} still owns a measure or a risk. Change their owner before removing the group"
        ) from None
