"""Every change recorded before the history app existed, copied from plans' table in its order.

Nothing is lost: each row keeps its area, plan, item, subject, action, values, author, time, source
and version; a change to an item now also names the item as its subject.
"""

from django.db import migrations

BATCH = 2000


def copy_changes(apps, schema_editor):
    old = apps.get_model("plans", "Change")
    new = apps.get_model("history", "Change")
    if not old.objects.exists():
        return
    content_type = apps.get_model("contenttypes", "ContentType")
    item_type, _ = content_type.objects.get_or_create(app_label="plans", model="item")
    rows = old.objects.order_by("id").values_list(
        "area_id", "plan_id", "item_id", "subject", "action", "changes", "by_id", "at", "source", "version"
    )
    batch = []
    for area_id, plan_id, item_id, subject, action, changes, by_id, at, source, version in rows.iterator():
        batch.append(
            new(
                area_id=area_id,
                plan_id=plan_id,
                item_id=item_id,
                subject_type_id=item_type.pk if item_id else None,
                subject_id=item_id,
                subject=subject,
                action=action,
                changes=changes,
                by_id=by_id,
                at=at,
                source=source,
                version=version,
            )
        )
        if len(batch) == BATCH:
            new.objects.bulk_create(batch)
            batch = []
    new.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    old = apps.get_model("plans", "Change")
    new = apps.get_model("history", "Change")
    old._meta.get_field("at").auto_now_add = False  # keep each change's own time
    old.objects.bulk_create(
        old(
            area_id=change.area_id,
            plan_id=change.plan_id,
            item_id=change.item_id,
            subject=change.subject,
            action=change.action,
            changes=change.changes,
            by_id=change.by_id,
            at=change.at,
            source=change.source,
            version=change.version,
        )
        for change in new.objects.order_by("id").iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0001_initial"),
        ("plans", "0002_item_original_due_date_item_slip_count_and_more"),
    ]

    operations = [migrations.RunPython(copy_changes, copy_back)]
