"""The monthly cycle through its pages: an owner updates, the lead challenges, the manager reports."""

import datetime

import pytest
from django.urls import reverse

from evidence.models import Evidence
from progress import services
from progress.models import ReportedRating, ReportingPeriod, Update

pytestmark = pytest.mark.django_db


def _url(name, period, item=None, **extra):
    kwargs = {"area": "stockport", "pk": period.pk, **extra}
    if item is not None:
        kwargs["item_pk"] = item.pk
    return reverse(f"progress:{name}", kwargs=kwargs)


def _submit(client, period, item, **fields):
    data = {"commentary": "Board met twice this month", "proposed_status": "", "version": ""}
    data.update(fields)
    return client.post(_url("update", period, item), data)


def _update(period, item, status, *, by=None, evidence=(), mitigation="", due=None, reason=""):
    return services.update_save(
        period=period,
        item=item,
        content=services.UpdateContent(
            commentary="Board met twice this month",
            proposed_status=status,
            evidence=list(evidence),
            mitigation=mitigation,
            proposed_due_date=due,
            due_date_reason=reason,
        ),
        expected_version=None,
        by=by,
    )


def _challenge(client, period, item, status, version, **fields):
    data = {"status": status.pk, "reason": "", "mitigation": "", "version": version}
    data.update(fields)
    return client.post(_url("challenge", period, item), data)


@pytest.fixture
def impact_evidence(area, contributor):
    return Evidence.objects.create(
        area=area,
        title="Parent carer forum survey, March 2021",
        kind=Evidence.Kind.SURVEY,
        impact="Eight in ten families said the board's decisions were explained to them",
        added_by=contributor,
    )


class TestUpdates:
    def test_an_owner_writes_an_update_that_then_waits_for_challenge(
        self, client, contributor, period, tree, statuses
    ):
        client.force_login(contributor)
        response = _submit(client, period, tree["mine"], proposed_status=statuses[2].pk)
        assert response.status_code == 302
        update = Update.objects.get(period=period, item=tree["mine"])
        assert update.proposed_status == statuses[2]
        assert not update.is_confirmed
        page = client.get(period.get_absolute_url()).content.decode()
        assert "Waiting for challenge" in page

    def test_an_update_without_progress_or_status_is_refused_with_messages(
        self, client, contributor, period, tree
    ):
        client.force_login(contributor)
        response = _submit(client, period, tree["mine"], commentary="")
        assert "Enter the progress made this period" in response.content.decode()
        assert "Choose the status you propose for this item" in response.content.decode()
        assert not Update.objects.exists()

    def test_a_new_due_date_needs_a_reason(self, client, contributor, period, tree, statuses):
        client.force_login(contributor)
        response = _submit(
            client, period, tree["mine"], proposed_status=statuses[2].pk, proposed_due_date="31/07/2021"
        )
        assert "Enter the reason the due date needs to change" in response.content.decode()
        assert not Update.objects.exists()

    def test_a_viewer_cannot_write_an_update(self, client, viewer, period, tree, statuses):
        client.force_login(viewer)
        assert client.get(_url("update", period, tree["mine"])).status_code == 403
        assert _submit(client, period, tree["mine"], proposed_status=statuses[2].pk).status_code == 403
        assert not Update.objects.exists()

    def test_a_contributor_cannot_update_an_item_they_do_not_own(
        self, client, contributor, period, tree, statuses
    ):
        client.force_login(contributor)
        assert _submit(client, period, tree["theirs"], proposed_status=statuses[2].pk).status_code == 403

    def test_another_areas_user_finds_nothing(self, client, other_area_user, period, tree, statuses):
        client.force_login(other_area_user)
        assert _submit(client, period, tree["mine"], proposed_status=statuses[2].pk).status_code == 404
        assert client.get(period.get_absolute_url()).status_code == 404
        assert not Update.objects.exists()

    def test_evidence_just_added_to_the_bank_comes_back_ticked(
        self, client, contributor, period, tree, impact_evidence
    ):
        client.force_login(contributor)
        page = client.get(
            _url("update", period, tree["mine"]) + f"?evidence={impact_evidence.pk}"
        ).content.decode()
        assert f'value="{impact_evidence.pk}" checked' in page


