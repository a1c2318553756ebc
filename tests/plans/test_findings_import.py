"""The Findings sheet: findings with their own number and label, answered by several items at any level,
read from a file, previewed, written through the services, exported and read back unchanged."""

import pytest

from history.models import Change
from plans.models import Finding
from plans.spreadsheet import export_plan, plan_import, preview_import, read_plan_file
from tests.plans.spreadsheet_files import valid_sheets, xlsx_bytes, zip_bytes

FINDINGS_HEADINGS = ["Number", "Label", "Finding", "Items", "Page"]


def _sheets(*rows, headings=FINDINGS_HEADINGS):
    sheets = valid_sheets()
    sheets["Findings"] = [headings, *rows]
    return sheets


def _read(sheets, fmt="xlsx"):
    data = xlsx_bytes(sheets) if fmt == "xlsx" else zip_bytes(sheets)
    return read_plan_file(data, name=f"plan.{fmt}")


def _import(area, sheets, fmt="xlsx"):
    return plan_import(area=area, plan_file=_read(sheets, fmt))


def _findings(area):
    return [
        (f.number, f.label, f.quotation, f.page, [a.item.number for a in f.answers.order_by("position")])
        for f in Finding.objects.filter(plan__area=area).order_by("position", "pk")
    ]


THREE_LEVELS = [
    "KC1",
    "Key concern 1: joint commissioning",
    "Leaders do not plan services together.",
    "1.1.1.1, 1 and 2.1; 1.1",
    "3",
]


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_a_finding_is_answered_by_the_items_it_lists_at_any_level_in_their_order(area, fmt):
    _import(area, _sheets(THREE_LEVELS, ["A", "", "Social care is missing.", "2", ""]), fmt)

    assert _findings(area) == [
        (
            "KC1",
            "Key concern 1: joint commissioning",
            "Leaders do not plan services together.",
            "3",
            ["1.1.1.1", "1", "2.1", "1.1"],
        ),
        ("A", "", "Social care is missing.", "", ["2"]),
    ]
    added = Change.objects.get(subject="Finding KC1")
    assert added.action == Change.Action.ADDED and added.source == f"Import of plan.{fmt}"


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_exporting_findings_and_importing_them_again_changes_nothing(area, fmt):
    preview = _import(
        area, _sheets(THREE_LEVELS, ["2", "", "Weak.", "", ""], ["KC3", "Third", "Weaker.", "2.1.1.1", "9"])
    )
    plan = preview.plan
    before = _findings(area)
    changes = Change.objects.count()
    versions = dict(Finding.objects.values_list("pk", "version"))

    again = read_plan_file(export_plan(plan, fmt), name=f"plan.{fmt}")
    preview = preview_import(area=area, plan_file=again)
    assert preview.is_valid, preview.problems
    assert not preview.findings.has_changes and preview.findings.unchanged == 3
    plan_import(area=area, plan_file=again)

    assert _findings(area) == before
    assert Change.objects.count() == changes
    assert dict(Finding.objects.values_list("pk", "version")) == versions


def test_a_file_of_the_older_template_with_one_item_column_still_imports(area):
    sheets = _sheets(
        ["1", "Leaders have not developed joint commissioning.", "3"],
        ["2", "Social care needs are not assessed.", ""],
        headings=["Item", "Finding", "Page"],
    )

    preview = preview_import(area=area, plan_file=_read(sheets))
    assert preview.is_valid, preview.problems
    assert not [u for u in preview.unused if u.sheet == "Findings"], "the Item column is read, not left out"
    plan_import(area=area, plan_file=_read(sheets))

    assert _findings(area) == [
        ("", "", "Leaders have not developed joint commissioning.", "3", ["1"]),
        ("", "", "Social care needs are not assessed.", "", ["2"]),
    ]
    plan_import(area=area, plan_file=_read(sheets))
    assert len(_findings(area)) == 2, "importing it again matches each finding by its quotation"


def test_an_older_item_column_beside_the_items_column_is_listed_as_not_imported(area):
    sheets = _sheets(
        ["1", "Leaders have not developed joint commissioning.", "1", "2"],
        headings=["Number", "Finding", "Items", "Item"],
    )

    preview = preview_import(area=area, plan_file=_read(sheets))

    assert [(u.sheet, u.name) for u in preview.unused if u.sheet == "Findings"] == [("Findings", "Item")]


