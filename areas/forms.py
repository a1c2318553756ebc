"""Words for the people, workstreams and members pages."""

from typing import Any

from django import forms

from common.forms import Form
from common.uploads import UploadProblem

from .logo import logo_reencode
from .models import LocalArea, Membership, Person, Workstream, hex_colour


class PersonChoiceField(forms.ModelChoiceField):
    """One of the area's people, shown as their initials and job title: "CL (Head of SEND)"."""

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.initials} ({obj.job_title})" if obj.job_title else obj.initials


def offer_people(field: forms.Field, area: LocalArea) -> None:
    """Offer the area's people (never its groups: a group cannot sign in) in a PersonChoiceField."""
    assert isinstance(field, PersonChoiceField)
    field.queryset = Person.objects.filter(area=area, kind=Person.Kind.PERSON)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """Several of the area's people (or groups) as checkboxes: "CL (Head of SEN)", a group by its name."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Person) -> str:
        if obj.is_group:
            return f"{obj.name} ({obj.initials}, a group)"
        return f"{obj.initials} ({obj.job_title})" if obj.job_title else obj.initials


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
    aliases = forms.CharField(
        label="Other names (optional)",
        required=False,
        max_length=250,
        help_text="Other names the plans use for this person, separated by semicolons: "
        "for example, SEND GM; PeRi",
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def values(self) -> dict[str, Any]:
        """The person as typed, as the services take it (`person_create`, `person_update`)."""
        return {
            name: self.cleaned_data[name]
            for name in ("initials", "name", "job_title", "organisation", "email", "aliases")
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
    leads = PeopleChoiceField(
        label="Leads",
        queryset=Person.objects.none(),
        required=False,
        help_text="Choose one or more, or none yet. Workstream leads can edit the items of their workstreams",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def values(self) -> dict[str, Any]:
        """The workstream as typed, as the services take it (`workstream_create`, `workstream_update`):
        the leads in the order they are listed (people by initials, then groups)."""
        values = {name: self.cleaned_data[name] for name in ("code", "name")}
        chosen = list(self.cleaned_data["leads"])
        kept = [p for p in self.kept_leads if p in chosen]  # the leads it had keep their order
        values["leads"] = kept + [p for p in chosen if p not in kept]
        return values

    def __init__(self, *args: Any, area: LocalArea, leads: list[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept_leads = leads or []
        field = self.fields["leads"]
        assert isinstance(field, PeopleChoiceField)
        field.queryset = Person.objects.filter(area=area).order_by("kind", "initials")


class GroupForm(Form):
    """A board, team or role that owns items or leads workstreams, and the people in it."""

    name = forms.CharField(
        label="Name",
        max_length=150,
        help_text="As the plan writes it, for example SEND Improvement Board",
        error_messages={"required": "Enter the group's name, such as SEND Improvement Board"},
    )
    short_name = forms.CharField(
        label="Short name (optional)",
        required=False,
        max_length=12,
        help_text="How the plan's Owners column may name it, for example SIB. "
        "Left blank, it is made from the name's capitals",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    members = PeopleChoiceField(
        label="Members (optional)",
        queryset=Person.objects.none(),
        required=False,
        help_text="Members see the group's items as theirs and may update them",
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, area: LocalArea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, PeopleChoiceField)
        field.queryset = Person.objects.filter(area=area, kind=Person.Kind.PERSON).order_by("initials")

    def values(self) -> dict[str, Any]:
        """The group as typed, as the services take it (`group_create`, `group_update`)."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "short_name": data["short_name"],
            "members": list(data["members"]),
            "notes": data["notes"],
        }


def group_initial(group: Person) -> dict[str, Any]:
    return {
        "name": group.name,
        "short_name": group.initials,
        "members": [m.pk for m in group.members.all()],
        "notes": group.notes,
        "version": group.version,
    }


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
        "aliases": person.aliases,
        "version": person.version,
    }


def workstream_initial(workstream: Workstream) -> dict[str, Any]:
    return {
        "code": workstream.code,
        "name": workstream.name,
        "leads": [lead.pk for lead in workstream.ordered_leads()],
        "version": workstream.version,
    }


