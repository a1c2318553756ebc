"""The monthly cycle: reporting periods, updates and their challenge, highlight reports, reminders.

What a reported period showed is kept in `ReportedRating` and in the frozen highlight rows,
so later edits to items, statuses or reports never change what the board was told.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from areas.models import Person, Workstream
from plans.models import Item, Plan, RagStatus

User = settings.AUTH_USER_MODEL


class ReportingPeriod(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "Open for updates"
        CHALLENGE = "challenge", "In challenge"
        CONFIRMED = "confirmed", "Confirmed"
        REPORTED = "reported", "Reported"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    name = models.CharField(max_length=80)
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date")
    deadline = models.DateField("updates due by")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    trend = models.JSONField(
        default=dict,
        blank=True,
        help_text="Set when reported: each top-level item's status counts against the period reported "
        "before, and what improved and declined (progress.trend)",
    )
    no_highlight_reports = models.JSONField(
        default=list,
        blank=True,
        help_text="Set when reported: the workstreams that had updates in the period but no highlight "
        'report, as they were then ([{"id": 3, "name": "S/E SEN Support", "lead": "CL"}])',
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "-starts_on"]
        constraints = [
            models.UniqueConstraint("plan", "starts_on", name="one_period_per_start"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="period_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("progress:period", kwargs={"area": self.plan.area.slug, "pk": self.pk})

    @property
    def is_reported(self) -> bool:
        return self.state == self.State.REPORTED

    @property
    def takes_updates(self) -> bool:
        """Owners may write and change updates until the ratings are confirmed."""
        return self.state in (self.State.OPEN, self.State.CHALLENGE)


class Update(models.Model):
    """An owner's progress report on one item for one period, and its challenge."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="updates")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="updates")
    commentary = models.TextField("progress")
    next_steps = models.TextField(blank=True)
    proposed_status = models.ForeignKey(RagStatus, on_delete=models.PROTECT, related_name="+")
    proposed_due_date = models.DateField("proposed new due date", null=True, blank=True)
    due_date_reason = models.TextField("reason for the new due date", blank=True)
    mitigation = models.TextField(blank=True)
    evidence = models.ManyToManyField("evidence.Evidence", blank=True, related_name="updates")
    submitted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField()
    confirmed_status = models.ForeignKey(
        RagStatus, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    challenge_reason = models.TextField("reason for the change", blank=True)
    confirmed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    owners_told_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the owners were emailed that their proposed status was changed in challenge "
        "(progress.notices): set once, so they are never told twice",
    )
    owners_told = models.TextField(
        blank=True, help_text="Who was emailed, and who could not be and why, in words"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["period", "item__sort_key"]
        constraints = [models.UniqueConstraint("period", "item", name="one_update_per_item_per_period")]

    def __str__(self) -> str:
        return f"Update on {self.item.number} for {self.period.name}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def was_changed_in_challenge(self) -> bool:
        return self.is_confirmed and self.confirmed_status_id != self.proposed_status_id


class ReportedRating(models.Model):
    """An item as the board was told it when the period was reported. Never edited."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reported_ratings")
    number = models.CharField(max_length=40)
    text = models.TextField()
    level = models.PositiveSmallIntegerField()
    status_label = models.CharField(max_length=80, blank=True)
    status_colour = models.CharField(max_length=7, blank=True)
    status_position = models.PositiveIntegerField(null=True, blank=True)
    counts_as_done = models.BooleanField(default=False)
    due_date = models.DateField(null=True, blank=True)
    original_due_date = models.DateField(null=True, blank=True)
    slip_count = models.PositiveSmallIntegerField(default=0)
    overdue = models.BooleanField(default=False)
    owners = models.TextField(
        blank=True, help_text='The owners\' initials as reported, in their order: "KD, JG"'
    )
    commentary = models.TextField(blank=True)
    # For an item above the lowest level: its roll-up as reported (progress.services.periods.rollups_freeze)
    rollup_rule = models.CharField(max_length=20, blank=True, help_text="The plan's roll-up rule then")
    rollup_counts = models.JSONField(
        default=list,
        blank=True,
        help_text="The lowest-level items under it by status, in the scheme's order then: "
        '[label, colour, count], the last with label "" for no status',
    )
    overall_label = models.CharField(max_length=80, blank=True)
    overall_colour = models.CharField(max_length=7, blank=True)
    overall_position = models.PositiveIntegerField(null=True, blank=True)
    overall_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["period", "item__sort_key"]
        constraints = [models.UniqueConstraint("period", "item", name="one_rating_per_item_per_period")]
        indexes = [
            models.Index(fields=["item", "period"]),
            # A period's ratings at one level (its top-level items, its lowest-level items) and, for the
            # glance's counts by status, everything those counts read: the database reads only the index.
            models.Index(
                fields=[
                    "period",
                    "level",
                    "status_position",
                    "status_label",
                    "status_colour",
                    "counts_as_done",
                    "overdue",
                ],
                name="reported_status_counts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.status_label or 'no status'} in {self.period.name}"


class HighlightReport(models.Model):
    """A workstream's report to the board for a period: one row per priority."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="highlight_reports")
    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="highlight_reports")
    workstream_name = models.CharField(max_length=200, help_text="As it was when the period was reported")
    drafted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    drafted_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["period", "workstream__code"]
        constraints = [
            models.UniqueConstraint("period", "workstream", name="one_highlight_report_per_workstream")
        ]

    def __str__(self) -> str:
        return f"{self.workstream_name} highlight report, {self.period.name}"

    def get_absolute_url(self) -> str:
        return reverse(
            "progress:highlight-report",
            kwargs={
                "area": self.period.plan.area.slug,
                "pk": self.period_id,
                "workstream_pk": self.workstream_id,
            },
        )


class HighlightRow(models.Model):
    """The four columns boards read, for one priority."""

    COLUMNS = ("actions_progressed", "impact", "evidence", "next_steps")

    report = models.ForeignKey(HighlightReport, on_delete=models.CASCADE, related_name="rows")
    priority = models.ForeignKey(Item, null=True, on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    number = models.CharField(max_length=40, help_text="The priority's number, as reported")
    title = models.TextField(help_text="The priority's text, as reported")
    actions_progressed = models.TextField(blank=True)
    impact = models.TextField("what has been the impact on service users", blank=True)
    evidence = models.TextField("what evidence demonstrates this impact", blank=True)
    next_steps = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "position"]

    def __str__(self) -> str:
        return f"{self.number} in {self.report}"


class Reminder(models.Model):
    """A reminder email sent for a period: at most one of each kind per person."""

    class Kind(models.TextChoices):
        OWNER = "owner", "Updates due soon (to the owner)"
        LEAD = "lead", "Updates missing after the deadline (to the workstream lead)"

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)
    item_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint("period", "person", "kind", name="one_reminder_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.person.initials} for {self.period.name}"
