"""What families read: the plain-English summaries a programme manager writes for the plan's top-level
items, and each publication, a dated snapshot of the public pages that never changes once made."""

from django.conf import settings
from django.db import models

from areas.models import LocalArea
from plans.models import Item, Plan


class ItemSummary(models.Model):
    """A top-level item in words for families: a standard summary and an easy-read one."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="public_summary")
    summary = models.TextField("summary for families", blank=True)
    easy_read = models.TextField("easy-read summary", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "item summaries"

    def __str__(self) -> str:
        return f"Summary of {self.item.number}"


class PublicSettings(models.Model):
    """An area's words for its public pages: an introduction, and which plan they show."""

    area = models.OneToOneField(LocalArea, on_delete=models.CASCADE, related_name="public_settings")
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    introduction = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "public settings"

    def __str__(self) -> str:
        return f"Public pages of {self.area}"


class Publication(models.Model):
    """One publication of an area's public pages: numbered 1, 2, ... in the area, made from a preview
    by a programme manager, holding everything the public pages show (`content`, built by
    publishing.selectors.public_content: nothing else is ever read by a public page). Never changed."""

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="publications")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, help_text="What this publication changed, for the feed")
    content = models.JSONField()
    etag = models.CharField(max_length=64, help_text="A hash of the content, for caching")

    class Meta:
        ordering = ["area", "-number"]
        constraints = [models.UniqueConstraint("area", "number", name="publication_number_unique_in_area")]

    def __str__(self) -> str:
        return f"Publication {self.number} of {self.area}"
