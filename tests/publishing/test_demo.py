"""The demo's first publication of Stockport's public pages, made by load_demo through the service."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from publishing.models import ItemSummary, Publication


@pytest.mark.django_db
def test_load_demo_publishes_stockports_progress_and_scorecard_once(client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "http://127.0.0.1:8000/public/stockport/" in out.getvalue()
    publication = Publication.objects.get(area__slug="stockport")
    assert publication.number == 1 and publication.note
    assert len(publication.content["items"]) == 5
    assert publication.content["scorecard"]["measures"]
    assert ItemSummary.objects.filter(item__plan__area__slug="stockport").exclude(easy_read="").count() == 2
    page = client.get(reverse("public:home", kwargs={"area": "stockport"})).content.decode()
    assert "The council and the NHS work together." in page  # an easy read beside its summary
    scorecard = client.get(reverse("public:scorecard", kwargs={"area": "stockport"}))
    assert scorecard.status_code == 200
    call_command("load_demo", stdout=StringIO())
    assert Publication.objects.filter(area__slug="stockport").count() == 1
    assert not Publication.objects.filter(area__slug="fenbridge").exists()
