"""Fields a plan's programme manager defines beyond the template's columns ("Senior Officer Support",
"Partner organisations"), and each item's value of them. Imported by `plans.models`."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from areas.models import Organisation, Person


class PlanField(models.Model):
    """A field of a plan's items that the area defines: text, a list of the area's organisations, or a
    person. It applies to one level of the plan, or to every level when `level` is blank."""

    class Kind(models.TextChoices):
        TEXT = "text", "Text"
        ORGANISATIONS = "organisations", "Organisations"
        PERSON = "person", "Person"

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="plan_fields")
    name = models.CharField(max_length=80)
    level = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Blank: every level")
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.TEXT)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint("plan", Lower("name"), name="plan_field_name_unique_in_plan"),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=4),
                name="plan_field_level_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def applies_to(self, level: int) -> bool:
        return self.level is None or self.level == level


class ItemFieldValue(models.Model):
    """An item's value of one of its plan's fields: text, a person, or organisations of the area."""

    item = models.ForeignKey("plans.Item", on_delete=models.CASCADE, related_name="field_values")
    field = models.ForeignKey(PlanField, on_delete=models.CASCADE, related_name="values")
    text = models.TextField(blank=True)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="item_field_values")

    class Meta:
        constraints = [models.UniqueConstraint("item", "field", name="item_field_value_once")]

    def __str__(self) -> str:
        return f"{self.field_id} of {self.item_id}"
