"""The public pages read only a publication: versions, caching, the feed, the CSV, no third party."""

import csv
import io
import re

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from django.utils.http import http_date

from plans.models import Item
from publishing import services
from tests.voice.factories import EntryFactory

AREA = "stockport"
ATOM = "{http://www.w3.org/2005/Atom}"


def _get(client, name, **kwargs):
    return client.get(reverse(name, kwargs={"area": AREA, **kwargs}))


PAGES = [
    ("public:home", {}),
    ("public:scorecard", {}),
    ("public:voice", {}),
    ("public:publications", {}),
    ("public:publication", {"number": 1}),
    ("public:publication-scorecard", {"number": 1}),
    ("public:publication-voice", {"number": 1}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_each_public_page_opens_without_signing_in_and_says_when_it_was_published(
    client, published, name, kwargs
):
    response = _get(client, name, **kwargs)
    assert response.status_code == 200
    assert b"Published " in response.content
    assert b"Stockport" in response.content


def test_the_progress_page_shows_each_items_summaries_counts_and_easy_read(client, published):
    page = _get(client, "public:home").content.decode()
    assert "1. Joint commissioning" in page
    assert "Leaders are working together." in page
    assert "Easy read" in page and "Leaders work together." in page
    assert "Of 2 actions, 1 is \u201cCompleted\u201d and 1 \u201cNot rated yet\u201d" in page


def test_the_scorecard_page_shows_the_rating_in_words_with_the_figure_target_and_chart(client, published):
    page = _get(client, "public:scorecard").content.decode()
    assert "E1: Plans issued within 20 weeks" in page
    assert (
        "Latest figure: <strong>55.0%</strong> (2023)" in page
        or "Latest figure: <strong>55%</strong> (2023)" in page
    )
    assert "Target: <strong>60" in page
    assert "How measures are rated" in page
    assert reverse("public:chart", kwargs={"area": AREA, "number": 1, "code": "E1"}) in page
    assert "41.5%" in page  # the chart's data table beside it


def test_the_chart_is_an_svg_drawn_from_the_publication(client, published):
    response = _get(client, "public:chart", number=1, code="E1")
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith("<svg") and "E1: Plans issued within 20 weeks" in svg
    assert _get(client, "public:chart", number=1, code="NOPE").status_code == 404


def test_the_voice_page_shows_the_published_entry(client, published):
    page = _get(client, "public:voice").content.decode()
    assert "Annual reviews take too long." in page
    assert "We added two caseworkers." in page
    assert "Parent carer forum" in page and "1 February 2021" in page


def test_an_unknown_area_or_one_with_nothing_published_gets_a_clear_not_found_page(client, area):
    for slug in ("stockport", "nowhere"):
        response = client.get(reverse("public:home", kwargs={"area": slug}))
        assert response.status_code == 404
        assert b"There is no published update at this address" in response.content
    assert client.get(reverse("public:feed", kwargs={"area": "stockport"})).status_code == 404


def test_each_publication_is_numbered_and_earlier_ones_stay_at_their_own_address(client, published, area):
    first = _get(client, "public:publication", number=1).content
    item = published["top"]
    Item.objects.filter(pk=item.pk).update(text="Working together with families")
    second = services.publication_create(area=area, by=published["pm"], note="April")
    assert second.number == 2
    assert b"Working together with families" in _get(client, "public:home").content
    assert _get(client, "public:publication", number=1).content == first
    assert b"Working together with families" not in first
    listing = _get(client, "public:publications").content.decode()
    assert "Update 1, published" in listing and "Update 2, published" in listing
    assert _get(client, "public:publication", number=3).status_code == 404


def test_what_changed_is_worked_out_against_the_previous_publication(client, published, area, statuses):
    theirs = published["theirs"]
    theirs.status = statuses[3]
    theirs.save()
    services.publication_create(area=area, by=published["pm"])
    page = _get(client, "public:home").content.decode()
    assert "Since our last update" in page
    assert "1 more action is \u201cCompleted\u201d" in page
    assert "1 fewer action is \u201cNot rated yet\u201d" in page


def test_a_browser_holding_the_publication_gets_304_by_etag_and_by_date(client, published):
    url = reverse("public:home", kwargs={"area": AREA})
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    later = http_date(published["publication"].published_at.timestamp() + 60)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=later).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_new_publication_changes_the_etag_of_the_latest_pages(client, published, area):
    url = reverse("public:home", kwargs={"area": AREA})
    etag = client.get(url)["ETag"]
    Item.objects.filter(pk=published["top"].pk).update(text="Changed")
    services.publication_create(area=area, by=published["pm"])
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_atom_feed_parses_and_has_one_entry_per_publication(client, published, area):
    services.publication_create(area=area, by=published["pm"], note="April progress")
    response = _get(client, "public:feed")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title") is not None and feed.find(f"{ATOM}updated") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}summary").text for e in entries] == ["April progress", "March 2021 progress"]
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("http://testserver/public/stockport/")
        assert entry.find(f"{ATOM}updated").text


def test_the_measures_csv_is_open_data_with_formula_like_text_escaped(client, published, area):
    measure = published["measure"]
    measure.name = '=HYPERLINK("http://evil")'
    measure.save()
    services.publication_create(area=area, by=published["pm"])
    response = _get(client, "public:measures-csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Code", "Measure", "Description"]
    assert rows[1][0] == "E1"
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert rows[1][4] == "55.0" or rows[1][4].startswith("55")


def test_every_address_in_the_public_html_is_on_this_site(client, published):
    """No third-party request: every src and href is a path on this site (or a fragment)."""
    for name, kwargs in PAGES:
        page = _get(client, name, **kwargs).content.decode()
        for address in re.findall(r'(?:src|href)="([^"]*)"', page):
            assert address.startswith(("/", "#")) and not address.startswith("//"), address


def test_the_public_pages_send_no_script(client, published):
    for name, kwargs in PAGES:
        assert b"<script" not in _get(client, name, **kwargs).content


def test_the_voice_page_shows_fifty_entries_a_page_so_an_area_with_hundreds_stays_light(
    client, public_world, area
):
    for n in range(2, 62):
        EntryFactory(area=area, reference=f"YS{n}", said=f"Entry number {n} said this.", is_published=True)
    services.publication_create(area=area, by=public_world["pm"])

    first = _get(client, "public:voice").content.decode()
    second = client.get(reverse("public:voice", kwargs={"area": AREA}) + "?page=2").content.decode()

    assert first.count('class="app-public-item"') == 50 and "Page 1 of 2" in first
    assert second.count('class="app-public-item"') == 11 and "Entry number 61 said this." in second
    assert 'rel="next"' in first and "Entry number 61 said this." not in first
