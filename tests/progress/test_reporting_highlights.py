"""Reporting checks the highlight reports: a workstream with updates but no report is named before
reporting (the programme manager goes ahead knowingly), and the reported period shows "No report"."""

import re

import pytest
from django.urls import reverse

from history.models import Change
from progress import rules, services
from progress.models import ReportingPeriod
from tests.areas.factories import WorkstreamFactory

pytestmark = pytest.mark.django_db


def _url(name, period, **extra):
    return reverse(f"progress:{name}", kwargs={"area": "stockport", "pk": period.pk, **extra})


def _updated(period, item, status):
    update = services.update_save(
        period=period,
        item=item,
        content=services.UpdateContent(commentary="Done this month", proposed_status=status),
        expected_version=None,
    )
    services.update_confirm(update=update, status=status, expected_version=update.version)


@pytest.fixture
def confirmed(period, tree, statuses, workstream, other_workstream, area):
    """Updates in S/E (1.1.1.1, with its report) and JC (1.1.1.2, no report); a third workstream
    with no update and no report; the period confirmed, ready to report."""
    _updated(period, tree["mine"], statuses[2])
    _updated(period, tree["theirs"], statuses[2])
    services.highlight_draft(period=period, workstream=workstream)
    WorkstreamFactory(area=area, code="QA", name="Quality assurance")
    for state in ("challenge", "confirmed"):
        period.refresh_from_db()
        services.period_move(period=period, to_state=state, expected_version=period.version)
    period.refresh_from_db()
    return period


def test_the_warning_names_each_workstream_without_a_report():
    assert rules.missing_reports_warning([]) == ""
    assert rules.missing_reports_warning(["JC Joint commissioning"]) == (
        "JC Joint commissioning has updates in this period but no highlight report."
    )
    assert rules.missing_reports_warning(["A", "B"]) == (
        "2 workstreams have updates in this period but no highlight report: A, B."
    )


def test_reporting_names_the_workstreams_with_updates_but_no_report(client, programme_manager, confirmed):
    client.force_login(programme_manager)

    page = client.get(_url("period-move", confirmed, state="reported")).content.decode()

    warning = page[page.index('id="missing-highlight-reports"') :]
    assert "has updates in this period but no highlight report" in warning
    assert "Report without highlight reports from: JC" in page
    # As a word: a random CSRF token or nonce on the page may hold the letters "QA".
    assert not re.search(r"\bQA\b", warning), "no updates, so no report was expected"
    assert not re.search(r"(?<![\w+/])S/E(?![\w+/])", warning), "S/E wrote its report"


def test_reporting_without_ticking_the_box_is_refused_with_a_reason(client, programme_manager, confirmed):
    client.force_login(programme_manager)

    response = client.post(_url("period-move", confirmed, state="reported"), {"version": confirmed.version})

    assert response.status_code == 200
    assert "Confirm you want to report without these workstreams" in response.content.decode()
    confirmed.refresh_from_db()
    assert confirmed.state == ReportingPeriod.State.CONFIRMED


def test_reporting_knowingly_keeps_who_had_no_report_and_records_it(client, programme_manager, confirmed):
    client.force_login(programme_manager)

    response = client.post(
        _url("period-move", confirmed, state="reported"),
        {"version": confirmed.version, "without_highlight_reports": "on"},
    )

    assert response.status_code == 302
    confirmed.refresh_from_db()
    assert confirmed.is_reported
    assert [w["name"].split()[0] for w in confirmed.no_highlight_reports] == ["JC"]
    change = Change.objects.filter(subject=f"Reporting period {confirmed.name}").latest("pk")
    assert change.changes["Reported without highlight reports from"][1].startswith("JC")
    assert change.by == programme_manager


def test_the_reported_period_lists_no_report_rows_and_not_later_workstreams(
    client, programme_manager, confirmed, area
):
    services.period_move(period=confirmed, to_state="reported", expected_version=confirmed.version)
    WorkstreamFactory(area=area, code="NW", name="New after reporting")
    client.force_login(programme_manager)

    page = client.get(_url("highlight-reports", confirmed)).content.decode()

    rows = page[page.index("<tbody") :]
    assert "S/E" in rows and "Last saved" in rows
    jc = rows[rows.index("JC") :]
    assert jc.index("No report") < jc.index("</tr>")
    assert "NW" not in rows and "QA" not in rows


def test_no_warning_when_every_workstream_with_updates_has_a_report(
    client, programme_manager, period, tree, statuses, workstream
):
    _updated(period, tree["mine"], statuses[2])
    services.highlight_draft(period=period, workstream=workstream)
    for state in ("challenge", "confirmed"):
        period.refresh_from_db()
        services.period_move(period=period, to_state=state, expected_version=period.version)
    client.force_login(programme_manager)

    page = client.get(_url("period-move", period, state="reported")).content.decode()

    assert "missing-highlight-reports" not in page
    period.refresh_from_db()
    response = client.post(_url("period-move", period, state="reported"), {"version": period.version})
    assert response.status_code == 302
