""" "You said, we did, and how we know": what families and young people said, what the area did about
it, and how it knows that made a difference."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from areas.models import LocalArea
from evidence.models import Evidence
from plans.models import Item
from scorecard.models import Measure, Outcome


class Source(models.TextChoices):
    """Where what was said was heard."""

    SURVEY = "survey", "Survey"
    LISTENING_EVENT = "listening", "Listening event"
    FORUM = "forum", "Forum"
    COMPLAINT = "complaint", "Complaint"
    FEEDBACK_FORM = "feedback", "Feedback form"
    WORKSHOP = "workshop", "Workshop"
    OTHER = "other", "Other"


class Entry(models.Model):
    """One "You said, we did, and how we know" entry."""

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="voice_entries")
    reference = models.CharField(max_length=20, help_text="A short reference, such as YS1")
    sort_key = models.CharField(max_length=80, db_index=True)
    said = models.TextField("you said", help_text="What families or young people said, in their words")
    source = models.CharField(max_length=12, choices=Source.choices)
    heard_on = models.DateField("date said", null=True, blank=True)
    group = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who said it, such as the parent carer forum or the youth council",
    )
    did = models.TextField("we did", blank=True, help_text="What was done because of it")
    how_we_know = models.TextField(
        "how we know", blank=True, help_text="How we know it made a difference to children and families"
    )
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="voice_entries")
    measures = models.ManyToManyField(Measure, blank=True, related_name="voice_entries")
    outcomes = models.ManyToManyField(
        Outcome, blank=True, related_name="voice_entries", verbose_name="I statements"
    )
    items = models.ManyToManyField(Item, blank=True, related_name="voice_entries")
    is_published = models.BooleanField(
        "published to families",
        default=False,
        help_text="Shown on the public pages from the next publication",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["area", "sort_key"]
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint("area", Lower("reference"), name="voice_reference_unique_in_area")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.said[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("voice:entry", kwargs={"area": self.area.slug, "pk": self.pk})
