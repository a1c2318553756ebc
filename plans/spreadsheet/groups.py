"""Groups, aliases and several leads in a plan file: the Groups sheet (boards, teams and roles that own
items or lead workstreams, with their members), the People sheet's Aliases, and the Workstreams sheet's
Lead (or Leads) column naming one or more, read, compared and written.

A group is a Person of kind group (areas.models): its short name is its initials, so an Owners or Lead
cell names it by short name or by name, and the owner matcher (`owners.OwnerMatcher`) finds it as it
finds a person. A group with no short name is matched to the area's group of the same name, else given
one from its name's capitals (`areas.rules.short_name_for`).
"""

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from accounts.models import User
from areas.models import LocalArea, Person, Workstream
from areas.rules import join_aliases, name_key, short_name_for, split_aliases
from areas.services import group_create, group_update
from history import services as history

from .cells import read_owners
from .owners import Known, OwnerMatcher
from .planfile import GroupRow, PlanFile
from .problems import Problem
from .work import ADDED, CHANGED, GroupWork, Work

if TYPE_CHECKING:
    from .parsing import _Sheet
    from .preview import AreaState


def parse_groups(sheet: "_Sheet") -> list[GroupRow]:
    """The Groups sheet's rows: a name each (required, once), a short name (once, if given)."""
    groups = [
        GroupRow(
            row=raw.number,
            name=" ".join(sheet.text(raw, "Name", limit=150, required="Enter the group's name").split()),
            short_name=sheet.text(raw, "Short name", limit=12),
            members=read_owners(raw.get("Members")),
            notes=sheet.text(raw, "Notes"),
            members_written=raw.get("Members"),
        )
        for raw in sheet.raw.rows
    ]
    sheet.unique(groups, lambda g: g.name, "Name", "name")
    sheet.unique(groups, lambda g: g.short_name, "Short name", "short name")
    return groups


def _area_group_by_name(state: "AreaState", name: str) -> Person | None:
    wanted = " ".join(name.split()).lower()
    return next((p for p in state.people.values() if p.is_group and p.name.lower() == wanted), None)


def resolve_short_names(plan_file: PlanFile, state: "AreaState") -> None:
    """Give each group row without a short name its group's (the area's group of that name), or one
    made from its name, unique among every initials, short name and alias in the file and the area."""
    taken = {name_key(p.initials) for p in state.people.values()}
    taken |= {name_key(a) for p in state.people.values() for a in p.alias_list}
    taken |= {name_key(r.initials) for r in plan_file.people or []}
    taken |= {name_key(a) for r in plan_file.people or [] for a in r.aliases}
    taken |= {name_key(g.short_name) for g in plan_file.groups or [] if g.short_name}
    for row in plan_file.groups or []:
        if row.short_name or not row.name:
            continue
        existing = _area_group_by_name(state, row.name)
        if existing is not None:
            row.short_name = existing.initials
            continue
        row.short_name = short_name_for(row.name, taken=taken)
        taken.add(name_key(row.short_name))


def known_people(plan_file: PlanFile, state: "AreaState") -> list[Known]:
    """Everyone an Owners, Lead or Members cell may name: the area's people and groups, each replaced
    by the file's People or Groups row of the same initials or short name."""
    known = {
        p.initials.lower(): Known(p.initials, p.name, p.job_title, tuple(p.alias_list), p.is_group)
        for p in state.people.values()
    }
    for r in plan_file.people or []:
        known[r.initials.lower()] = Known(r.initials, r.name, r.job_title, tuple(r.aliases))
    for g in plan_file.groups or []:
        if g.short_name:
            known[g.short_name.lower()] = Known(g.short_name, g.name, "", (), True)
    return [person for person in known.values() if person.initials]


