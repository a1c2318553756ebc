"""Two people at one update, highlight report or period at once: the second sees what the first saved
beside what they typed, and keeps their typing to save again on purpose."""

import pytest

from progress import services
from progress.models import ReportingPeriod
from tests.progress.test_highlights_and_trend import _update, _url

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(period, tree, statuses, workstream):
    """The S/E highlight report, drafted from a confirmed update."""
    update = _update(period, tree["mine"], statuses[2], next_steps="Publish the minutes")
    services.update_confirm(update=update, status=statuses[2], expected_version=update.version)
    return services.highlight_draft(period=period, workstream=workstream)


def theirs_beside_yours(page: str, theirs: str, yours: str) -> bool:
    return f"<strong>Theirs:</strong> {theirs}" in page and f"<strong>Yours:</strong> {yours}" in page


def test_an_update_saved_meanwhile_shows_their_progress_beside_yours(
    client, contributor, period, tree, statuses
):
    update = _update(period, tree["mine"], statuses[2], commentary="Board met twice")
    read_at = update.version
    services.update_save(
        period=period,
        item=tree["mine"],
        content=services.UpdateContent(commentary="Board met three times", proposed_status=statuses[2]),
        expected_version=read_at,
    )
    client.force_login(contributor)
    url = _url("update", period, item_pk=tree["mine"].pk)
    data = {"commentary": "Board met once", "proposed_status": statuses[2].pk, "version": read_at}

    page = client.post(url, data).content.decode()

    assert theirs_beside_yours(page, "Board met three times", "Board met once")
    assert "Board met once</textarea>" in page
    update.refresh_from_db()
    assert f'name="version" value="{update.version}"' in page
    assert client.post(url, {**data, "version": update.version}).status_code == 302
    update.refresh_from_db()
    assert update.commentary == "Board met once"


def test_a_highlight_report_saved_meanwhile_shows_their_words_beside_yours(
    client, workstream_lead, drafted, period
):
    row = drafted.rows.get()
    read_at = drafted.version
    services.highlight_save(
        report=drafted, rows={row.pk: {"next_steps": "Publish"}}, expected_version=read_at
    )
    client.force_login(workstream_lead)
    data = {"version": read_at, f"row-{row.pk}-next_steps": "Share"}
    for column in ("actions_progressed", "impact", "evidence"):
        data[f"row-{row.pk}-{column}"] = getattr(row, column)

    page = client.post(_url("highlight-report-edit", period, workstream_pk=drafted.workstream_id), data)

    content = page.content.decode()
    assert "1.1 Next steps" in content
    assert theirs_beside_yours(content, "Publish", "Share")
    assert "Share</textarea>" in content
    row.refresh_from_db()
    assert row.next_steps == "Publish"


def test_a_period_renamed_meanwhile_shows_their_name_beside_yours(client, programme_manager, period):
    read_at = period.version
    services.period_settings_save(
        period=period, name="March", deadline=period.deadline, expected_version=read_at
    )
    client.force_login(programme_manager)
    data = {"name": "Spring", "deadline": "25/03/2021", "version": read_at}

    page = client.post(_url("period-edit", period), data).content.decode()

    assert "Someone else changed this period while you were editing it" in page
    assert theirs_beside_yours(page, "March", "Spring")
    assert 'value="Spring"' in page
    assert ReportingPeriod.objects.get(pk=period.pk).name == "March"


def test_a_challenge_of_an_update_changed_meanwhile_shows_what_the_owner_saved(
    client, workstream_lead, period, tree, statuses
):
    update = _update(period, tree["mine"], statuses[2], commentary="Board met twice")
    read_at = update.version
    services.update_save(
        period=period,
        item=tree["mine"],
        content=services.UpdateContent(commentary="Board met three times", proposed_status=statuses[2]),
        expected_version=read_at,
    )
    client.force_login(workstream_lead)
    data = {"status": statuses[2].pk, "reason": "", "mitigation": "Weekly checks", "version": read_at}

    page = client.post(_url("challenge", period, item_pk=tree["mine"].pk), data).content.decode()

    assert "The owner changed this update while you were reviewing it" in page
    assert "What the other person saved" in page and "Board met three times" in page
    assert "Weekly checks</textarea>" in page
    update.refresh_from_db()
    assert not update.is_confirmed
