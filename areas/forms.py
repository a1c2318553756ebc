"""Words for the people, workstreams and members pages."""

from typing import Any

from django import forms

from common.forms import Form

from .models import LocalArea, Membership, Person, Workstream


class PersonChoiceField(forms.ModelChoiceField):
    """One of the area's people, shown as their initials and job title: "CL (Head of SEND)"."""

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.initials} ({obj.job_title})" if obj.job_title else obj.initials


def offer_people(field: forms.Field, area: LocalArea) -> None:
    """Offer the area's people in a PersonChoiceField."""
    assert isinstance(field, PersonChoiceField)
    field.queryset = Person.objects.filter(area=area)


class PersonForm(Form):
    initials = forms.CharField(
        label="Initials",
        max_length=12,
        help_text="How the plan names this person, for example CMcL",
        error_messages={"required": "Enter the person's initials"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
    )
    name = forms.CharField(label="Name", required=False, max_length=150)
    job_title = forms.CharField(label="Job title", required=False, max_length=200)
    organisation = forms.CharField(
        label="Organisation",
        required=False,
        max_length=200,
        help_text="For example, Stockport NHS Foundation Trust",
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address, like name@example.org"},
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def values(self) -> dict[str, Any]:
        """The person as typed, as the services take it (`person_create`, `person_update`)."""
        return {
            name: self.cleaned_data[name]
            for name in ("initials", "name", "job_title", "organisation", "email")
        }


class WorkstreamForm(Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The short code plans use, for example JC or S/E",
        error_messages={"required": "Enter the workstream's code, such as JC"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the workstream's name"}
    )
    lead = PersonChoiceField(
        label="Lead",
        queryset=Person.objects.none(),
        required=False,
        empty_label="No lead yet",
        help_text="Workstream leads can edit the items of their workstreams",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def values(self) -> dict[str, Any]:
        """The workstream as typed, as the services take it (`workstream_create`, `workstream_update`)."""
        return {name: self.cleaned_data[name] for name in ("code", "name", "lead")}

    def __init__(self, *args: Any, area: LocalArea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_people(self.fields["lead"], area)


ROLE_HINTS: dict[str, str] = {
    Membership.Role.PROGRAMME_MANAGER: "Everything in the area, including imports and members",
    Membership.Role.WORKSTREAM_LEAD: "Edits the items of the workstreams they lead",
    Membership.Role.CONTRIBUTOR: "Edits the items they own",
    Membership.Role.VIEWER: "Reads everything: board members, parent carer forum representatives",
}


class MemberForm(Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )
    display_name = forms.CharField(
        label="Name or role", required=False, help_text="Shown beside their changes"
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[(value, f"{label}: {ROLE_HINTS[value]}") for value, label in Membership.Role.choices],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role"},
    )
    person = PersonChoiceField(
        label="Who they are in the plan",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Not in the list of people",
        help_text="Links their sign-in to the items they own and the workstreams they lead",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, area: LocalArea, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_people(self.fields["person"], area)
        if editing:
            del self.fields["email"]
            del self.fields["display_name"]


def person_initial(person: Person) -> dict[str, str | int]:
    return {
        "initials": person.initials,
        "name": person.name,
        "job_title": person.job_title,
        "organisation": person.organisation.name if person.organisation else "",
        "email": person.email,
        "version": person.version,
    }


def workstream_initial(workstream: Workstream) -> dict[str, str | int | None]:
    return {
        "code": workstream.code,
        "name": workstream.name,
        "lead": workstream.lead_id,
        "version": workstream.version,
    }
