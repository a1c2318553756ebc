"""A file of figures is checked row by row; any problem is shown with where it is, and nothing is written."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from scorecard.figures_file import BreakdownEntry, MeasureEntry, check_figures, read_figures_file
from scorecard.models import Figure, Series
from tests.scorecard.factories import BreakdownFactory, FigureFactory, MeasureFactory, headline

HEADINGS = ["Measure code", "Breakdown", "Series", "Period", "Value", "Missing reason"]


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private-uploads"


@pytest.fixture
def measures(area):
    timeliness = MeasureFactory(area=area, code="E1")
    BreakdownFactory(measure=timeliness, name="Primary")
    plans = MeasureFactory(area=area, code="E2", name="EHC plans", unit="count")
    return timeliness, plans


def csv_file(rows, headings=HEADINGS) -> bytes:
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\r\n").writerows([headings, *rows])
    return stream.getvalue().encode("utf-8")


def xlsx_file(rows, headings=HEADINGS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Figures"
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


GOOD = [
    ["E1", "", "", "2024", "46.4", ""],
    ["E1", "Primary", "England", "2024", "51.2", ""],
    ["e1", "", "Region", "2023/24", "", "x"],
    ["E2", "", "Statistical neighbours", "March 2024", "3,120", ""],
]


def upload(client, area, data: bytes, name="figures.csv"):
    url = reverse("scorecard:figures-upload", kwargs={"area": area.slug})
    return client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)


def confirm(client, response):
    form = response.context["confirm"]
    url = reverse("scorecard:figures-upload", kwargs={"area": response.context["access"].area.slug})
    return client.post(url, {"token": form["token"].value(), "fingerprint": form["fingerprint"].value()})


@pytest.mark.parametrize(("name", "make"), [("figures.csv", csv_file), ("figures.xlsx", xlsx_file)])
def test_a_good_file_is_previewed_then_written_on_confirm(client, programme_manager, measures, name, make):
    timeliness, plans = measures
    client.force_login(programme_manager)
    preview = upload(client, timeliness.area, make(GOOD), name=name)

    assert "4 new" in preview.content.decode()
    assert not Figure.objects.exists()

    done = confirm(client, preview)
    assert done.status_code == 302
    area_2024 = Figure.objects.get(breakdown=headline(timeliness), series=Series.AREA, period="2024")
    assert (area_2024.value, area_2024.source, area_2024.source_note) == (Decimal("46.4"), "upload", name)
    region = Figure.objects.get(breakdown=headline(timeliness), series=Series.REGION)
    assert (region.period, region.value, region.missing_reason) == (
        "2023/24",
        None,
        "x: suppressed or not available",
    )
    assert Figure.objects.get(breakdown__name="Primary").series == Series.ENGLAND
    assert Figure.objects.get(breakdown=headline(plans)).value == Decimal(3120)


def test_the_preview_shows_the_figures_a_file_replaces_old_and_new(client, programme_manager, measures):
    timeliness, _ = measures
    FigureFactory(breakdown=headline(timeliness), series="area", period="2024", value=Decimal("40"))
    client.force_login(programme_manager)
    preview = upload(client, timeliness.area, csv_file(GOOD))

    page = preview.content.decode()
    assert "3 new" in page and "1 replaced" in page
    replaced = preview.context["preview"].replaced[0]
    assert (replaced.old_shown, replaced.row.shown) == ("40", "46.4")

    confirm(client, preview)
    assert Figure.objects.get(breakdown=headline(timeliness), series="area", period="2024").value == Decimal(
        "46.4"
    )
    assert Figure.objects.count() == 4


@pytest.mark.parametrize(
    ("rows", "headings", "place", "message"),
    [
        (
            [["E9", "", "", "2024", "1", ""]],
            HEADINGS,
            "figures.csv, row 2, Measure code",
            'no measure with the code "E9"',
        ),
        (
            [["E1", "Secondary", "", "2024", "1", ""]],
            HEADINGS,
            "figures.csv, row 2, Breakdown",
            'E1 has no breakdown called "Secondary". Use one of: All, Primary',
        ),
        (
            [["E1", "", "", "2024", "forty", ""]],
            HEADINGS,
            "figures.csv, row 2, Value",
            '"forty" is not a number',
        ),
        (
            [["E1", "", "", "Spring", "1", ""]],
            HEADINGS,
            "figures.csv, row 2, Period",
            "“Spring” is not a period",
        ),
        ([["E1", "", "", "2024", "", ""]], HEADINGS, "figures.csv, row 2, Value", "The value is blank"),
        (
            [["E1", "", "Wales", "2024", "1", ""]],
            HEADINGS,
            "figures.csv, row 2, Series",
            '"Wales" is not a series',
        ),
        (
            [["E1", "", "", "2024", "1", ""], ["E1", "All", "This area", "2024", "2", ""]],
            HEADINGS,
            "figures.csv, row 3",
            "The row repeats E1 All, this area, 2024, given in row 2",
        ),
        (
            [["E1", "2024", "1"]],
            ["Measure code", "Period", "Amount"],
            "figures.csv, row 1",
            "The sheet has no column called Value",
        ),
        (
            [["E1", "2024", "1", "me"]],
            ["Measure code", "Period", "Value", "Entered by"],
            "figures.csv, row 1, Entered by",
            '"Entered by" is not a column this service reads',
        ),
        (
            [["E1", "", "", "2024", "1", "x"]],
            HEADINGS,
            "figures.csv, row 2, Missing reason",
            "The row has a value and a missing reason",
        ),
    ],
    ids=[
        "unknown measure",
        "unknown breakdown",
        "not a number",
        "period",
        "blank value and reason",
        "series",
        "twice",
        "missing column",
        "unknown column",
        "value and reason",
    ],
)
def test_each_problem_is_shown_with_where_it_is_and_nothing_is_written(
    client, programme_manager, measures, rows, headings, place, message
):
    client.force_login(programme_manager)
    response = upload(client, measures[0].area, csv_file(rows, headings))

    shown = [(p.place, p.message) for p in response.context["problems"]]
    assert any(where == place and message in text for where, text in shown), shown
    assert "The file cannot be imported" in response.content.decode()
    assert not Figure.objects.exists()


def test_every_problem_in_the_file_is_listed_at_once(measures):
    catalogue = {"E1": MeasureEntry("E1", "percent", (BreakdownEntry(1, "All"),))}
    sheets, _ = read_figures_file(
        csv_file([["E9", "", "", "2024", "1", ""], ["E1", "", "", "soon", "x1", ""]]),
        name="figures.csv",
        size_limit=10_000,
    )
    checked = check_figures(sheets, catalogue)
    assert [str(p) for p in checked.problems] == [
        'figures.csv, row 2, Measure code: There is no measure with the code "E9". Check the code on the '
        "scorecard, or add the measure first",
        "figures.csv, row 3, Period: “soon” is not a period this service can read. Write a year (2024), "
        "an academic year (2023/24) or a month (March 2024)",
        'figures.csv, row 3, Value: "x1" is not a number. Enter a number such as 46.4, or leave the value '
        "blank and say why in Missing reason",
    ]


def test_a_problem_in_a_workbook_names_its_sheet(client, programme_manager, measures):
    client.force_login(programme_manager)
    response = upload(
        client, measures[0].area, xlsx_file([["E1", "", "", "2024", "n/a", ""]]), "figures.xlsx"
    )
    assert [p.place for p in response.context["problems"]] == ["Figures, row 2, Value"]


def test_a_zip_bomb_dressed_as_a_workbook_is_refused_before_it_is_unpacked(
    client, programme_manager, measures
):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as bomb:
            for _ in range(200):
                bomb.write(bytes(1024 * 1024))
    client.force_login(programme_manager)
    response = upload(client, measures[0].area, stream.getvalue(), "figures.xlsx")

    assert [p.message for p in response.context["problems"]] == [
        "The file is not a real spreadsheet: it unpacks to more than 100 MB"
    ]
    assert not Figure.objects.exists()


def test_a_file_that_is_not_what_its_name_says_or_too_big_is_refused(
    client, programme_manager, measures, settings
):
    client.force_login(programme_manager)
    renamed = upload(client, measures[0].area, b"not a workbook", "figures.xlsx")
    assert "is not really an Excel workbook" in renamed.content.decode()

    settings.UPLOAD_MAX_BYTES = 100
    big = upload(client, measures[0].area, csv_file(GOOD * 10))
    assert "The file is larger than 100" in big.content.decode()
    assert not Figure.objects.exists()


def test_the_template_has_the_headings_and_a_line_for_each_breakdown_with_formulas_made_safe(
    client, programme_manager, area, measures
):
    MeasureFactory(area=area, code="=HYPERLINK")
    client.force_login(programme_manager)
    response = client.get(reverse("scorecard:figures-template", kwargs={"area": area.slug}))

    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == HEADINGS
    assert ["E1", "", "", "", "", ""] in lines
    assert ["E1", "Primary", "", "", "", ""] in lines
    assert ["'=HYPERLINK", "", "", "", "", ""] in lines


def test_the_template_uploaded_unfilled_has_no_figures_and_filled_in_lines_are_read(
    client, programme_manager, area, measures
):
    client.force_login(programme_manager)
    template = client.get(reverse("scorecard:figures-template", kwargs={"area": area.slug})).content
    lines = template.decode("utf-8-sig").splitlines()
    lines[1] = "E1,,,2024,55,"
    response = upload(client, area, "\r\n".join(lines).encode())
    assert "1 new" in response.content.decode()


@pytest.mark.parametrize("who", ["viewer", "contributor"])
def test_only_the_programme_manager_uploads_figures(client, request, area, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("scorecard:figures-upload", kwargs={"area": area.slug})).status_code == 403
    assert client.get(reverse("scorecard:figures-template", kwargs={"area": area.slug})).status_code == 403


def test_a_preview_belongs_to_the_person_who_uploaded_it(client, programme_manager, measures):
    client.force_login(programme_manager)
    preview = upload(client, measures[0].area, csv_file(GOOD))
    token = preview.context["confirm"]["token"].value()
    client.logout()
    client.force_login(programme_manager)  # a new session
    url = reverse("scorecard:figures-upload", kwargs={"area": measures[0].area.slug})
    assert client.get(url, {"file": token}).status_code == 404


def test_a_fresh_file_replaces_a_stored_one_that_no_longer_checks(client, programme_manager, measures, area):
    client.force_login(programme_manager)
    first = upload(client, area, csv_file([["E2", "", "", "2024", "3120", ""]]))
    stored_at = first.redirect_chain[-1][0]  # the preview of the stored file, ?file=<token>
    measures[1].delete()  # E2 goes before the manager confirms

    again = client.get(stored_at)
    assert "E2" in again.content.decode()  # the stored file's problem is shown
    fresh = client.post(
        stored_at, {"file": SimpleUploadedFile("figures.csv", csv_file(GOOD[:1]))}, follow=True
    )

    assert fresh.context["confirm"] is not None
    confirm(client, fresh)
    assert Figure.objects.get(series=Series.AREA, period="2024").value == Decimal("46.4")