class TestChallenge:
    def test_a_contributor_cannot_confirm_a_rating(self, client, contributor, period, tree, statuses):
        update = _update(period, tree["mine"], statuses[2])
        client.force_login(contributor)
        assert client.get(_url("challenge", period, tree["mine"])).status_code == 403
        assert _challenge(client, period, tree["mine"], statuses[2], update.version).status_code == 403
        update.refresh_from_db()
        assert not update.is_confirmed

    def test_the_lead_confirms_the_proposed_status_and_the_item_takes_it(
        self, client, workstream_lead, period, tree, statuses
    ):
        update = _update(period, tree["mine"], statuses[2])
        client.force_login(workstream_lead)
        response = _challenge(client, period, tree["mine"], statuses[2], update.version)
        assert response.status_code == 302
        update.refresh_from_db()
        tree["mine"].refresh_from_db()
        assert update.is_confirmed and update.confirmed_status == statuses[2]
        assert tree["mine"].status == statuses[2]

    def test_changing_the_proposed_status_needs_a_reason(
        self, client, workstream_lead, period, tree, statuses
    ):
        update = _update(period, tree["mine"], statuses[3])
        client.force_login(workstream_lead)
        response = _challenge(client, period, tree["mine"], statuses[2], update.version)
        assert "Enter the reason for changing the status from “Completed”" in response.content.decode()
        response = _challenge(
            client,
            period,
            tree["mine"],
            statuses[2],
            update.version,
            reason="The terms of reference are not agreed",
        )
        assert response.status_code == 302
        update.refresh_from_db()
        assert update.was_changed_in_challenge
        assert update.challenge_reason == "The terms of reference are not agreed"

    def test_the_period_filtered_to_ratings_changed_in_challenge_lists_only_those(
        self, client, workstream_lead, period, tree, statuses
    ):
        changed = _update(period, tree["mine"], statuses[3])
        kept = _update(period, tree["theirs"], statuses[2])
        services.update_confirm(
            update=changed, status=statuses[2], reason="Not agreed", expected_version=changed.version
        )
        services.update_confirm(update=kept, status=statuses[2], expected_version=kept.version)
        client.force_login(workstream_lead)
        page = client.get(period.get_absolute_url() + "?state=changed").content.decode()
        assert "<strong>1</strong> item shown" in page
        assert "1.1.1.1" in page and "1.1.1.2" not in page and "Changed in challenge" in page

    def test_completed_and_embedded_cannot_be_confirmed_without_evidence_of_impact(
        self, client, workstream_lead, period, tree, statuses, area
    ):
        minutes = Evidence.objects.create(area=area, title="Board minutes", kind=Evidence.Kind.MINUTES)
        update = _update(period, tree["mine"], statuses[4], evidence=[minutes])
        client.force_login(workstream_lead)
        response = _challenge(client, period, tree["mine"], statuses[4], update.version)
        assert "“Completed and embedded” needs evidence of impact" in response.content.decode()
        update.refresh_from_db()
        tree["mine"].refresh_from_db()
        assert not update.is_confirmed
        assert tree["mine"].status is None

    def test_completed_and_embedded_is_confirmed_with_evidence_of_impact(
        self, client, workstream_lead, period, tree, statuses, impact_evidence
    ):
        update = _update(period, tree["mine"], statuses[4], evidence=[impact_evidence])
        client.force_login(workstream_lead)
        assert _challenge(client, period, tree["mine"], statuses[4], update.version).status_code == 302
        tree["mine"].refresh_from_db()
        assert tree["mine"].status == statuses[4]

    def test_the_worst_status_cannot_be_confirmed_without_a_mitigation(
        self, client, workstream_lead, period, tree, statuses
    ):
        update = _update(period, tree["mine"], statuses[1])
        client.force_login(workstream_lead)
        response = _challenge(client, period, tree["mine"], statuses[1], update.version)
        assert "Enter the mitigation" in response.content.decode()
        response = _challenge(
            client,
            period,
            tree["mine"],
            statuses[1],
            update.version,
            mitigation="Recovery plan agreed at board",
        )
        assert response.status_code == 302
        update.refresh_from_db()
        assert update.mitigation == "Recovery plan agreed at board"

    def test_an_item_past_its_due_date_is_flagged_overdue_whatever_its_status(
        self, client, workstream_lead, period, tree, statuses
    ):
        item = tree["mine"]
        item.due_date, item.status = datetime.date(2019, 4, 30), statuses[2]
        item.save()
        _update(period, item, statuses[2])
        client.force_login(workstream_lead)
        page = client.get(_url("challenge", period, item)).content.decode()
        assert "Overdue" in page
        assert "Overdue" in client.get(period.get_absolute_url()).content.decode()

    def test_an_agreed_new_due_date_slips_the_item_and_keeps_the_original(
        self, client, workstream_lead, period, tree, statuses
    ):
        item = tree["mine"]
        item.due_date = datetime.date(2021, 4, 30)
        item.save()
        update = _update(
            period, item, statuses[2], due=datetime.date(2021, 7, 31), reason="Waiting for the audit"
        )
        client.force_login(workstream_lead)
        _challenge(client, period, item, statuses[2], update.version)
        item.refresh_from_db()
        assert (item.due_date, item.original_due_date, item.slip_count) == (
            datetime.date(2021, 7, 31),
            datetime.date(2021, 4, 30),
            1,
        )
        page = client.get(period.get_absolute_url()).content.decode()
        assert "due 31/07/2021, originally 30/04/2021 (slipped once)" in page

    def test_rewriting_a_confirmed_update_needs_confirming_again(self, period, tree, statuses, contributor):
        update = _update(period, tree["mine"], statuses[2])
        services.update_confirm(update=update, status=statuses[2], expected_version=update.version)
        update.refresh_from_db()
        services.update_save(
            period=period,
            item=tree["mine"],
            content=services.UpdateContent(commentary="Now complete", proposed_status=statuses[3]),
            expected_version=update.version,
            by=contributor,
        )
        update.refresh_from_db()
        assert not update.is_confirmed


