"""The "You said, we did" demo: Stockport's entries from its papers, linked to the demo's I statements,
items, measures and evidence, most published, loaded once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from history.models import Change
from voice.models import Entry


def _load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_gives_stockport_its_entries_linked_and_mostly_published_once():
    output = _load_demo()

    assert "Stockport: “You said, we did” loaded: 8 entries, 7 published" in output
    entries = {entry.reference: entry for entry in Entry.objects.filter(area__slug="stockport")}
    assert list(entries) == [f"YS{n}" for n in range(1, 9)]
    budgets, charter, reviews = entries["YS1"], entries["YS3"], entries["YS4"]
    assert "personal budget" in budgets.said
    assert [i.number for i in budgets.items.all()] == ["1.5", "1.5.3", "2.2.3"]
    assert {e.title for e in budgets.evidence.all()} == {
        "Personal Budget 'You said, we did'",
        "Personal budget easy read guides",
    }
    assert [o.code for o in charter.outcomes.all()] == ["I2"] and "Charter" in charter.did
    assert "annual reviews" in reviews.said.lower() and reviews.is_published
    assert [m.code for m in entries["YS7"].measures.all()] == ["EHC1"]
    assert not entries["YS2"].is_published
    assert Change.objects.filter(subject__startswith="You said, we did", at__year=2021).count() == 8

    assert "“You said, we did” kept as it is: it has entries" in _load_demo()
    assert Entry.objects.filter(area__slug="stockport").count() == 8


@pytest.mark.django_db
def test_the_demos_board_member_reads_the_entries_on_the_list_and_on_an_items_page():
    _load_demo()
    client = Client()
    client.force_login(User.objects.get(email="viewer@stockport.example"))
    item = Entry.objects.get(reference="YS1").items.get(number="1.5.3")

    listed = client.get(reverse("voice:list", kwargs={"area": "stockport"})).content.decode()
    item_page = client.get(
        reverse("plans:item", kwargs={"area": "stockport", "pk": item.pk})
    ).content.decode()

    assert "<strong>8</strong> entries recorded" in listed
    assert "You said, we did" in item_page and "YS1" in item_page
