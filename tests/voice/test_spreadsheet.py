"""Importing and exporting "You said, we did" as a spreadsheet: preview, all or nothing, round trip."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from history.models import Change
from tests.evidence.factories import EvidenceFactory
from tests.plans.factories import PlanFactory
from tests.plans.spreadsheet_files import xlsx_bytes
from tests.scorecard.factories import MeasureFactory, OutcomeFactory
from voice.models import Entry
from voice.services import EntryContent, entry_create
from voice.spreadsheet import ImportRejected, export_entries, preview_voice_import, read_book, voice_import
from voice.spreadsheet import template as t

pytestmark = pytest.mark.django_db


def entry_row(**values) -> list[str]:
    row = dict.fromkeys(t.COLUMNS, "")
    row.update(
        {
            "Reference": "YS1",
            "You said": "We did not know what a personal budget was",
            "Source": "listening EVENT",
            "Date said": "12/01/2021",
            "Group": "Parent carer forum",
            "We did": "Wrote a guide to personal budgets with the forum",
            "Evidence": "Board minutes, March 2021",
            "Measures": "E7",
            "I statements": "I1",
            "Plan items": "1.1.1.1",
            "Published": "Yes",
        }
    )
    row.update(values)
    return [row[c] for c in t.COLUMNS]


def sheets(*rows) -> dict:
    return {t.SHEET: [list(t.COLUMNS), *(rows or [entry_row()])]}


def book(data, name: str = "voice.xlsx"):
    return read_book(data if isinstance(data, bytes) else xlsx_bytes(data), name=name)


def problems_of(area, data) -> list[str]:
    return [str(p) for p in preview_voice_import(area=area, book=book(data)).problems]


@pytest.fixture
def bank(area, tree):
    return {
        "evidence": EvidenceFactory(area=area, title="Board minutes, March 2021"),
        "measure": MeasureFactory(area=area, code="E7"),
        "outcome": OutcomeFactory(area=area, code="I1"),
        "item": tree["mine"],
    }


def test_a_valid_file_imports_entries_with_their_links(area, bank, programme_manager):
    done = voice_import(area=area, book=book(sheets()), by=programme_manager)
    entry = Entry.objects.get(area=area, reference="YS1")
    assert (entry.source, entry.heard_on, entry.group, entry.is_published) == (
        "listening",
        date(2021, 1, 12),
        "Parent carer forum",
        True,
    )
    assert list(entry.evidence.all()) == [bank["evidence"]]
    assert list(entry.measures.all()) == [bank["measure"]]
    assert list(entry.outcomes.all()) == [bank["outcome"]]
    assert list(entry.items.all()) == [bank["item"]]
    assert done.counts["added"] == 1
    assert Change.objects.filter(source="Import of voice.xlsx", subject="You said, we did YS1").exists()


def test_the_preview_shows_changes_field_by_field_and_writes_nothing(area, bank, programme_manager):
    voice_import(area=area, book=book(sheets()), by=programme_manager)
    preview = preview_voice_import(area=area, book=book(sheets(entry_row(Published="No", Measures=""))))
    changes = {c.label: (c.old, c.new) for c in preview.entries.changed[0].changes}
    assert changes == {"Measures": ("E7", ""), "Published": ("Yes", "No")}
    assert Entry.objects.get().is_published


def test_importing_the_export_changes_nothing(area, bank, programme_manager):
    voice_import(area=area, book=book(sheets()), by=programme_manager)
    PlanFactory(area=area, reference="LAP-2022")  # two plans: items are written with their plan
    entry_create(
        area=area,
        content=EntryContent(
            reference="YS2",
            said="=cmd|' /C calc'!A0",
            source="complaint",
            did="-",
            evidence=[bank["evidence"]],
            items=[bank["item"]],
            outcomes=[bank["outcome"]],
        ),
        by=programme_manager,
    )
    changes_before = Change.objects.count()
    exported = export_entries(area)
    preview = preview_voice_import(area=area, book=book(exported))
    assert preview.is_valid, preview.problems
    assert not preview.has_changes, [e.changes for e in preview.entries.changed]
    voice_import(area=area, book=book(exported), by=programme_manager)
    assert Change.objects.count() == changes_before


def test_the_export_never_leaves_a_formula_to_run(area, programme_manager):
    entry_create(
        area=area,
        content=EntryContent(reference="YS1", said="@SUM(1)", source="survey"),
        by=programme_manager,
    )
    cell = load_workbook(io.BytesIO(export_entries(area)))[t.SHEET]["B2"]
    assert cell.value == "@SUM(1)" and cell.data_type == "s" and cell.quotePrefix


def test_a_plain_item_number_needs_the_plan_when_the_area_has_two(area, bank):
    PlanFactory(area=area, reference="LAP-2022")
    found = problems_of(area, sheets())
    assert len(found) == 1 and found[0].startswith(
        "You said we did, row 2, Plan items: The area has more than one plan: say which plan 1.1.1.1 is in"
    )
    plan = bank["item"].plan.reference
    assert problems_of(area, sheets(entry_row(**{"Plan items": f"{plan}:1.1.1.1"}))) == []


def test_an_ambiguous_evidence_title_is_reported_and_leaves_the_links_as_they_are(
    area, bank, programme_manager
):
    voice_import(area=area, book=book(sheets()), by=programme_manager)
    EvidenceFactory(area=area, title="Board minutes, March 2021")
    preview = preview_voice_import(area=area, book=book(sheets()))
    assert preview.is_valid and not preview.has_changes
    assert preview.warnings == [
        'YS1: the evidence bank has more than one item titled "Board minutes, March 2021", so the import '
        "leaves that evidence as it is. Rename one of them in the evidence bank to link it from a file"
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            entry_row(Source="Twitter"),
            'You said we did, row 2, Source: "Twitter" is not a source. Enter one of: Survey,',
        ),
        (entry_row(Source=""), "You said we did, row 2, Source: Enter where it was said"),
        (entry_row(**{"Plan items": "9.9"}), "You said we did, row 2, Plan items: The plan"),
        (
            entry_row(**{"Date said": "31/04/2021"}),
            'You said we did, row 2, Date said: "31/04/2021" is not a real date (April 2021 has 30 days)',
        ),
        (entry_row(Reference=""), "You said we did, row 2, Reference: Enter the entry's reference"),
        (
            entry_row(Evidence="Nothing like it"),
            "You said we did, row 2, Evidence: The evidence bank has nothing",
        ),
        (entry_row(Measures="E99"), "You said we did, row 2, Measures: The scorecard has no measure E99"),
        (
            entry_row(**{"I statements": "I9"}),
            "You said we did, row 2, I statements: The scorecard has no I statement",
        ),
        (entry_row(Published="Maybe"), 'You said we did, row 2, Published: "Maybe" is not Yes or No'),
    ],
    ids=[
        "unknown-source",
        "no-source",
        "unknown-item",
        "impossible-date",
        "missing-reference",
        "unknown-evidence",
        "unknown-measure",
        "unknown-i-statement",
        "not-yes-or-no",
    ],
)
def test_bad_input_is_refused_where_it_is_and_nothing_is_written(
    area, bank, programme_manager, row, expected
):
    found = problems_of(area, sheets(row))
    assert any(p.startswith(expected) for p in found), found
    with pytest.raises(ImportRejected):
        voice_import(area=area, book=book(sheets(row)), by=programme_manager)
    assert not Entry.objects.exists()


def test_a_duplicate_reference_is_refused(area, bank):
    found = problems_of(area, sheets(entry_row(), entry_row(Reference="ys1")))
    assert found == [
        "You said we did, row 3, Reference: ys1 is also on row 2. Give each entry its own reference"
    ]


def test_an_unknown_column_with_data_is_reported(area, bank):
    data = sheets()
    data[t.SHEET][0].append("Notes")
    data[t.SHEET][1].append("Ask the forum")
    assert problems_of(area, data) == [
        "You said we did, row 2, Notes: This column is not in the template, so what it holds would not be "
        "imported. Move it into a column of the template, or delete the column"
    ]


def test_a_file_that_is_not_a_workbook_is_refused(area):
    found = [
        str(p) for p in preview_voice_import(area=area, book=read_book(b"a,b\n", name="voice.csv")).problems
    ]
    assert found[0].startswith('"voice.csv" is not a file this service reads')


def test_the_pages_preview_then_import_on_confirm(client, area, bank, programme_manager, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    client.force_login(programme_manager)
    url = reverse("voice:import", kwargs={"area": area.slug})
    response = client.post(url, {"file": SimpleUploadedFile("voice.xlsx", xlsx_bytes(sheets()))})
    assert response.status_code == 302
    preview_page = client.get(response["Location"])
    assert "You said, we did YS1" in preview_page.content.decode() and not Entry.objects.exists()
    fingerprint = preview_page.context["form"].initial["fingerprint"]
    assert client.post(response["Location"], {"fingerprint": fingerprint}).status_code == 302
    assert Entry.objects.get().reference == "YS1"


def test_the_export_downloads_every_entry(client, area, viewer, programme_manager):
    entry_create(
        area=area, content=EntryContent(reference="YS1", said="More", source="survey"), by=programme_manager
    )
    client.force_login(viewer)
    response = client.get(reverse("voice:export", kwargs={"area": area.slug}))
    assert response["Content-Disposition"].endswith('you-said-we-did.xlsx"')
    assert load_workbook(io.BytesIO(response.content))[t.SHEET]["C2"].value == "Survey"


def test_the_export_takes_the_same_number_of_queries_however_many_entries(area, bank, programme_manager):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export_entries(area)
        return len(captured)

    voice_import(area=area, book=book(sheets()), by=programme_manager)
    few = queries()
    rows = [entry_row(Reference=f"YS{n}") for n in range(2, 12)]
    voice_import(area=area, book=book(sheets(entry_row(), *rows)), by=programme_manager)
    assert queries() == few
