"""DfE open data is imported for the area and its comparators, or refused with a reason and nothing written.

The real 2025 release is read from /work/shared/data/dfe/ehcp-2025 (set DFE_EHCP_DIR to read it elsewhere).
"""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse

from scorecard.dfe import READY_MADE, ColumnMapping
from scorecard.dfe.importing import DfeImportRefused, import_dfe, preview_dfe
from scorecard.models import DataUpload, Figure, SavedMapping, Series
from tests.scorecard.conftest import DFE_DIR, TIMELINESS_FILE
from tests.scorecard.factories import FigureFactory, MeasureFactory, ScorecardSettingsFactory, headline

TIMELINESS = READY_MADE["timeliness_20_weeks_excluding_exceptions"]
VALUE = "PC_plans_issued_20_weeks_ex"

pytestmark = [
    pytest.mark.skipif(not TIMELINESS_FILE.is_file(), reason=f"the DfE files are not in {DFE_DIR}"),
    pytest.mark.usefixtures("private_uploads"),
]


def write_csv(header: list[str], rows: list[list[str]]) -> bytes:
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\r\n").writerows([header, *rows])
    return stream.getvalue().encode("utf-8-sig")


def subset(real_table, *, change=None) -> bytes:
    """The real file's "All EHC plans issued" rows for Stockport, the North West, England and the
    neighbours, with `change(cells)` applied to each row (as a dict)."""
    header, rows = real_table
    wanted = {"E08000007", "E12000002", "E92000001", "E08000009", "E08000002", "E06000049"}
    kept = []
    for cells in rows:
        named = dict(zip(header, cells, strict=True))
        own = named["new_la_code"] or named["region_code"] or named["country_code"]
        if named["geographic_level"] == "National":
            own = named["country_code"]
        if own in wanted and named["breakdown_topic"] == "All EHC plans issued":
            if change:
                change(named)
            kept.append([named[name] for name in header])
    return write_csv(header, kept)


def stored(measure, series, period):
    figure = Figure.objects.get(breakdown=headline(measure), series=series, period=period)
    return figure.value if figure.value is not None else figure.missing_reason


def test_the_real_timeliness_file_imports_stockport_england_and_the_north_west(stockport, measure, real_file):
    result = import_dfe(
        area=stockport.area,
        data=real_file,
        mapping=TIMELINESS,
        breakdown=headline(measure),
        source_note="timeliness_20_week.csv",
    )

    assert result.periods == ["2019", "2020", "2021", "2022", "2023", "2024"]
    assert result.by_series == {"area": 6, "england": 6, "region": 6, "neighbours": 6}
    assert result.added == 24
    assert stored(measure, Series.AREA, "2019") == Decimal("45.6")
    assert stored(measure, Series.AREA, "2024") == Decimal("7.8")
    assert stored(measure, Series.ENGLAND, "2019") == Decimal("60.4")
    assert stored(measure, Series.ENGLAND, "2024") == Decimal("46.4")
    assert stored(measure, Series.REGION, "2019") == Decimal("60.1")
    assert stored(measure, Series.REGION, "2024") == Decimal("50.5")
    # Trafford 53.4, Bury 99, Cheshire East 47.9 in 2024.
    assert stored(measure, Series.NEIGHBOURS, "2024") == Decimal("66.8")
    figure = Figure.objects.get(breakdown=headline(measure), series=Series.AREA, period="2024")
    assert (figure.numerator, figure.denominator) == (Decimal(45), Decimal(574))
    assert figure.source == Figure.Source.DFE
    assert figure.source_note == "timeliness_20_week.csv"
    neighbours = Figure.objects.get(breakdown=headline(measure), series=Series.NEIGHBOURS, period="2024")
    assert neighbours.source_note.endswith("mean of 3 of 3 statistical neighbours")


def test_importing_again_replaces_the_earlier_figures_and_adds_none(stockport, measure, real_file):
    FigureFactory(breakdown=headline(measure), series=Series.AREA, period="2024", value=Decimal("12"))
    first = import_dfe(area=stockport.area, data=real_file, mapping=TIMELINESS, breakdown=headline(measure))
    second = import_dfe(area=stockport.area, data=real_file, mapping=TIMELINESS, breakdown=headline(measure))

    assert (first.added, first.replaced) == (23, 1)
    assert (second.added, second.replaced, second.unchanged) == (0, 0, 24)
    assert Figure.objects.filter(breakdown=headline(measure)).count() == 24
    assert stored(measure, Series.AREA, "2024") == Decimal("7.8")


