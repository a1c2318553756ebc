"""An area's outcomes and measures, their breakdowns, targets, figures and comparators, and its rating
settings.

Every figure, the area's own and its comparators', is a `Figure` row for one breakdown of a
measure, one series (the area, England, the region, statistical neighbours) and one period.
A missing figure keeps `value` empty and says why in `missing_reason`; it is never zero.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from areas.models import LocalArea, Person
from plans.models import Item

from .. import rules

User = settings.AUTH_USER_MODEL


class Unit(models.TextChoices):
    PERCENT = "percent", "Percentage"
    COUNT = "count", "Count"
    RATE_10K = "rate_10k", "Rate per 10,000"
    WEEKS = "weeks", "Weeks"
    SCORE = "score", "Score"


UNIT_SUFFIX = {
    Unit.PERCENT: "%",
    Unit.COUNT: "",
    Unit.RATE_10K: "per 10,000",
    Unit.WEEKS: "weeks",
    Unit.SCORE: "",
}


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    TERMLY = "termly", "Termly"
    ANNUAL = "annual", "Annual"


class Series(models.TextChoices):
    AREA = "area", "This area"
    ENGLAND = "england", "England"
    REGION = "region", "Region"
    NEIGHBOURS = "neighbours", "Statistical neighbours"


COMPARATOR_SERIES = (Series.ENGLAND, Series.REGION, Series.NEIGHBOURS)


class ScorecardSettings(models.Model):
    """How an area rates its measures, and the codes that find it and its comparators in DfE files."""

    area = models.OneToOneField(LocalArea, on_delete=models.CASCADE, related_name="scorecard_settings")
    tolerance = models.DecimalField(
        max_digits=9,
        decimal_places=3,
        default=Decimal(0),
        help_text="How far short of its target a measure may be and still be rated amber (or green, below)",
    )
    tolerance_kind = models.CharField(
        max_length=20,
        choices=[
            (k.value, label)
            for k, label in (
                (rules.ToleranceKind.UNITS, "In the measure's own units"),
                (rules.ToleranceKind.PERCENT_OF_TARGET, "As a percentage of the target"),
            )
        ],
        default=rules.ToleranceKind.UNITS.value,
    )
    near_miss = models.CharField(
        max_length=10,
        choices=[
            (rules.NearMiss.AMBER.value, "Amber"),
            (rules.NearMiss.GREEN.value, "Green (“very close”)"),
        ],
        default=rules.NearMiss.AMBER.value,
    )
    no_target = models.CharField(
        max_length=10,
        choices=[
            (rules.NoTarget.COMPARE.value, "Compare with England and the region"),
            (rules.NoTarget.NOT_RATED.value, "Do not rate"),
        ],
        default=rules.NoTarget.COMPARE.value,
    )
    direction_threshold = models.DecimalField(
        max_digits=9,
        decimal_places=3,
        default=Decimal(0),
        help_text="A change no bigger than this, in the measure's units, is shown as no change",
    )
    la_code = models.CharField("9-character local authority code", max_length=9, blank=True)
    old_la_code = models.CharField("3-digit local authority code", max_length=3, blank=True)
    region_code = models.CharField("region code", max_length=9, blank=True)
    region_name = models.CharField(max_length=80, blank=True)
    neighbour_codes = models.TextField(
        "statistical neighbours",
        blank=True,
        help_text="The neighbours' local authority codes (9-character or 3-digit), separated by commas",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "scorecard settings"

    def __str__(self) -> str:
        return f"Scorecard settings for {self.area}"

    def rating_settings(self) -> rules.RatingSettings:
        return rules.RatingSettings(
            tolerance=self.tolerance,
            tolerance_kind=rules.ToleranceKind(self.tolerance_kind),
            near_miss=rules.NearMiss(self.near_miss),
            no_target=rules.NoTarget(self.no_target),
            direction_threshold=self.direction_threshold,
        )

    def neighbours(self) -> list[str]:
        return [
            code.strip().upper()
            for code in self.neighbour_codes.replace("\n", ",").split(",")
            if code.strip()
        ]


class Outcome(models.Model):
    """One of the area's co-produced outcomes, such as the I statement "I feel safe"."""

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(max_length=20, help_text="A short reference, such as I1")
    statement = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint("area", Lower("code"), name="outcome_code_unique_in_area")]

    def __str__(self) -> str:
        return f"{self.code}: {self.statement}"


