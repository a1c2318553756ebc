"""Findings belong to a plan, with their own number and label, answered by several items at any level.

Each finding kept its item: it now belongs to that item's plan, is answered by that item, and is numbered
1, 2, 3 ... in the plan's order (its item's place, then its own), with no label.
"""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models


def findings_to_plans(apps, schema_editor):
    Finding = apps.get_model("plans", "Finding")
    FindingItem = apps.get_model("plans", "FindingItem")
    by_plan: dict[int, list] = {}
    for finding in Finding.objects.select_related("item").order_by("item__sort_key", "position", "pk"):
        by_plan.setdefault(finding.item.plan_id, []).append(finding)
    links = []
    for plan_id, findings in by_plan.items():
        for position, finding in enumerate(findings):
            Finding.objects.filter(pk=finding.pk).update(
                plan_id=plan_id, number=str(position + 1), position=position
            )
            links.append(FindingItem(finding_id=finding.pk, item_id=finding.item_id, position=0))
    FindingItem.objects.bulk_create(links)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # before the table is altered below


def plans_to_findings(apps, schema_editor):
    """Back again: each finding on its first item (a finding with none is dropped)."""
    Finding = apps.get_model("plans", "Finding")
    FindingItem = apps.get_model("plans", "FindingItem")
    for finding in Finding.objects.all():
        first = FindingItem.objects.filter(finding=finding).order_by("position", "pk").first()
        if first is None:
            finding.delete()
        else:
            Finding.objects.filter(pk=finding.pk).update(item_id=first.item_id)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0007_document_order_and_level_plurals"),
    ]

    operations = [
        migrations.AddField(
            model_name="finding",
            name="plan",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="findings",
                to="plans.plan",
            ),
        ),
        migrations.AddField(
            model_name="finding",
            name="number",
            field=models.CharField(
                blank=True, help_text="As the letter or the plan writes it", max_length=20
            ),
        ),
        migrations.AddField(
            model_name="finding",
            name="label",
            field=models.CharField(
                blank=True, help_text="A short title: 'Joint commissioning'", max_length=200
            ),
        ),
        migrations.AddField(
            model_name="finding",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AlterField(
            model_name="finding",
            name="position",
            field=models.PositiveIntegerField(default=0, help_text="The finding's place in the document"),
        ),
        migrations.AlterField(
            model_name="finding",
            name="item",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="plans.item",
            ),
        ),
        migrations.CreateModel(
            name="FindingItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "finding",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="plans.finding",
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="finding_answers",
                        to="plans.item",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "pk"],
                "constraints": [
                    models.UniqueConstraint(models.F("finding"), models.F("item"), name="finding_item_once")
                ],
            },
        ),
        migrations.RunPython(findings_to_plans, plans_to_findings),
        migrations.RemoveField(model_name="finding", name="item"),
        migrations.AlterField(
            model_name="finding",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="findings", to="plans.plan"
            ),
        ),
        migrations.AddField(
            model_name="finding",
            name="items",
            field=models.ManyToManyField(
                blank=True, related_name="findings", through="plans.FindingItem", to="plans.item"
            ),
        ),
        migrations.AlterModelOptions(name="finding", options={"ordering": ["position", "pk"]}),
        migrations.AddConstraint(
            model_name="finding",
            constraint=models.UniqueConstraint(
                models.F("plan"),
                django.db.models.functions.text.Lower("number"),
                condition=models.Q(("number", ""), _negated=True),
                name="finding_number_unique_in_plan",
            ),
        ),
    ]