def test_a_suppressed_figure_is_imported_as_missing_with_its_reason_never_zero(
    stockport, measure, real_table
):
    def suppress(cells):
        if cells["new_la_code"] == "E08000007" and cells["time_period"] == "2021":
            cells.update({VALUE: "x", "plans_issued_20_weeks_ex": "x", "plans_issued_den_ex": "x"})

    import_dfe(
        area=stockport.area,
        data=subset(real_table, change=suppress),
        mapping=TIMELINESS,
        breakdown=headline(measure),
    )

    assert stored(measure, Series.AREA, "2021") == "x: suppressed or not available"


def test_neighbours_with_no_figure_are_missing_with_a_reason(stockport, measure, real_table):
    def suppress(cells):
        if cells["new_la_code"] in {"E08000009", "E08000002", "E06000049"} and cells["time_period"] == "2020":
            cells.update({VALUE: "x", "plans_issued_20_weeks_ex": "x", "plans_issued_den_ex": "x"})

    import_dfe(
        area=stockport.area,
        data=subset(real_table, change=suppress),
        mapping=TIMELINESS,
        breakdown=headline(measure),
    )

    assert stored(measure, Series.NEIGHBOURS, "2020") == (
        "None of the 3 statistical neighbours has a figure for this period"
    )


def _duplicate(real_table) -> bytes:
    data = subset(real_table).decode("utf-8-sig").splitlines()
    stockport_2024 = next(line for line in data if line.startswith("2024") and "E08000007" in line)
    return ("\r\n".join([*data, stockport_2024]) + "\r\n").encode("utf-8")


def _percent(cells):
    if cells["new_la_code"] == "E08000007" and cells["time_period"] == "2024":
        cells[VALUE] = "17.8"


def _not_a_number(cells):
    if cells["region_code"] == "E12000002" and cells["geographic_level"] == "Regional":
        cells[VALUE] = "fifty"


def _xlsx() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return stream.getvalue()


@pytest.mark.parametrize(
    ("make", "mapping", "message"),
    [
        (
            lambda t: subset(t),
            ColumnMapping(**{**TIMELINESS.to_dict(), "value": "pc_within_20_weeks_excluding"}),
            'The file has no column called "pc_within_20_weeks_excluding" (the published figure)',
        ),
        (lambda t: subset(t, change=_not_a_number), TIMELINESS, '"fifty" is not a number'),
        (_duplicate, TIMELINESS, "The row repeats the figures for Stockport (E08000007) in 2024"),
        (
            lambda t: subset(t, change=_percent),
            TIMELINESS,
            "The published percentage is 17.8 but 45 out of 574",
        ),
        (lambda t: _xlsx(), TIMELINESS, "This is a zip file or an Excel workbook, not a CSV file"),
        (
            lambda t: subset(t),
            READY_MADE["plans_issued"],
            "The mapping reads a count but E1 is measured as percentage",
        ),
    ],
    ids=["missing column", "not a number", "duplicate row", "percentage", "xlsx", "unit"],
)
def test_a_bad_file_is_refused_with_its_message_and_nothing_written(
    stockport, measure, real_table, make, mapping, message
):
    with pytest.raises(DfeImportRefused) as refused:
        import_dfe(area=stockport.area, data=make(real_table), mapping=mapping, breakdown=headline(measure))

    assert any(message in line for line in refused.value.messages), refused.value.messages
    assert not Figure.objects.exists()


def test_a_file_over_the_size_limit_is_refused(stockport, measure, real_file, settings):
    settings.DFE_UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(DfeImportRefused) as refused:
        import_dfe(area=stockport.area, data=real_file, mapping=TIMELINESS, breakdown=headline(measure))
    assert refused.value.messages == ["The file is 2.0 MB. Choose a file smaller than 1 MB"]
    assert not Figure.objects.exists()


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (
            {"la_code": "E08999999", "old_la_code": ""},
            "The file has no rows for your local authority's code (E08999999)",
        ),
        ({"region_code": "E12000099"}, "The file has no rows for the region code E12000099"),
        (
            {"neighbour_codes": "E08000009, 999"},
            "The file has no rows for the statistical neighbour code 999",
        ),
        (
            {"la_code": "", "old_la_code": ""},
            "Set your local authority's 9-character code (Stockport's is E08000007) or its 3-digit code "
            "(356) in the scorecard settings",
        ),
    ],
    ids=["area", "region", "neighbour", "no codes"],
)
def test_area_codes_the_file_does_not_have_are_refused_saying_what_to_check(
    stockport, measure, real_table, codes, message
):
    for name, value in codes.items():
        setattr(stockport, name, value)
    stockport.save()

    with pytest.raises(DfeImportRefused) as refused:
        import_dfe(
            area=stockport.area, data=subset(real_table), mapping=TIMELINESS, breakdown=headline(measure)
        )

    assert any(message in line for line in refused.value.messages), refused.value.messages
    assert not Figure.objects.exists()