class InvitationForm(Form):
    """Invite someone into the area: they get an email with a link to accept and choose a password."""

    email = forms.EmailField(
        label="Email address",
        help_text="The one they will sign in with. The invitation is emailed there.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[(value, f"{label}: {ROLE_HINTS[value]}") for value, label in Membership.Role.choices],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role"},
    )
    person = PersonChoiceField(
        label="Who they are in the plan (optional)",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Not in the list of people",
        help_text="Links their sign-in to the items they own and the workstreams they lead",
    )

    def __init__(self, *args: Any, area: LocalArea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_people(self.fields["person"], area)


class InvitationActionForm(Form):
    """A Resend button: carries the version the list showed, so a double click sends once."""

    version = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "Reload the page"})


class AcceptForm(Form):
    """Someone new accepting an invitation: their name and the password they choose."""

    display_name = forms.CharField(
        label="Your name (optional)",
        required=False,
        max_length=150,
        help_text="Shown beside the changes you make",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label="Choose a password",
        strip=False,
        help_text="At least 12 characters. A few words you will remember work well.",
        error_messages={"required": "Choose a password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label="Type the password again",
        strip=False,
        error_messages={"required": "Type the password again"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", "The passwords do not match: type the same password twice")
        return data


class AreaCreateForm(Form):
    """The installation administrator sets up a local area (as `manage.py create_area` does)."""

    name = forms.CharField(
        label="Area name",
        max_length=120,
        help_text="As people say it, for example Stockport",
        error_messages={"required": "Enter the area's name, for example Stockport"},
    )
    slug = forms.SlugField(
        label="Web address",
        max_length=60,
        help_text="The area's pages are at /areas/ then this: lower case letters, numbers and hyphens",
        error_messages={
            "required": "Enter a web address, like stockport",
            "invalid": "Enter a web address of lower case letters, numbers and hyphens, like stockport",
        },
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-20"}),
    )
    council_name = forms.CharField(
        label="Council name", required=False, max_length=200, help_text="For example, Stockport Council"
    )
    pm_email = forms.EmailField(
        label="Programme manager's email address",
        help_text="They are emailed an invitation to be the area's first programme manager",
        error_messages={
            "required": "Enter the programme manager's email address",
            "invalid": "Enter an email address, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )


class BrandingForm(Form):
    """How the area is shown: its name, council, colour and logo (checked and re-encoded here)."""

    name = forms.CharField(
        label="Area name",
        max_length=120,
        help_text="As people say it, for example Stockport",
        error_messages={"required": "Enter the area's name, for example Stockport"},
    )
    council_name = forms.CharField(
        label="Council name",
        required=False,
        max_length=200,
        help_text="Shown at the top of every page, for example Stockport Council",
    )
    colour = forms.CharField(
        label="Colour",
        max_length=7,
        validators=[hex_colour],
        help_text="The line under the header: # and six hex digits, like #1d70b8",
        error_messages={"required": "Enter a colour as # and six hex digits, like #1d70b8"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    logo = forms.FileField(
        label="Logo (optional)",
        required=False,
        help_text="A PNG or JPEG image, at most 1 MB and 2000 by 2000 pixels, shown beside the area's name",
        widget=forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg,image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)
    requires_two_step = forms.BooleanField(
        label="Every member must use two-step sign-in",
        required=False,
        help_text="After their password, members enter a code from an authenticator app. Programme managers "
        "always do. Members who have not set it up are asked to the next time they open a page.",
    )
    allows_single_sign_on = forms.BooleanField(
        label="Members may sign in with single sign-on",
        required=False,
        help_text="With their council or NHS account instead of a password. When this is off, every member "
        "of this area signs in with their email address and password, even if another area allows it.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, has_logo: bool = False, single_sign_on: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not has_logo:
            del self.fields["remove_logo"]
        if not single_sign_on:  # not set up for this installation: nothing about it shows
            del self.fields["allows_single_sign_on"]

    def clean_logo(self) -> bytes | None:
        """The logo re-encoded as a PNG (areas.logo), or None when none was chosen."""
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        try:
            return logo_reencode(upload)
        except UploadProblem as problem:
            raise forms.ValidationError(str(problem)) from None


def branding_initial(area: LocalArea) -> dict[str, str | int | bool]:
    return {
        "name": area.name,
        "council_name": area.council_name,
        "colour": area.colour,
        "version": area.version,
        "requires_two_step": area.requires_two_step,
        "allows_single_sign_on": area.allows_single_sign_on,
    }
