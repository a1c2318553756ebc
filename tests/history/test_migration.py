"""Moving the history into its own app lost nothing: every change recorded before is still there, in
its order, with its author, time, source and version, and an item's change names the item."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("plans", "0002_item_original_due_date_item_slip_count_and_more"), ("history", None)]
AFTER = [("plans", "0003_delete_change"), ("history", "0002_copy_plan_changes")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_changes_recorded_before_the_history_app_are_all_kept():
    old_apps = _migrate(BEFORE)
    area = old_apps.get_model("areas", "LocalArea").objects.create(name="Stockport", slug="stockport")
    user = old_apps.get_model("accounts", "User").objects.create(email="pm@example.org")
    scheme = old_apps.get_model("plans", "RagScheme").objects.create(area=area, name="Scheme")
    plan = old_apps.get_model("plans", "Plan").objects.create(
        area=area, reference="WSOA", title="WSoA", rag_scheme=scheme, level_names=["Area", "Action"]
    )
    item = old_apps.get_model("plans", "Item").objects.create(
        plan=plan, number="1", sort_key="00001", level=1, text="Board meets"
    )
    change = old_apps.get_model("plans", "Change")
    first = change.objects.create(
        area=area,
        subject="Person HW",
        action="added",
        changes={"Initials": ["", "HW"]},
        by=user,
        source="Web",
    )
    second = change.objects.create(
        area=area,
        plan=plan,
        item=item,
        subject="Area 1",
        action="changed",
        changes={"Text": ["Board", "Board meets"]},
        source="Import of plan.xlsx",
        version=2,
    )
    when = datetime.datetime(2021, 3, 31, 17, 0, tzinfo=datetime.UTC)
    change.objects.filter(pk=first.pk).update(at=when)
    change.objects.filter(pk=second.pk).update(at=when + datetime.timedelta(minutes=5))

    new_apps = _migrate(AFTER)
    kept = list(new_apps.get_model("history", "Change").objects.order_by("at"))

    assert [(c.subject, c.action, c.changes, c.source, c.version) for c in kept] == [
        ("Person HW", "added", {"Initials": ["", "HW"]}, "Web", None),
        ("Area 1", "changed", {"Text": ["Board", "Board meets"]}, "Import of plan.xlsx", 2),
    ]
    assert [c.at for c in kept] == [when, when + datetime.timedelta(minutes=5)]
    assert kept[0].by_id == user.pk and kept[0].plan_id is None and kept[0].subject_id is None
    assert (kept[1].area_id, kept[1].plan_id, kept[1].item_id, kept[1].subject_id) == (
        area.pk,
        plan.pk,
        item.pk,
        item.pk,
    )
    assert kept[1].subject_type.model == "item"
    _migrate(_latest())


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
