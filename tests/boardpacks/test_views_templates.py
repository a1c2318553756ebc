"""The board packs home and setting up a pack template: what the programme manager and members see,
the sections chosen and ordered without JavaScript, the messages for bad input, and edit conflicts."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from areas import access
from areas.access import READS, Kind, Role
from boardpacks import rules
from boardpacks.models import PackTemplate
from history.models import Change
from tests.boardpacks.factories import PackFactory, PackTemplateFactory
from tests.plans.factories import PlanFactory
from tests.progress.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    return reverse(f"boardpacks:{name}", kwargs={"area": "stockport", **kwargs})


def _form(plan, sections=(), orders=None, **fields):
    """The template form as a browser posts it: every section's order, the ticked ones included."""
    data = {
        "plan": plan.pk,
        "name": "Monthly SEND board pack",
        "audience": "SEND Improvement Board",
        "title": "SEND Written Statement of Action: progress update",
        "meeting": "SEND Improvement Board",
        "frequency": "monthly",
    }
    data.update(fields)
    for index, section in enumerate(rules.SECTIONS):
        data[f"order_{section.key}"] = str((orders or {}).get(section.key, index + 1))
        if section.key in sections:
            data[f"include_{section.key}"] = "on"
    return data


def test_the_menu_offers_board_packs_to_every_member(client, viewer, plan):
    client.force_login(viewer)
    page = client.get(reverse("plans:area-home", kwargs={"area": "stockport"})).content.decode()
    assert _url("home") in page and "Board packs" in page


def test_the_programme_manager_sees_the_templates_and_can_set_up_a_new_pack(client, programme_manager, plan):
    PackTemplateFactory(plan=plan, name="Monthly SEND board pack", is_default=True)
    PackTemplateFactory(
        plan=plan, name="Health and Wellbeing Board", frequency="quarterly", sections=["cover", "summary"]
    )
    client.force_login(programme_manager)
    page = client.get(_url("home")).content.decode()
    assert "Set up a new pack" in page and _url("template-create") in page
    assert "Monthly SEND board pack" in page and "Default" in page
    assert "Health and Wellbeing Board" in page and "Quarterly" in page


def test_a_viewer_sees_only_the_packs_sent_to_a_meeting_with_their_downloads(client, viewer, plan):
    template = PackTemplateFactory(plan=plan, name="Monthly SEND board pack")
    sent = PackFactory(template=template, number=1, sent_at="2021-04-15T10:00:00Z")
    unsent = PackFactory(template=template, period=sent.period, number=2)
    client.force_login(viewer)
    page = client.get(_url("home")).content.decode()
    assert "Set up a new pack" not in page
    assert _url("pack", pk=sent.pk) in page
    assert _url("pack", pk=unsent.pk) not in page
    assert _url("template", pk=template.pk) not in page


def test_a_viewer_is_not_shown_a_sent_pack_of_data_their_role_does_not_read(
    client, viewer, plan, monkeypatch
):

    template = PackTemplateFactory(plan=plan, sections=["cover", "scorecard"])
    sent = PackFactory(template=template, sent_at="2021-04-15T10:00:00Z")
    monkeypatch.setitem(access.READS, Role.VIEWER, READS[Role.VIEWER] - {Kind.SCORECARD})
    client.force_login(viewer)
    assert _url("pack", pk=sent.pk) not in client.get(_url("home")).content.decode()
    assert client.get(_url("pack", pk=sent.pk)).status_code == 403


def test_setting_up_a_pack_keeps_the_sections_ticked_in_the_order_chosen(client, programme_manager, plan):
    client.force_login(programme_manager)
    data = _form(plan, sections=["cover", "risks", "summary"], orders={"cover": 1, "risks": 2, "summary": 3})
    response = client.post(_url("template-create"), data)
    template = PackTemplate.objects.get(area__slug="stockport")
    assert response.status_code == 302 and response["Location"] == _url("template", pk=template.pk)
    assert template.sections == ["cover", "risks", "summary"]
    assert template.is_default, "the area's first pack is its default"
    assert Change.objects.filter(subject="Board pack: Monthly SEND board pack").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Monthly SEND board pack set up" in page
    assert "Cover and contents, Risks, Summary" in page


