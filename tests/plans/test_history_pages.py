"""The plan's and an item's history: 50 changes a page, with GOV.UK pagination, in the same number of
queries however long the history grows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from common.pages import page_of
from history.models import Change

pytestmark = pytest.mark.django_db


def _changes(item, count: int, by) -> None:
    start = timezone.now() - timedelta(days=count)
    Change.objects.bulk_create(
        Change(
            area=item.plan.area,
            plan=item.plan,
            item=item,
            subject=f"Milestone {item.number}",
            action=Change.Action.CHANGED,
            changes={"Text": [f"Text {n}", f"Text {n + 1}"]},
            by=by,
            at=start + timedelta(days=n),
        )
        for n in range(count)
    )


def _urls(item):
    return {
        "plan history": reverse("plans:plan-history", kwargs={"area": "stockport", "pk": item.plan.pk}),
        "item": reverse("plans:item", kwargs={"area": "stockport", "pk": item.pk}),
    }


@pytest.mark.parametrize("page", ["plan history", "item"])
def test_history_shows_fifty_changes_a_page_newest_first(client, tree, programme_manager, page):
    mine = tree["mine"]
    _changes(mine, 120, programme_manager)
    client.force_login(programme_manager)
    url = _urls(mine)[page]
    first = client.get(url).content.decode()
    assert first.count("govuk-summary-card__title-wrapper") == 50
    assert "Page 1 of 3" in first
    assert "Text 120" in first and "Text 69<" not in first
    assert 'rel="next"' in first
    last = client.get(url, {"page": 3}).content.decode()
    assert last.count("govuk-summary-card__title-wrapper") == 20
    assert "Page 3 of 3" in last
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_history_pages_take_the_same_queries_however_long_the_history(client, tree, programme_manager):
    mine, theirs = tree["mine"], tree["theirs"]
    _changes(mine, 60, programme_manager)
    _changes(theirs, 600, programme_manager)
    client.force_login(programme_manager)
    counts = {}
    for item in (mine, theirs):
        for name, url in _urls(item).items():
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts[(name, item.pk)] = len(queries)
    assert counts[("item", mine.pk)] == counts[("item", theirs.pk)]
    # The plan's history pages through both items' changes: the first page is the same either way.
    assert counts[("plan history", mine.pk)] == counts[("plan history", theirs.pk)]


def test_a_history_on_one_page_is_read_without_counting_it(
    tree, programme_manager, django_assert_num_queries
):
    """The first page of a history that holds all of it is one query: its rows, not a count as well."""
    mine = tree["mine"]
    _changes(mine, 3, programme_manager)
    with django_assert_num_queries(1):
        page = page_of(Change.objects.filter(item=mine).order_by("-at"), 50, None)
        assert [change.changes["Text"][1] for change in page] == ["Text 3", "Text 2", "Text 1"]
        assert not page.has_other_pages() and page.paginator.num_pages == 1
