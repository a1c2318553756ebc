"""Who owned each item is kept as the board was told it: reporting a period keeps each item's owners'
initials, later changes to the owners never change them, and periods reported before owners were kept
get today's owners, best effort (progress/migrations/0007_backfill_reported_owners.py)."""

import datetime
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from plans.models import ItemOwner
from plans.services.items import ItemContent, item_update
from progress import services
from progress.models import ReportedRating, ReportingPeriod
from tests.areas.factories import PersonFactory


def _report(period: ReportingPeriod) -> None:
    period.state = ReportingPeriod.State.CONFIRMED
    period.save(update_fields=["state"])
    services.period_move(period=period, to_state=ReportingPeriod.State.REPORTED, expected_version=1)


def _owners_as_reported(period: ReportingPeriod) -> dict[str, str]:
    return dict(ReportedRating.objects.filter(period=period).values_list("number", "owners"))


@pytest.mark.django_db
def test_reporting_keeps_each_items_owners_in_their_order_and_blank_without_owners(
    area, period, tree, lead_person, owner_person
):
    # SM first, then CL: the order the plan gives them, not alphabetical.
    ItemOwner.objects.create(item=tree["mine"], person=lead_person, position=1)

    _report(period)

    kept = _owners_as_reported(period)
    assert kept["1.1.1.1"] == "SM, CL"
    assert kept["1.1.1.2"] == ""
    assert kept["1"] == ""


@pytest.mark.django_db
def test_changing_an_items_owners_after_reporting_leaves_the_reported_owners_and_page_unchanged(
    client, programme_manager, area, period, tree, owner_person
):
    _report(period)
    mine = tree["mine"]
    mine.refresh_from_db()
    newcomer = PersonFactory(area=area, initials="ZQ")
    item_update(
        item=mine,
        content=ItemContent(text=mine.text, owners=[newcomer], workstreams=list(mine.workstreams.all())),
        expected_version=mine.version,
        by=programme_manager,
    )
    assert list(mine.ownerships.values_list("person__initials", flat=True)) == ["ZQ"]

    assert _owners_as_reported(period)["1.1.1.1"] == "SM"
    client.force_login(programme_manager)
    page = client.get(period.get_absolute_url()).content.decode()
    assert '<span class="app-cell-label">Owners</span>SM</td>' in page
    assert not re.search(r"\bZQ\b", page)  # as a word: a random token may hold the letters


BEFORE = [("progress", "0006_reported_owners"), ("plans", "0005_rollup_rule_and_overall_rating")]
AFTER = [("progress", "0007_backfill_reported_owners"), ("plans", "0005_rollup_rule_and_overall_rating")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_period_reported_before_owners_were_kept_gets_todays_owners_and_an_open_one_nothing():
    old = _migrate(BEFORE)
    area = old.get_model("areas", "LocalArea").objects.create(name="Stockport", slug="stockport")
    scheme = old.get_model("plans", "RagScheme").objects.create(area=area, name="Scheme")
    plan = old.get_model("plans", "Plan").objects.create(
        area=area, reference="WSOA", title="WSoA", rag_scheme=scheme, level_names=["Area", "Action"]
    )
    person = old.get_model("areas", "Person").objects
    kd, jg = person.create(area=area, initials="KD"), person.create(area=area, initials="JG")
    item = old.get_model("plans", "Item").objects
    top = item.create(plan=plan, number="1", sort_key="00000001", level=1, text="Joint commissioning")
    owned = item.create(plan=plan, number="1.1", sort_key="00000001.00000001", level=2, text="Owned")
    unowned = item.create(plan=plan, number="1.2", sort_key="00000001.00000002", level=2, text="Unowned")
    owner = old.get_model("plans", "ItemOwner").objects
    owner.create(item=owned, person=jg, position=0)
    owner.create(item=owned, person=kd, position=1)
    periods = old.get_model("progress", "ReportingPeriod").objects
    rating = old.get_model("progress", "ReportedRating").objects
    made = {}
    for month, state in ((2, "reported"), (3, "open")):
        period = periods.create(
            plan=plan,
            name=f"Month {month}",
            starts_on=datetime.date(2021, month, 1),
            ends_on=datetime.date(2021, month, 28),
            deadline=datetime.date(2021, month, 25),
            state=state,
        )
        for each in (top, owned, unowned):
            rating.create(period=period, item=each, number=each.number, text=each.text, level=each.level)
        made[state] = period.pk

    new = _migrate(AFTER)
    kept = new.get_model("progress", "ReportedRating").objects
    reported = dict(kept.filter(period_id=made["reported"]).values_list("number", "owners"))
    still_open = set(kept.filter(period_id=made["open"]).values_list("owners", flat=True))
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # the schema the other tests expect

    assert reported == {"1": "", "1.1": "JG, KD", "1.2": ""}
    assert still_open == {""}