def test_the_new_pack_form_ticks_every_section_in_the_usual_order_and_describes_each(
    client, programme_manager, plan
):
    client.force_login(programme_manager)
    page = client.get(_url("template-create")).content.decode()
    for index, section in enumerate(rules.SECTIONS):
        assert f'name="include_{section.key}"' in page
        assert escape(section.describes) in page
        assert f'<option value="{index + 1}" selected>' in page
        box = re.search(rf'<input[^>]*name="include_{section.key}"[^>]*>', page)
        assert box is not None and " checked" in box.group(0)


def test_a_pack_with_no_sections_is_refused_with_a_message(client, programme_manager, plan):
    client.force_login(programme_manager)
    response = client.post(_url("template-create"), _form(plan, sections=[]))
    assert response.status_code == 200
    assert "Choose at least one section for the pack." in response.content.decode()
    assert not PackTemplate.objects.exists()


def test_two_sections_given_the_same_place_are_refused_naming_them(client, programme_manager, plan):
    client.force_login(programme_manager)
    data = _form(plan, sections=["cover", "summary"], orders={"cover": 2, "summary": 2})
    page = client.post(_url("template-create"), data).content.decode()
    assert "Cover and contents and Summary both have order 2" in page
    assert not PackTemplate.objects.exists()


def test_a_section_left_out_may_share_a_number_with_one_included(client, programme_manager, plan):
    client.force_login(programme_manager)
    data = _form(plan, sections=["summary"], orders={"cover": 1, "summary": 1})
    assert client.post(_url("template-create"), data).status_code == 302
    assert PackTemplate.objects.get().sections == ["summary"]


def test_required_settings_have_their_own_messages(client, programme_manager, plan):
    client.force_login(programme_manager)
    data = _form(plan, sections=["cover"], name="", audience="", title="", meeting="")
    page = client.post(_url("template-create"), data).content.decode()
    for message in (
        "Enter the pack&#x27;s name",
        "Enter who the pack is for",
        "Enter the title on the cover",
        "Enter the meeting the pack goes to",
    ):
        assert message in page


def test_a_name_already_used_in_the_area_is_refused(client, programme_manager, plan):
    PackTemplateFactory(plan=plan, name="Monthly SEND board pack")
    client.force_login(programme_manager)
    page = client.post(_url("template-create"), _form(plan, sections=["cover"])).content.decode()
    assert "There is already a pack called “Monthly SEND board pack”: choose another name." in page


def test_the_plan_is_chosen_only_when_the_area_has_several(client, programme_manager, plan, area):
    client.force_login(programme_manager)
    assert 'type="hidden" name="plan"' in client.get(_url("template-create")).content.decode()
    other = PlanFactory(area=area, reference="SDP-2024", title="Strategy delivery plan")
    page = client.get(_url("template-create")).content.decode()
    assert "SDP-2024 Strategy delivery plan" in page
    client.post(_url("template-create"), _form(other, sections=["cover"]))
    assert PackTemplate.objects.get().plan == other


def test_another_areas_plan_cannot_be_chosen(client, programme_manager, plan, other_area):
    foreign = PlanFactory(area=other_area)
    client.force_login(programme_manager)
    page = client.post(_url("template-create"), _form(foreign, sections=["cover"])).content.decode()
    assert "Choose one of this area&#x27;s plans" in page
    assert not PackTemplate.objects.exists()


