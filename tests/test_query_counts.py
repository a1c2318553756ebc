"""Every read page makes the same number of SQL queries for a plan five times larger (no N+1),
and for a plan with three times the reporting history; the scorecard's pages the same for three
times the measures, three times the months and three times the breakdowns."""

from dataclasses import replace
from datetime import date

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from areas.access import Role
from bench.generate import Size, build_area
from bench.pages import page_urls
from tests.areas.factories import MembershipFactory, UserFactory

SMALL = Size(
    tops=2,
    people=10,
    workstreams=4,
    periods=3,
    measures=4,
    measure_periods=6,
    breakdowns=1,
    risks=6,
    entries=20,
)
LARGE = Size(
    tops=10,
    people=50,
    workstreams=6,
    periods=3,
    measures=12,
    measure_periods=18,
    breakdowns=3,
    risks=30,
    entries=100,
)
LONGER = replace(SMALL, periods=9)
TODAY = date(2026, 11, 23)


def _query_counts(bench) -> dict[str, int]:
    client = Client()
    client.force_login(bench.user)
    counts = {}
    for name, url in page_urls(bench).items():
        client.get(url)  # the session's first use is not what is measured
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_plan(db):
    small = build_area(SMALL, slug="small", today=TODAY)
    large = build_area(LARGE, slug="large", today=TODAY)
    assert large.size.items == 5 * small.size.items

    assert _query_counts(small) == _query_counts(large)


def test_query_counts_do_not_grow_with_the_reporting_history(db):
    short = build_area(SMALL, slug="short", today=TODAY)
    longer = build_area(LONGER, slug="longer", today=TODAY)
    assert (short.plan.periods.count(), longer.plan.periods.count()) == (4, 10)  # and the open one

    assert _query_counts(short) == _query_counts(longer)


FEW_TO_CHALLENGE = Size(
    tops=1,
    actions=1,
    people=5,
    workstreams=1,
    periods=1,
    measures=1,
    measure_periods=2,
    breakdowns=1,
    risks=1,
    entries=1,
)
MANY_TO_CHALLENGE = replace(FEW_TO_CHALLENGE, tops=8, actions=5, people=40)


def _challenge_list(bench) -> tuple[int, int]:
    """(rows listed, queries) for the bench workstream's challenge in bulk."""
    client = Client()
    client.force_login(bench.user)
    url = page_urls(bench)["challenge_bulk"]
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().count('name="selected"'), len(queries)


def test_the_bulk_challenge_list_reads_as_many_queries_for_400_rows_as_for_10(db):
    few = build_area(FEW_TO_CHALLENGE, slug="few", today=TODAY)
    many = build_area(MANY_TO_CHALLENGE, slug="many", today=TODAY)
    (few_rows, few_queries), (many_rows, many_queries) = _challenge_list(few), _challenge_list(many)

    assert 10 <= few_rows < 20 and many_rows >= 400  # every milestone, and the key actions waiting
    assert few_queries == many_queries


def test_a_viewers_home_reads_the_programme_at_a_glance_in_as_many_queries_whatever_the_plan(db):
    """A board member's home: each live plan at a glance, from its latest two reported periods."""
    counts = []
    for size, slug in ((SMALL, "small"), (LARGE, "large")):
        bench = build_area(size, slug=slug, today=TODAY)
        viewer = UserFactory()
        MembershipFactory(user=viewer, area=bench.area, role=Role.VIEWER)
        client = Client()
        client.force_login(viewer)
        url = f"/areas/{slug}/"
        assert "at a glance" in client.get(url).content.decode()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _pack_page_counts(bench) -> tuple[dict[str, int], int]:
    """Queries per board pack page, as the programme manager and (home, the sent pack, read on the web)
    as a viewer, for a pack made from the whole of the bench's plan; and the length of the pack read on
    the web."""
    from bench.pack_pages import make_pack_pages

    urls = make_pack_pages(bench)
    viewer = UserFactory()
    MembershipFactory(user=viewer, area=bench.area, role=Role.VIEWER)
    counts = {}
    for who, user, names in (
        ("pm", bench.user, list(urls)),
        ("viewer", viewer, ["boardpacks_home", "boardpack", "boardpack_read"]),
    ):
        client = Client()
        client.force_login(user)
        for name in names:
            client.get(urls[name])
            with CaptureQueriesContext(connection) as queries:
                response = client.get(urls[name])
            assert response.status_code == 200, (who, name, response.status_code)
            counts[f"{who} {name}"] = len(queries)
    return counts, len(response.content)


def test_board_pack_pages_read_as_many_queries_for_a_pack_of_a_plan_five_times_larger(db, settings, tmp_path):
    """The pack pages read the pack's stored content, never the plan again item by item."""
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    small = build_area(SMALL, slug="small", today=TODAY)
    large = build_area(LARGE, slug="large", today=TODAY)

    (small_counts, small_page), (large_counts, large_page) = (
        _pack_page_counts(small),
        _pack_page_counts(large),
    )

    assert large_page > 2 * small_page  # the large plan's pack shows far more
    assert small_counts == large_counts