class TestPeriodCycle:
    def _move(self, client, period, state):
        period.refresh_from_db()
        return client.post(
            _url("period-move", period, state=state),
            {"version": period.version, "without_highlight_reports": "on"},
        )

    def test_the_programme_manager_opens_the_next_period_with_dates_that_follow_on(
        self, client, programme_manager, plan, period
    ):
        period.state = ReportingPeriod.State.REPORTED
        period.save()
        client.force_login(programme_manager)
        page = client.get(reverse("progress:period-create", kwargs={"area": "stockport", "plan_pk": plan.pk}))
        assert 'value="01/04/2021"' in page.content.decode()
        response = client.post(
            reverse("progress:period-create", kwargs={"area": "stockport", "plan_pk": plan.pk}),
            {"name": "", "starts_on": "01/04/2021", "ends_on": "30/04/2021", "deadline": "23/04/2021"},
        )
        assert response.status_code == 302
        assert plan.periods.get(starts_on=datetime.date(2021, 4, 1)).name == "April 2021"

    def test_a_period_cannot_open_while_the_last_is_not_reported(self, programme_manager, plan, period):
        with pytest.raises(Exception, match="Report March 2021 before opening the next period"):
            services.period_open(plan=plan, by=programme_manager)

    def test_the_ratings_cannot_be_confirmed_while_updates_wait_for_challenge(
        self, client, programme_manager, period, tree, statuses
    ):
        _update(period, tree["mine"], statuses[2])
        client.force_login(programme_manager)
        self._move(client, period, "challenge")
        response = self._move(client, period, "confirmed")
        assert "1 update has not been confirmed" in response.content.decode()
        period.refresh_from_db()
        assert period.state == "challenge"

    def test_a_lead_cannot_report_a_period(self, client, workstream_lead, period):
        client.force_login(workstream_lead)
        assert self._move(client, period, "challenge").status_code == 403

    def test_reporting_freezes_the_ratings_and_later_edits_never_change_them(
        self, client, programme_manager, period, tree, statuses, contributor
    ):
        update = _update(period, tree["mine"], statuses[2])
        services.update_confirm(update=update, status=statuses[2], expected_version=update.version)
        client.force_login(programme_manager)
        for state in ("challenge", "confirmed", "reported"):
            assert self._move(client, period, state).status_code == 302
        item = tree["mine"]
        item.refresh_from_db()
        item.text, item.status = "Renamed after the board", statuses[1]
        item.save()
        statuses[2].label = "Relabelled"
        statuses[2].save()
        rating = ReportedRating.objects.get(period=period, item=item)
        assert (rating.text, rating.status_label) == ("Board meets fortnightly", "Progressing")
        page = client.get(period.get_absolute_url()).content.decode()
        assert "Board meets fortnightly" in page and "Progressing" in page
        with pytest.raises(Exception, match="can no longer be changed"):
            services.update_save(
                period=period,
                item=item,
                content=services.UpdateContent(commentary="Late change", proposed_status=statuses[3]),
                expected_version=update.version + 1,
                by=contributor,
            )
        client.force_login(contributor)
        response = _submit(client, period, item, proposed_status=statuses[3].pk, version=update.version + 1)
        assert "updates can no longer be written or changed" in response.content.decode()
        update.refresh_from_db()
        assert update.commentary == "Board met twice this month"


class TestWhereOwnersStart:
    def test_my_items_says_how_many_updates_are_still_needed_and_links_to_them(
        self, client, contributor, period, tree, statuses
    ):
        client.force_login(contributor)
        page = client.get(reverse("plans:my-items", kwargs={"area": "stockport"})).content.decode()
        assert "1 of your items still needs an update, due by 25/03/2021" in page
        assert f"/periods/{period.pk}/?mine=on&amp;state=missing" in page
        _update(period, tree["mine"], statuses[2])
        page = client.get(reverse("plans:my-items", kwargs={"area": "stockport"})).content.decode()
        assert "all your updates are written" in page

    def test_the_area_home_shows_each_plans_open_period(self, client, viewer, period):
        client.force_login(viewer)
        page = client.get(reverse("plans:area-home", kwargs={"area": "stockport"})).content.decode()
        assert "March 2021</a>: open for updates, updates due by 25/03/2021" in page

    def test_filtering_the_period_to_my_missing_updates(self, client, contributor, period, tree, statuses):
        client.force_login(contributor)
        page = client.get(period.get_absolute_url() + "?mine=on&state=missing").content.decode()
        assert "1.1.1.1" in page and "1.1.1.2" not in page
