"""THE LEAK TEST (issue 11, point 5): only what the programme manager published ever reaches a public
page, its HTML source, a chart, the feed or the CSV; and a publication never changes afterwards."""

import datetime

import pytest
from django.urls import reverse

from plans.models import Plan
from progress.models import HighlightReport, HighlightRow
from publishing import services
from risks.models import Mitigation, MitigationNote, Risk
from scorecard.models import Commentary
from tests.areas.factories import PersonFactory
from tests.evidence.factories import EvidenceFactory
from tests.plans.factories import ItemFactory, PlanFactory
from tests.progress.factories import ReportingPeriodFactory, UpdateFactory
from tests.scorecard.factories import MeasureFactory, add_figures
from tests.voice.factories import EntryFactory

MARK = "SECRET"


def _secrets(area, other_area, world, workstream, viewer):
    """Every kind of thing families must never see, each carrying the marker."""
    plan, top, mine = world["top"].plan, world["top"], world["mine"]
    person = PersonFactory(
        area=area, initials="QXZ", name=f"{MARK} Personname", email="secret.person@example.org"
    )
    viewer.display_name = f"{MARK} Viewer"
    viewer.save()
    PlanFactory(area=area, reference="DRAFT", title=f"{MARK} draft plan", status=Plan.Status.DRAFT)
    for item in (top, mine):
        item.notes, item.impact, item.partners = f"{MARK} notes", f"{MARK} impact", f"{MARK} partners"
        item.senior_owner, item.evidence = f"{MARK} senior owner", f"{MARK} how we know"
        item.overall_reason = f"{MARK} overall reason"
        item.save()
    mine.owners.add(person)
    hidden = MeasureFactory(area=area, code="H1", name=f"{MARK} unpublished measure", owner=person)
    add_figures(hidden, {"2023": "12"})
    period = ReportingPeriodFactory(plan=plan)
    Commentary.objects.create(measure=world["measure"], period=period, text=f"{MARK} measure commentary")
    UpdateFactory(
        period=period,
        item=mine,
        commentary=f"{MARK} update",
        next_steps=f"{MARK} next",
        mitigation=f"{MARK} m",
    )
    report = HighlightReport.objects.create(period=period, workstream=workstream, workstream_name="S/E")
    HighlightRow.objects.create(
        report=report,
        number="1.1",
        title="Priority",
        actions_progressed=f"{MARK} highlight",
        impact=f"{MARK} hi",
    )
    risk = Risk.objects.create(
        plan=plan,
        reference="R1",
        sort_key="R1",
        title=f"{MARK} risk title",
        cause=f"{MARK} cause",
        event=f"{MARK} event",
        effect=f"{MARK} effect",
        owner=person,
    )
    mitigation = Mitigation.objects.create(risk=risk, action=f"{MARK} mitigation", owner=person)
    MitigationNote.objects.create(mitigation=mitigation, dated=datetime.date(2021, 3, 1), text=f"{MARK} note")
    evidence = EvidenceFactory(
        area=area, title=f"{MARK} evidence title", file_name=f"{MARK}-file.txt", content=b"SECRET file"
    )
    EntryFactory(area=area, reference="YS9", said=f"{MARK} draft entry", is_published=False)
    world["entry"].evidence.add(evidence)
    world["entry"].measures.add(hidden)
    # Everything of another area, published there too.
    other_plan = PlanFactory(area=other_area, reference="OTHER", title=f"{MARK} other plan")
    ItemFactory(plan=other_plan, number="1", text=f"{MARK} other item")
    other_measure = MeasureFactory(area=other_area, code="E1", name=f"{MARK} other measure", is_public=True)
    add_figures(other_measure, {"2023": "99"})
    EntryFactory(area=other_area, reference="YS1", said=f"{MARK} other entry", is_published=True)
    services.publication_create(area=other_area, by=None)


def _public_responses(client, number):
    slug = {"area": "stockport"}
    names = ["public:home", "public:scorecard", "public:voice", "public:publications", "public:feed"]
    names.append("public:measures-csv")
    urls = [reverse(name, kwargs=slug) for name in names]
    for name in ("public:publication", "public:publication-scorecard", "public:publication-voice"):
        urls.append(reverse(name, kwargs={**slug, "number": number}))
    urls.append(reverse("public:chart", kwargs={**slug, "number": number, "code": "E1"}))
    urls.append(reverse("public:colours", kwargs={**slug, "number": number}))
    return {url: client.get(url) for url in urls}


@pytest.fixture
def leaky(public_world, area, other_area, workstream, viewer, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    _secrets(area, other_area, public_world, workstream, viewer)
    return public_world


def test_nothing_unpublished_internal_personal_or_of_another_area_reaches_a_public_page(client, leaky, area):
    services.publication_create(area=area, by=leaky["pm"], note="March 2021 progress")
    responses = _public_responses(client, 1)
    for url, response in responses.items():
        assert response.status_code == 200, url
        body = response.content.decode()
        assert MARK.lower() not in body.lower(), f"{url} shows something secret"
        for private in ("QXZ", "@example.org", "pm@example.org", "Fenbridge", "H1:"):
            assert private not in body, f"{url} shows {private}"
    # What was published is there.
    assert (
        "Leaders are working together."
        in responses[reverse("public:home", kwargs={"area": "stockport"})].content.decode()
    )


def test_the_publish_preview_shows_no_more_than_the_public_pages(client, leaky, area):
    client.force_login(leaky["pm"])
    page = client.get(reverse("publishing:preview", kwargs={"area": "stockport"})).content.decode()
    main = page.split('id="main-content"', 1)[1]
    assert MARK.lower() not in main.lower()
    assert "Annual reviews take too long." in main


def test_editing_after_publication_never_changes_the_publication(client, leaky, area):
    services.publication_create(area=area, by=leaky["pm"])
    before = {url: r.content for url, r in _public_responses(client, 1).items()}
    top, entry, measure = leaky["top"], leaky["entry"], leaky["measure"]
    top.text = f"{MARK} edited item"
    top.save()
    summary = top.public_summary
    services.summary_update(
        item=top, summary=f"{MARK} new summary", easy_read="", expected_version=summary.version
    )
    entry.said, entry.is_published = f"{MARK} edited entry", True
    entry.save()
    measure.name = f"{MARK} edited measure"
    measure.save()
    add_figures(measure, {"2025": "77"})
    after = {url: r.content for url, r in _public_responses(client, 1).items()}
    assert after == before
