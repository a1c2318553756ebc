"""Items come in the order their document gives, not the order of their numbers: a safeguarding work
stream "A1" written first is shown first, on every page and in the export, and a re-import of rows in
another order changes the order (the preview says so)."""

import io

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from openpyxl import load_workbook

from history.models import Change
from plans import rules
from plans.models import Item
from plans.services import ItemContent, item_create, item_move
from plans.spreadsheet import export_plan, plan_import, preview_import, read_plan_file
from tests.plans.factories import ItemFactory
from tests.plans.spreadsheet_files import HEADINGS, item, valid_sheets, xlsx_bytes

pytestmark = pytest.mark.django_db

LETTERED = ["A1", "A1.1", "A1.2", "1", "1.1", "B2"]


def lettered_sheets(numbers=LETTERED):
    sheets = valid_sheets()
    sheets["Plan"] = [row for row in sheets["Plan"] if row[0] not in {"Level 3 name", "Level 4 name"}]
    sheets["Items"] = [HEADINGS["Items"], *(item(n, f"Item {n}") for n in numbers)]
    del sheets["Findings"]
    return sheets


def imported(area, sheets, name="plan.xlsx"):
    plan_file = read_plan_file(xlsx_bytes(sheets), name=name)
    assert plan_file.is_valid, plan_file.problems
    return plan_import(area=area, plan_file=plan_file)


def numbers_in_order(plan):
    return list(plan.items.current().order_by("sort_key").values_list("number", flat=True))


def test_position_keys_put_children_under_their_parent_in_document_order():
    keys = rules.document_keys(["A1", "A1.2", "1", "A1.1", "1.1"])
    assert sorted(keys, key=keys.get) == ["A1", "A1.2", "A1.1", "1", "1.1"]
    assert keys["A1.1"].startswith(keys["A1"] + ".")
    assert all(len(key.split(".")[0]) == 8 for key in keys.values()), "the top item is the first 8 characters"
    assert rules.key_position(keys["A1.1"]) == 2


def test_a_parent_written_after_its_children_still_comes_before_them():
    keys = rules.document_keys(["1.1", "1.2", "1"])
    assert sorted(keys, key=keys.get) == ["1", "1.1", "1.2"]


def test_order_changes_name_only_the_parents_whose_children_moved():
    before = ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    after = ["1", "1.2", "1.1", "2", "2.1", "2.2", "3"]
    assert rules.order_changes(before, after) == {"1": (["1.1", "1.2"], ["1.2", "1.1"])}
    assert rules.order_changes(before, before) == {}


def test_an_imported_plan_keeps_the_order_of_its_rows_with_letters_first(area, client, programme_manager):
    plan = imported(area, lettered_sheets()).plan
    assert numbers_in_order(plan) == LETTERED
    client.force_login(programme_manager)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert page.index("Item A1") < page.index("Item 1") < page.index("Item B2")


