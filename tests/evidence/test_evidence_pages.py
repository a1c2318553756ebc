"""The evidence bank through the pages people use: adding, editing, finding and downloading evidence."""

from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from common.uploads import MIB
from evidence import services
from evidence.models import Evidence
from progress.models import ReportingPeriod, Update

from .factories import EXE, HTML, PDF, SAMPLES, SVG, EvidenceFactory, docx_bomb, upload

pytestmark = pytest.mark.django_db
BOUNDARY = "evidence-test-boundary"


def url(name: str, evidence: Evidence | None = None, area: str = "stockport") -> str:
    kwargs = {"area": area} if evidence is None else {"area": area, "pk": evidence.pk}
    return reverse(f"evidence:{name}", kwargs=kwargs)


def fields(**changes) -> dict:
    data = {
        "title": "Parent carer survey 2019",
        "kind": "survey",
        "dated": "31/07/2019",
        "description": "Survey of 412 parent carers",
        "impact": "",
        "url": "",
    }
    data.update(changes)
    return data


def raw_upload(client, file_name: str, data: bytes, **changes):
    """Post the form as a browser would, with the file name exactly as given (the test client trims it)."""
    parts = []
    for name, value in fields(**changes).items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return client.generic(
        "POST", url("create"), b"".join(parts), content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# Adding


def test_a_contributor_adds_evidence_with_a_file_kept_under_a_random_name(
    client, contributor, private_uploads
):
    client.force_login(contributor)
    response = client.post(url("create"), fields(file=upload("Survey results.pdf", PDF)))
    evidence = Evidence.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("evidence", evidence)
    assert evidence.added_by == contributor
    assert evidence.file_name == "Survey results.pdf"
    assert evidence.file_size == len(PDF)
    assert evidence.content_type == "application/pdf"
    [stored] = stored_files(private_uploads)
    assert "Survey" not in stored.name and stored.read_bytes() == PDF
    page = client.get(response["Location"]).content.decode()
    assert "Parent carer survey 2019" in page and "Download Survey results.pdf" in page


def test_a_title_is_needed(client, contributor):
    client.force_login(contributor)
    response = client.post(url("create"), fields(title=""))
    assert "Enter a title for the evidence" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_link_needs_a_web_address(client, contributor):
    client.force_login(contributor)
    response = client.post(url("create"), fields(kind="link"))
    assert "Enter the web address of the link" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_link_with_its_web_address_is_added_without_a_file(client, contributor):
    client.force_login(contributor)
    client.post(url("create"), fields(kind="link", url="https://www.example.org/local-offer"))
    evidence = Evidence.objects.get()
    assert evidence.url == "https://www.example.org/local-offer"
    assert not evidence.file


def test_a_web_address_that_would_run_script_is_refused(client, contributor):
    client.force_login(contributor)
    response = client.post(url("create"), fields(kind="link", url="javascript:alert(1)"))
    assert "Enter a web address in the correct format" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_written(client, contributor, private_uploads):
    client.force_login(contributor)
    response = client.post(url("create"), fields(file=upload("big.pdf", PDF + bytes(11 * MIB))))
    assert response.status_code == 200
    assert "The file is 11 MB. Choose a file smaller than 10 MB" in response.content.decode()
    assert not Evidence.objects.exists()
    assert stored_files(private_uploads) == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", EXE, "is not a type of file the evidence bank takes"),
        ("page.html", HTML, "is not a type of file the evidence bank takes"),
        ("logo.svg", SVG, "is not a type of file the evidence bank takes"),
        ("report.pdf", HTML, "is not really a PDF: its contents do not match its name"),
        ("report.docx", docx_bomb(20), "cannot be opened safely"),
    ],
    ids=["exe", "html", "svg-with-script", "html-renamed-pdf", "zip-bomb-docx"],
)
def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_written(
    client, contributor, private_uploads, name, data, message
):
    client.force_login(contributor)
    response = client.post(url("create"), fields(file=upload(name, data)))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "There is a problem" in page
    assert not Evidence.objects.exists()
    assert stored_files(private_uploads) == []


