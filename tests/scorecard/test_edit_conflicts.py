"""Two people at one figure, saved mapping, commentary or outcome at once: the second sees what the first
saved beside what they typed, and keeps their typing to save again on purpose."""

from decimal import Decimal

import pytest
from django.urls import reverse

from scorecard.dfe import READY_MADE
from scorecard.models import Commentary, Figure, Outcome, SavedMapping
from scorecard.services.commentary import commentary_save
from tests.progress.factories import ReportingPeriodFactory
from tests.scorecard.factories import FigureFactory, MeasureFactory, OutcomeFactory, headline

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs) -> str:
    return reverse(f"scorecard:{name}", kwargs={"area": "stockport", **kwargs})


def theirs_beside_yours(page: str, theirs: str, yours: str) -> bool:
    return f"<strong>Theirs:</strong> {theirs}" in page and f"<strong>Yours:</strong> {yours}" in page


@pytest.fixture
def pm(client, programme_manager):
    client.force_login(programme_manager)
    return client


def test_a_figure_changed_meanwhile_shows_their_figure_beside_yours(pm, area):
    measure = MeasureFactory(area=area)
    figure = FigureFactory(breakdown=headline(measure), value=Decimal(50))
    data = {"breakdown": headline(measure).pk, "series": "area", "period": "2024", "version": figure.version}
    pm.post(url("figure-edit", pk=figure.pk), {**data, "value": "60"})

    page = pm.post(url("figure-edit", pk=figure.pk), {**data, "value": "70"}).content.decode()

    assert theirs_beside_yours(page, "This area 2024: 60", "This area 2024: 70")
    assert 'value="70"' in page
    figure.refresh_from_db()
    assert figure.value == Decimal(60)
    assert (
        pm.post(
            url("figure-edit", pk=figure.pk), {**data, "value": "70", "version": figure.version}
        ).status_code
        == 302
    )
    assert Figure.objects.get(pk=figure.pk).value == Decimal(70)


def test_a_saved_mapping_changed_meanwhile_shows_their_column_beside_yours(pm, area):
    saved = SavedMapping.objects.create(area=area, name="Plans", mapping=READY_MADE["plans_issued"].to_dict())
    edit = url("mapping", pk=saved.pk)
    form = pm.get(edit).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    pm.post(edit, {**data, "col_value": "plans_issued_new", "action": "save"})

    page = pm.post(edit, {**data, "col_value": "plans_issued_mine", "action": "save"}).content.decode()

    assert "Someone else changed this mapping while you were editing it" in page
    assert "Column holding the published figure" in page
    assert theirs_beside_yours(page, "plans_issued_new", "plans_issued_mine")
    assert 'value="plans_issued_mine"' in page
    saved.refresh_from_db()
    assert saved.mapping["value"] == "plans_issued_new"


def test_commentary_saved_meanwhile_shows_theirs_beside_yours_and_keeps_yours(pm, area, plan):
    measure = MeasureFactory(area=area)
    period = ReportingPeriodFactory(plan=plan)
    commentary_save(measure=measure, period=period, text="Recruiting two officers.", expected_version=None)
    edit = url("commentary", pk=measure.pk, period_pk=period.pk)

    page = pm.post(edit, {"text": "Training the panel.", "version": ""}).content.decode()

    assert theirs_beside_yours(page, "Recruiting two officers.", "Training the panel.")
    assert "Training the panel.</textarea>" in page
    assert Commentary.objects.get().text == "Recruiting two officers."


def test_an_outcome_changed_meanwhile_shows_their_statement_beside_yours(pm, area):
    outcome = OutcomeFactory(area=area, code="I1", statement="I feel safe")
    edit = url("outcome-edit", pk=outcome.pk)
    pm.post(edit, {"code": "I1", "statement": "I feel safe at school", "version": outcome.version})

    page = pm.post(edit, {"code": "I1", "statement": "I feel safe at home", "version": outcome.version})

    content = page.content.decode()
    assert theirs_beside_yours(content, "I feel safe at school", "I feel safe at home")
    assert page.context["form"]["statement"].value() == "I feel safe at home"
    assert Outcome.objects.get(pk=outcome.pk).statement == "I feel safe at school"
