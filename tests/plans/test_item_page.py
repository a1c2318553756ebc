"""An item's page: breadcrumbs to the top, the inspection findings it answers, and its links both ways,
read with fewer queries than the item's edit pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import Item
from tests.plans.factories import FindingFactory

pytestmark = pytest.mark.django_db


def page(client, user, item) -> str:
    client.force_login(user)
    return client.get(
        reverse("plans:item", kwargs={"area": item.plan.area.slug, "pk": item.pk})
    ).content.decode()


def breadcrumbs(html: str) -> list[str]:
    nav = html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    return [part.split("</a>", 1)[0] for part in nav.split('class="govuk-breadcrumbs__link" href="')[1:]]


def test_a_milestone_has_breadcrumbs_to_the_top_of_its_plan(client, programme_manager, tree):
    crumbs = breadcrumbs(page(client, programme_manager, tree["mine"]))
    assert [crumb.rsplit(">", 1)[1] for crumb in crumbs] == [
        "Plans",
        tree["mine"].plan.reference,
        "1",
        "1.1",
        "1.1.1",
    ]


def test_the_see_also_links_show_both_ways_current_items_only_in_plan_order(client, programme_manager, tree):
    mine, theirs, action, priority = tree["mine"], tree["theirs"], tree["action"], tree["priority"]
    mine.see_also.add(theirs, priority)
    action.see_also.add(mine)
    theirs.see_also.add(mine)
    Item.objects.filter(pk=theirs.pk).update(removed_at=timezone.now())

    html = page(client, programme_manager, mine)

    see_also = html.split("See also</dt>", 1)[1].split("</dd>", 1)[0]
    assert ">1.1</a>" in see_also.split("Referred to by")[0]
    assert "1.1.1.2" not in see_also  # removed: neither linked to nor referring
    assert ">1.1.1</a>" in see_also.split("Referred to by")[1]


def test_findings_are_shown_on_the_item_that_answers_them_and_cost_nothing_elsewhere(
    client, programme_manager, tree
):
    FindingFactory(
        plan=tree["top"].plan, quotation="Leaders do not have a clear view of the area.", items=[tree["top"]]
    )
    assert "Leaders do not have a clear view" in page(client, programme_manager, tree["top"])

    client.force_login(programme_manager)
    url = reverse("plans:item", kwargs={"area": tree["mine"].plan.area.slug, "pk": tree["mine"].pk})
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert "Inspection findings this answers" not in html
    assert not any('"plans_finding"."quotation"' in q["sql"] for q in queries.captured_queries)
    assert not any(
        '"plans_item"."number" IN' in q["sql"] for q in queries.captured_queries
    )  # no ancestor query