@pytest.mark.parametrize(
    ("sent_name", "download_name"),
    [("../../etc/passwd.pdf", "passwd.pdf"), ("..\\\\..\\\\x.pdf", "x.pdf")],
)
def test_a_file_name_with_folders_is_stored_safely_and_downloaded_under_a_plain_name(
    client, contributor, private_uploads, sent_name, download_name
):
    client.force_login(contributor)
    response = raw_upload(client, sent_name, PDF)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.file_name == download_name
    [stored] = stored_files(private_uploads)
    assert stored.resolve().is_relative_to(private_uploads.resolve())
    assert Path(evidence.file.path).resolve() == stored.resolve()
    download = client.get(url("download", evidence))
    assert download["Content-Disposition"] == f'attachment; filename="{download_name}"'


def test_the_service_keeps_a_file_named_with_folders_inside_the_private_folder(
    area, contributor, private_uploads
):
    """Below the web form (which trims names itself), the service still trusts nothing in the name."""
    evidence = services.evidence_create(
        area=area,
        data=services.EvidenceData(title="Minutes", kind="minutes"),
        file=upload("..\\..\\etc\\minutes.pdf", PDF),
        by=contributor,
    )
    assert evidence.file_name == "minutes.pdf"
    assert Path(evidence.file.path).resolve().is_relative_to(private_uploads.resolve())
    assert ".." not in evidence.file.name and "minutes" not in evidence.file.name


def test_a_viewer_cannot_add_evidence(client, viewer):
    client.force_login(viewer)
    assert client.get(url("create")).status_code == 403
    assert client.post(url("create"), fields(file=upload("report.pdf", PDF))).status_code == 403
    assert not Evidence.objects.exists()


def test_the_evidence_page_offers_adding_only_to_those_who_may(client, contributor, viewer):
    add = url("create")
    client.force_login(viewer)
    assert add not in client.get(url("list")).content.decode()
    client.force_login(contributor)
    assert add in client.get(url("list")).content.decode()


# Coming from an update and going back to it


UPDATE_PATH = "/areas/stockport/periods/4/items/9/update/"


def test_after_adding_from_an_update_the_user_goes_back_with_the_new_evidence_chosen(client, contributor):
    client.force_login(contributor)
    form = client.get(url("create"), {"next": UPDATE_PATH + "?draft=1"}).content.decode()
    assert f'name="next" value="{UPDATE_PATH}?draft=1"' in form
    response = client.post(url("create"), {**fields(), "next": UPDATE_PATH + "?draft=1"})
    evidence = Evidence.objects.get()
    location = urlsplit(response["Location"])
    assert location.path == UPDATE_PATH
    assert parse_qs(location.query) == {"draft": ["1"], "evidence": [str(evidence.pk)]}


def test_evidence_already_chosen_stays_chosen_when_more_is_added(client, contributor):
    client.force_login(contributor)
    response = client.post(url("create"), {**fields(), "next": UPDATE_PATH + "?evidence=3"})
    evidence = Evidence.objects.get()
    assert parse_qs(urlsplit(response["Location"]).query) == {"evidence": ["3", str(evidence.pk)]}


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", "http:/evil"],
)
def test_a_next_page_on_another_site_is_ignored(client, contributor, next_url):
    client.force_login(contributor)
    form = client.get(url("create"), {"next": next_url}).content.decode()
    assert 'name="next"' not in form
    response = client.post(url("create"), {**fields(), "next": next_url})
    assert response["Location"] == url("evidence", Evidence.objects.get())


# Editing


def edit(client, evidence, **changes):
    data = fields(
        title=evidence.title, kind=evidence.kind, dated="", description="", impact="", url=evidence.url
    )
    data.update(version=evidence.version, **changes)
    return client.post(url("edit", evidence), data)