def test_without_a_region_or_neighbours_only_the_area_and_england_are_imported(area, measure, real_table):
    ScorecardSettingsFactory(area=area, la_code="E08000007")
    preview = preview_dfe(area=area, data=subset(real_table), mapping=TIMELINESS, breakdown=headline(measure))

    assert preview.is_valid
    assert {series for p in preview.periods for series in p.figures} == {"area", "england"}
    assert any("no region code" in note for note in preview.notes)


def test_a_measure_of_another_area_cannot_be_filled(stockport, other_area, real_table):
    theirs = MeasureFactory(area=other_area)
    with pytest.raises(DfeImportRefused):
        import_dfe(
            area=stockport.area, data=subset(real_table), mapping=TIMELINESS, breakdown=headline(theirs)
        )
    assert not Figure.objects.exists()


# The pages: upload, map the columns, save the mapping, check and import


def upload_url(area, upload):
    return reverse("scorecard:dfe-upload", kwargs={"area": area.slug, "pk": upload.pk})


def mapping_post(mapping: ColumnMapping, measure, action: str, **extra) -> dict:
    data = {f"col_{role}": getattr(mapping, role) for role in ("period", "level", "value")}
    data |= {
        f"col_{role}": getattr(mapping, role)
        for role in (
            "country_code",
            "country_name",
            "region_code",
            "region_name",
            "new_la_code",
            "old_la_code",
            "la_name",
            "numerator",
            "denominator",
        )
    }
    data |= {"unit": mapping.unit, "period_format": mapping.period_format, "name": mapping.name}
    for number, (column, wanted) in enumerate(mapping.filters.items(), start=1):
        data[f"filter_column_{number}"] = column
        data[f"filter_value_{number}"] = wanted
    data |= {"breakdown": headline(measure).pk, "action": action, **extra}
    return data


