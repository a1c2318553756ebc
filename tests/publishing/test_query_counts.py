"""The public pages read one publication row (and the list of publications for the list and feed):
the number of queries does not grow with the plan, the scorecard or "You said, we did"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from publishing import services
from publishing.selectors import public_content
from tests.plans.factories import ItemFactory
from tests.scorecard.factories import MeasureFactory, add_figures
from tests.voice.factories import EntryFactory

URLS = [
    ("public:home", {}),
    ("public:scorecard", {}),
    ("public:voice", {}),
    ("public:publications", {}),
    ("public:feed", {}),
    ("public:measures-csv", {}),
    ("public:publication", {"number": 1}),
    ("public:chart", {"number": 1, "code": "E1"}),
]


def _grow(area, plan, start, count):
    for n in range(start, start + count):
        ItemFactory(plan=plan, number=str(n), text=f"Item {n}")
        ItemFactory(plan=plan, number=f"{n}.1", text=f"Action {n}")
        measure = MeasureFactory(area=area, code=f"M{n}", is_public=True)
        add_figures(measure, {"2022": "10", "2023": "20"})
        EntryFactory(area=area, reference=f"YS{n}", is_published=True)


def _counts(client, publication):
    counts = {}
    for name, kwargs in URLS:
        url = reverse(name, kwargs={"area": "stockport", **kwargs})
        client.get(url)  # a publication is parsed once per process: its first read is not what is measured
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


@pytest.mark.django_db
def test_public_pages_make_the_same_number_of_queries_however_big_the_publication(
    client, published, area, plan
):
    """Grown from a few things to dozens, each public page still reads only the publication."""
    _grow(area, plan, 10, 2)
    services.publication_create(area=area, by=None)
    small = _counts(client, 2)
    _grow(area, plan, 20, 25)
    services.publication_create(area=area, by=None)
    services.publication_create(area=area, by=None)
    assert _counts(client, 3) == small
    assert max(small.values()) <= 2


def test_building_the_public_content_takes_a_fixed_number_of_queries(published, area, plan):
    _grow(area, plan, 10, 2)
    with CaptureQueriesContext(connection) as few:
        public_content(area=area)
    _grow(area, plan, 20, 20)
    with CaptureQueriesContext(connection) as many:
        content = public_content(area=area)
    assert len(many) == len(few)
    assert len(content["items"]) == 23 and len(content["voice"]) == 23
