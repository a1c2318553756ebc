"""A period reported before roll-ups were kept gets them from its own frozen ratings, as reporting would
have frozen them then (the rule every plan had: worst status), so its page never says none were kept."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("progress", "0004_rollup_reported"), ("plans", "0005_rollup_rule_and_overall_rating")]
AFTER = [("progress", "0005_backfill_reported_rollups"), ("plans", "0005_rollup_rule_and_overall_rating")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_period_reported_before_roll_ups_gets_them_from_its_frozen_ratings():
    old = _migrate(BEFORE)
    area = old.get_model("areas", "LocalArea").objects.create(name="Stockport", slug="stockport")
    scheme = old.get_model("plans", "RagScheme").objects.create(area=area, name="Scheme")
    status = old.get_model("plans", "RagStatus").objects
    for position, label in enumerate(("Red", "Amber", "Green"), start=1):
        status.create(scheme=scheme, position=position, label=label, colour="#000000")
    plan = old.get_model("plans", "Plan").objects.create(
        area=area, reference="WSOA", title="WSoA", rag_scheme=scheme, level_names=["Area", "Action"]
    )
    item = old.get_model("plans", "Item").objects
    top = item.create(plan=plan, number="1", sort_key="00000001", level=1, text="Joint commissioning")
    other = item.create(plan=plan, number="2", sort_key="00000002", level=1, text="Nothing rated")
    under = [
        item.create(plan=plan, number=f"1.{n}", sort_key=f"00000001.0000000{n}", level=2, text=f"Action {n}")
        for n in (1, 2, 3)
    ]
    period = old.get_model("progress", "ReportingPeriod").objects.create(
        plan=plan,
        name="March 2021",
        starts_on=datetime.date(2021, 3, 1),
        ends_on=datetime.date(2021, 3, 31),
        deadline=datetime.date(2021, 3, 25),
        state="reported",
    )
    rating = old.get_model("progress", "ReportedRating").objects
    for each in (top, other):
        rating.create(period=period, item=each, number=each.number, text=each.text, level=1)
    # As reported: amber (then called "Amber, at risk"), green, and one with no status.
    for each, position, label in zip(under, (2, 3, None), ("Amber, at risk", "Green", ""), strict=True):
        rating.create(
            period=period,
            item=each,
            number=each.number,
            text=each.text,
            level=2,
            status_position=position,
            status_label=label,
            status_colour="#f47738" if position == 2 else "#00703c" if position == 3 else "",
        )

    new = _migrate(AFTER)
    kept = {r.number: r for r in new.get_model("progress", "ReportedRating").objects.filter(level=1)}

    assert kept["1"].rollup_rule == "worst"
    assert (kept["1"].overall_label, kept["1"].overall_position) == ("Amber, at risk", 2)
    assert kept["1"].rollup_counts == [
        ["Red", "#000000", 0],
        ["Amber, at risk", "#f47738", 1],
        ["Green", "#00703c", 1],
        ["", "", 1],
    ]
    assert (kept["2"].rollup_rule, kept["2"].overall_label) == ("worst", "")
    assert kept["2"].rollup_counts[-1] == ["", "", 0]
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
