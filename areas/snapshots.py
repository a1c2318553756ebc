"""People, workstreams and members as the text people read, keyed by label: what the history records
and what an edit conflict shows beside what was typed."""

from .models import LocalArea, Membership, Person, Workstream


def person_snapshot(person: Person) -> dict[str, str]:
    """A person as people read them, keyed by label: for the history and for showing an edit conflict."""
    return {
        "Initials": person.initials,
        "Name": person.name,
        "Job title": person.job_title,
        "Organisation": person.organisation.name if person.organisation else "",
        "Email": person.email,
    }


def workstream_snapshot(workstream: Workstream) -> dict[str, str]:
    """A workstream as people read it, keyed by label: for the history and for showing an edit conflict."""
    return {
        "Code": workstream.code,
        "Name": workstream.name,
        "Lead": workstream.lead.initials if workstream.lead else "",
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
    }