def check_aliases(plan_file: PlanFile, state: "AreaState", work: Work) -> None:
    """An alias names one person only: not another's initials or alias, in the file or the area."""
    in_file = {r.initials.lower() for r in plan_file.people or []}
    holders: dict[str, str] = {}
    for p in state.people.values():
        if p.initials.lower() in in_file:
            continue
        holders.setdefault(name_key(p.initials), f"the initials of {p.initials} among the area's people")
        for alias in p.alias_list:
            holders.setdefault(name_key(alias), f"an alias of {p.initials} among the area's people")
    for r in plan_file.people or []:
        holders.setdefault(name_key(r.initials), f"the initials of {r.initials} (row {r.row})")
    for g in plan_file.groups or []:
        if g.short_name:
            holders.setdefault(name_key(g.short_name), f"the short name of {g.name} (Groups, row {g.row})")
    for r in plan_file.people or []:
        group = state.people.get(r.initials.lower())
        if group is not None and group.is_group:
            work.problems.append(
                Problem(
                    "People",
                    r.row,
                    "Initials",
                    f'"{r.initials}" is the short name of the group {group.name}. '
                    "The People sheet lists people: give this person other initials, "
                    "or list the group on the Groups sheet",
                )
            )
    aliases_of: dict[str, str] = {}
    for r in plan_file.people or []:
        for alias in r.aliases:
            key = name_key(alias)
            if key == name_key(r.initials):
                message = f'"{alias}" is this person\'s own initials. Leave it out of the aliases'
            elif key in holders:
                message = f'"{alias}" is also {holders[key]}. Give each name to one person only'
            elif key in aliases_of and aliases_of[key] != r.initials:
                message = f'"{alias}" is also {aliases_of[key]}. Give each name to one person only'
            else:
                aliases_of[key] = f"an alias of {r.initials} (row {r.row})"
                continue
            work.problems.append(Problem("People", r.row, "Aliases", message))


def _names(
    words_list: list[str],
    written: str,
    matcher: OwnerMatcher,
    people: dict[str, str],
    where: tuple[str, int, str],
    work: Work,
    *,
    people_only: bool = False,
) -> list[str]:
    """Names in a Lead or Members cell as canonical initials, each by initials, alias, short name, name or
    job title, as the Owners column reads them; a whole cell that is one name is that one."""
    sheet, row, column = where
    if matcher.separated:  # a name with "&" or "/" in it is one name
        words_list = matcher.split(written)
    whole = matcher.person(written) if len(words_list) > 1 else None
    matches = [whole] if whole is not None else []
    found: list[str] = []
    if whole is None:
        for words in words_list:
            match = matcher.match(words)
            if match.problem:
                work.problems.append(Problem(sheet, row, column, match.problem))
                continue
            if match.by_name:
                read = ", ".join(match.initials)
                said = "Lead" if column == "Lead" else "Member"
                work.notes.append(Problem(sheet, row, column, f'{said} "{words}" read as {read}'))
            found += match.initials
            matches += [k for k in (matcher.person(i) for i in match.initials) if k is not None]
    else:
        found = [whole.initials]
    if people_only:
        for known in matches:
            if known is not None and known.is_group:
                work.problems.append(
                    Problem(
                        sheet,
                        row,
                        column,
                        f'"{known.name}" is a group. A group\'s members are people: name them instead',
                    )
                )
    return list(dict.fromkeys(people.get(i.lower(), i) for i in found))


def leads_of(workstream: Workstream, people: dict[str, str]) -> list[str]:
    return [people.get(p.initials.lower(), p.initials) for p in workstream.ordered_leads()]


def read_leads(
    row_number: int, words: list[str], written: str, matcher: OwnerMatcher, people: dict[str, str], work: Work
) -> list[str]:
    """A workstream's leads from its Lead cell: people or groups, separated as owners are."""
    return _names(words, written, matcher, people, ("Workstreams", row_number, "Lead"), work)


