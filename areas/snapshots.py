"""People, workstreams and members as the text people read, keyed by label: what the history records
and what an edit conflict shows beside what was typed."""

from collections.abc import Sequence

from .models import LocalArea, Membership, Person, Workstream


def person_snapshot(person: Person) -> dict[str, str]:
    """A person as people read them, keyed by label: for the history and for showing an edit conflict.
    A group is read as `group_snapshot` reads it."""
    if person.is_group:
        return group_snapshot(person)
    return {
        "Initials": person.initials,
        "Name": person.name,
        "Job title": person.job_title,
        "Organisation": person.organisation.name if person.organisation else "",
        "Email": person.email,
        "Aliases": person.aliases,
    }


def group_snapshot(group: Person, members: Sequence[Person] | None = None) -> dict[str, str]:
    """A group as people read it: its name, short name, members (their initials, in order) and notes.
    `members` stands for the group's own (an unsaved group, as typed, has none yet)."""
    if members is None:
        members = list(group.members.all()) if group.pk else []
    return {
        "Name": group.name,
        "Short name": group.initials,
        "Members": ", ".join(sorted((m.initials for m in members), key=str.lower)),
        "Notes": group.notes,
    }


def workstream_snapshot(workstream: Workstream, leads: Sequence[Person] | None = None) -> dict[str, str]:
    """A workstream as people read it, keyed by label: for the history and for showing an edit conflict.
    `leads` stands for the workstream's own (an unsaved workstream, as typed, has none yet)."""
    if leads is None:
        leads = workstream.ordered_leads() if workstream.pk else []
    return {
        "Code": workstream.code,
        "Name": workstream.name,
        "Leads": ", ".join(lead.initials for lead in leads),
    }


def member_snapshot(membership: Membership) -> dict[str, str]:
    """A member's role and person as people read them: for the history and for showing an edit conflict."""
    person = membership.person
    return {"Role": membership.get_role_display(), "Person": person.initials if person else ""}


def area_snapshot(area: LocalArea) -> dict[str, str]:
    """An area's name, council, colour and whether it has a logo: for the history and an edit conflict."""
    return {
        "Name": area.name,
        "Council": area.council_name,
        "Colour": area.colour,
        "Logo": "A logo" if area.logo else "No logo",
        "Two-step sign-in": "Every member" if area.requires_two_step else "Programme managers",
        "Single sign-on": "Allowed" if area.allows_single_sign_on else "Not allowed",
    }