def test_a_file_without_a_number_column_keeps_the_numbers_and_labels_the_plan_gave(area):
    _import(area, _sheets(THREE_LEVELS))
    sheets = _sheets(["Leaders do not plan services together.", "1"], headings=["Finding", "Items"])

    preview = preview_import(area=area, plan_file=_read(sheets))
    plan_import(area=area, plan_file=_read(sheets))

    assert [(e.subject, [(c.label, c.old, c.new) for c in e.changes]) for e in preview.findings.changed] == [
        ("Finding KC1", [("Items", "1.1.1.1, 1, 2.1, 1.1", "1")])
    ]
    assert _findings(area) == [
        ("KC1", "Key concern 1: joint commissioning", "Leaders do not plan services together.", "3", ["1"])
    ]


def test_unknown_item_numbers_are_reported_by_row_and_grouped(area):
    sheets = _sheets(
        ["1", "", "First.", "1, 7.9", ""],
        ["2", "", "Second.", "8", ""],
        ["3", "", "Third.", "1.1.1.1x", ""],
    )

    preview = preview_import(area=area, plan_file=_read(sheets))

    problems = [str(p) for p in preview.problems]
    assert (
        'Findings, row 2, Items: There is no item "7.9" in this plan. Use the numbers of the Items sheet'
        in problems
    )
    assert (
        'Findings, row 4, Items: There is no item "1.1.1.1x" in this plan: did you mean 1.1.1.1?'
        in " ".join(problems)
    )
    groups = [g for g in preview.problem_groups if g.sheet == "Findings"]
    assert any(g.rows == [2, 3] for g in groups), "the same problem in two rows is said once"
    with pytest.raises(Exception, match="problem"):
        plan_import(area=area, plan_file=_read(sheets))
    assert not Finding.objects.exists()


def test_the_same_finding_twice_is_a_problem(area):
    sheets = _sheets(["KC1", "", "First.", "1", ""], ["kc1", "", "Again.", "2", ""])

    problems = [str(p) for p in preview_import(area=area, plan_file=_read(sheets)).problems]

    assert problems == [
        'Findings, row 3, Number: "kc1" is also the number of the finding in row 2. '
        "Give each finding its own number"
    ]


def test_a_findings_sheet_without_an_items_column_says_to_add_one(area):
    sheets = _sheets(["KC1", "First."], headings=["Number", "Finding"])

    problems = [str(p) for p in preview_import(area=area, plan_file=_read(sheets)).problems]

    assert problems == [
        'Findings, Items: There is no "Items" column. Add a column headed "Items" listing the numbers of the '
        "items that answer each finding"
    ]


def test_the_preview_shows_findings_added_changed_and_removed_and_the_import_does_that(area):
    _import(
        area, _sheets(THREE_LEVELS, ["2", "Social care", "Weak.", "2", ""], ["3", "", "Gone soon.", "", ""])
    )
    sheets = _sheets(
        ["2", "Social care", "Weak, and slow.", "2, 2.1", ""],
        [
            "KC1",
            "Key concern 1: joint commissioning",
            "Leaders do not plan services together.",
            "1.1.1.1, 1 and 2.1; 1.1",
            "3",
        ],
        ["4", "New", "Something new.", "1", ""],
    )

    preview = preview_import(area=area, plan_file=_read(sheets))

    findings = preview.findings
    assert [(e.subject, e.summary) for e in findings.added] == [("Finding 4", "New")]
    assert [e.subject for e in findings.removed] == ["Finding 3"]
    changed = {e.subject: {c.label: (c.old, c.new) for c in e.changes} for e in findings.changed}
    assert changed["Finding 2"]["Finding"] == ("Weak.", "Weak, and slow.")
    assert changed["Finding 2"]["Items"] == ("2", "2, 2.1")
    assert changed["Finding KC1"] == {"Place": ("1", "2")}
    assert changed["Finding 2"]["Place"] == ("2", "1")

    plan_import(area=area, plan_file=_read(sheets))

    assert [(number, quotation, items) for number, _, quotation, _, items in _findings(area)] == [
        ("2", "Weak, and slow.", ["2", "2.1"]),
        ("KC1", "Leaders do not plan services together.", ["1.1.1.1", "1", "2.1", "1.1"]),
        ("4", "Something new.", ["1"]),
    ]
    removed = Change.objects.get(subject="Finding 3", action=Change.Action.REMOVED)
    assert removed.changes["Finding"] == ["Gone soon.", ""]


def test_leaving_out_the_findings_sheet_leaves_the_findings_as_they_are(area):
    _import(area, _sheets(THREE_LEVELS))
    sheets = valid_sheets()
    del sheets["Findings"]

    plan_import(area=area, plan_file=_read(sheets))

    assert [f[0] for f in _findings(area)] == ["KC1"]
