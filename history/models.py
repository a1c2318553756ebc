"""The record of every change people make: who, when, to what, with old and new values.

The bottom of the apps: every app records its changes here through `history.services`, and this
app imports none of theirs. A change names its local area, and, when it is plan content, its plan
and item, by foreign key (so a plan's or an item's history is one indexed query); the changed
object itself is named generically (`subject_type`, `subject_id`), whatever its model.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Change(models.Model):
    """A change to what a local area keeps: who, when, what, with old and new values."""

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        MOVED = "moved", "Moved"
        REMOVED = "removed", "Removed"
        RESTORED = "restored", "Restored"

    area = models.ForeignKey("areas.LocalArea", on_delete=models.CASCADE, related_name="changes")
    plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    item = models.ForeignKey(
        "plans.Item", null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = models.CharField(max_length=200, help_text="What changed, as people name it: 'Measure E7'")
    action = models.CharField(max_length=10, choices=Action.choices)
    changes = models.JSONField(default=dict, help_text="Field label: [old value, new value]")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    source = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The subject's version after the change"
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="change_subject")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.subject}"
