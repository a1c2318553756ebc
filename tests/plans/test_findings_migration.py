"""Findings kept on one top-level item each before they had numbers move to their plan whole: each is
answered by its item, numbered in the plan's order, and nothing is lost."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("plans", "0007_document_order_and_level_plurals")]
AFTER = [("plans", "0008_findings_numbers_and_items")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_each_finding_moves_to_its_plan_answered_by_its_item_and_numbered_in_order():
    old = _migrate(BEFORE)
    area = old.get_model("areas", "LocalArea").objects.create(name="Stockport", slug="stockport")
    scheme = old.get_model("plans", "RagScheme").objects.create(area=area, name="Scheme")
    Plan, Item, Finding = (old.get_model("plans", name) for name in ("Plan", "Item", "Finding"))
    plans = [
        Plan.objects.create(
            area=area, reference=ref, title=ref, rag_scheme=scheme, level_names=["Area", "Action"]
        )
        for ref in ("WSOA", "OTHER")
    ]
    first = Item.objects.create(plan=plans[0], number="1", sort_key="00001", level=1, text="Commissioning")
    second = Item.objects.create(plan=plans[0], number="2", sort_key="00002", level=1, text="Social care")
    other = Item.objects.create(plan=plans[1], number="1", sort_key="00001", level=1, text="Elsewhere")
    Finding.objects.create(item=second, position=0, quotation="Social care is missing.", page="4")
    Finding.objects.create(item=first, position=1, quotation="Nobody plans together.", page="")
    Finding.objects.create(item=first, position=0, quotation="Leaders lack a shared view.", page="3")
    Finding.objects.create(item=other, position=0, quotation="Another plan's finding.", page="")

    new = _migrate(AFTER)
    moved = new.get_model("plans", "Finding").objects.order_by("plan_id", "position")
    kept = [
        (
            f.plan_id,
            f.number,
            f.label,
            f.position,
            f.quotation,
            f.page,
            f.version,
            [a.item_id for a in f.answers.all()],
        )
        for f in moved
    ]

    assert kept == [
        (plans[0].pk, "1", "", 0, "Leaders lack a shared view.", "3", 1, [first.pk]),
        (plans[0].pk, "2", "", 1, "Nobody plans together.", "", 1, [first.pk]),
        (plans[0].pk, "3", "", 2, "Social care is missing.", "4", 1, [second.pk]),
        (plans[1].pk, "1", "", 0, "Another plan's finding.", "", 1, [other.pk]),
    ]

    back = _migrate(BEFORE)  # and back again: each finding on its first item
    assert sorted(back.get_model("plans", "Finding").objects.values_list("item_id", "quotation")) == sorted(
        [
            (first.pk, "Leaders lack a shared view."),
            (first.pk, "Nobody plans together."),
            (second.pk, "Social care is missing."),
            (other.pk, "Another plan's finding."),
        ]
    )
    _migrate(_latest())
