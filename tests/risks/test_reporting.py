"""The risk register in the monthly cycle: red risks need a mitigation update before a period is
reported, the risks are kept as reported, the period page lists the risks due for review, and
movement is read from what the reported periods kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from progress import services as progress_services
from progress.models import ReportedRating, ReportingPeriod
from risks import rules
from risks.models import ReportedRisk
from risks.selectors.movement import movement_between_reported, movement_since_reported
from risks.services.bands import bands_of
from risks.services.reporting import reported_risks_freeze
from risks.templatetags.risk_tags import board_band
from tests.areas.factories import PersonFactory
from tests.progress.factories import ReportingPeriodFactory
from tests.risks.factories import MitigationFactory, MitigationNoteFactory, RiskFactory

State = ReportingPeriod.State
MARCH_START = datetime.date(2021, 3, 1)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def red_risk(plan, reference="R1", **kwargs):
    """A risk scored 4 x 4 = 16: red by the default bands (red from 15)."""
    return RiskFactory(plan=plan, reference=reference, likelihood=4, impact=4, **kwargs)


def report(period):
    return progress_services.period_move(
        period=period, to_state=State.REPORTED, expected_version=period.version
    )


@pytest.fixture
def period(plan):
    return ReportingPeriodFactory(plan=plan, state=State.CONFIRMED)


# The reporting rule, through the real period_move service


def test_reporting_is_refused_with_the_rules_words_while_a_red_risk_has_no_update(area, plan, period):
    risk = red_risk(plan, "R3")
    MitigationNoteFactory(mitigation=MitigationFactory(risk=risk), dated=datetime.date(2021, 2, 27))

    with pytest.raises(ValidationError) as refused:
        report(period)

    assert refused.value.messages == [rules.red_risks_problem(["R3"])]
    assert "Red risk R3 has no mitigation update in this period" in refused.value.messages[0]
    period.refresh_from_db()
    assert period.state == State.CONFIRMED
    assert not ReportedRating.objects.exists() and not ReportedRisk.objects.exists()


def test_a_note_dated_in_the_period_lets_the_period_be_reported(area, plan, period):
    risk = red_risk(plan)
    MitigationNoteFactory(mitigation=MitigationFactory(risk=risk), dated=MARCH_START)

    report(period)

    period.refresh_from_db()
    assert period.is_reported


def test_amber_and_closed_risks_never_block_reporting(area, plan, period):
    RiskFactory(plan=plan, reference="R1", likelihood=3, impact=4)  # 12: amber
    red_risk(plan, "R2", status="closed", closed_reason="No longer a risk")

    report(period)

    period.refresh_from_db()
    assert period.is_reported


def test_an_areas_own_bands_decide_what_is_red(area, plan, period):
    bands = bands_of(area=area)
    bands.red_from = 10
    bands.save()
    RiskFactory(plan=plan, reference="R1", likelihood=3, impact=4)  # 12: red from 10

    with pytest.raises(ValidationError) as refused:
        report(period)

    assert "Red risk R1" in refused.value.messages[0]


def test_the_report_confirmation_page_says_which_red_risks_need_an_update(
    programme_manager, area, period, plan
):
    red_risk(plan, "R2")
    red_risk(plan, "R5")
    page = (
        client_for(programme_manager)
        .get(f"/areas/{area.slug}/periods/{period.pk}/move/reported/")
        .content.decode()
    )

    assert "Red risks R2, R5 have no mitigation update in this period." in page


# Kept as reported


def test_reporting_keeps_each_risk_with_its_score_band_owner_and_mitigations(area, plan, period):
    owner = PersonFactory(area=area, initials="JN")
    risk = red_risk(plan, owner=owner)
    action = MitigationFactory(risk=risk, action="Weekly calls with parent carer reps", owner=owner)
    MitigationNoteFactory(mitigation=action, dated=datetime.date(2021, 3, 2), text="Older note")
    MitigationNoteFactory(mitigation=action, dated=datetime.date(2021, 3, 20), text="Calls well attended")
    RiskFactory(plan=plan, reference="R2", likelihood=1, impact=2)
    closed_before = RiskFactory(plan=plan, reference="R3", status="closed", closed_reason="Gone")
    closed_before.closed_at = timezone.make_aware(datetime.datetime(2021, 1, 5))
    closed_before.save()

    report(period)

    kept = {row.reference: row for row in ReportedRisk.objects.filter(period=period)}
    assert set(kept) == {"R1", "R2"}
    assert (kept["R1"].score, kept["R1"].band_value, kept["R1"].owner) == (16, rules.Band.RED, "JN")
    assert "Weekly calls with parent carer reps (JN). Latest (20/03/2021): Calls well attended" in (
        kept["R1"].mitigation_summary
    )
    assert kept["R2"].band_value is rules.Band.GREEN


def test_what_was_kept_does_not_change_when_the_risk_changes(area, plan, period):
    risk = red_risk(plan)
    MitigationNoteFactory(mitigation=MitigationFactory(risk=risk), dated=MARCH_START)
    report(period)
    risk.likelihood = 1
    risk.save()

    assert ReportedRisk.objects.get(period=period).score == 16
    with pytest.raises(ValidationError):
        reported_risks_freeze(period=period)


# Movement


def test_movement_since_the_last_reported_period_compares_bands_as_kept(area, plan, period):
    rising = RiskFactory(plan=plan, reference="R1", likelihood=2, impact=4)  # 8 amber
    falling = red_risk(plan, "R2")
    steady = RiskFactory(plan=plan, reference="R3", likelihood=1, impact=1)
    MitigationNoteFactory(mitigation=MitigationFactory(risk=falling), dated=MARCH_START)
    report(period)
    rising.likelihood = 5  # 20 red
    rising.save()
    falling.likelihood = 1  # 4 green
    falling.save()

    since, moves = movement_since_reported(
        plan=plan, risks=[rising, falling, steady], bands=bands_of(area=area)
    )

    assert since == period
    assert moves[rising.pk].words == "Rose a band"
    assert moves[falling.pk].words == "Fell 2 bands"
    assert moves[steady.pk].moved == 0


def test_movement_between_a_reported_period_and_the_one_before(area, plan):
    february = ReportingPeriodFactory(
        plan=plan,
        name="February 2021",
        starts_on=datetime.date(2021, 2, 1),
        ends_on=datetime.date(2021, 2, 28),
        state=State.CONFIRMED,
    )
    risk = RiskFactory(plan=plan, reference="R1", likelihood=2, impact=4)
    report(february)
    risk.likelihood = 4
    risk.save()
    MitigationNoteFactory(mitigation=MitigationFactory(risk=risk), dated=MARCH_START)
    march = ReportingPeriodFactory(plan=plan, state=State.CONFIRMED)
    report(march)

    previous, moves = movement_between_reported(period=march)

    assert previous == february
    assert [(m.reference, m.before, m.now, m.words) for m in moves] == [
        ("R1", rules.Band.AMBER, rules.Band.RED, "Rose a band")
    ]
    assert movement_between_reported(period=february) == (None, [])


# The period page


def test_the_period_page_lists_risks_due_for_review_and_flags_red_ones_blocking(
    programme_manager, plan, period
):
    red_risk(plan, "R1", review_on=datetime.date(2021, 3, 15))
    updated = red_risk(plan, "R2")
    MitigationNoteFactory(mitigation=MitigationFactory(risk=updated), dated=datetime.date(2021, 3, 9))
    RiskFactory(plan=plan, reference="R3", review_on=datetime.date(2021, 6, 1))  # not due yet
    red_risk(plan, "R4", review_on=datetime.date(2021, 6, 1))

    page = client_for(programme_manager).get(period.get_absolute_url()).content.decode()

    assert "Risks due for review" in page
    section = page.split('id="risks-due"')[1]
    assert "R1" in section and "R2" in section and ">R3<" not in section and ">R4<" not in section
    assert section.count("Blocks reporting: red with no mitigation update") == 1
    warning = page.split('id="risks-blocking"')[1].split("</div>")[0]
    assert "Red risks need a progress note" in warning and "R1" in warning and "R2" not in warning
    assert ">R4<span" in warning  # red, not due for review, still holds the period back
    assert "15/03/2021" in section
    assert "update in this period</span>Yes</td>" in section and "Red</strong>" in section


@pytest.mark.parametrize("band", [*rules.Band, None])
def test_the_period_pages_risk_rows_show_a_band_as_the_other_risk_pages_do(band):
    assert board_band(band) == render_to_string("risks/includes/board_band.html", {"band": band}).strip()


def test_a_reported_periods_page_shows_the_risks_as_reported(programme_manager, plan, period):
    risk = red_risk(plan, "R1", title="Impact of Covid")
    MitigationNoteFactory(mitigation=MitigationFactory(risk=risk), dated=MARCH_START)
    report(period)
    risk.title = "Renamed later"
    risk.save()

    page = client_for(programme_manager).get(period.get_absolute_url()).content.decode()

    assert "Risks as reported" in page and "Impact of Covid" in page
    assert "Renamed later" not in page
