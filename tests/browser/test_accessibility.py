"""Every kind of page passes axe-core's WCAG 2.2 AA rules with no serious or critical problem."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from areas.models import Membership, Person
from plans import services
from plans.models import ItemOwner
from progress.models import ReportedRating, ReportingPeriod
from progress.services.periods import frozen_rating, rollups_freeze
from scorecard.models import Series
from scorecard.services.reporting import reported_scorecard_freeze
from tests.areas.factories import GroupFactory
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context
from tests.plans.factories import ItemFactory
from tests.plans.spreadsheet_files import plan_value, valid_sheets, xlsx_bytes
from tests.progress.factories import ReportingPeriodFactory
from tests.scorecard.factories import (
    MeasureFactory,
    OutcomeFactory,
    ScorecardSettingsFactory,
    TargetFactory,
    add_figures,
    headline,
)

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def site(tree, programme_manager, viewer, workstream_lead, workstream, owner_person, settings, tmp_path):
    """The demo-like area: a plan with history, statuses, findings, and somewhere to move items to."""
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    plan = tree["mine"].plan
    statuses = list(plan.rag_scheme.statuses.order_by("position"))
    ItemFactory(
        plan=plan, number="1.1.2", text="Agree the board's terms of reference", workstreams=[workstream]
    )
    finding = services.finding_create(
        plan=plan,
        content=services.FindingContent(
            quotation="Leaders have not developed joint commissioning.",
            number="KC1",
            label="Joint commissioning",
            page="3",
            items=[tree["top"], tree["action"], tree["mine"]],
        ),
    )
    mine = tree["mine"]
    services.item_update(
        item=mine,
        content=services.ItemContent(
            text="Board meets fortnightly",
            due_date=date(2019, 7, 31),
            status=statuses[1],
            owners=[owner_person],
            workstreams=[workstream],
            impact="Families see joined-up services",
            see_also=[tree["theirs"]],
        ),
        expected_version=mine.version,
        by=programme_manager,
    )
    return SimpleNamespace(
        plan=plan,
        **_reported_scorecard(plan, owner_person),
        scheme=plan.rag_scheme,
        status=statuses[0],
        people={"pm": programme_manager, "viewer": viewer, "lead": workstream_lead},
        viewer_membership=Membership.objects.get(user=viewer),
        workstream=workstream,
        person=owner_person,
        finding=finding,
        **tree,
    )


def _reported_scorecard(plan, owner_person) -> dict:
    """A red measure and a green one, and February 2021 reported with its scorecard kept; the green
    measure is deleted since, so the scorecard as reported shows it without a link."""
    area = plan.area
    ScorecardSettingsFactory(area=area, region_name="North West")
    outcome = OutcomeFactory(area=area, code="I1", statement="My needs are assessed on time")
    measure = MeasureFactory(
        area=area, code="E7", name="EHC plans issued within 20 weeks", owner=owner_person
    )
    measure.outcomes.set([outcome])
    TargetFactory(breakdown=headline(measure), value=Decimal("60"), due_on=date(2025, 12, 31))
    add_figures(measure, {"2022": "12", "2023": None, "2024": "7.8"})
    add_figures(measure, {"2024": "46.4"}, series=Series.ENGLAND)
    gone = MeasureFactory(area=area, code="A2", name="Persistent absence, EHC plan", polarity="lower")
    add_figures(gone, {"2023": "30", "2024": "28"})
    add_figures(gone, {"2024": "31"}, series=Series.ENGLAND)
    period = ReportingPeriodFactory(
        plan=plan,
        name="February 2021",
        starts_on=date(2021, 2, 1),
        ends_on=date(2021, 2, 28),
        deadline=date(2021, 2, 25),
        state=ReportingPeriod.State.REPORTED,
        reported_at=timezone.now(),
    )
    reported_scorecard_freeze(period=period)
    gone.delete()
    return {"measure": measure, "reported_period": period}


def url(name: str, **kwargs) -> str:
    return reverse(name, kwargs={"area": "stockport", **kwargs})


def with_rollups_reported(site: SimpleNamespace) -> SimpleNamespace:
    """February 2021's ratings kept as when it is reported, roll-ups and all."""
    period, plan = site.reported_period, site.plan
    items = list(plan.items.current().select_related("status"))
    ratings = [frozen_rating(period=period, item=i, status=i.status, commentary="") for i in items]
    statuses = list(plan.rag_scheme.statuses.order_by("position"))
    rollups_freeze(plan=plan, ratings=ratings, statuses=statuses, by_hand={})
    ReportedRating.objects.bulk_create(ratings)
    return site


