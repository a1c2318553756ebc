"""Plans, their tree of items and RAG schemes. Their history is kept by the history app."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from areas.models import LocalArea, Person, Workstream, hex_colour

from . import rollup, rules


class RagScheme(models.Model):
    """An ordered list of statuses a plan's items are rated with."""

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="rag_schemes")
    name = models.CharField(max_length=120)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint("area", Lower("name"), name="rag_scheme_name_unique_in_area")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:rag-scheme", kwargs={"area": self.area.slug, "pk": self.pk})


class RagStatus(models.Model):
    scheme = models.ForeignKey(RagScheme, on_delete=models.CASCADE, related_name="statuses")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=80)
    colour = models.CharField(max_length=7, validators=[hex_colour])
    meaning = models.TextField(blank=True)
    counts_as_done = models.BooleanField(default=False)
    needs_impact_evidence = models.BooleanField(
        "needs evidence of impact",
        default=False,
        help_text="May be given only with evidence of impact on children and families.",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["scheme", "position"]
        verbose_name_plural = "RAG statuses"
        constraints = [models.UniqueConstraint("scheme", Lower("label"), name="rag_status_label_unique")]

    def __str__(self) -> str:
        return self.label


class Cadence(models.IntegerChoices):
    """How many months each reporting period of a plan covers."""

    MONTHLY = 1, "Monthly"
    TWO_MONTHLY = 2, "Every two months"
    QUARTERLY = 3, "Quarterly"


class Plan(models.Model):
    class Kind(models.TextChoices):
        WSOA = "wsoa", "Written statement of action"
        PRIORITY_ACTION_PLAN = "priority_action_plan", "Priority action plan"
        STRATEGY_DELIVERY_PLAN = "strategy_delivery_plan", "Strategy delivery plan"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        LIVE = "live", "Live"
        CLOSED = "closed", "Closed"

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="plans")
    reference = models.CharField(max_length=40)
    title = models.CharField(max_length=250)
    kind = models.CharField("type", max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    level_names = models.JSONField(default=list)
    level_plurals = models.JSONField(
        default=list,
        db_default=[],
        blank=True,
        help_text="Each level's name in the plural, top level first; blank where worked out from the name",
    )
    rag_scheme = models.ForeignKey(RagScheme, on_delete=models.PROTECT, related_name="plans")
    reporting_cadence = models.PositiveSmallIntegerField(
        "how often progress is reported",
        choices=Cadence.choices,
        default=Cadence.MONTHLY,
    )
    rollup_rule = models.CharField(
        "how an item's overall rating is worked out",
        max_length=20,
        choices=list(rollup.RULES.items()),
        default=rollup.WORST,
        help_text="For every item above the lowest level, from the items under it (plans.rollup)",
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-status", "title"]
        constraints = [
            models.UniqueConstraint("area", Lower("reference"), name="plan_reference_unique_in_area")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", kwargs={"area": self.area.slug, "pk": self.pk})

    @property
    def depth(self) -> int:
        return len(self.level_names)

    def level_name(self, level: int) -> str:
        return self.level_names[level - 1] if 0 < level <= len(self.level_names) else f"Level {level}"

    @property
    def lowest_level_name(self) -> str:
        return self.level_name(self.depth)

    def level_plural(self, level: int) -> str:
        """The plural of a level's name: as the plan sets it ("Activities"), else worked out from the
        name (plans.rules.plural): "Priorities", "Areas of weakness"."""
        plurals = self.level_plurals or []
        given = plurals[level - 1] if 0 < level <= len(plurals) else ""
        return given or rules.plural(self.level_name(level))

    @property
    def lowest_level_plural(self) -> str:
        return self.level_plural(self.depth)


class ItemQuerySet(models.QuerySet["Item"]):
    def current(self) -> "ItemQuerySet":
        return self.filter(removed_at__isnull=True)


class Item(models.Model):
    """One entry in a plan's tree, at any level: an area of weakness, a key action, a milestone."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    number = models.CharField(max_length=40)
    sort_key = models.CharField(max_length=80, db_index=True)
    level = models.PositiveSmallIntegerField()
    text = models.TextField()
    due_date = models.DateField(null=True, blank=True)
    due_text = models.CharField("due as written", max_length=500, blank=True)
    original_due_date = models.DateField(
        null=True, blank=True, help_text="The due date before the first agreed slip"
    )
    slip_count = models.PositiveSmallIntegerField("times the due date slipped", default=0)
    workstreams = models.ManyToManyField(Workstream, blank=True, related_name="items")
    owners: "models.ManyToManyField[Person, ItemOwner]" = models.ManyToManyField(
        Person, through="ItemOwner", blank=True, related_name="owned_items"
    )
    partners = models.TextField(blank=True)
    senior_owner = models.CharField(max_length=250, blank=True)
    impact = models.TextField(blank=True)
    evidence = models.TextField("how do we know", blank=True)
    see_also = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="referenced_by")
    status = models.ForeignKey(
        RagStatus, null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )
    notes = models.TextField(blank=True)
    measure_codes = models.CharField(
        "measures",
        max_length=500,
        blank=True,
        default="",
        db_default="",
        help_text="The scorecard measures the item cites, by code, as plans.rules.measure_codes keeps them",
    )
    overall_status = models.ForeignKey(
        RagStatus,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The overall rating set by hand, for a plan whose roll-up rule is 'set by hand'",
    )
    overall_reason = models.TextField("reason for the overall rating", blank=True)
    version = models.PositiveIntegerField(default=1)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        constraints = [
            models.UniqueConstraint(
                "plan", "number", condition=Q(removed_at__isnull=True), name="item_number_unique_in_plan"
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=4), name="item_level_1_to_4"),
        ]
        indexes = [models.Index(fields=["plan", "level", "sort_key"])]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("plans:item", kwargs={"area": self.plan.area.slug, "pk": self.pk})

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class ItemOwner(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="ownerships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ownerships")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint("item", "person", name="owner_once_per_item")]

    def __str__(self) -> str:
        return f"{self.person.initials} owns {self.item.number}"


class Finding(models.Model):
    """A finding of the inspection letter, with its own number ("KC2") and label, answered by any number of
    the plan's items at any level (in the order written)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="findings")
    number = models.CharField(max_length=20, blank=True, help_text="As the letter or the plan writes it")
    label = models.CharField(max_length=200, blank=True, help_text="A short title: 'Joint commissioning'")
    quotation = models.TextField()
    page = models.CharField(max_length=20, blank=True)
    position = models.PositiveIntegerField(default=0, help_text="The finding's place in the document")
    items: "models.ManyToManyField[Item, FindingItem]" = models.ManyToManyField(
        Item, through="FindingItem", blank=True, related_name="findings"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                "plan", Lower("number"), condition=~Q(number=""), name="finding_number_unique_in_plan"
            )
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        """As a page names it: "Finding KC2: Joint commissioning", "Finding 3", or its label alone."""
        if self.number:
            return f"Finding {self.number}: {self.label}" if self.label else f"Finding {self.number}"
        return self.label or "Finding"


class FindingItem(models.Model):
    """An item answering a finding, in the order the finding lists its items."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="finding_answers")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint("finding", "item", name="finding_item_once")]

    def __str__(self) -> str:
        return f"{self.item_id} answers {self.finding_id}"


class PlanText(models.Model):
    """A section of a plan's own words (its introduction, commitment, ...): plain text, paragraphs kept."""

    class Section(models.TextChoices):
        INTRODUCTION = "introduction", "Introduction"
        COMMITMENT = "commitment", "Commitment"
        PRINCIPLES = "principles", "Principles"
        GOVERNANCE = "governance", "Governance"
        MONITORING = "monitoring", "Monitoring"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="texts")
    section = models.CharField(max_length=20, choices=Section.choices)
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint("plan", "section", name="plan_text_section_once")]

    def __str__(self) -> str:
        return f"{self.get_section_display()} of {self.plan_id}"


from .models_fields import ItemFieldValue as ItemFieldValue  # noqa: E402  (fields an area defines)
from .models_fields import PlanField as PlanField  # noqa: E402