def upload_file(client, area, data: bytes, name="timeliness_20_week.csv"):
    return client.post(
        reverse("scorecard:dfe", kwargs={"area": area.slug}),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_the_manager_uploads_saves_a_named_mapping_and_imports_the_real_file(
    client, programme_manager, stockport, measure, real_file
):
    client.force_login(programme_manager)
    response = upload_file(client, stockport.area, real_file)
    upload = DataUpload.objects.get()
    assert response.url == upload_url(stockport.area, upload)
    assert upload.columns[:3] == ["time_period", "time_identifier", "geographic_level"]
    assert "timeliness_20_week" not in upload.file.name  # stored under a random name

    page = client.get(response.url)
    # The ready-made mapping that fits the file is offered and filled in.
    assert page.context["form"]["col_value"].value() == VALUE
    assert b"Ready-made, fits this file" in page.content

    named = ColumnMapping(**{**TIMELINESS.to_dict(), "name": "Timeliness, 2025 release"})
    saved = client.post(response.url, mapping_post(named, measure, "save"))
    assert "Mapping “Timeliness, 2025 release” saved" in saved.content.decode()
    assert SavedMapping.objects.get().mapping["value"] == VALUE

    checked = client.post(response.url, mapping_post(named, measure, "check"))
    preview = checked.context["preview"]
    assert preview.is_valid and preview.figure_count == 24
    assert "Importing writes <strong>24 figures</strong>" in checked.content.decode()
    assert not Figure.objects.exists()

    imported = client.post(
        response.url, mapping_post(named, measure, "import", fingerprint=preview.fingerprint())
    )
    assert imported.status_code == 302
    assert stored(measure, Series.AREA, "2024") == Decimal("7.8")
    figure = Figure.objects.get(breakdown=headline(measure), series=Series.ENGLAND, period="2019")
    assert figure.source_note == "timeliness_20_week.csv, mapping “Timeliness, 2025 release”"
    upload.refresh_from_db()
    assert upload.imported_rows == 24


def test_a_release_with_renamed_and_reordered_columns_imports_through_a_changed_mapping(
    client, programme_manager, stockport, measure, real_table
):
    """No code changes: the manager picks the renamed columns and saves the mapping under a new name."""
    header, rows = real_table
    renamed = {VALUE: "Percent within 20 weeks (excl. exceptions)", "time_period": "Year"}
    order = list(reversed(range(len(header))))
    data = write_csv(
        [renamed.get(header[i], header[i]) for i in order], [[row[i] for i in order] for row in rows]
    )
    client.force_login(programme_manager)
    upload_file(client, stockport.area, data)
    upload = DataUpload.objects.get()
    SavedMapping.objects.create(area=stockport.area, name="Timeliness 2025", mapping=TIMELINESS.to_dict())

    page = client.get(upload_url(stockport.area, upload), {"start": f"saved:{SavedMapping.objects.get().pk}"})
    assert page.context["lacking"] == [
        "“time_period” (the period)",
        f"“{VALUE}” (the published figure)",
    ]

    changed = ColumnMapping(
        **{**TIMELINESS.to_dict(), "value": renamed[VALUE], "period": "Year", "name": "Timeliness 2026"}
    )
    client.post(upload_url(stockport.area, upload), mapping_post(changed, measure, "save"))
    checked = client.post(upload_url(stockport.area, upload), mapping_post(changed, measure, "check"))
    fingerprint = checked.context["preview"].fingerprint()
    client.post(
        upload_url(stockport.area, upload), mapping_post(changed, measure, "import", fingerprint=fingerprint)
    )

    assert sorted(SavedMapping.objects.values_list("name", flat=True)) == [
        "Timeliness 2025",
        "Timeliness 2026",
    ]
    assert stored(measure, Series.AREA, "2019") == Decimal("45.6")
    assert stored(measure, Series.REGION, "2024") == Decimal("50.5")


def test_checking_shows_the_problems_and_what_to_set_and_writes_nothing(
    client, programme_manager, area, measure, real_table
):
    ScorecardSettingsFactory(area=area)
    client.force_login(programme_manager)
    upload = upload_file(client, area, subset(real_table))
    response = client.post(upload.url, mapping_post(TIMELINESS, measure, "import", fingerprint="x"))

    page = response.content.decode()
    assert "The file cannot be imported" in page
    assert reverse("scorecard:settings", kwargs={"area": area.slug}) in page
    assert not Figure.objects.exists()


def test_a_workbook_or_an_oversized_file_is_refused_at_upload(client, programme_manager, area, settings):
    client.force_login(programme_manager)
    workbook = upload_file(client, area, _xlsx(), name="timeliness.xlsx")
    assert "This is a zip file or an Excel workbook, not a CSV file" in workbook.content.decode()

    settings.DFE_UPLOAD_MAX_BYTES = 1000
    big = upload_file(client, area, b"time_period,value\r\n" + b"2024,1\r\n" * 200)
    assert "The file is larger than 1000" in big.content.decode()
    assert not DataUpload.objects.exists()


def test_only_the_programme_manager_imports_dfe_data(client, contributor, area):
    client.force_login(contributor)
    assert client.get(reverse("scorecard:dfe", kwargs={"area": area.slug})).status_code == 403


def test_a_saved_mapping_is_edited_guarded_by_its_version_and_deleted(client, programme_manager, area):
    saved = SavedMapping.objects.create(area=area, name="Timeliness", mapping=TIMELINESS.to_dict())
    url = reverse("scorecard:mapping", kwargs={"area": area.slug, "pk": saved.pk})
    client.force_login(programme_manager)
    page = client.get(url)
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    assert data["col_value"] == VALUE

    client.post(url, {**data, "col_value": "PC_new", "action": "save"})
    saved.refresh_from_db()
    assert (saved.mapping["value"], saved.version) == ("PC_new", 2)

    stale = client.post(url, {**data, "col_value": "PC_stale", "action": "save"})
    assert "Someone else changed this mapping while you were editing it" in stale.content.decode()
    saved.refresh_from_db()
    assert saved.mapping["value"] == "PC_new"

    listed = client.get(reverse("scorecard:mappings", kwargs={"area": area.slug}))
    assert "Timeliness" in listed.content.decode()
    client.post(url, {**data, "version": 2, "action": "delete"})
    assert not SavedMapping.objects.exists()


def test_a_figure_changed_after_the_check_is_not_overwritten_by_the_import(
    client, programme_manager, stockport, measure, real_file
):
    client.force_login(programme_manager)
    upload = upload_file(client, stockport.area, real_file).url
    client.post(upload, mapping_post(TIMELINESS, measure, "check"))
    import_dfe(area=stockport.area, data=real_file, mapping=TIMELINESS, breakdown=headline(measure))
    checked = client.post(upload, mapping_post(TIMELINESS, measure, "check")).context["preview"]
    # Someone corrects Stockport's 2024 figure after the manager checked the file again.
    Figure.objects.filter(breakdown=headline(measure), series=Series.AREA, period="2024").update(
        value=Decimal("8.1"), version=F("version") + 1
    )

    response = client.post(
        upload, mapping_post(TIMELINESS, measure, "import", fingerprint=checked.fingerprint()), follow=True
    )

    assert "What the import would write has changed since you checked" in response.content.decode()
    assert stored(measure, Series.AREA, "2024") == Decimal("8.1")
