"""Periods reported before roll-ups were kept: each item above the lowest level gets the roll-up it would
have been given then, from the period's own frozen lowest-level ratings.

Every plan then had the rule "worst status" (the default the plan's setting was added with), and no
rating had been set by hand, so this is exactly what reporting would have frozen. The words and colours
are the statuses' as reported (from the frozen rows), falling back to the scheme's for a status no item
had. The rule is written out here rather than imported, so this migration never changes.
"""

from django.db import migrations


def _backfill(apps, schema_editor):
    period_model = apps.get_model("progress", "ReportingPeriod")
    rating_model = apps.get_model("progress", "ReportedRating")
    status_model = apps.get_model("plans", "RagStatus")
    for period in period_model.objects.filter(state="reported").select_related("plan"):
        plan = period.plan
        depth = len(plan.level_names)
        higher = list(rating_model.objects.filter(period=period, level__lt=depth, rollup_rule=""))
        if not higher:
            continue
        words = {
            status.position: (status.label, status.colour)
            for status in status_model.objects.filter(scheme_id=plan.rag_scheme_id)
        }
        counts: dict[str, dict[int | None, int]] = {}
        lowest = rating_model.objects.filter(period=period, level=depth).values_list(
            "number", "status_position", "status_label", "status_colour"
        )
        for number, position, label, colour in lowest:
            if position is not None:
                words[position] = (label, colour)
            parts = number.split(".")
            for size in range(1, len(parts)):
                under = counts.setdefault(".".join(parts[:size]), {})
                under[position] = under.get(position, 0) + 1
        order = sorted(words)
        for rating in higher:
            under = counts.get(rating.number, {})
            worst = min((p for p, n in under.items() if p is not None and n > 0), default=None)
            rating.rollup_rule = "worst"
            rating.rollup_counts = [[*words[p], under.get(p, 0)] for p in order] + [
                ["", "", under.get(None, 0)]
            ]
            rating.overall_label, rating.overall_colour = words[worst] if worst is not None else ("", "")
            rating.overall_position = worst
        rating_model.objects.bulk_update(
            higher, ["rollup_rule", "rollup_counts", "overall_label", "overall_colour", "overall_position"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0004_rollup_reported"),
        ("plans", "0005_rollup_rule_and_overall_rating"),
    ]

    operations = [migrations.RunPython(_backfill, migrations.RunPython.noop)]
