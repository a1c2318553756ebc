"""The evidence bank: documents, links, case studies and data that show what difference the work made."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

from areas.models import LocalArea
from common.storage import private_storage  # also named by the migrations


def stored_name(instance: "Evidence", filename: str) -> str:
    """A random name on disk: nothing a user typed reaches the file system."""
    return f"evidence/{instance.area_id}/{secrets.token_hex(16)}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", "Document"
        LINK = "link", "Link"
        CASE_STUDY = "case_study", "Case study"
        SURVEY = "survey", "Survey"
        MINUTES = "minutes", "Minutes"
        DATA = "data", "Data"

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=250)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    impact = models.TextField(
        "impact on children and families",
        blank=True,
        help_text="What this shows has changed for children, young people and families",
    )
    dated = models.DateField("date", null=True, blank=True)
    url = models.URLField("web address", max_length=500, blank=True)
    file = models.FileField(storage=private_storage, upload_to=stored_name, blank=True, max_length=200)
    file_name = models.CharField(max_length=200, blank=True, help_text="The uploaded file's name, made safe")
    file_size = models.PositiveIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-dated", "title"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:evidence", kwargs={"area": self.area.slug, "pk": self.pk})

    @property
    def shows_impact(self) -> bool:
        """Evidence counts as evidence of impact when it says what changed for children and families."""
        return bool(self.impact.strip())
