"""An item's page, and adding, editing, moving and removing items."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view
from common.conflicts import try_save
from common.pages import page_of
from history.selectors import newest_changes_of_item, saved_since
from progress import rules as progress_rules
from progress import selectors as progress_selectors
from progress.rollup_chart import rollup_chart
from risks.selectors.bands import bands_for
from risks.selectors.risk import LinkedRisk, item_has_risks, risks_for_item
from scorecard.selectors.measure import measures_for_item
from voice.selectors import entries_for_item, item_has_entries

from .. import rollup, rules, selectors, services, snapshots
from ..forms import ItemForm, MoveForm, OverallRatingForm, VersionForm
from ..models import Item, Plan, RagStatus
from ..selectors.fields import item_fields
from .plans import HISTORY_PAGE_SIZE


def _linked_risks(access: Access, item: Item) -> list[LinkedRisk]:
    """The risks linked to the item (risks.selectors.risk), for roles that read the risk register."""
    if not access.can_read(Kind.RISKS):
        return []
    return risks_for_item(item=item, bands=lambda: bands_for(area=access.area))


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def item_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    page = selectors.item_page(access=access, pk=pk, also={**item_has_risks(), **item_has_entries()})
    item = page.item
    plan = item.plan
    see_also, referenced_by = selectors.links_of(item=item)
    today = timezone.localdate()
    done = bool(item.status and item.status.counts_as_done)
    cycle = access.can_read(Kind.CYCLE)
    open_cycle = cycle and not item.is_removed
    above_lowest = item.level < plan.depth and not item.is_removed
    statuses = selectors.statuses_of(plan=plan) if above_lowest else []
    children = selectors.child_rows(access=access, page=page, today=today, statuses=statuses)
    workstream_ids = {workstream.pk for workstream in page.item_workstreams}
    owner_ids = [owner.person_id for owner in page.item_owners]
    can_edit = access.may_edit_item(
        removed=item.is_removed, workstream_ids=workstream_ids, owner_ids=owner_ids
    )
    can_restructure = access.may_restructure_item(
        removed=item.is_removed, workstream_ids=workstream_ids, owner_ids=owner_ids
    )
    context = {
        **(_rollup_context(access, item, cycle, statuses, children, can_restructure) if above_lowest else {}),
        "access": access,
        "plan": plan,
        "item": item,
        "ancestors": selectors.ancestors_of(item=item),
        "children": children,
        "level_name": plan.level_name(item.level),
        "history": page_of(
            selectors.history_of_item(item=item),
            HISTORY_PAGE_SIZE,
            request.GET.get("page"),
            first=lambda count: newest_changes_of_item(item=item, count=count),
        ),
        "overdue": rules.is_overdue(item.due_date, done, today),
        "owners": page.item_owners,
        "workstreams": page.item_workstreams,
        "can_edit": can_edit,
        "can_restructure": can_restructure,
        "child_level_name": plan.level_name(item.level + 1) if item.level < plan.depth else None,
        "child_level_plural": plan.level_plural(item.level + 1) if item.level < plan.depth else None,
        "nav": "plans",
        "today": today,
        "due": progress_rules.due_wording(item.due_date, item.original_due_date, item.slip_count),
        "timeline": progress_selectors.item_timeline(item=item) if cycle else [],
        "open_period": progress_selectors.current_period(plan=plan) if open_cycle else None,
        "can_update": can_edit,
        "can_challenge": not item.is_removed and access.may_challenge(workstream_ids),
        "measures": measures_for_item(item=item) if access.can_read(Kind.SCORECARD) else [],
        "see_also": see_also,
        "referenced_by": referenced_by,
        "findings": selectors.findings_of(item=item),
        "item_fields": item_fields(item=item),
        "risks": _linked_risks(access, item),
        "voice_entries": entries_for_item(item=item) if access.can_read(Kind.VOICE) else [],
    }
    return render(request, "plans/item_detail.html", context)


def _rollup_context(
    access: Access,
    item: Item,
    cycle: bool,
    statuses: list[RagStatus],
    children: list[selectors.ItemRow],
    can_restructure: bool,
) -> dict[str, Any]:
    """A current item above the lowest level: its live roll-up and, for a top-level item, its roll-up in
    each reported period (a chart with its table). The roll-up of an item one level above the lowest is
    counted from its children, already read."""
    plan = item.plan
    trend = progress_selectors.rollup_trend(item=item) if cycle and item.level == 1 else []
    chart = rollup_chart(
        [(p.period_name, p.rollup.counts, p.rollup.rating_label) for p in trend],
        ident=str(item.pk),
        name=f"{plan.level_name(item.level)} {item.number}",
    )
    lowest_under = [row.status.pk if row.status else None for row in children]
    return {
        "rollup": selectors.item_rollup(
            item=item, statuses=statuses, lowest_under=lowest_under if item.level + 1 == plan.depth else None
        ),
        "rollup_trend": trend,
        "rollup_chart": mark_safe(chart) if trend else "",  # noqa: S308 - every value escaped in rollup_chart  # nosec B308, B703
        "show_rollup_trend": cycle and item.level == 1,
        "can_set_overall": plan.rollup_rule == rollup.BY_HAND and can_restructure,
    }


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.PLAN)
def item_overall(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """Set by hand the overall rating of an item above the lowest level, with the reason."""
    item = _restructurable(access, pk)
    if item.level >= item.plan.depth or item.plan.rollup_rule != rollup.BY_HAND:
        raise PermissionDenied("This item's overall rating is worked out from the items under it.")
    form = OverallRatingForm(request.POST or None, item=item)
    attempt = try_save(
        form,
        lambda: services.item_overall_set(
            item=item,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing="this item",
        theirs=lambda saved: services.overall_snapshot(item=saved),
        mine=lambda: services.overall_snapshot(
            item=Item(overall_status=form.cleaned_data["status"], overall_reason=form.cleaned_data["reason"])
        ),
    )
    if attempt.saved:
        messages.success(request, f"The overall rating of {item.number} is saved.")
        return redirect(item)
    context = {"access": access, "plan": item.plan, "item": item, "form": form, "theirs": attempt.theirs}
    context["rollup"] = selectors.item_rollup(item=item, statuses=selectors.statuses_of(plan=item.plan))
    return render(
        request,
        "plans/item_overall.html",
        {**context, "level_name": item.plan.level_name(item.level), "nav": "plans"},
    )


def _parent_for_new_item(access: Access, plan: Plan, parent_pk: str | None) -> Item | None:
    if not parent_pk:
        if not access.can_add_top_level_item():
            raise PermissionDenied
        return None
    parent = selectors.item_for(access=access, pk=int(parent_pk)) if parent_pk.isdigit() else None
    if parent is None or parent.plan_id != plan.pk:
        raise PermissionDenied
    if not access.can_restructure_item(parent) or parent.level >= plan.depth:
        raise PermissionDenied
    return parent


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.PLAN)
def item_create(request: SignedInRequest, access: Access, plan_pk: int) -> HttpResponse:
    plan = selectors.plan_for(access=access, pk=plan_pk)
    parent = _parent_for_new_item(access, plan, request.GET.get("parent") or request.POST.get("parent"))
    siblings = (parent.children if parent else plan.items.filter(level=1)).current()
    numbers = list(siblings.values_list("number", flat=True))
    suggested = rules.next_child_number(parent.number if parent else None, numbers)
    initial: dict[str, object] = {"number": suggested}
    if parent is not None:
        initial["workstreams"] = [w.pk for w in parent.workstreams.all()]
    form = ItemForm(request.POST or None, plan=plan, initial=initial, can_rate=access.is_programme_manager)
    if form.is_valid() and (problem := _misplaced(form.cleaned_data["number"].strip(), parent, suggested)):
        form.add_error("number", problem)
    attempt = try_save(
        form,
        lambda: services.item_create(
            plan=plan, number=form.cleaned_data["number"].strip(), content=form.content(), by=request.user
        ),
    )
    if attempt.saved and (item := attempt.result) is not None:
        messages.success(request, f"{plan.level_name(item.level)} {item.number} added.")
        return redirect(item)
    level = (parent.level + 1) if parent else 1
    context = {"access": access, "plan": plan, "form": form, "parent": parent}
    return render(
        request, "plans/item_form.html", {**context, "level_name": plan.level_name(level), "nav": "plans"}
    )


def _misplaced(number: str, parent: Item | None, suggested: str) -> str:
    """Why a new item's number does not go where it is being added, or "" (a number that cannot be read
    at all is left to the service to explain)."""
    if not _valid(number) or rules.parent_number(number) == (parent.number if parent else None):
        return ""
    if parent:
        return f"The number must be {parent.number} and one more part, such as {suggested}"
    return f"A top-level item's number has one part, such as {suggested}"


def _valid(number: str) -> bool:
    try:
        rules.number_parts(number)
    except rules.NumberProblem:
        return False
    return True


def _editable(access: Access, pk: int) -> Item:
    item = selectors.item_for(access=access, pk=pk)
    if not access.can_edit_item(item):
        raise PermissionDenied("You can edit only the items of your workstreams, or that you own.")
    return item


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.PLAN)
def item_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    item = _editable(access, pk)
    form = ItemForm(request.POST or None, plan=item.plan, item=item, can_rate=access.is_programme_manager)
    form.fields["version"].required = True
    attempt = try_save(
        form,
        lambda: services.item_update(
            item=item,
            content=form.content(),
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing="this item",
        theirs=snapshots.item_snapshot,
        mine=lambda: snapshots.content_snapshot(item.number, form.content()),
    )
    if attempt.saved:
        messages.success(request, f"{item.plan.level_name(item.level)} {item.number} saved.")
        return redirect(item)
    return render(
        request,
        "plans/item_form.html",
        {
            "access": access,
            "plan": item.plan,
            "item": item,
            "form": form,
            "theirs": attempt.theirs,
            "level_name": item.plan.level_name(item.level),
            "nav": "plans",
        },
    )


def _restructurable(access: Access, pk: int) -> Item:
    item = selectors.item_for(access=access, pk=pk)
    if not access.can_restructure_item(item):
        raise PermissionDenied("Only the programme manager and the workstream's lead can do this.")
    return item


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.PLAN)
def item_move(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    item = _restructurable(access, pk)
    if item.level == 1:
        raise PermissionDenied("Top-level items cannot be moved under anything.")
    form = MoveForm(request.POST or None, item=item, initial={"version": item.version})
    attempt = try_save(
        form,
        lambda: services.item_move(
            item=item,
            new_parent=form.cleaned_data["new_parent"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing="this item",
        doing="moving it",
        theirs=lambda theirs: saved_since(item=theirs, version=form.cleaned_data["version"]),
    )
    if attempt.saved and (moved := attempt.result) is not None:
        messages.success(request, f"Moved: {item.number} is now {moved.number}.")
        return redirect(moved)
    return render(
        request,
        "plans/item_move.html",
        {
            "access": access,
            "plan": item.plan,
            "item": item,
            "form": form,
            "theirs": attempt.theirs,
            "nav": "plans",
        },
    )


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.PLAN)
def item_remove(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    item = _restructurable(access, pk)
    form = VersionForm(request.POST or None, initial={"version": item.version})
    attempt = try_save(
        form,
        lambda: services.item_remove(
            item=item, expected_version=form.cleaned_data["version"], by=request.user
        ),
        thing="this item",
        removing=True,
        theirs=lambda theirs: saved_since(item=theirs, version=form.cleaned_data["version"]),
    )
    if attempt.saved:
        messages.success(
            request,
            f"{item.plan.level_name(item.level)} {item.number} removed. It stays in the plan's history.",
        )
        return redirect(item.parent or item.plan)
    below = item.plan.items.current().filter(sort_key__startswith=item.sort_key + ".").count()
    context = {"access": access, "plan": item.plan, "item": item, "form": form, "below": below}
    return render(request, "plans/item_remove.html", {**context, "theirs": attempt.theirs, "nav": "plans"})
