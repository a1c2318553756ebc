"""Periods reported before their risk bands were kept get the bands in force when they were reported,
read back from the history: the area's bands now (the defaults, amber from 5 and red from 15, if its
programme manager never set them), with every change recorded after the period was reported undone, latest
first ("Risk bands" changes: {"Amber from": [old, new], "Red from": [old, new]}). A period with no
reported time gets the bands now. Best effort: a change made outside the app (no history) cannot be
undone. Written out here rather than imported, so it never changes.
"""

from django.db import migrations

FIELDS = (("Amber from", "amber_from"), ("Red from", "red_from"))


def _backfill(apps, schema_editor):
    period_model = apps.get_model("progress", "ReportingPeriod")
    kept_model = apps.get_model("risks", "ReportedRiskBands")
    bands_model = apps.get_model("risks", "RiskBands")
    change_model = apps.get_model("history", "Change")
    now = {bands.area_id: (bands.amber_from, bands.red_from) for bands in bands_model.objects.all()}
    changes: dict[int, list] = {}
    for change in change_model.objects.filter(subject="Risk bands").order_by("-at", "-id"):
        changes.setdefault(change.area_id, []).append(change)
    kept = []
    reported = period_model.objects.filter(state="reported", risk_bands__isnull=True).select_related("plan")
    for period in reported:
        area_id = period.plan.area_id
        values = dict(zip(("amber_from", "red_from"), now.get(area_id, (5, 15)), strict=True))
        for change in changes.get(area_id, []) if period.reported_at else []:
            if change.at <= period.reported_at:
                break
            for label, name in FIELDS:
                old = (change.changes or {}).get(label)
                if isinstance(old, list) and old and str(old[0]).isdigit():
                    values[name] = int(old[0])
        if not 2 <= values["amber_from"] < values["red_from"] <= 25:
            values = {"amber_from": 5, "red_from": 15}
        kept.append(kept_model(period=period, **values))
    kept_model.objects.bulk_create(kept)


class Migration(migrations.Migration):
    dependencies = [
        ("risks", "0002_reported_risk_bands"),
        ("history", "0002_copy_plan_changes"),
    ]

    operations = [migrations.RunPython(_backfill, migrations.RunPython.noop)]