def test_a_contributor_edits_evidence_they_added(client, area, contributor):
    evidence = EvidenceFactory(area=area, added_by=contributor, title="Draft minutes")
    client.force_login(contributor)
    response = edit(client, evidence, title="Board minutes", impact="Waiting times fell by a third")
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.title == "Board minutes"
    assert evidence.shows_impact
    assert evidence.version == 2


def test_a_contributor_cannot_edit_evidence_someone_else_added(client, area, contributor, programme_manager):
    evidence = EvidenceFactory(area=area, added_by=programme_manager, title="Board minutes")
    client.force_login(contributor)
    assert client.get(url("edit", evidence)).status_code == 403
    assert edit(client, evidence, title="Taken over").status_code == 403
    evidence.refresh_from_db()
    assert evidence.title == "Board minutes"
    assert url("edit", evidence) not in client.get(url("evidence", evidence)).content.decode()


def test_the_programme_manager_edits_anyones_evidence(client, area, contributor, programme_manager):
    evidence = EvidenceFactory(area=area, added_by=contributor)
    client.force_login(programme_manager)
    assert edit(client, evidence, title="Checked by the PM").status_code == 302


def test_when_someone_else_saved_first_the_edit_is_not_saved_and_says_so(
    client, area, contributor, programme_manager
):
    evidence = EvidenceFactory(area=area, added_by=contributor, title="Board minutes")
    client.force_login(programme_manager)
    edit(client, evidence, title="Board minutes, March")
    client.force_login(contributor)
    response = edit(client, evidence, title="Board minutes, April")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this evidence while you were editing it" in page
    assert "Your changes have not been saved" in page
    assert "What the other person saved" in page and "Board minutes, March" in page
    assert 'value="Board minutes, April"' in page
    evidence.refresh_from_db()
    assert evidence.title == "Board minutes, March"
    assert edit(client, evidence, title="Board minutes, April").status_code == 302


def test_a_new_file_replaces_the_old_one_which_is_removed(
    client, area, contributor, private_uploads, django_capture_on_commit_callbacks
):
    evidence = EvidenceFactory(area=area, added_by=contributor, file_name="old.txt", content=b"old")
    old = Path(evidence.file.path)
    client.force_login(contributor)
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, evidence, file=upload("new.pdf", PDF))
    evidence.refresh_from_db()
    assert evidence.file_name == "new.pdf"
    assert not old.exists()
    assert stored_files(private_uploads) == [Path(evidence.file.path)]


def test_editing_without_a_file_keeps_the_file(client, area, contributor):
    evidence = EvidenceFactory(area=area, added_by=contributor, file_name="notes.txt", content=b"notes")
    client.force_login(contributor)
    edit(client, evidence, title="Renamed")
    evidence.refresh_from_db()
    assert evidence.file_name == "notes.txt"
    assert evidence.file.read() == b"notes"


# Downloading


def test_a_text_file_holding_script_is_only_ever_downloaded_never_run(client, contributor, viewer):
    client.force_login(contributor)
    client.post(url("create"), fields(file=upload("notes.txt", b"<script>alert(document.cookie)</script>")))
    evidence = Evidence.objects.get()
    client.force_login(viewer)
    response = client.get(url("download", evidence))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"<script>alert(document.cookie)</script>"
    assert response["Content-Disposition"] == 'attachment; filename="notes.txt"'
    assert response["Content-Type"] == "text/plain"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


def test_a_download_is_typed_by_the_service_not_by_the_browser_that_uploaded_it(client, contributor):
    client.force_login(contributor)
    file = upload("figures.csv", SAMPLES["figures.csv"])
    file.content_type = "text/html"
    client.post(url("create"), fields(file=file))
    response = client.get(url("download", Evidence.objects.get()))
    assert response["Content-Type"] == "text/csv"