def rated_by_hand(site: SimpleNamespace) -> SimpleNamespace:
    site.plan.rollup_rule = "by_hand"
    site.plan.save(update_fields=["rollup_rule"])
    return site


def with_group(site: SimpleNamespace) -> Person:
    """A board that owns "mine" and has the owner as a member, made once per test."""
    if not hasattr(site, "group"):
        site.group = GroupFactory(
            area=site.plan.area, name="SEND Improvement Board", initials="SIB", members=[site.person]
        )
        ItemOwner.objects.create(item=site.mine, person=site.group, position=1)
    return site.group


def with_open_period(site: SimpleNamespace) -> ReportingPeriod:
    return ReportingPeriodFactory(
        plan=site.plan,
        name="March 2021",
        starts_on=date(2021, 3, 1),
        ends_on=date(2021, 3, 31),
        deadline=date(2021, 3, 25),
    )


def submit(button: str) -> Callable[[Page, SimpleNamespace], None]:
    def act(page: Page, site: SimpleNamespace) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()

    return act


def impossible_due_date(page: Page, site: SimpleNamespace) -> None:
    page.get_by_label("Due date", exact=True).fill("31/04/2019")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("April 2019 has 30 days")


def unknown_item_number(page: Page, site: SimpleNamespace) -> None:
    page.get_by_label("Items that answer it", exact=True).fill("1, 9.9")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text('There is no item "9.9" in this plan')


