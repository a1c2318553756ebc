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
    """Someone named in the plan: an owner, a lead. Known by initials, as plans write them."""

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="people")
    initials = models.CharField(max_length=12)
    name = models.CharField(max_length=150, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    email = models.EmailField(blank=True)
    version = models.PositiveIntegerField(default=1)

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


class Workstream(models.Model):
    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="workstreams")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    lead = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_workstreams"
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
