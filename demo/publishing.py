"""The demo's public pages: Stockport's summaries for families, an introduction, and a first
publication made through the publishing service, of whatever is published at that moment."""

from accounts.models import User
from areas.models import LocalArea
from demo.dating import dated
from demo.progress import DEMO_NOW
from plans.models import Plan
from publishing import selectors, services

INTRODUCTION = (
    "In 2019 inspectors found that support for children and young people with special educational "
    "needs and disabilities (SEND) in Stockport was not good enough. Together with families, schools "
    "and the NHS, we wrote a plan to put this right. This page shows how each part of the plan is "
    "going. We update it every month."
)

# (item number, summary, easy read)
SUMMARIES = [
    (
        "1",
        "The council and the NHS are planning and paying for services together, so that families do "
        "not have to go from one to the other. A board of senior leaders meets every month to check "
        "the plan is on track.",
        "The council and the NHS work together. Leaders meet every month to check the plan.",
    ),
    (
        "2",
        "When a child is assessed for an education, health and care (EHC) plan, social care now "
        "takes part from the start, so the plan covers home life as well as school.",
        "",
    ),
    (
        "3",
        "Parents, carers and young people help design services with us. The parent carer forum helped "
        "write our co-production charter, and young people sit on our working groups.",
        "Families help us plan. You can tell us what works and what does not.",
    ),
    (
        "4",
        "Leaders are building a shared picture of what children with SEND need, using information "
        "from education, health and care, so that money and staff go where they are needed most.",
        "",
    ),
    (
        "5",
        "We check whether the changes are making a difference, using the measures on our scorecard "
        "and what families tell us.",
        "",
    ),
]


def load_publishing_demo(area: LocalArea, plan: Plan, *, manager: User) -> str:
    """Write the summaries and introduction if none are written, then publish once (never again)."""
    if selectors.latest_publication(area=area) is not None:
        return f"{area.name}: public pages kept as published"
    with dated(DEMO_NOW):
        chosen = selectors.settings_of(area=area)
        if not chosen.introduction:
            services.settings_update(
                area=area,
                introduction=INTRODUCTION,
                plan=plan,
                expected_version=chosen.version,
                by=manager,
                source="Demo data",
            )
        items = {item.number: item for item in selectors.top_level_items(plan=plan)}
        for number, summary, easy_read in SUMMARIES:
            item = items.get(number)
            if item is None or selectors.summary_of(item=item).summary:
                continue
            services.summary_update(
                item=item,
                summary=summary,
                easy_read=easy_read,
                expected_version=1,
                by=manager,
                source="Demo data",
            )
        publication = services.publication_create(
            area=area, by=manager, note="Our first progress update for families", at=DEMO_NOW
        )
    return (
        f"{area.name}: public pages published (update {publication.number}) at "
        f"http://127.0.0.1:8000/public/{area.slug}/"
    )