def test_export_then_import_with_letters_changes_nothing(area):
    plan = imported(area, lettered_sheets()).plan
    changes = Change.objects.count()
    data = export_plan(plan, "xlsx")
    rows = list(load_workbook(io.BytesIO(data))["Items"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == LETTERED
    preview = preview_import(area=area, plan_file=read_plan_file(data, name="again.xlsx"))
    assert not preview.has_changes
    plan_import(area=area, plan_file=read_plan_file(data, name="again.xlsx"))
    assert numbers_in_order(plan) == LETTERED
    assert Change.objects.count() == changes


def test_reimporting_reordered_rows_changes_the_order_and_the_preview_says_so(area, programme_manager):
    plan = imported(area, lettered_sheets()).plan
    reordered = ["1", "1.1", "A1", "A1.2", "A1.1", "B2"]
    sheets = lettered_sheets(reordered)
    preview = preview_import(area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="moved.xlsx"))
    assert preview.has_changes
    orders = {entry.subject: entry.changes[0] for entry in preview.items.changed}
    assert set(orders) == {"Order of Areas of weakness", "Order of Priorities under Area of weakness A1"}
    top = orders["Order of Areas of weakness"]
    assert (top.old, top.new) == ("A1, 1, B2", "1, A1, B2")
    plan_import(
        area=area, plan_file=read_plan_file(xlsx_bytes(sheets), name="moved.xlsx"), by=programme_manager
    )
    assert numbers_in_order(plan) == reordered
    recorded = Change.objects.filter(plan=plan, source="Import of moved.xlsx").order_by("pk")
    assert [c.changes for c in recorded] == [
        {"Order of Areas of weakness": ["A1, 1, B2", "1, A1, B2"]},
        {"Order of Priorities": ["A1.1, A1.2", "A1.2, A1.1"]},
    ]
    assert recorded[1].item.number == "A1"


def test_the_preview_page_lists_the_order_that_changes(area, client, programme_manager):
    from tests.plans.test_import_pages import previewed

    imported(area, lettered_sheets())
    client.force_login(programme_manager)
    page = client.get(previewed(client, xlsx_bytes(lettered_sheets(["B2", *LETTERED[:-1]])))).content.decode()
    assert "Order of Areas of weakness" in page
    assert "A1, 1, B2" in page and "B2, A1, 1" in page


def test_an_item_added_on_its_page_goes_last_among_its_siblings(plan):
    top = ItemFactory(plan=plan, number="B1")
    ItemFactory(plan=plan, number="B1.5")
    added = item_create(plan=plan, number="B1.1", content=ItemContent(text="Added"))
    assert numbers_in_order(plan) == ["B1", "B1.5", "B1.1"]
    assert added.sort_key.startswith(top.sort_key + ".")


def test_an_item_added_after_a_removed_sibling_never_takes_its_key(plan):
    ItemFactory(plan=plan, number="1")
    gone = item_create(plan=plan, number="2", content=ItemContent(text="Gone"))
    Item.objects.filter(pk=gone.pk).update(removed_at="2021-01-01T00:00Z")
    added = item_create(plan=plan, number="3", content=ItemContent(text="New"))
    assert added.sort_key != gone.sort_key


def test_a_moved_item_goes_last_under_its_new_parent_with_its_branch(plan, programme_manager):
    for number in ["A1", "A1.1", "A1.1.1", "A1.1.1.1", "1", "1.1", "1.1.1"]:
        item_create(plan=plan, number=number, content=ItemContent(text=f"Item {number}"))
    moving = Item.objects.get(plan=plan, number="A1.1.1")
    new_parent = Item.objects.get(plan=plan, number="1.1")
    item_move(item=moving, new_parent=new_parent, expected_version=moving.version)
    assert numbers_in_order(plan) == ["A1", "A1.1", "1", "1.1", "1.1.1", "1.1.2", "1.1.2.1"]
    moved = Item.objects.get(plan=plan, number="1.1.2.1", removed_at=None)
    assert moved.sort_key.startswith(Item.objects.get(plan=plan, number="1.1.2").sort_key + ".")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_plan_in_the_order_it_showed_removed_items_last():
    old = _migrate([("plans", "0006_plan_text_and_measure_codes")])
    area = old.get_model("areas", "LocalArea").objects.create(name="Stockport", slug="stockport")
    scheme = old.get_model("plans", "RagScheme").objects.create(area=area, name="Scheme")
    plan = old.get_model("plans", "Plan").objects.create(
        area=area, reference="WSOA", title="WSoA", rag_scheme=scheme, level_names=["Area", "Action"]
    )
    made = {}
    for number, removed in [
        ("1", False),
        ("1.2", True),
        ("1.10", False),
        ("1.9", False),
        ("2", False),
        ("a", False),
    ]:
        parent = made.get(rules.parent_number(number))
        made[number] = old.get_model("plans", "Item").objects.create(
            plan=plan,
            parent=parent,
            number=number,
            sort_key=rules.sort_key(number),
            level=rules.number_level(number),
            text=number,
            removed_at="2021-01-01T00:00Z" if removed else None,
        )

    new = _migrate([("plans", "0007_document_order_and_level_plurals")])
    keys = dict(new.get_model("plans", "Item").objects.values_list("number", "sort_key"))
    assert sorted(keys, key=keys.get) == ["1", "1.9", "1.10", "1.2", "2", "a"]
    assert keys == {
        "1": "00000001",
        "1.9": "00000001.00000001",
        "1.10": "00000001.00000002",
        "1.2": "00000001.00000003",
        "2": "00000002",
        "a": "00000003",
    }


def test_the_preview_names_the_order_by_the_plural_the_plan_sets(area):
    sheets = lettered_sheets()
    sheets["Plan"].append(["Level 1 plural", "Safeguarding streams"])
    plan = imported(area, sheets).plan
    assert plan.level_plural(1) == "Safeguarding streams"
    moved = lettered_sheets(["B2", *LETTERED[:-1]])  # no plural rows: the plan keeps its own
    preview = preview_import(area=area, plan_file=read_plan_file(xlsx_bytes(moved), name="m.xlsx"))
    assert [entry.subject for entry in preview.items.changed] == ["Order of Safeguarding streams"]
