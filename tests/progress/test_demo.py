"""The monthly-cycle demo: Stockport's reporting from January to April 2021, loaded by `load_demo`."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command

from areas.models import Membership
from demo.progress import DATA_DIR, DEMO_NOW, HIGHLIGHT_COLUMNS, MONTHS, PLAN_IMPORTED, read_csv
from evidence.models import Evidence
from history.models import Change
from plans.models import Item, Plan
from progress.models import HighlightReport, HighlightRow, ReportedRating, ReportingPeriod, Update
from progress.outstanding import missing_updates
from tests.progress.test_dates import _overdue_numbers

PLAN_ITEMS = DATA_DIR.parent / "stockport-wsoa-2019" / "items.csv"


def _load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_highlights_csv_has_one_row_per_priority_of_the_plan():
    """Every priority (second-level item) of the plan has exactly one highlight row, and no other."""
    with PLAN_ITEMS.open(encoding="utf-8", newline="") as file:
        priorities = [row["Number"] for row in csv.DictReader(file) if row["Number"].count(".") == 1]
    rows = read_csv("highlights.csv")
    numbers = [row["Priority"] for row in rows]

    assert sorted(numbers) == sorted(priorities)
    assert len(numbers) == len(set(numbers))
    for row in rows:
        assert row["Actions progressed"].strip(), f"{row['Priority']} has no actions progressed"
        assert "<" not in "".join(row[c] for c in HIGHLIGHT_COLUMNS), f"{row['Priority']} keeps HTML"


@pytest.mark.django_db
def test_load_demo_reports_three_months_and_leaves_april_open_once():
    """load_demo reports January to March 2021, leaves April open, and adds nothing when run again."""
    output = _load_demo()
    plan = Plan.objects.get(area__slug="stockport", reference="WSOA-2019")
    periods = {p.name: p for p in plan.periods.all()}

    assert "monthly cycle demo loaded" in output
    assert list(periods) == [m.name for m in reversed(MONTHS)]
    for name in ("January 2021", "February 2021", "March 2021"):
        assert periods[name].state == ReportingPeriod.State.REPORTED, name
        assert periods[name].reported_at.year == 2021
        assert not Update.objects.filter(period=periods[name], confirmed_at__isnull=True).exists()

    # March's highlight reports carry the seed's text, each priority in one workstream's report.
    march = periods["March 2021"]
    rows = HighlightRow.objects.filter(report__period=march)
    assert march.highlight_reports.count() == plan.area.workstreams.count()
    assert rows.filter(
        number="1.2", actions_progressed__contains="Joint Commissioning Plan 2020-2023 launched"
    )
    filled = {row["Priority"]: row["Actions progressed"] for row in read_csv("highlights.csv")}
    for number, text in filled.items():
        assert rows.filter(number=number, actions_progressed=text).count() == 1, number

    # Key action 4.3's milestones went red in March, each with a mitigation.
    red = Update.objects.filter(period=march, item__number__startswith="4.3.", item__level=4)
    assert red.count() == Item.objects.filter(plan=plan, number__startswith="4.3.", level=4).count() > 0
    for update in red:
        assert update.confirmed_status.label == "Action to be started", update.item.number
        assert update.mitigation.strip(), update.item.number
    assert (
        ReportedRating.objects.filter(
            period=march, number__startswith="4.3.", level=4, status_label="Action to be started"
        ).count()
        == red.count()
    )

    # Blue needs evidence of impact; some ratings were changed in challenge; a due date slipped.
    embedded = Update.objects.filter(period__plan=plan, confirmed_status__label="Completed and embedded")
    assert embedded.exists()
    for update in embedded:
        assert any(e.shows_impact for e in update.evidence.all()), update
    changed = [u for u in Update.objects.filter(period__plan=plan) if u.was_changed_in_challenge]
    assert changed and all(u.challenge_reason for u in changed)
    assert Item.objects.filter(plan=plan, slip_count__gt=0).exists()

    # April is open, some updates written, some missing, none reported.
    april = periods["April 2021"]
    outstanding = missing_updates(april, today=april.deadline)
    assert april.state == ReportingPeriod.State.OPEN
    assert april.deadline.isoformat() == "2021-04-23"
    assert 0 < outstanding.missing < outstanding.expected
    assert outstanding.submitted >= outstanding.expected // 2
    assert not april.ratings.exists()

    updates = Update.objects.filter(period__plan=plan).count()
    statuses = dict(Item.objects.filter(plan=plan).values_list("number", "status__label"))
    again = _load_demo()

    assert "already loaded" in again
    assert plan.periods.count() == len(MONTHS)
    assert Update.objects.filter(period__plan=plan).count() == updates
    assert dict(Item.objects.filter(plan=plan).values_list("number", "status__label")) == statuses


@pytest.mark.django_db
def test_the_demo_carries_the_dates_things_had_in_2021(client):
    """History, updates, highlight reports and evidence are dated in 2021, none after the demo's day (the
    day before April 2021's updates are due); a reported period's page flags only what was overdue at its
    end, and so does April's (open, but ended)."""
    _load_demo()
    plan = Plan.objects.get(area__slug="stockport", reference="WSOA-2019")
    changes = Change.objects.filter(area=plan.area)
    assert changes.exists()
    assert not changes.filter(at__gt=DEMO_NOW).exists()
    assert not changes.filter(at__lt=PLAN_IMPORTED).exists()
    assert not Update.objects.filter(period__plan=plan, submitted_at__gt=DEMO_NOW).exists()
    assert not Update.objects.filter(period__plan=plan, confirmed_at__gt=DEMO_NOW).exists()
    assert not HighlightReport.objects.filter(period__plan=plan, updated_at__gt=DEMO_NOW).exists()
    assert not Evidence.objects.filter(area=plan.area, added_at__gt=DEMO_NOW).exists()
    # An update's history is dated when it was written, in the week before its period's deadline.
    march = plan.periods.get(name="March 2021")
    update = Update.objects.filter(period=march).first()
    written = changes.filter(item=update.item, at__date__gte=march.starts_on, at__date__lte=march.ends_on)
    assert written.exists()

    viewer = Membership.objects.get(area=plan.area, role=Membership.Role.VIEWER).user
    client.force_login(viewer)
    for period in plan.periods.all():
        html = client.get(period.get_absolute_url()).content.decode()
        flagged = _overdue_numbers(html)
        due = dict(Item.objects.filter(plan=plan, number__in=flagged).values_list("number", "due_date"))
        for number in flagged:
            assert (
                due[number] < period.ends_on
                or ReportedRating.objects.get(period=period, number=number).due_date < period.ends_on
            ), (period, number)
    march_page = client.get(march.get_absolute_url()).content.decode()
    assert "Reported" in march_page and "08/04/2021" in march_page
