"""The Plan text sheet: a plan's sections of text exported, checked, compared in full and imported."""

import pytest

from history.models import Change
from plans.jobs import preview_data, preview_from_data
from plans.models import Plan, PlanText
from plans.rules import plain_text
from plans.spreadsheet import export_plan, plan_import, preview_import, read_plan_file
from tests.plans.spreadsheet_files import valid_sheets, xlsx_bytes, zip_bytes
from tests.plans.test_import_pages import confirm, previewed

pytestmark = pytest.mark.django_db

INTRODUCTION = "We, the partners, commit to this plan.\n\nIt has three parts:\n- one\n- two"
FORMULA_LIKE = '=HYPERLINK("http://example.org","not a link")\n\n“Quoted” words, and £5.'


def with_texts(*rows):
    sheets = valid_sheets()
    sheets["Plan text"] = [["Section", "Text"], *rows]
    return sheets


def write(plan, section, text):
    PlanText.objects.create(plan=plan, section=section, text=text)


def test_plain_text_keeps_paragraphs_and_drops_trailing_spaces_and_windows_line_endings():
    assert plain_text("One.  \r\nstill one.\r\n\r\nTwo.\n\n") == "One.\nstill one.\n\nTwo."
    assert plain_text("") == ""


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_plan_text_exported_and_imported_is_unchanged(plan, fmt):
    write(plan, "introduction", INTRODUCTION)
    write(plan, "governance", FORMULA_LIKE)
    changes = Change.objects.count()
    plan_file = read_plan_file(export_plan(plan, fmt), name=f"plan.{fmt}")

    preview = preview_import(area=plan.area, plan_file=plan_file)
    assert preview.is_valid, preview.problems
    assert not preview.texts.has_changes
    assert preview.texts.unchanged == 5
    assert not [u for u in preview.unused if u.sheet == "Plan text"], "the sheet is the template's own"
    plan_import(area=plan.area, plan_file=plan_file)
    assert Change.objects.count() == changes
    texts = dict(PlanText.objects.filter(plan=plan).values_list("section", "text"))
    assert texts == {"introduction": INTRODUCTION, "governance": FORMULA_LIKE}


@pytest.mark.parametrize("fmt", ["xlsx", "zip"])
def test_a_plan_copied_to_another_area_keeps_its_text(plan, other_area, fmt):
    write(plan, "monitoring", INTRODUCTION)
    plan_import(area=other_area, plan_file=read_plan_file(export_plan(plan, fmt), name=f"plan.{fmt}"))
    copy = Plan.objects.get(area=other_area)
    assert PlanText.objects.get(plan=copy, section="monitoring").text == INTRODUCTION


def test_the_preview_shows_a_changed_section_whole_and_the_import_writes_it_in_the_history(
    area, programme_manager
):
    first = read_plan_file(xlsx_bytes(with_texts(["Principles", "Short."])), name="plan.xlsx")
    plan = plan_import(area=area, plan_file=first).plan
    long_text = " ".join(["Every word of a long principle is shown."] * 40)
    second = read_plan_file(xlsx_bytes(with_texts(["principles", long_text])), name="plan.xlsx")

    preview = preview_import(area=area, plan_file=second)
    [entry] = preview.texts.changed
    assert (entry.changes[0].old, entry.changes[0].new) == ("Short.", long_text)
    plan_import(area=area, plan_file=second, by=programme_manager)
    assert PlanText.objects.get(plan=plan, section="principles").text == long_text
    change = Change.objects.filter(plan=plan).latest("pk")
    assert change.changes == {"Principles": ["Short.", long_text]}
    assert change.source == "Import of plan.xlsx"


def test_the_kept_preview_shows_the_whole_text_of_a_section(area):
    long_text = " ".join(["Every word is shown."] * 60)
    plan_file = read_plan_file(zip_bytes(with_texts(["Commitment", long_text])), name="plan.zip")
    kept = preview_from_data(preview_data(preview_import(area=area, plan_file=plan_file))["preview"])
    assert kept.texts.full and kept.texts.added[0].changes[0].new == long_text


def test_a_section_left_out_of_the_sheet_is_kept_and_one_listed_blank_is_cleared(area):
    plan_file = read_plan_file(
        xlsx_bytes(with_texts(["Introduction", "Intro"], ["Governance", "Board"])), name="p.xlsx"
    )
    plan = plan_import(area=area, plan_file=plan_file).plan
    again = read_plan_file(xlsx_bytes(with_texts(["Governance", ""])), name="p.xlsx")
    plan_import(area=area, plan_file=again)
    texts = dict(PlanText.objects.filter(plan=plan).values_list("section", "text"))
    assert texts == {"introduction": "Intro", "governance": ""}


def test_an_unknown_or_repeated_section_is_a_problem_at_its_row(area):
    sheets = with_texts(["Foreword", "x"], ["Governance", "a"], ["governance", "b"])
    plan_file = read_plan_file(xlsx_bytes(sheets), name="plan.xlsx")
    found = [(p.sheet, p.row, p.column, p.message) for p in plan_file.problems]
    assert found == [
        (
            "Plan text",
            2,
            "Section",
            'There is no section called "Foreword". '
            "Use Introduction, Commitment, Principles, Governance or Monitoring",
        ),
        ("Plan text", 4, "Section", '"governance" is also in row 3. Give each section one row'),
    ]


def test_the_preview_page_shows_a_changed_section_whole_with_its_paragraphs(client, area, programme_manager):
    client.force_login(programme_manager)
    confirm(client, previewed(client, xlsx_bytes(with_texts(["Governance", "The board meets."]))))
    long_text = " ".join(["Every word of this paragraph is shown."] * 30) + "\n\nA second paragraph."
    page = client.get(previewed(client, xlsx_bytes(with_texts(["Governance", long_text])))).content.decode()
    assert "Plan text: Governance" in page
    assert '<p class="govuk-body app-diff-old">The board meets.</p>' in page
    paragraphs = long_text.replace("\n\n", "<br><br>")
    assert f'<p class="govuk-body">{paragraphs}</p>' in page
