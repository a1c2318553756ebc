"""What the public pages may show, and the publishing pages' reads.

`public_content` is the one place deciding what is public: it builds, from live data, a plain JSON
dict of only what families may read. The preview renders it; publishing stores it in a Publication;
the public pages, the charts, the feed and the CSV read only a Publication's stored content.
Nothing else (people, owners, commentary, updates, risks, evidence, drafts) is ever put in it."""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from areas.access import Access
from areas.models import LocalArea
from plans.models import Item, Plan
from plans.selectors.rollups import plan_overview
from scorecard.models import Figure, Outcome, Series
from scorecard.rules import NearMiss, NoTarget, ToleranceKind, show
from scorecard.selectors.card import area_scorecard
from scorecard.selectors.objects import settings_for
from voice.models import Entry

from . import rules
from .models import ItemSummary, Publication, PublicSettings

Content = dict[str, Any]


def settings_of(*, area: LocalArea) -> PublicSettings:
    """The area's public settings; an area that has never set them gets the defaults (unsaved)."""
    return PublicSettings.objects.filter(area=area).select_related("plan").first() or PublicSettings(
        area=area
    )


def plan_shown(*, area: LocalArea, chosen: PublicSettings | None = None) -> Plan | None:
    """The plan the public pages show: the one chosen in the settings, else the area's live plan."""
    chosen = chosen or settings_of(area=area)
    if chosen.plan_id and chosen.plan and chosen.plan.area_id == area.pk:
        return chosen.plan
    plans = Plan.objects.filter(area=area)
    return (
        plans.filter(status=Plan.Status.LIVE).order_by("-created_at").first()
        or plans.order_by("-created_at").first()
    )


def top_level_items(*, plan: Plan) -> QuerySet[Item]:
    return plan.items.current().filter(level=1).order_by("sort_key").select_related("public_summary")


def summary_of(*, item: Item) -> ItemSummary:
    try:
        return item.public_summary
    except ItemSummary.DoesNotExist:
        return ItemSummary(item=item)


def top_item_for(*, access: Access, pk: int) -> Item:
    """A top-level item of a plan of the user's area, for writing its summary."""
    found = (
        Item.objects.current()
        .filter(plan__area=access.area, level=1, pk=pk)
        .select_related("plan", "public_summary")
        .first()
    )
    if found is None:
        raise Http404("No such top-level item")
    return found


def publications_of(*, area: LocalArea) -> QuerySet[Publication]:
    return Publication.objects.filter(area=area).select_related("published_by").order_by("-number")


def public_listing(*, area: LocalArea) -> QuerySet[Publication]:
    """The area's publications for the public list and feed: number, date and note only (no names)."""
    return (
        Publication.objects.filter(area=area)
        .order_by("-number")
        .only("number", "published_at", "note", "area_id")
    )


def latest_publication(*, area: LocalArea) -> Publication | None:
    return Publication.objects.filter(area=area).order_by("-number").first()


def public_content(*, area: LocalArea, today: date | None = None) -> Content:
    """Everything the public pages show, from live data, and nothing else: plain JSON."""
    today = today or timezone.localdate()
    chosen = settings_of(area=area)
    plan = plan_shown(area=area, chosen=chosen)
    previous = latest_publication(area=area)
    return {
        "area": {
            "name": area.name,
            "council_name": area.council_name or area.name,
            "colour": area.colour,
            "slug": area.slug,
        },
        "plan": {"title": plan.title} if plan else None,
        "introduction": chosen.introduction,
        "items": _items(plan, today, previous.content if previous else None) if plan else [],
        "scorecard": _scorecard(area),
        "voice": _voice(area),
    }


