"""Periods reported before owners were kept: each item as reported gets its owners' initials, best effort.

What the owners were when those periods were reported was never kept, so this takes the item's owners as
they are when the migration runs (an item removed since keeps the owners it had when removed), in their
order, as reporting now writes them ("KD, JG"). Owners changed between reporting and this migration are
therefore today's, not the reported ones; that cannot be recovered. A row that already has owners is left
as it is, and one whose item has no owner stays blank. Periods reported from now on keep their owners when
reported (progress.services.periods). Written out here rather than imported, so it never changes.
"""

from django.db import migrations


def _backfill(apps, schema_editor):
    period_model = apps.get_model("progress", "ReportingPeriod")
    rating_model = apps.get_model("progress", "ReportedRating")
    owner_model = apps.get_model("plans", "ItemOwner")
    plan_ids = period_model.objects.filter(state="reported").values_list("plan_id", flat=True).distinct()
    for plan_id in plan_ids:
        found: dict[int, list[str]] = {}
        for item_id, initials in (
            owner_model.objects.filter(item__plan_id=plan_id)
            .order_by("item_id", "position", "pk")
            .values_list("item_id", "person__initials")
        ):
            found.setdefault(item_id, []).append(initials)
        if not found:
            continue
        unowned = rating_model.objects.filter(period__plan_id=plan_id, period__state="reported", owners="")
        ratings = [rating for rating in unowned.only("pk", "item_id") if rating.item_id in found]
        for rating in ratings:
            rating.owners = ", ".join(found[rating.item_id])
        rating_model.objects.bulk_update(ratings, ["owners"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0006_reported_owners"),
        ("plans", "0005_rollup_rule_and_overall_rating"),
    ]

    operations = [migrations.RunPython(_backfill, migrations.RunPython.noop)]
