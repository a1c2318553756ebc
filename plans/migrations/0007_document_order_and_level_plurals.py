"""Items in their document's order: each item's sort key becomes its parent's key and its place among its
siblings (eight digits), no longer its number. Every plan keeps the order it shows now: current siblings
first, in their present order (as an export and re-import would place them), then removed ones."""

from collections import defaultdict

from django.db import migrations, models


def _place(parent_key, position):
    place = str(position).rjust(8, "0")
    return f"{parent_key}.{place}" if parent_key else place


def _placed(children, parent_id, parent_key, changed):
    siblings = sorted(children[parent_id], key=lambda i: (i.removed_at is not None, i.sort_key, i.pk))
    for position, item in enumerate(siblings, start=1):
        key = _place(parent_key, position)
        if item.sort_key != key:
            item.sort_key = key
            changed.append(item)
        _placed(children, item.pk, key, changed)


def _reorder(apps, schema_editor):
    Item = apps.get_model("plans", "Item")
    plan_ids = Item.objects.order_by().values_list("plan_id", flat=True).distinct()
    for plan_id in plan_ids:
        children = defaultdict(list)
        for item in Item.objects.filter(plan_id=plan_id).only("pk", "parent_id", "sort_key", "removed_at"):
            children[item.parent_id].append(item)
        changed = []
        _placed(children, None, None, changed)
        Item.objects.bulk_update(changed, ["sort_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_plan_text_and_measure_codes"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="level_plurals",
            field=models.JSONField(
                blank=True,
                default=list,
                db_default=[],
                help_text="Each level's name in the plural, top level first; blank where worked out from the name",
            ),
        ),
        migrations.AlterField(
            model_name="item",
            name="due_text",
            field=models.CharField(blank=True, max_length=500, verbose_name="due as written"),
        ),
        migrations.RunPython(_reorder, migrations.RunPython.noop),
    ]