def upload(sheets, *, result: str, shows: str) -> Callable[[Page, SimpleNamespace], None]:
    """Upload a plan file, then follow the link its check's page (a background job) ends with."""

    def act(page: Page, site: SimpleNamespace) -> None:
        page.get_by_label("Upload the plan").set_input_files(
            files=[{"name": "plan.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(sheets)}]
        )
        page.get_by_role("button", name="Check the file").click()
        page.get_by_role("link", name=result).click()
        expect(page.get_by_role("main")).to_contain_text(shows)

    return act


def new_plan_sheets():
    sheets = valid_sheets()
    plan_value(sheets, "Reference", "SEND-2026")
    return sheets


def broken_sheets():
    sheets = new_plan_sheets()
    plan_value(sheets, "Title", "")
    return sheets


@dataclass(frozen=True)
class Screen:
    """One kind of page: who looks at it, where it is, what they do there, and its main heading."""

    name: str
    path: Callable[[SimpleNamespace], str]
    heading: str
    persona: str | None = "pm"
    act: Callable[[Page, SimpleNamespace], None] | None = None
    status: int = 200


SCREENS = [
    Screen("sign-in", lambda s: reverse("accounts:sign-in"), "Sign in", persona=None),
    Screen(
        "sign-in-with-errors",
        lambda s: reverse("accounts:sign-in"),
        "Sign in",
        persona=None,
        act=submit("Sign in"),
    ),
    Screen(
        "password-reset", lambda s: reverse("accounts:password-reset"), "Reset your password", persona=None
    ),
    Screen(
        "password-reset-with-errors",
        lambda s: reverse("accounts:password-reset"),
        "Reset your password",
        persona=None,
        act=submit("Send the link"),
    ),
    Screen(
        "password-reset-sent",
        lambda s: reverse("accounts:password-reset-sent"),
        "Check your email",
        persona=None,
    ),
    Screen(
        "password-reset-expired-link",
        lambda s: reverse("accounts:password-reset-confirm", kwargs={"uidb64": "MQ", "token": "abc-123"}),
        "This link has expired or been used",
        persona=None,
    ),
    Screen("area-home", lambda s: url("plans:area-home"), "Stockport: plans"),
    Screen("plan-overview", lambda s: url("plans:plan", pk=s.plan.pk), "Written Statement of Action"),
    Screen("plan-create-form", lambda s: url("plans:plan-create"), "Add a plan"),
    Screen(
        "plan-settings-form",
        lambda s: url("plans:plan-edit", pk=s.plan.pk),
        "Settings of Written Statement of Action",
    ),
    Screen(
        "plan-history",
        lambda s: url("plans:plan-history", pk=s.plan.pk),
        "History of changes to Written Statement of Action",
    ),
    Screen("milestones", lambda s: url("plans:milestones", pk=s.plan.pk), "Milestones"),
    Screen(
        "milestones-filtered",
        lambda s: f"{url('plans:milestones', pk=s.plan.pk)}?workstream={s.workstream.pk}&overdue=on",
        "Milestones",
    ),
    Screen("item-with-children", lambda s: url("plans:item", pk=s.action.pk), "Set up the board"),
    Screen("item-with-findings", lambda s: url("plans:item", pk=s.top.pk), "Joint commissioning"),
    Screen(
        "findings", lambda s: url("plans:findings", pk=s.plan.pk), "Inspection findings", persona="viewer"
    ),
    Screen("findings-managed", lambda s: url("plans:findings", pk=s.plan.pk), "Inspection findings"),
    Screen(
        "finding-add-form", lambda s: url("plans:finding-create", pk=s.plan.pk), "Add an inspection finding"
    ),
    Screen(
        "finding-edit-form-with-error",
        lambda s: url("plans:finding-edit", pk=s.finding.pk),
        "Edit finding KC1",
        act=unknown_item_number,
    ),
    Screen("finding-remove", lambda s: url("plans:finding-remove", pk=s.finding.pk), "remove finding KC1"),
    Screen("item-with-history", lambda s: url("plans:item", pk=s.mine.pk), "Board meets fortnightly"),
    Screen("item-edit-form", lambda s: url("plans:item-edit", pk=s.mine.pk), "Edit milestone 1.1.1.1"),
    Screen(
        "item-edit-form-with-error",
        lambda s: url("plans:item-edit", pk=s.mine.pk),
        "Edit milestone 1.1.1.1",
        act=impossible_due_date,
    ),
    Screen(
        "item-add-form",
        lambda s: f"{url('plans:item-create', plan_pk=s.plan.pk)}?parent={s.action.pk}",
        "Add a milestone under 1.1.1",
    ),
    Screen("item-move-form", lambda s: url("plans:item-move", pk=s.mine.pk), "Move 1.1.1.1"),
    Screen(
        "item-remove-confirmation",
        lambda s: url("plans:item-remove", pk=s.action.pk),
        "Are you sure you want to remove 1.1.1?",
    ),
    Screen("my-items", lambda s: url("plans:my-items"), "My items", persona="lead"),
    Screen("people", lambda s: url("areas:people"), "People"),
    Screen("person", lambda s: url("areas:person", pk=s.person.pk), "SM"),
    Screen("person-form", lambda s: url("areas:person-edit", pk=s.person.pk), "Edit SM"),
    Screen("person-add-form", lambda s: url("areas:person-create"), "Add a person"),
    Screen("group", lambda s: url("areas:person", pk=with_group(s).pk), "SEND Improvement Board"),
    Screen("group-add-form", lambda s: url("areas:group-create"), "Add a group"),
    Screen(
        "group-form", lambda s: url("areas:group-edit", pk=with_group(s).pk), "Edit SEND Improvement Board"
    ),
    Screen(
        "group-remove-refused",
        lambda s: url("areas:group-remove", pk=with_group(s).pk),
        "Are you sure you want to remove SEND Improvement Board?",
        act=submit("Remove"),
    ),
    Screen("workstreams", lambda s: url("areas:workstreams"), "Workstreams"),
    Screen("workstream", lambda s: url("areas:workstream", pk=s.workstream.pk), "SEN Support/ EHC plans"),
    Screen(
        "workstream-form", lambda s: url("areas:workstream-edit", pk=s.workstream.pk), "Edit workstream S/E"
    ),
    Screen("members", lambda s: url("areas:members"), "Members"),
    Screen(
        "member-form",
        lambda s: url("areas:member-edit", pk=s.viewer_membership.pk),
        "Change viewer@example.org",
    ),
    Screen("member-add-form", lambda s: url("areas:member-create"), "Invite a member"),
    Screen(
        "member-remove",
        lambda s: url("areas:member-remove", pk=s.viewer_membership.pk),
        "Are you sure you want to remove viewer@example.org from Stockport?",
    ),
    Screen("rag-schemes", lambda s: url("plans:rag-schemes"), "RAG schemes"),
    Screen("rag-scheme", lambda s: url("plans:rag-scheme", pk=s.scheme.pk), "Scheme"),
    Screen("rag-scheme-add-form", lambda s: url("plans:rag-scheme-create"), "Add a RAG scheme"),
    Screen(
        "rag-status-form",
        lambda s: url("plans:rag-status-edit", pk=s.scheme.pk, status_pk=s.status.pk),
        "Edit Not started",
    ),
    Screen(
        "rag-status-remove",
        lambda s: url("plans:rag-status-remove", pk=s.scheme.pk, status_pk=s.status.pk),
        "Are you sure you want to remove Not started",
    ),
    Screen("scorecard", lambda s: url("scorecard:scorecard"), "Scorecard", persona="viewer"),
    Screen(
        "scorecards-as-reported",
        lambda s: url("scorecard:reported-list"),
        "Scorecards as reported",
        persona="viewer",
    ),
    Screen(
        "scorecards-as-reported-wrong-choice",
        lambda s: url("scorecard:reported-list") + "?period=0",
        "Scorecards as reported",
        persona="viewer",
    ),
    Screen(
        "scorecard-as-reported",
        lambda s: url("scorecard:reported", period_pk=s.reported_period.pk),
        "Scorecard as reported for February 2021",
        persona="viewer",
    ),
    Screen(
        "scorecard-exceptions-as-reported",
        lambda s: url("scorecard:reported-exceptions", period_pk=s.reported_period.pk),
        "Exceptions as reported",
        persona="viewer",
    ),
    Screen(
        "measure-with-its-reported-history",
        lambda s: url("scorecard:measure", pk=s.measure.pk),
        "EHC plans issued within 20 weeks",
        persona="viewer",
    ),
    Screen("reported-period", lambda s: url("progress:period", pk=s.reported_period.pk), "February 2021"),
    Screen(
        "reported-period-with-rollups",
        lambda s: url("progress:period", pk=with_rollups_reported(s).reported_period.pk),
        "February 2021",
        persona="viewer",
    ),
    Screen(
        "open-period-with-live-rollups",
        lambda s: url("progress:period", pk=with_open_period(s).pk),
        "March 2021",
    ),
    Screen(
        "top-item-with-rollup-trend",
        lambda s: url("plans:item", pk=with_rollups_reported(s).top.pk),
        "Joint commissioning",
        persona="viewer",
    ),
    Screen(
        "plan-overview-at-a-glance",
        lambda s: url("plans:plan", pk=with_rollups_reported(s).plan.pk),
        "Written Statement of Action",
        persona="viewer",
    ),
    Screen(
        "viewer-home-at-a-glance",
        lambda s: url("plans:area-home") if with_rollups_reported(s) else "",
        "Stockport: plans",
        persona="viewer",
    ),
    Screen(
        "item-overall-rating-form",
        lambda s: url("plans:item-overall", pk=rated_by_hand(s).top.pk),
        "Set the overall rating",
    ),
    Screen(
        "item-overall-rating-form-with-error",
        lambda s: url("plans:item-overall", pk=rated_by_hand(s).top.pk),
        "Set the overall rating",
        act=submit("Save the rating"),
    ),
    Screen("import-upload", lambda s: url("plans:import"), "Import a plan"),
    Screen(
        "import-preview-with-problems",
        lambda s: url("plans:import"),
        "Add the plan SEND-2026",
        act=upload(
            broken_sheets(), result="See the problems in the file", shows="The file cannot be imported"
        ),
    ),
    Screen(
        "import-preview",
        lambda s: url("plans:import"),
        "Add the plan SEND-2026",
        act=upload(
            new_plan_sheets(), result="See what the import will do", shows="Nothing has been saved yet"
        ),
    ),
    Screen("page-not-found", lambda s: url("plans:item", pk=999_999), "Page not found", status=404),
    Screen(
        "cannot-do-this",
        lambda s: url("plans:item-edit", pk=s.mine.pk),
        "You cannot do this",
        persona="viewer",
        status=403,
    ),
]


@pytest.mark.parametrize("screen", SCREENS, ids=[screen.name for screen in SCREENS])
def test_the_page_has_no_serious_accessibility_problems(screen: Screen, site, page: Page, live_server):
    """The page, as its usual visitor sees it, passes axe with no serious or critical problem."""
    if screen.persona:
        signed_in_context(page.context, site.people[screen.persona], live_server.url)
    response = page.goto(screen.path(site))
    assert response is not None and response.status == screen.status, f"{page.url}: {response.status}"
    if screen.act:
        screen.act(page, site)
    expect(page.get_by_role("heading", level=1)).to_contain_text(screen.heading)
    assert_accessible(page)


# True when the word is painted on screen inside `scope`: not hidden, clipped to nothing or covered.
WORD_IS_SHOWN = """(scope, word) => {
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(word);
    if (at < 0) continue;
    node.parentElement.scrollIntoView({block: 'center', inline: 'center'});
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + word.length);
    const box = range.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return box.width > 10 && box.height > 8 && hit !== null && node.parentElement.contains(hit);
  }
  return false;
}"""


def assert_word_shown(scope, word: str) -> None:
    expect(scope).to_contain_text(word)
    assert scope.evaluate(WORD_IS_SHOWN, word), f"{word!r} is not shown on screen"


def test_the_rag_status_always_shows_its_word(site, page: Page, live_server):
    """Colour is never the only sign of a status: wherever a status appears, its word is on screen."""
    signed_in_context(page.context, site.people["viewer"], live_server.url)
    labels = list(site.scheme.statuses.order_by("position").values_list("label", flat=True))

    page.goto(url("plans:plan", pk=site.plan.pk))
    for label in [*labels, "No status"]:
        assert_word_shown(page.get_by_role("columnheader", name=label, exact=True), label)

    page.goto(url("plans:milestones", pk=site.plan.pk))
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="1.1.1.1", exact=True))
    assert_word_shown(row, "Progressing")

    page.goto(url("plans:item", pk=site.mine.pk))
    assert_word_shown(page.get_by_role("main"), "Progressing")


def test_a_rating_as_reported_always_shows_its_word(site, page: Page, live_server):
    """On the scorecard as reported and in a measure's reported history, the rating's word is on screen."""
    signed_in_context(page.context, site.people["viewer"], live_server.url)

    page.goto(url("scorecard:reported", period_pk=site.reported_period.pk))
    rows = page.get_by_role("row")
    assert_word_shown(rows.filter(has=page.get_by_role("link", name="E7", exact=True)), "Red")
    assert_word_shown(rows.filter(has_text="Persistent absence, EHC plan"), "Green")

    page.goto(url("scorecard:measure", pk=site.measure.pk))
    history = page.get_by_role("table", name="E7 as reported, period by period")
    assert_word_shown(history.get_by_role("row", name="February 2021", exact=False), "Red")
