"""The risk register: each plan's risks, their scores over time, their mitigating actions and the
progress notes on them, and each risk as the board was told it when a period was reported."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from areas.models import LocalArea, Person
from plans.models import Item, Plan
from progress.models import ReportingPeriod
from scorecard.models import Measure

from . import rules

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


def _scale(verbose_name: str, help_text: str = "") -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=ONE_TO_FIVE, help_text=help_text
    )


class RiskBands(models.Model):
    """Where amber and red start on an area's 1 to 25 risk scores (risks.rules: default 5 and 15)."""

    area = models.OneToOneField(LocalArea, on_delete=models.CASCADE, related_name="risk_bands")
    amber_from = models.PositiveSmallIntegerField(default=rules.DEFAULT_AMBER_FROM)
    red_from = models.PositiveSmallIntegerField(default=rules.DEFAULT_RED_FROM)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "risk bands"
        constraints = [
            models.CheckConstraint(
                condition=Q(amber_from__gte=2, red_from__gt=models.F("amber_from"), red_from__lte=25),
                name="risk_bands_in_order",
            )
        ]

    def __str__(self) -> str:
        return rules.bands_described(amber_from=self.amber_from, red_from=self.red_from)

    def band(self, score: int | None) -> rules.Band | None:
        return rules.band_for(score, amber_from=self.amber_from, red_from=self.red_from)


class Risk(models.Model):
    """One risk to a plan's delivery: cause, event and effect; scored now, before mitigation and as
    targeted; reviewed by a date; open, or closed with a reason."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="risks")
    reference = models.CharField(max_length=20, help_text="A short reference, such as R1")
    sort_key = models.CharField(max_length=80, db_index=True)
    title = models.CharField(max_length=250)
    cause = models.TextField(blank=True, help_text="Because of ...")
    event = models.TextField(blank=True, help_text="there is a risk that ...")
    effect = models.TextField(blank=True, help_text="which would mean ...")
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="risks")
    category = models.CharField(max_length=80, blank=True, help_text="For example, Finance or Workforce")
    likelihood = _scale("likelihood now")
    impact = _scale("impact now")
    inherent_likelihood = _scale("likelihood before mitigation")
    inherent_impact = _scale("impact before mitigation")
    target_likelihood = _scale("target likelihood")
    target_impact = _scale("target impact")
    scores_estimated = models.BooleanField(
        default=False, help_text="The scores are an estimate, not the area's own assessment (demo data)"
    )
    review_on = models.DateField("next review", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_reason = models.TextField("reason for closing", blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    items = models.ManyToManyField(Item, blank=True, related_name="risks")
    measures = models.ManyToManyField(Measure, blank=True, related_name="risks")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["plan", "sort_key"]
        constraints = [
            models.UniqueConstraint("plan", Lower("reference"), name="risk_reference_unique_in_plan"),
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(closed_reason=""), name="closed_risk_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("risks:risk", kwargs={"area": self.plan.area.slug, "pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def score(self) -> int | None:
        return rules.score(self.likelihood, self.impact)

    @property
    def inherent_score(self) -> int | None:
        return rules.score(self.inherent_likelihood, self.inherent_impact)

    @property
    def target_score(self) -> int | None:
        return rules.score(self.target_likelihood, self.target_impact)


class RiskScore(models.Model):
    """A risk's current likelihood and impact from a moment on: its score history, one row each time
    the assessment changes (the first when the risk is added)."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="scores")
    likelihood = models.PositiveSmallIntegerField(validators=ONE_TO_FIVE)
    impact = models.PositiveSmallIntegerField(validators=ONE_TO_FIVE)
    scored_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["risk", "scored_on", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.risk.reference}: {self.likelihood} x {self.impact} on {self.scored_on}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class Mitigation(models.Model):
    """A mitigating action: what is being done to reduce the risk, by whom and by when."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="mitigations")
    position = models.PositiveSmallIntegerField(default=0)
    action = models.TextField()
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="mitigations"
    )
    due_on = models.DateField("due date", null=True, blank=True)
    is_done = models.BooleanField("done", default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["risk", "position", "pk"]

    def __str__(self) -> str:
        return self.action[:60]


class MitigationNote(models.Model):
    """A dated progress note on a mitigating action. A note dated in a period counts as the risk's
    mitigation update for that period (risks.rules.has_update_since)."""

    mitigation = models.ForeignKey(Mitigation, on_delete=models.CASCADE, related_name="notes")
    dated = models.DateField("date")
    text = models.TextField("progress")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mitigation", "-dated", "-pk"]

    def __str__(self) -> str:
        return f"{self.dated}: {self.text[:60]}"


class ReportedRisk(models.Model):
    """A risk as the board was told it when a period was reported: copied, never worked out again, so
    movement between reported periods reads what each period said."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reported_risks")
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reported")
    reference = models.CharField(max_length=20)
    title = models.CharField(max_length=250)
    owner = models.CharField(max_length=150, blank=True, help_text="The owner's initials, as reported")
    likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    impact = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    band = models.PositiveSmallIntegerField(null=True, blank=True, help_text="risks.rules.Band, as reported")
    status = models.CharField(max_length=10)
    mitigation_summary = models.TextField(blank=True, help_text="Each mitigation and its latest note")

    class Meta:
        ordering = ["period", "risk__sort_key"]
        constraints = [models.UniqueConstraint("period", "risk", name="risk_reported_once_per_period")]

    def __str__(self) -> str:
        return f"{self.reference} in {self.period}"

    @property
    def band_value(self) -> rules.Band | None:
        return None if self.band is None else rules.Band(self.band)


class ReportedRiskBands(models.Model):
    """The area's risk bands when a period was reported, kept with its risks: the heat map of that period
    shows the bands its risks were placed in, however the bands change later."""

    period = models.OneToOneField(ReportingPeriod, on_delete=models.CASCADE, related_name="risk_bands")
    amber_from = models.PositiveSmallIntegerField()
    red_from = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name_plural = "reported risk bands"
        constraints = [
            models.CheckConstraint(
                condition=Q(amber_from__gte=2, red_from__gt=models.F("amber_from"), red_from__lte=25),
                name="reported_risk_bands_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"Risk bands of {self.period}"

    def band(self, score: int | None) -> rules.Band | None:
        return rules.band_for(score, amber_from=self.amber_from, red_from=self.red_from)
