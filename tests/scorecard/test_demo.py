"""The scorecard demo: Stockport's I statements, its 13 Appendix 1 measures, and its real 20-week EHC plan
timeliness with England and North West figures, read from the DfE file through the importer."""

import csv
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from areas.models import LocalArea
from demo.scorecard import DATA_DIR, DFE_FILE
from progress.models import ReportingPeriod
from scorecard.models import Figure, Measure, Outcome, ReportedAssessment, Series
from scorecard.selectors import area_scorecard
from scorecard.selectors.reported import reported_summary


def _load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _client_for(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def _figure(code: str, series: str, period: str, breakdown: str = "All") -> Decimal | None:
    return Figure.objects.get(
        breakdown__measure__code=code, breakdown__name=breakdown, series=series, period=period
    ).value


def test_the_demo_file_is_the_dfe_file_cut_to_all_ehc_plans_issued_line_for_line():
    data = (DATA_DIR / DFE_FILE).read_bytes()
    assert data.startswith(b"\xef\xbb\xbftime_period,") and b"\r\n" in data
    with (DATA_DIR / DFE_FILE).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["breakdown_topic"] for row in rows} == {"All EHC plans issued"}
    assert len(rows) == 970


@pytest.mark.django_db
def test_load_demo_gives_stockport_its_scorecard_once():
    output = _load_demo()
    stockport = LocalArea.objects.get(slug="stockport")

    assert "Stockport: scorecard loaded: 7 I statements, 14 measures" in output
    assert list(Outcome.objects.filter(area=stockport).values_list("code", flat=True)) == [
        f"I{n}" for n in range(1, 8)
    ]
    attendance = Measure.objects.get(area=stockport, code="IM8")
    assert [(b.name, b.baseline, b.baseline_period) for b in attendance.breakdowns.all()] == [
        ("Primary", Decimal("93.1"), "2017/18"),
        ("Secondary", Decimal("89.2"), "2017/18"),
    ]
    assert [
        (t.value, f"{t.due_on:%d/%m/%Y}") for t in attendance.breakdowns.get(name="Secondary").targets.all()
    ] == [(Decimal("91.0"), "31/07/2020")]
    # The real published figures, read from the DfE file through the importer
    assert (_figure("EHC1", Series.AREA, "2019"), _figure("EHC1", Series.AREA, "2024")) == (
        Decimal("45.6"),
        Decimal("7.8"),
    )
    assert (_figure("EHC1", Series.ENGLAND, "2019"), _figure("EHC1", Series.ENGLAND, "2024")) == (
        Decimal("60.4"),
        Decimal("46.4"),
    )
    assert (_figure("EHC1", Series.REGION, "2019"), _figure("EHC1", Series.REGION, "2024")) == (
        Decimal("60.1"),
        Decimal("50.5"),
    )
    card = area_scorecard(area=stockport)
    timeliness = next(line for line in card.lines if line.measure.code == "EHC1")
    assert timeliness.assessment.reason == (
        "No target: 7.8% is worse than England (46.4%) and worse than North West (50.5%)"
    )
    # Stockport's own rule (issue 9): a near miss is green, so no measure with a target is amber.
    assert card.summary.sentence().startswith(
        "10 measures with data: 5 green (all with no earlier figure), 5 red (1 declining, 4 with no earlier "
        "figure), 0 amber"
    )
    im7 = next(line for line in card.lines if line.measure.code == "IM7")
    assert im7.assessment.reason == (
        "Target 94.6% very nearly met: 94.3%, 0.3 percentage points below it, "
        "within the tolerance of 0.5 percentage points"
    )
    april = ReportingPeriod.objects.get(plan__area=stockport, name="April 2021")
    assert timeliness.measure.commentaries.get(period=april).text.startswith("The new case management system")

    again = _load_demo()
    assert "Stockport: scorecard kept as it is: it has measures" in again
    # EHC1 for six years in three series, and the 13 baselines that give their period: nothing added
    assert Figure.objects.filter(breakdown__measure__area=stockport).count() == 18 + 13


@pytest.mark.django_db
def test_the_demos_reported_periods_have_their_scorecard_as_it_stood_then():
    """January to March 2021 were reported before the scorecard was loaded: each is given the scorecard it
    would have had, with no figure from after the period ended."""
    output = _load_demo()
    stockport = LocalArea.objects.get(slug="stockport")
    march = ReportingPeriod.objects.get(plan__area=stockport, name="March 2021")
    rows = list(ReportedAssessment.objects.filter(period=march))

    assert "the scorecard as reported kept for 3 reported periods" in output
    assert len({row.measure_id for row in rows}) == Measure.objects.filter(area=stockport).count() == 14
    for row in rows:
        seen = [row.figure_ends_on]
        seen += [date.fromisoformat(point["ends_on"]) for point in [*row.points, *row.comparators]]
        seen += [date.fromisoformat(point["ends_on"]) for point in (row.previous, row.unavailable) if point]
        assert all(day <= march.ends_on for day in seen if day is not None), row
    timeliness = next(row for row in rows if row.measure_code == "EHC1")
    assert timeliness.figure_period == "2020"
    assert timeliness.figure_value == _figure("EHC1", Series.AREA, "2020")
    assert "2024" not in timeliness.reason and "7.8%" not in timeliness.reason

    page = _client_for("viewer@stockport.example").get(
        reverse("scorecard:reported", kwargs={"area": "stockport", "period_pk": march.pk})
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Scorecard as reported for March 2021" in html
    assert reported_summary(period=march).sentence() in html
    assert '<span class="govuk-hint">2020</span>' in html  # the latest EHC1 figure known then
    for year in ("2021", "2022", "2023", "2024"):
        assert f'<span class="govuk-hint">{year}</span>' not in html, year