def test_another_areas_user_cannot_download_the_file(client, area, contributor, other_area_user):
    evidence = EvidenceFactory(area=area, added_by=contributor, file_name="secret.txt", content=b"secret")
    client.force_login(other_area_user)
    assert client.get(url("download", evidence)).status_code == 404
    assert client.get(url("download", evidence, area="fenbridge")).status_code == 404


def test_someone_not_signed_in_is_sent_to_sign_in_for_a_download(client, area, contributor):
    evidence = EvidenceFactory(area=area, added_by=contributor, file_name="secret.txt", content=b"secret")
    response = client.get(url("download", evidence))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_evidence_without_a_file_has_no_download(client, area, viewer):
    evidence = EvidenceFactory(area=area, kind="link", url="https://www.example.org/")
    client.force_login(viewer)
    assert client.get(url("download", evidence)).status_code == 404


# Finding evidence and where it is used


@pytest.fixture
def period(plan):
    return ReportingPeriod.objects.create(
        plan=plan,
        name="July 2019",
        starts_on=date(2019, 7, 1),
        ends_on=date(2019, 7, 31),
        deadline=date(2019, 8, 5),
    )


def link(evidence, period, item):
    update, _ = Update.objects.get_or_create(
        period=period,
        item=item,
        defaults={
            "commentary": "Progress",
            "proposed_status": period.plan.rag_scheme.statuses.first(),
            "submitted_at": timezone.now(),
        },
    )
    update.evidence.add(evidence)


def test_the_list_shows_kind_date_impact_and_how_many_updates_use_each(client, area, viewer, tree, period):
    survey = EvidenceFactory(area=area, title="Parent survey", kind="survey", impact="Parents feel heard")
    EvidenceFactory(area=area, title="Board minutes", kind="minutes", dated=None)
    link(survey, period, tree["mine"])
    link(survey, period, tree["theirs"])
    client.force_login(viewer)
    page = client.get(url("list")).content.decode()
    assert "<strong>2</strong> evidence items in the bank" in page
    assert "Parent survey" in page and "Survey" in page and "31 Jul 2019" in page
    assert "2 updates" in page and "Not used yet" in page and "No date" in page
    assert ">Yes<" in page and ">No<" in page


def test_the_list_finds_evidence_by_words_and_kind(client, area, viewer):
    EvidenceFactory(area=area, title="Parent survey", kind="survey")
    EvidenceFactory(area=area, title="Board minutes", kind="minutes", description="Parent carers attended")
    EvidenceFactory(area=area, title="Waiting times", kind="data")
    client.force_login(viewer)
    page = client.get(url("list"), {"q": "parent"}).content.decode()
    assert "Parent survey" in page and "Board minutes" in page and "Waiting times" not in page
    page = client.get(url("list"), {"q": "parent", "kind": "minutes"}).content.decode()
    assert "Parent survey" not in page and "Board minutes" in page
    assert "1</strong> evidence item found" in page


def test_the_list_shows_only_the_areas_own_evidence(client, area, other_area, viewer):
    EvidenceFactory(area=other_area, title="Fenbridge survey")
    client.force_login(viewer)
    assert "Fenbridge survey" not in client.get(url("list")).content.decode()


def test_the_evidence_page_lists_the_updates_it_supports(client, area, viewer, tree, period):
    evidence = EvidenceFactory(area=area, title="Board minutes")
    link(evidence, period, tree["mine"])
    client.force_login(viewer)
    page = client.get(url("evidence", evidence)).content.decode()
    assert "July 2019" in page
    assert "1.1.1.1" in page and "Board meets fortnightly" in page
    assert "Commissioning review" not in page


def test_the_evidence_list_takes_the_same_number_of_queries_however_much_evidence(
    client, area, viewer, tree, period
):
    client.force_login(viewer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("list")).status_code == 200
        return len(captured)

    link(EvidenceFactory(area=area), period, tree["mine"])
    few = queries()
    for _ in range(10):
        link(EvidenceFactory(area=area, impact="Shows change"), period, tree["theirs"])
    assert queries() == few