class Measure(models.Model):
    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(max_length=20, help_text="A short reference, such as E7")
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True, help_text="How it is counted, and what is in and out")
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    polarity = models.CharField(
        "better when",
        max_length=10,
        choices=[
            (rules.Polarity.HIGHER.value, "Higher is better"),
            (rules.Polarity.LOWER.value, "Lower is better"),
        ],
        default=rules.Polarity.HIGHER.value,
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.ANNUAL)
    source = models.CharField(max_length=300, blank=True, help_text="For example, DfE SEN2 return")
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="measures"
    )
    is_public = models.BooleanField("published to families", default=False)
    is_contextual = models.BooleanField(
        "contextual",
        default=False,
        help_text="Shown for information and never rated, such as the number of EHC plans",
    )
    to_be_defined = models.BooleanField(
        default=False, help_text="The definition or data source is not agreed yet, so it is not rated"
    )
    outcomes = models.ManyToManyField(Outcome, blank=True, related_name="measures")
    items = models.ManyToManyField(Item, blank=True, related_name="measures")
    # Per-measure overrides of the area's rating settings: blank means "as the area".
    tolerance = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    tolerance_kind = models.CharField(
        max_length=20, blank=True, choices=ScorecardSettings._meta.get_field("tolerance_kind").choices
    )
    near_miss = models.CharField(
        max_length=10, blank=True, choices=ScorecardSettings._meta.get_field("near_miss").choices
    )
    no_target = models.CharField(
        max_length=10, blank=True, choices=ScorecardSettings._meta.get_field("no_target").choices
    )
    direction_threshold = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint("area", Lower("code"), name="measure_code_unique_in_area")]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("scorecard:measure", kwargs={"area": self.area.slug, "pk": self.pk})

    @property
    def unit_suffix(self) -> str:
        return UNIT_SUFFIX[Unit(self.unit)]

    def overrides(self) -> dict[str, object]:
        """The rating settings this measure sets for itself (see rules.effective_settings)."""
        return {
            "tolerance": self.tolerance,
            "tolerance_kind": self.tolerance_kind or None,
            "near_miss": self.near_miss or None,
            "no_target": self.no_target or None,
            "direction_threshold": self.direction_threshold,
        }


class Breakdown(models.Model):
    """One cut of a measure, such as "Primary" or "EHC plan". Every measure has at least one; the first
    (position 0) is its headline, rated on the scorecard."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="breakdowns")
    name = models.CharField(max_length=120, default="All")
    position = models.PositiveSmallIntegerField(default=0)
    baseline = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    baseline_period = models.CharField(max_length=40, blank=True, help_text="For example, 2017/18")
    baseline_note = models.CharField(max_length=200, blank=True, help_text="For example, provisional data")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["measure", "position", "pk"]
        constraints = [
            models.UniqueConstraint("measure", Lower("name"), name="breakdown_name_unique_in_measure"),
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """A figure a breakdown aims to reach by a date; a breakdown may have several over time."""

    breakdown = models.ForeignKey(Breakdown, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(max_digits=14, decimal_places=4)
    due_on = models.DateField("by")
    note = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["breakdown", "due_on"]
        constraints = [models.UniqueConstraint("breakdown", "due_on", name="one_target_per_breakdown_date")]

    def __str__(self) -> str:
        return f"{self.value.normalize():f} by {self.due_on:%d/%m/%Y}"


class Figure(models.Model):
    """One published or entered figure: a breakdown's value for one series and period."""

    class Source(models.TextChoices):
        ENTERED = "entered", "Entered"
        UPLOAD = "upload", "Uploaded file"
        DFE = "dfe", "DfE open data"
        DEMO = "demo", "Demo data"

    breakdown = models.ForeignKey(Breakdown, on_delete=models.CASCADE, related_name="figures")
    series = models.CharField(max_length=12, choices=Series.choices, default=Series.AREA)
    period = models.CharField(max_length=40, help_text="As written: 2024, 2019/20, March 2021")
    period_ends_on = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    missing_reason = models.CharField(max_length=200, blank=True)
    made_from = models.CharField(
        max_length=300,
        blank=True,
        help_text="How a figure made from others was made, shown beside it: "
        "'mean of 2 of 3 neighbours; Trafford: x'",
    )
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    source_note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["breakdown", "series", "period_ends_on"]
        constraints = [
            models.UniqueConstraint("breakdown", "series", "period", name="one_figure_per_series_period"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | ~models.Q(missing_reason=""),
                name="missing_figure_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["breakdown", "series", "period_ends_on"])]

    def __str__(self) -> str:
        shown = (
            f"{self.value.normalize():f}"
            if self.value is not None
            else f"not available ({self.missing_reason})"
        )
        return f"{self.get_series_display()} {self.period}: {shown}"