def test_editing_shows_the_sections_as_saved_and_saves_a_new_order(client, programme_manager, plan):
    template = PackTemplateFactory(plan=plan, sections=["summary", "cover"])
    client.force_login(programme_manager)
    form = client.get(_url("template-edit", pk=template.pk)).content.decode()
    assert 'name="include_risks"' in form
    data = _form(
        plan,
        sections=["cover", "summary", "matters"],
        orders={"cover": 1, "summary": 2, "matters": 3},
        name=template.name,
        version=template.version,
    )
    response = client.post(_url("template-edit", pk=template.pk), data)
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.sections == ["cover", "summary", "matters"]
    assert template.version == 2


def test_an_edit_after_someone_elses_shows_what_they_saved_and_keeps_yours(client, programme_manager, plan):
    template = PackTemplateFactory(plan=plan, audience="SEND Improvement Board")
    PackTemplate.objects.filter(pk=template.pk).update(audience="Schools Forum", version=2)
    client.force_login(programme_manager)
    data = _form(plan, sections=["cover"], name=template.name, audience="Children's Trust Board", version=1)
    page = client.post(_url("template-edit", pk=template.pk), data).content.decode()
    assert "Someone else changed this pack while you were editing it" in page
    assert "What the other person saved" in page and "Schools Forum" in page
    assert "Children&#x27;s Trust Board" in page
    template.refresh_from_db()
    assert template.audience == "Schools Forum"


def test_the_template_page_lists_its_packs_by_period_with_who_made_each(client, programme_manager, plan):
    template = PackTemplateFactory(plan=plan)
    first = PackFactory(template=template, made_by=programme_manager)
    second = PackFactory(template=template, period=first.period, number=2, sent_at="2021-04-15T10:00:00Z")
    client.force_login(programme_manager)
    page = client.get(_url("template", pk=template.pk)).content.decode()
    assert "Make a pack" in page and _url("pack-create", pk=template.pk) in page
    assert "March 2021" in page
    assert _url("pack", pk=first.pk) in page and _url("pack", pk=second.pk) in page
    assert str(programme_manager) in page
    assert page.index("Version 2") < page.index("Version 1"), "newest version first"
    assert "Sent" in page


def test_a_reported_periods_page_links_to_the_board_packs(client, programme_manager, plan):
    period = ReportingPeriodFactory(plan=plan, state="reported")
    client.force_login(programme_manager)
    page = client.get(
        reverse("progress:period", kwargs={"area": "stockport", "pk": period.pk})
    ).content.decode()
    assert _url("home") in page and "make one for March 2021" in page


def _sent_packs(plan, first, count):
    for n in range(first, first + count):
        template = PackTemplateFactory(plan=plan)
        period = ReportingPeriodFactory(
            plan=plan,
            name=f"Month {n}",
            starts_on=datetime.date(2020, n + 1, 1),
            ends_on=datetime.date(2020, n + 1, 28),
            state="reported",
        )
        PackFactory(template=template, period=period, sent_at=timezone.now())
        PackFactory(template=template, period=period, number=2)


@pytest.mark.parametrize("who", ["viewer", "programme_manager"])
def test_the_home_page_takes_the_same_number_of_queries_however_many_packs(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    _sent_packs(plan, 0, 1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url("home")).status_code == 200
    _sent_packs(plan, 1, 6)
    with CaptureQueriesContext(connection) as many:
        page = client.get(_url("home")).content.decode()
    assert "Month 6" in page
    assert len(many) == len(few)


def test_the_edit_form_numbers_the_chosen_sections_first_and_the_others_after(
    client, programme_manager, plan
):
    template = PackTemplateFactory(plan=plan, sections=["summary", "cover"])
    client.force_login(programme_manager)
    page = client.get(_url("template-edit", pk=template.pk)).content.decode()

    def chosen(key):
        select = re.search(rf'<select name="order_{key}".*?</select>', page, re.S)
        return re.search(r'<option value="(\d+)" selected>', select.group(0)).group(1)

    assert (chosen("summary"), chosen("cover"), chosen("rag_overview"), chosen("matters")) == (
        "1",
        "2",
        "3",
        "9",
    )
