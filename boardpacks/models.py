"""Board packs: the papers each board receives, made from the data as reported for a period.

A `PackTemplate` says what one audience's papers hold (which sections, in which order, monthly or
quarterly, the title and the meeting). Making a pack for a reported period builds its content once
(`boardpacks.content.build_content`: a plain JSON dict of the data as reported) and renders each
format from that content (`boardpacks.formats`); the `Pack` keeps the content and its `PackFile`s keep
the files byte for byte, so the March pack downloaded in May is the document made in March. Making it
again adds a new version; one version may be marked as the one sent to the meeting.
"""

from django.db import models
from django.db.models import Q

from accounts.models import User
from areas.models import LocalArea
from common.storage import private_storage
from plans.models import Plan
from progress.models import ReportingPeriod


class PackTemplate(models.Model):
    """What one audience's pack holds: sections in order, how often, its title and meeting."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Every month (one reporting period)"
        QUARTERLY = "quarterly", "Every quarter (the three months to the period chosen)"

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="pack_templates")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pack_templates")
    name = models.CharField(max_length=100, help_text="The pack's name, such as Monthly SEND board pack")
    audience = models.CharField(max_length=150, help_text="Who it is for, such as SEND Improvement Board")
    title = models.CharField(max_length=200, help_text="The title on the cover")
    meeting = models.CharField(max_length=200, help_text="The meeting it goes to")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    sections = models.JSONField(default=list, help_text="Section keys in order (boardpacks.rules.SECTIONS)")
    is_default = models.BooleanField(default=False, help_text="The pack the command line makes by default")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area", "name"]
        constraints = [
            models.UniqueConstraint("area", "name", name="pack_template_name_unique_in_area"),
            models.UniqueConstraint(
                "area", condition=Q(is_default=True), name="one_default_pack_template_per_area"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Pack(models.Model):
    """One version of a template's pack for one reported period: the content as reported, frozen."""

    template = models.ForeignKey(PackTemplate, on_delete=models.PROTECT, related_name="packs")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="packs")
    number = models.PositiveIntegerField(help_text="The version: 1, 2, ... for this template and period")
    meeting_date = models.DateField(null=True, blank=True)
    matters = models.TextField("matters for the board's decision", blank=True)
    content = models.JSONField(help_text="Everything the pack shows, as reported (boardpacks.content)")
    made_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField()
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="Marked as the version sent to the meeting"
    )
    sent_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["template", "-period__ends_on", "-number"]
        constraints = [
            models.UniqueConstraint("template", "period", "number", name="pack_version_unique"),
            models.UniqueConstraint(
                "template", "period", condition=Q(sent_at__isnull=False), name="one_sent_pack_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.name}, {self.period.name}, version {self.number}"


class PackFile(models.Model):
    """A pack's document in one format, kept exactly as made."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"

    pack = models.ForeignKey(Pack, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=4, choices=Format.choices)
    file = models.FileField(storage=private_storage, upload_to="boardpacks/%Y/%m/", max_length=300)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    seconds = models.FloatField(default=0, help_text="How long it took to make")

    class Meta:
        ordering = ["pack", "format"]
        constraints = [models.UniqueConstraint("pack", "format", name="one_file_per_format")]

    def __str__(self) -> str:
        return f"{self.pack} ({self.get_format_display()})"