def _group_snapshot(group: Person, people: dict[str, str]) -> dict[str, str]:
    members = sorted((people.get(m.initials.lower(), m.initials) for m in group.members.all()), key=str.lower)
    return {
        "Name": group.name,
        "Short name": group.initials,
        "Members": ", ".join(members),
        "Notes": group.notes,
    }


def group_work(
    plan_file: PlanFile, state: "AreaState", work: Work, matcher: OwnerMatcher, people: dict[str, str]
) -> None:
    """The groups the file adds or changes. A group the Groups sheet leaves out stays as it is."""
    has_members = plan_file.has_column("Groups", "Members")
    has_notes = plan_file.has_column("Groups", "Notes")
    persons: dict[str, str] = {}  # a person's initials and aliases -> whose, for a short name's clash
    for p in state.people.values():
        if not p.is_group:
            persons[name_key(p.initials)] = f"the initials of {p.initials} among the area's people"
            persons.update(
                {name_key(a): f"an alias of {p.initials} among the area's people" for a in p.alias_list}
            )
    for r in plan_file.people or []:
        persons[name_key(r.initials)] = f"the initials of {r.initials} (People, row {r.row})"
        persons.update({name_key(a): f"an alias of {r.initials} (People, row {r.row})" for a in r.aliases})
    for row in plan_file.groups or []:
        if not row.name or not row.short_name:
            continue
        if (key := name_key(row.short_name)) in persons:
            work.problems.append(
                Problem(
                    "Groups",
                    row.row,
                    "Short name",
                    f'"{row.short_name}" is also {persons[key]}. Give the group another short name',
                )
            )
            continue
        existing = state.people.get(row.short_name.lower())
        if existing is None:
            existing = _area_group_by_name(state, row.name)
        before = _group_snapshot(existing, people) if existing else {}
        members = (
            _names(
                row.members,
                row.members_written,
                matcher,
                people,
                ("Groups", row.row, "Members"),
                work,
                people_only=True,
            )
            if has_members
            else [m for m in before.get("Members", "").split(", ") if m]
        )
        after = {
            "Name": row.name,
            "Short name": row.short_name,
            "Members": ", ".join(sorted(members, key=str.lower)),
            "Notes": row.notes if has_notes else before.get("Notes", ""),
        }
        diff = history.diff(before, after)
        if existing and not diff:
            work.groups_unchanged += 1
            continue
        work.groups.append(
            GroupWork(
                action=CHANGED if existing else ADDED,
                short_name=row.short_name,
                name=row.name,
                group=existing,
                members=members,
                notes=after["Notes"],
                diff=diff,
            )
        )


def groups_write(
    *, area: LocalArea, work: Work, people: dict[str, Person], by: User | None, source: str
) -> None:
    """Add or change the file's groups through the services (each change in the history); `people` are
    the area's people by initials in lower case, those the import added included."""
    for entry in work.groups:
        members = [people[initials.lower()] for initials in entry.members]
        if entry.group is None:
            group_create(
                area=area,
                name=entry.name,
                short_name=entry.short_name,
                members=members,
                notes=entry.notes,
                by=by,
                source=source,
            )
        else:
            group_update(
                group=entry.group,
                expected_version=entry.group.version,
                name=entry.name,
                short_name=entry.short_name,
                members=members,
                notes=entry.notes,
                by=by,
                source=source,
            )


def aliases_text(aliases: Iterable[str]) -> str:
    """Aliases as stored and as the People sheet is written: "SEND GM; PeRi"."""
    return join_aliases(split_aliases("; ".join(aliases)))


def group_rows(groups: Iterable[Person]) -> list[list[str | date | None]]:
    """The Groups sheet of an export: each group's name, short name, members (initials) and notes."""
    return [
        [
            g.name,
            g.initials,
            ", ".join(sorted((m.initials for m in g.members.all()), key=str.lower)),
            g.notes,
        ]
        for g in sorted(groups, key=lambda g: g.name.lower())
    ]
