"""The scorecard in the monthly cycle: commentary on a measure for a reporting period, and each
measure as the board was told it when a period was reported."""

from django.conf import settings
from django.db import models

from .. import rules
from .measures import Measure, Unit

User = settings.AUTH_USER_MODEL


class Commentary(models.Model):
    """What is being done about a measure, written for one reporting period of the area's plan."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="commentaries")
    period = models.ForeignKey(
        "progress.ReportingPeriod", on_delete=models.CASCADE, related_name="measure_commentaries"
    )
    text = models.TextField()
    written_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    written_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["measure", "-period__ends_on"]
        verbose_name_plural = "commentaries"
        constraints = [models.UniqueConstraint("measure", "period", name="one_commentary_per_period")]

    def __str__(self) -> str:
        return f"Commentary on {self.measure.code} for {self.period}"


class ReportedAssessment(models.Model):
    """One breakdown of a measure as the board was told it when a period was reported: the figure rated,
    the target in force, the comparators, the rating, the direction and the reason, with what is needed to
    draw its scorecard row. Written once (scorecard.services.reporting) and never edited or worked out
    again, so later changes to figures, targets, settings or the measure itself do not change it.

    Points are stored as JSON objects {"period", "ends_on", "value", "missing_reason"} (scorecard.frozen),
    the value as text so that it comes back as the exact Decimal it was.
    """

    period = models.ForeignKey(
        "progress.ReportingPeriod", on_delete=models.CASCADE, related_name="reported_assessments"
    )
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="reported_assessments"
    )
    breakdown = models.ForeignKey(
        "scorecard.Breakdown", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The measure and the breakdown as they were
    position = models.PositiveIntegerField(default=0, help_text="The measure's place on the scorecard")
    measure_code = models.CharField(max_length=20)
    measure_name = models.CharField(max_length=300)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    polarity = models.CharField(max_length=10, choices=Measure._meta.get_field("polarity").choices)
    owner_name = models.CharField(max_length=200, blank=True)
    outcomes = models.JSONField(
        default=list, blank=True, help_text='[{"code", "statement", "position"}], in the outcomes\' order'
    )
    breakdown_name = models.CharField(max_length=120)
    breakdown_position = models.PositiveSmallIntegerField(default=0)
    is_headline = models.BooleanField(default=True, help_text="Rated on the scorecard")
    # What the board saw
    figure_period = models.CharField("period of the figure rated", max_length=40, blank=True)
    figure_ends_on = models.DateField(null=True, blank=True)
    figure_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    previous = models.JSONField(null=True, blank=True, help_text="The figure before, for the direction")
    unavailable = models.JSONField(
        null=True, blank=True, help_text="A newer period shown as not available, and why"
    )
    target_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    target_due_on = models.DateField(null=True, blank=True)
    comparators = models.JSONField(
        default=list, blank=True, help_text='[{"series", "name", "period", ...}] for the same period'
    )
    rating = models.CharField(max_length=16, choices=[(r.value, r.label) for r in rules.Rating])
    direction = models.CharField(max_length=12, choices=[(d.value, d.label) for d in rules.Direction])
    reason = models.TextField()
    points = models.JSONField(default=list, blank=True, help_text="The area's figures: the small trend")
    commentary = models.TextField(blank=True, help_text="The measure's commentary for the period")

    class Meta:
        ordering = ["period", "position", "measure_code", "breakdown_position"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "measure", "breakdown"], name="one_reported_assessment_per_breakdown"
            )
        ]
        indexes = [models.Index(fields=["measure", "is_headline"])]

    def __str__(self) -> str:
        return f"{self.measure_code} {self.breakdown_name}: {self.get_rating_display()} in {self.period}"
