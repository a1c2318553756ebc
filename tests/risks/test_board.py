"""The board's pages of a plan's risks: the heat map (count and references per cell, the band's word,
the assessment switch, movement) and "Red risks and their mitigations" (only open red risks)."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from plans.models import Plan
from progress import services as progress_services
from progress.models import ReportingPeriod
from risks import rules
from risks.models import Risk, RiskBands
from risks.selectors.board import heat_map
from tests.progress.factories import ReportingPeriodFactory
from tests.risks.factories import MitigationFactory, MitigationNoteFactory, RiskFactory


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def heatmap_url(plan, query=""):
    return reverse("risks:heatmap", kwargs={"area": plan.area.slug, "plan_pk": plan.pk}) + query


def red_url(plan):
    return reverse("risks:red", kwargs={"area": plan.area.slug, "plan_pk": plan.pk})


def cell(page: str, likelihood: int, impact: int) -> str:
    return page.split(f'data-cell="{likelihood}-{impact}"')[1].split("</td>")[0]


def test_each_cell_shows_its_band_word_count_and_the_risks_references(viewer, plan):
    RiskFactory(plan=plan, reference="R1", likelihood=4, impact=4)
    RiskFactory(plan=plan, reference="R2", likelihood=4, impact=4)
    RiskFactory(plan=plan, reference="R3", likelihood=1, impact=2)
    RiskFactory(plan=plan, reference="R4", likelihood=5, impact=5, status="closed", closed_reason="Done")

    page = client_for(viewer).get(heatmap_url(plan)).content.decode()

    red_cell = cell(page, 4, 4)
    assert "Red (16)" in red_cell
    assert '<span class="app-heatmap__count">2<span class="govuk-visually-hidden"> risks' in red_cell
    assert ">R1<" in red_cell and ">R2<" in red_cell
    assert "Green (2)" in cell(page, 1, 2) and ">R3<" in cell(page, 1, 2)
    assert "Amber (12)" in cell(page, 3, 4)
    assert ">R4<" not in page  # closed risks are not on the map
    assert "5 Almost certain" not in page and "Almost certain" in page and "Severe" in page
    assert page.index("Likelihood 5") < page.index("Likelihood 1")


def test_the_assessment_shown_is_chosen_before_mitigation_now_or_target(viewer, plan):
    RiskFactory(
        plan=plan,
        reference="R1",
        likelihood=3,
        impact=3,
        inherent_likelihood=5,
        inherent_impact=5,
        target_likelihood=1,
        target_impact=3,
    )
    client = client_for(viewer)

    now = client.get(heatmap_url(plan)).content.decode()
    before = client.get(heatmap_url(plan, "?assessment=before")).content.decode()
    target = client.get(heatmap_url(plan, "?assessment=target")).content.decode()

    assert ">R1<" in cell(now, 3, 3) and "Open risks: now" in now
    assert ">R1<" in cell(before, 5, 5) and "Open risks: before mitigation" in before
    assert ">R1<" in cell(target, 1, 3) and "Open risks: target" in target
    assert 'value="before" checked' in before


def test_a_risk_not_assessed_is_listed_beside_the_map_and_in_the_table(viewer, plan):
    RiskFactory(plan=plan, reference="R9", likelihood=3, impact=3)

    page = client_for(viewer).get(heatmap_url(plan, "?assessment=target")).content.decode()

    assert "Not on the map, not assessed target: R9." in page
    table = page.split('id="heat-map-table"')[1]
    assert "Not scored" in table


def test_the_heat_map_lists_risks_that_rose_or_fell_since_the_last_reported_period(viewer, plan):
    rising = RiskFactory(plan=plan, reference="R1", likelihood=2, impact=4)
    RiskFactory(plan=plan, reference="R2", likelihood=1, impact=1)
    period = ReportingPeriodFactory(plan=plan, state=ReportingPeriod.State.CONFIRMED)
    progress_services.period_move(period=period, to_state="reported", expected_version=period.version)
    rising.likelihood = 4
    rising.save()

    page = client_for(viewer).get(heatmap_url(plan)).content.decode()

    movement = page.split('id="movement"')[1].split("The same risks as a table")[0]
    assert "Movement since March 2021" in page
    assert "R1" in movement and "Rose a band" in movement and "R2" not in movement


def test_the_board_view_lists_only_open_red_risks_with_mitigations_notes_and_movement(viewer, plan):
    red = RiskFactory(plan=plan, reference="R1", title="Impact of Covid", likelihood=4, impact=4)
    action = MitigationFactory(risk=red, action="Weekly comms meetings with parent carer reps")
    MitigationNoteFactory(
        mitigation=action, dated=datetime.date(2021, 3, 12), text="Meetings held every week"
    )
    RiskFactory(plan=plan, reference="R2", title="Amber risk", likelihood=3, impact=4)
    RiskFactory(
        plan=plan,
        reference="R3",
        title="Closed red",
        likelihood=5,
        impact=5,
        status="closed",
        closed_reason="Over",
    )

    page = client_for(viewer).get(red_url(plan)).content.decode()

    assert "Impact of Covid" in page and "Amber risk" not in page and "Closed red" not in page
    assert "Weekly comms meetings with parent carer reps" in page
    assert "12/03/2021: Meetings held every week" in page
    assert "Because of pressure on schools" in page
    assert "Not reported before" in page
    assert 'class="app-band app-band--red">Red<' in page


def test_the_board_view_says_so_when_there_are_no_red_risks(viewer, plan):
    RiskFactory(plan=plan, likelihood=1, impact=1)

    page = client_for(viewer).get(red_url(plan)).content.decode()

    assert "This plan has no open red risks." in page


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["heatmap", "red", "period"])
def test_query_counts_stay_flat_as_risks_grow(viewer, plan, name):
    period = ReportingPeriodFactory(plan=plan)

    def grow(count):
        for n in range(count):
            risk = RiskFactory(plan=plan, likelihood=4, impact=1 + n % 5, review_on=datetime.date(2021, 3, 1))
            MitigationNoteFactory(mitigation=MitigationFactory(risk=risk))

    url = (
        period.get_absolute_url()
        if name == "period"
        else reverse(f"risks:{name}", kwargs={"area": plan.area.slug, "plan_pk": plan.pk})
    )
    client = client_for(viewer)
    grow(5)
    few = _queries(client, url)
    grow(35)
    many = _queries(client, url)

    assert few == many


scale = st.one_of(st.none(), st.integers(min_value=1, max_value=5))


@given(st.lists(st.tuples(scale, scale), max_size=30), st.integers(2, 20))
def test_every_scored_risk_is_in_exactly_its_cell_and_each_cell_has_its_bands_word(pairs, amber_from):
    bands = RiskBands(amber_from=amber_from, red_from=amber_from + 3)
    risks = [
        Risk(pk=n + 1, reference=f"R{n + 1}", likelihood=lk, impact=im) for n, (lk, im) in enumerate(pairs)
    ]

    grid = heat_map(plan=Plan(), bands=bands, risks=risks)

    cells = [cell for _, _, row in grid.rows for cell in row]
    assert [likelihood for likelihood, _, _ in grid.rows] == [5, 4, 3, 2, 1]
    scored = [r for r in risks if r.likelihood is not None and r.impact is not None]
    assert sum(len(cell.risks) for cell in cells) == len(scored)
    for cell in cells:
        assert all((r.likelihood, r.impact) == (cell.likelihood, cell.impact) for r in cell.risks)
        assert cell.band is rules.band_for(cell.score, amber_from=amber_from, red_from=amber_from + 3)
    assert len(grid.unscored) == len(risks) - len(scored)
