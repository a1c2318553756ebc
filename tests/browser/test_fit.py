"""Pages that fit (WCAG 2.2 reflow, 1.4.10): the period, milestones, item, outstanding, challenge, overview,
home, highlight reports and scorecard pages of the demo, and the plan's history (paginated), at 1280 px
and at 320 px wide, never scroll sideways; every link in their tables (the actions among them) is on
screen, left to right, when scrolled to; and
each passes axe at both widths."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page

from accounts.models import User
from boardpacks.models import Pack
from plans.models import Item, Plan
from tests.browser.axe import assert_accessible
from tests.browser.conftest import signed_in_context
from voice.models import Entry

pytestmark = pytest.mark.browser

WIDTHS = (1280, 320)

# Each link in a table, brought into view by scrolling the page down only (never a box sideways): is it
# all inside the window, left to right? Returns the ones that are not, and the page's and tables' widths.
MEASURE = """() => {
  const cut = [];
  for (const link of document.querySelectorAll('main table a')) {
    const top = link.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, Math.max(0, top - window.innerHeight / 2));
    const box = link.getBoundingClientRect();
    if (box.left < 0 || box.right > window.innerWidth + 0.5) {
      cut.push(`${link.textContent.trim()} (${Math.round(box.left)} to ${Math.round(box.right)})`);
    }
  }
  const sideways = [...document.querySelectorAll('.app-table--stack')]
    .map(table => table.closest('.app-table-wrap'))
    .filter(wrap => wrap && wrap.scrollWidth > wrap.clientWidth + 1).length;
  return {page: document.documentElement.scrollWidth, window: window.innerWidth, cut: cut.slice(0, 5),
          cuts: cut.length, sideways};
}"""


@pytest.fixture
def demo(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"
    call_command("load_demo", stdout=StringIO())
    plan = Plan.objects.get(area__slug="stockport", reference="WSOA-2019")
    return plan


def _pages(plan: Plan) -> dict[str, str]:
    area = {"area": plan.area.slug}
    periods = {p.name: p.pk for p in plan.periods.all()}
    milestone = Item.objects.filter(plan=plan, level=4, number="2.2.3.1").get()
    top = Item.objects.filter(plan=plan, level=1).order_by("number").first()
    return {
        "open period": reverse("progress:period", kwargs={**area, "pk": periods["April 2021"]}),
        "reported period": reverse("progress:period", kwargs={**area, "pk": periods["March 2021"]}),
        "milestones": reverse("plans:milestones", kwargs={**area, "pk": plan.pk}),
        "milestone": reverse("plans:item", kwargs={**area, "pk": milestone.pk}),
        "area of weakness": reverse("plans:item", kwargs={**area, "pk": top.pk}),
        "outstanding": reverse("progress:outstanding", kwargs={**area, "pk": periods["April 2021"]}),
        "scorecard": reverse("scorecard:scorecard", kwargs=area),
        "scorecard as reported": reverse(
            "scorecard:reported", kwargs={**area, "period_pk": periods["March 2021"]}
        ),
        "exceptions": reverse("scorecard:exceptions", kwargs=area),
        "plan history": reverse("plans:plan-history", kwargs={**area, "pk": plan.pk}),
        "challenge in bulk": reverse("progress:challenge-bulk", kwargs={**area, "pk": periods["April 2021"]}),
        "plan overview": reverse("plans:plan", kwargs={**area, "pk": plan.pk}),
        "home": reverse("plans:area-home", kwargs=area),
        "highlight reports": reverse(
            "progress:highlight-reports", kwargs={**area, "pk": periods["March 2021"]}
        ),
        "you said, we did": reverse("voice:list", kwargs=area),
        "you said, we did entry": reverse(
            "voice:entry", kwargs={**area, "pk": Entry.objects.get(area=plan.area, reference="YS1").pk}
        ),
        "board packs": reverse("boardpacks:home", kwargs=area),
        "board pack sent": reverse(
            "boardpacks:pack",
            kwargs={**area, "pk": Pack.objects.get(template__area=plan.area, sent_at__isnull=False).pk},
        ),
    }


def test_the_pages_fit_at_1280_and_320_pixels_with_every_action_on_screen(demo, page: Page, live_server):
    signed_in_context(page.context, User.objects.get(email="pm@stockport.example"), live_server.url)
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for name, path in _pages(demo).items():
            response = page.goto(path)
            assert response is not None and response.status == 200, (name, path)
            found = page.evaluate(MEASURE)
            where = f"{name} at {width} px"
            if found["page"] > found["window"]:
                problems.append(f"{where}: the page scrolls sideways ({found['page']} px wide)")
            if found["cuts"]:
                problems.append(
                    f"{where}: {found['cuts']} link(s) off screen, e.g. {', '.join(found['cut'])}"
                )
            if found["sideways"]:
                problems.append(f"{where}: {found['sideways']} table(s) scroll sideways in their box")
            page.evaluate("() => window.scrollTo(0, 0)")
            assert_accessible(page)
    assert not problems, "\n".join(problems)


def test_on_a_narrow_screen_each_cell_shows_its_heading(demo, page: Page, live_server):
    """At 320 px a row of the period's table is a stack: each value under its column's heading, and the
    row's actions below them."""
    signed_in_context(page.context, User.objects.get(email="pm@stockport.example"), live_server.url)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(_pages(demo)["open period"])
    row = page.locator("main tbody tr").filter(has_text="Write update").first
    for heading in ("Number", "Item", "Owners", "Due", "Update", "Status"):
        label = row.locator(".app-cell-label", has_text=heading).first
        assert label.is_visible(), heading
    action = row.get_by_role("link", name="Write update")
    status = row.locator(".app-cell-label", has_text="Status").first
    assert action.bounding_box()["y"] > status.bounding_box()["y"]
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not row.locator(".app-cell-label").first.is_visible()
