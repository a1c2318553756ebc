"""Importing and exporting the risk register as a spreadsheet: preview, all or nothing, round trip."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from history.models import Change
from risks.models import Mitigation, MitigationNote, Risk
from risks.services.mitigations import mitigation_add, note_add
from risks.services.risks import RiskContent, risk_create
from risks.spreadsheet import ImportRejected, export_risks, preview_risk_import, read_book, risk_import
from risks.spreadsheet import template as t
from tests.plans.spreadsheet_files import xlsx_bytes
from tests.scorecard.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def risk_row(**values) -> list[str]:
    row = dict.fromkeys(t.RISK_COLUMNS, "")
    row.update(
        {
            "Reference": "R1",
            "Title": "Not enough educational psychologists",
            "Cause": "Because of national shortages",
            "Owner": "SM",
            "Likelihood now": "4",
            "Impact now": "4",
            "Next review": "30/04/2021",
            "Plan items": "1.1.1.1, 1.1.1.2",
        }
    )
    row.update(values)
    return [row[c] for c in t.RISK_COLUMNS]


def sheets(risks=None, mitigations=None, notes=None) -> dict:
    return {
        t.RISKS: [list(t.RISK_COLUMNS), *(risks if risks is not None else [risk_row()])],
        t.MITIGATIONS: [
            list(t.MITIGATION_COLUMNS),
            *(
                mitigations
                if mitigations is not None
                else [["R1", "Recruit two locums", "CL", "31/05/2021", "No"]]
            ),
        ],
        t.NOTES: [
            list(t.NOTE_COLUMNS),
            *(notes if notes is not None else [["R1", "1", "15/03/2021", "One locum starts in April"]]),
        ],
    }


def book(data: dict | bytes, name: str = "risks.xlsx"):
    return read_book(data if isinstance(data, bytes) else xlsx_bytes(data), name=name)


def problems_of(plan, data) -> list[str]:
    return [str(p) for p in preview_risk_import(plan=plan, book=book(data)).problems]


@pytest.fixture
def register(plan, tree, owner_person, lead_person):
    return plan


def test_a_valid_file_imports_risks_mitigations_and_notes_through_the_services(register, programme_manager):
    done = risk_import(plan=register, book=book(sheets()), by=programme_manager)
    risk = Risk.objects.get(plan=register, reference="R1")
    assert (risk.likelihood, risk.impact, risk.owner.initials, risk.review_on) == (
        4,
        4,
        "SM",
        date(2021, 4, 30),
    )
    assert sorted(i.number for i in risk.items.all()) == ["1.1.1.1", "1.1.1.2"]
    mitigation = risk.mitigations.get()
    assert (mitigation.action, mitigation.owner.initials, mitigation.due_on) == (
        "Recruit two locums",
        "CL",
        date(2021, 5, 31),
    )
    assert mitigation.notes.get().text == "One locum starts in April"
    assert risk.scores.count() == 1, "the current score starts its history"
    assert done.counts == {"added": 3, "changed": 0, "removed": 0}
    assert Change.objects.filter(source="Import of risks.xlsx", subject="Risk R1").exists()


def test_the_preview_shows_changes_field_by_field_and_writes_nothing(register, programme_manager):
    risk_import(plan=register, book=book(sheets()), by=programme_manager)
    edited = sheets(risks=[risk_row(**{"Likelihood now": "2", "Title": "Too few psychologists"})])
    preview = preview_risk_import(plan=register, book=book(edited))
    changes = {c.label: (c.old, c.new) for c in preview.risks.changed[0].changes}
    assert changes["Likelihood x impact now"] == ("4 x 4 = 16", "2 x 4 = 8")
    assert changes["Title"] == ("Not enough educational psychologists", "Too few psychologists")
    assert preview.notes.unchanged == 1 and not preview.notes.added, (
        "a note already present is not added twice"
    )
    assert Risk.objects.get().likelihood == 4


def test_closing_a_risk_in_the_file_closes_it_with_its_reason(register, programme_manager):
    risk_import(plan=register, book=book(sheets()), by=programme_manager)
    closed = sheets(risks=[risk_row(Status="Closed", **{"Reason for closing": "Posts filled"})])
    risk_import(plan=register, book=book(closed), by=programme_manager)
    risk = Risk.objects.get()
    assert (risk.status, risk.closed_reason) == ("closed", "Posts filled")


def test_importing_the_export_changes_nothing(register, programme_manager, owner_person, lead_person):
    measure = MeasureFactory(area=register.area, code="E7")
    risk = risk_create(
        plan=register,
        content=RiskContent(
            reference="R2",
            title='=HYPERLINK("http://evil")',
            cause="-2 posts vacant",
            owner=owner_person,
            likelihood=5,
            impact=3,
            target_likelihood=1,
            target_impact=1,
            review_on=date(2021, 6, 1),
            items=list(register.items.filter(number="1.1.1.1")),
            measures=[measure],
        ),
        by=programme_manager,
    )
    first = mitigation_add(risk=risk, action="@Agree a joint budget", owner=lead_person, due_on=None)
    mitigation_add(risk=risk, action="Train SENCOs", owner=None, due_on=date(2021, 9, 1))
    note_add(mitigation=first, dated=date(2021, 3, 10), text="+1 agreed")
    note_add(mitigation=first, dated=date(2021, 4, 10), text="Signed off")
    changes_before = Change.objects.count()
    preview = preview_risk_import(plan=register, book=book(export_risks(register)))
    assert preview.is_valid, preview.problems
    assert not preview.has_changes, [
        (e.subject, e.changes) for s in preview.sections for e in s.added + s.changed
    ]
    risk_import(plan=register, book=book(export_risks(register)), by=programme_manager)
    assert Change.objects.count() == changes_before
    assert MitigationNote.objects.count() == 2 and Mitigation.objects.count() == 2


def test_the_export_never_leaves_a_formula_to_run(register, programme_manager):
    risk_create(plan=register, content=RiskContent(reference="R1", title="=1+1"), by=programme_manager)
    workbook = load_workbook(io.BytesIO(export_risks(register)))
    cell = workbook[t.RISKS]["B2"]
    assert cell.value == "=1+1" and cell.data_type == "s" and cell.quotePrefix


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            sheets(risks=[risk_row(**{"Likelihood now": "6"})]),
            'Risks, row 2, Likelihood now: "6" is not a score',
        ),
        (sheets(risks=[risk_row(Owner="XY")]), 'Risks, row 2, Owner: There is no one with the initials "XY"'),
        (
            sheets(risks=[risk_row(**{"Plan items": "9.9"})]),
            "Risks, row 2, Plan items: This plan has no item 9.9",
        ),
        (
            sheets(risks=[risk_row(**{"Next review": "31/04/2021"})]),
            'Risks, row 2, Next review: "31/04/2021" is not a real date (April 2021 has 30 days)',
        ),
        (sheets(risks=[risk_row(Reference="")]), "Risks, row 2, Reference: Enter the risk's reference"),
        (sheets(risks=[risk_row(), risk_row()]), "Risks, row 3, Reference: R1 is also on row 2"),
        (
            sheets(mitigations=[["R9", "Recruit", "", "", ""]]),
            "Mitigations, row 2, Risk reference: There is no risk R9 in the Risks sheet",
        ),
        (
            sheets(notes=[["R1", "3", "15/03/2021", "Done"]]),
            "Progress notes, row 2, Mitigation number: Risk R1 has 1 mitigation: there is no mitigation 3",
        ),
        (
            sheets(risks=[risk_row(**{"Impact now": ""})]),
            "Risks, row 2, Impact now: Enter both the likelihood",
        ),
        (
            sheets(risks=[risk_row(Status="Closed")]),
            "Risks, row 2, Reason for closing: Say why the risk was closed",
        ),
    ],
    ids=[
        "likelihood-6",
        "unknown-owner",
        "unknown-item",
        "impossible-date",
        "missing-reference",
        "duplicate-reference",
        "mitigation-of-unknown-risk",
        "note-of-unknown-mitigation",
        "half-a-score",
        "closed-without-reason",
    ],
)
def test_bad_input_is_refused_where_it_is_and_nothing_is_written(register, programme_manager, data, expected):
    found = problems_of(register, data)
    assert any(p.startswith(expected) for p in found), found
    with pytest.raises(ImportRejected):
        risk_import(plan=register, book=book(data), by=programme_manager)
    assert not Risk.objects.exists() and not Mitigation.objects.exists()


def test_an_unknown_column_with_data_is_reported_and_an_empty_one_ignored(register):
    data = sheets()
    data[t.RISKS][0].extend(["Comments", "Spare"])
    data[t.RISKS][1].extend(["", ""])
    data[t.RISKS].append([*risk_row(Reference="R2"), "Check with finance", ""])
    found = problems_of(register, data)
    assert found == [
        "Risks, row 3, Comments: This column is not in the template, so what it holds would not be imported. "
        "Move it into a column of the template, or delete the column"
    ]


def test_a_missing_sheet_and_a_missing_column_are_reported(register):
    data = sheets()
    del data[t.RISKS]
    assert problems_of(register, data) == ['Risks: The file has no "Risks" sheet. Add it, as in the template']
    data = sheets()
    data[t.RISKS] = [[c for c in t.RISK_COLUMNS if c != "Title"], ["R1"]]
    assert "Risks, Title: The sheet has no column with this heading. Add it to the first row" in problems_of(
        register, data
    )


def test_an_import_cannot_remove_a_mitigation(register, programme_manager):
    risk_import(plan=register, book=book(sheets()), by=programme_manager)
    found = problems_of(register, sheets(mitigations=[], notes=[]))
    assert found == [
        "Mitigations, Risk reference: Risk R1 has 1 mitigations but the file lists 0. "
        "An import cannot remove a mitigation: put the missing rows back"
    ]


def _zip_bomb() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"0" * (200 * 1024 * 1024))
    return stream.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"Reference,Title\nR1,Risk\n", "risks.csv", '"risks.csv" is not a file this service reads'),
        (b"not a zip at all", "risks.xlsx", '"risks.xlsx" is not really an Excel workbook'),
        (_zip_bomb(), "risks.xlsx", "The file is not a real spreadsheet: it unpacks to more than"),
    ],
    ids=["not-xlsx", "renamed", "zip-bomb"],
)
def test_a_file_that_is_not_a_safe_workbook_is_refused(register, content, name, expected):
    found = [str(p) for p in preview_risk_import(plan=register, book=read_book(content, name=name)).problems]
    assert found and found[0].startswith(expected), found


def test_a_file_too_big_is_refused(register, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    found = [str(p) for p in preview_risk_import(plan=register, book=book(sheets())).problems]
    assert found[0].startswith("The file is"), found
    assert "Choose a file smaller than 1000 bytes" in found[0]


def test_the_pages_preview_then_import_on_confirm(client, register, programme_manager, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    client.force_login(programme_manager)
    url = reverse("risks:import", kwargs={"area": register.area.slug, "plan_pk": register.pk})
    page = client.get(url).content.decode()
    assert "Download the risk register as a spreadsheet" in page
    response = client.post(url, {"file": SimpleUploadedFile("risks.xlsx", xlsx_bytes(sheets()))})
    assert response.status_code == 302
    preview_page = client.get(response["Location"])
    assert "Risk R1" in preview_page.content.decode() and not Risk.objects.exists()
    fingerprint = preview_page.context["form"].initial["fingerprint"]
    assert client.post(response["Location"], {"fingerprint": fingerprint}).status_code == 302
    assert Risk.objects.get().reference == "R1"


def test_the_upload_page_lists_every_problem(client, register, programme_manager, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    client.force_login(programme_manager)
    url = reverse("risks:import", kwargs={"area": register.area.slug, "plan_pk": register.pk})
    bad = sheets(risks=[risk_row(Owner="XY", **{"Impact now": "9"})])
    page = client.post(url, {"file": SimpleUploadedFile("risks.xlsx", xlsx_bytes(bad))}).content.decode()
    assert "2 problems" in page and "Risks, row 2, Owner" in page and "Risks, row 2, Impact now" in page


def test_the_export_downloads_the_register(client, register, viewer, programme_manager):
    risk_create(plan=register, content=RiskContent(reference="R1", title="Workforce"), by=programme_manager)
    client.force_login(viewer)
    response = client.get(
        reverse("risks:export", kwargs={"area": register.area.slug, "plan_pk": register.pk})
    )
    assert response["Content-Disposition"].endswith('-risks.xlsx"')
    assert load_workbook(io.BytesIO(response.content))[t.RISKS]["A2"].value == "R1"


def test_the_command_imports_a_file_and_a_dry_run_writes_nothing(register, tmp_path):
    path = tmp_path / "risks.xlsx"
    path.write_bytes(xlsx_bytes(sheets()))
    out = io.StringIO()
    call_command(
        "import_risks", str(path), area="stockport", plan=register.reference, dry_run=True, stdout=out
    )
    assert "Risks: 1 to add" in out.getvalue() and not Risk.objects.exists()
    call_command("import_risks", str(path), area="stockport", plan=register.reference, stdout=io.StringIO())
    assert Risk.objects.get().reference == "R1"


def test_a_risk_changed_and_closed_in_one_file_is_both_then_reopened(register, programme_manager):
    risk_import(plan=register, book=book(sheets()), by=programme_manager)
    closing = risk_row(Status="Closed", **{"Reason for closing": "Posts filled", "Impact now": "2"})
    risk_import(plan=register, book=book(sheets(risks=[closing])), by=programme_manager)
    risk = Risk.objects.get()
    assert (risk.impact, risk.status, risk.closed_reason) == (2, "closed", "Posts filled")
    assert [s.impact for s in risk.scores.order_by("pk")] == [4, 2], "the new score joins the history"
    risk_import(
        plan=register, book=book(sheets(risks=[risk_row(**{"Impact now": "2"})])), by=programme_manager
    )
    risk.refresh_from_db()
    assert (risk.status, risk.closed_reason) == ("open", "")


def test_the_export_takes_the_same_number_of_queries_however_many_risks(register, programme_manager):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export_risks(register)
        return len(captured)

    risk_import(plan=register, book=book(sheets()), by=programme_manager)
    few = queries()
    more = [risk_row(Reference=f"R{n}") for n in range(2, 12)]
    mitigations = [[f"R{n}", "Act", "CL", "", "No"] for n in range(1, 12)]
    notes = [[f"R{n}", "1", "01/03/2021", "Began"] for n in range(1, 12)]
    risk_import(
        plan=register, book=book(sheets([risk_row(), *more], mitigations, notes)), by=programme_manager
    )
    assert queries() == few