def _items(plan: Plan, today: date, previous: Content | None) -> list[Content]:
    rows, statuses = plan_overview(plan=plan, today=today)
    summaries = {s.item_id: s for s in ItemSummary.objects.filter(item__in=[row.item for row in rows])}
    before = {item["number"]: item["counts"] for item in (previous or {}).get("items", [])}
    items = []
    for row in rows:
        counts = [(s.label, row.counts.get(s.pk, 0)) for s in statuses]
        counts.append((rules.NO_STATUS, row.counts.get(None, 0)))
        summary = summaries.get(row.item.pk)
        earlier = before.get(row.item.number) if previous is not None else None
        items.append(
            {
                "number": row.item.number,
                "text": row.item.text,
                "summary": summary.summary if summary else "",
                "easy_read": summary.easy_read if summary else "",
                "counts": [[label, count] for label, count in counts],
                "counts_words": rules.counts_words(counts),
                "changes": rules.changes_since(
                    [(label, count) for label, count in earlier] if earlier is not None else None, counts
                ),
            }
        )
    return items


def _scorecard(area: LocalArea) -> Content:
    card = area_scorecard(area=area, public_only=True)
    area_settings = settings_for(area=area)
    headline_ids = [line.headline.pk for line in card.lines if line.headline is not None]
    series: dict[int, dict[str, list[list[str | None]]]] = defaultdict(lambda: defaultdict(list))
    for breakdown_id, name, period, ends_on, value in (
        Figure.objects.filter(breakdown_id__in=headline_ids)
        .order_by("period_ends_on")
        .values_list("breakdown_id", "series", "period", "period_ends_on", "value")
    ):
        series[breakdown_id][name].append([ends_on.isoformat(), period, _text(value)])
    names = {s.value: s.label for s in Series}
    names[Series.AREA] = area.name
    if area_settings.region_name:
        names[Series.REGION] = area_settings.region_name
    measures = []
    for line in card.lines:
        measure, assessment = line.measure, line.assessment
        unit = measure.unit_suffix
        latest = assessment.latest
        target = assessment.target
        headline = line.headline
        measures.append(
            {
                "code": measure.code,
                "name": measure.name,
                "description": measure.description,
                "unit": unit,
                "polarity": measure.polarity,
                "better": "A higher figure is better"
                if measure.polarity == "higher"
                else "A lower figure is better",
                "rating": assessment.rating.value,
                "rating_word": assessment.rating.label,
                "direction": assessment.direction.label,
                "reason": assessment.reason,
                "latest_period": latest.period if latest else "",
                "latest": show(latest.value, unit) if latest and latest.value is not None else "",
                "latest_value": _text(latest.value) if latest else None,
                "target": show(target[1], unit) if target else "",
                "target_value": _text(target[1]) if target else None,
                "targets": [[t.due_on.isoformat(), _text(t.value)] for t in headline.targets.all()]
                if headline
                else [],
                "series": dict(series[headline.pk]) if headline else {},
                "series_names": names,
            }
        )
    return {"explanation": _explanation(area_settings), "measures": measures}


def _explanation(area_settings: Any) -> list[str]:
    rating = area_settings.rating_settings()
    return rules.rating_explanation(
        tolerance=format(rating.tolerance.normalize(), "f"),
        near_miss_green=rating.near_miss is NearMiss.GREEN,
        compare_without_target=rating.no_target is NoTarget.COMPARE,
        tolerance_is_percent=rating.tolerance_kind is ToleranceKind.PERCENT_OF_TARGET,
    )


def _voice(area: LocalArea) -> list[Content]:
    entries = Entry.objects.filter(area=area, is_published=True).prefetch_related("items", "outcomes")
    found = []
    for entry in entries:
        found.append(
            {
                "reference": entry.reference,
                "said": entry.said,
                "source": entry.get_source_display(),
                "heard_on": entry.heard_on.isoformat() if entry.heard_on else "",
                "group": entry.group,
                "did": entry.did,
                "how_we_know": entry.how_we_know,
                "statements": [
                    [o.code, o.statement] for o in sorted(entry.outcomes.all(), key=_outcome_order)
                ],
                "items": [
                    [i.number, i.text]
                    for i in sorted(entry.items.all(), key=lambda i: (i.plan_id, i.sort_key))
                    if i.removed_at is None
                ],
            }
        )
    return found


def _outcome_order(outcome: Outcome) -> tuple[int, str]:
    return outcome.position, outcome.code


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")
