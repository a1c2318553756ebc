"""Local areas and who is in them: organisations, people, workstreams, memberships."""

import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from common.storage import private_storage  # also named by the migrations

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as # and six hex digits, like #1d70b8")


def logo_name(instance: "LocalArea", filename: str) -> str:
    """A random name on disk: nothing a user typed reaches the file system."""
    return f"logos/{secrets.token_hex(16)}.png"


class LocalArea(models.Model):
    """A council and its NHS partners. Nothing crosses from one area to another."""

    name = models.CharField(max_length=120, help_text="For example, Stockport")
    slug = models.SlugField(max_length=60, unique=True)
    council_name = models.CharField(max_length=200, blank=True)
    colour = models.CharField(max_length=7, default="#1d70b8", validators=[hex_colour])
    logo = models.FileField(
        storage=private_storage,
        upload_to=logo_name,
        blank=True,
        db_default="",  # rows written by older code (and migrations' historical models) have no logo
        max_length=200,
        help_text="A PNG re-encoded from the upload (areas/logo.py), shown in the header beside the name",
    )
    version = models.PositiveIntegerField(default=1, db_default=1)
    requires_two_step = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Every member must sign in with a second factor (programme managers always do).",
    )
    allows_single_sign_on = models.BooleanField(
        default=True,
        db_default=True,
        help_text="Members may sign in with the installation's single sign-on. When off, a member of this "
        "area (whatever their other areas) signs in with their password.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:area-home", kwargs={"area": self.slug})


class Organisation(models.Model):
    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("area", Lower("name"), name="organisation_name_unique_in_area"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone named in the plan: an owner, a lead. Known by initials, as plans write them.

    A group (a board, team or role that owns items: "SEND Improvement Board") is a Person of kind
    GROUP, its short name in `initials` and its `members` the people in it, so everything that lists
    owners and leads takes groups as it takes people. Groups are shown by their name (`shown_as`).
    """

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        GROUP = "group", "Group"

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="people")
    initials = models.CharField(max_length=12)
    name = models.CharField(max_length=150, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    email = models.EmailField(blank=True)
    version = models.PositiveIntegerField(default=1)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERSON, db_default=Kind.PERSON)
    aliases = models.CharField(
        max_length=250,
        blank=True,
        default="",
        db_default="",
        help_text='Other names plans use for this person, separated by "; ": "SEND GM; PeRi"',
    )
    members = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="groups", help_text="A group's people"
    )
    notes = models.TextField(blank=True, default="", db_default="")

    class Meta:
        ordering = ["initials"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint("area", Lower("initials"), name="person_initials_unique_in_area"),
        ]

    def __str__(self) -> str:
        return f"{self.initials} ({self.job_title})" if self.job_title else self.initials

    def get_absolute_url(self) -> str:
        return reverse("areas:person", kwargs={"area": self.area.slug, "pk": self.pk})

    @property
    def label(self) -> str:
        """How the person is shown in lists: name if known, else job title."""
        return self.name or self.job_title or self.initials

    @property
    def is_group(self) -> bool:
        return self.kind == self.Kind.GROUP

    @property
    def shown_as(self) -> str:
        """How an owner is shown where owners are listed: a person by initials, a group by its name."""
        return (self.name or self.initials) if self.is_group else self.initials

    @property
    def described(self) -> str:
        """A person or group in a list of leads or members: "CL (Head of SEN)", "SEND Improvement Board"."""
        if self.is_group:
            return self.shown_as
        return f"{self.initials} ({self.label})" if self.label != self.initials else self.initials

    @property
    def alias_list(self) -> list[str]:
        return [a for a in (part.strip() for part in self.aliases.split(";")) if a]


def shown_as(prefix: str = "") -> models.Case:
    """`Person.shown_as` in the database, for reads of plain values (`values_list("item_id",
    shown_as("person__"))`): a group's name, a person's initials."""
    return models.Case(
        models.When(
            models.Q(**{f"{prefix}kind": Person.Kind.GROUP}) & ~models.Q(**{f"{prefix}name": ""}),
            then=models.F(f"{prefix}name"),
        ),
        default=models.F(f"{prefix}initials"),
        output_field=models.CharField(),
    )


class Workstream(models.Model):
    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="workstreams")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    leads: "models.ManyToManyField[Person, WorkstreamLead]" = models.ManyToManyField(
        Person, through="WorkstreamLead", blank=True, related_name="led_workstreams"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint("area", Lower("code"), name="workstream_code_unique_in_area"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("areas:workstream", kwargs={"area": self.area.slug, "pk": self.pk})

    def ordered_leads(self) -> list[Person]:
        """The leads in the plan's order (prefetch `leaderships__person` where a page lists many)."""
        return [lead.person for lead in self.leaderships.all()]

    def leads_shown(self) -> str:
        """The leads as pages and reports name them, in order: "CL, SEND Improvement Board"."""
        return ", ".join(person.shown_as for person in self.ordered_leads())


class WorkstreamLead(models.Model):
    """One of a workstream's leads (people or groups), in the order the plan names them."""

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="leaderships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="leaderships")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint("workstream", "person", name="lead_once_per_workstream")]

    def __str__(self) -> str:
        return f"{self.person.initials} leads {self.workstream.code}"


class Membership(models.Model):
    """A user's role in one local area. Without one, the area does not exist for them."""

    class Role(models.TextChoices):
        PROGRAMME_MANAGER = "programme_manager", "Programme manager"
        WORKSTREAM_LEAD = "workstream_lead", "Workstream lead"
        CONTRIBUTOR = "contributor", "Contributor"
        VIEWER = "viewer", "Viewer"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        help_text="Who this user is in the area's list of people: their owned items follow.",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["user__email"]
        constraints = [models.UniqueConstraint("user", "area", name="one_membership_per_area")]

    def __str__(self) -> str:
        return f"{self.user} in {self.area}: {self.get_role_display()}"


class Invitation(models.Model):
    """An email inviting someone into the area with a role. Its link holds a token kept only as a hash:
    single use, valid for a week (`rules.invitation_expires_at`), dead once resent, withdrawn or accepted."""

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=30, choices=Membership.Role.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    token_hash = models.CharField(max_length=64, unique=True)
    sent_count = models.PositiveIntegerField(default=1)
    last_sent_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                "area",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="one_open_invitation_per_email_in_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} to {self.area}: {self.get_role_display()}"
