"""The lowest-level items of a plan, filtered, with a CSV of what is shown; and "my items"."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from areas.access import area_view
from common.dates import format_uk_date
from common.uploads import csv_safe

from .. import rules, selectors
from ..forms import MilestoneFilterForm

PAGE_SIZE = 100


@require_http_methods(["GET"])
@area_view()
def milestone_list(request, access, pk: int):
    plan = selectors.plan_for(access, pk)
    form = MilestoneFilterForm(request.GET or None, plan=plan)
    filters = selectors.MilestoneFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.MilestoneFilters(
            workstream=data["workstream"].pk if data["workstream"] else None,
            owner=data["owner"].pk if data["owner"] else None,
            status=data["status"] or None,
            overdue=data["overdue"],
            due_soon=data["due_soon"],
        )
    today = timezone.localdate()
    items = selectors.milestones(plan, filters, today)
    if request.GET.get("format") == "csv":
        return _csv(plan, items, today)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page:
        item.overdue = rules.is_overdue(
            item.due_date, bool(item.status and item.status.counts_as_done), today
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plans/milestone_list.html",
        {
            "access": access,
            "plan": plan,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "nav": "plans",
        },
    )


def _csv(plan, items, today) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(plan.reference) or "plan"}-{slugify(plan.lowest_level_name)}s.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        ["Number", "Text", "Due date", "Due as written", "Workstream", "Owners", "Status", "Overdue"]
    )
    for item in items:
        done = bool(item.status and item.status.counts_as_done)
        writer.writerow(
            csv_safe(value)
            for value in [
                item.number,
                item.text,
                format_uk_date(item.due_date),
                item.due_text,
                ", ".join(w.code for w in item.workstreams.all()),
                ", ".join(o.person.initials for o in item.ownerships.all()),
                item.status.label if item.status else "",
                "Yes" if rules.is_overdue(item.due_date, done, today) else "No",
            ]
        )
    return response


@require_http_methods(["GET"])
@area_view()
def my_items(request, access):
    today = timezone.localdate()
    owned = list(selectors.items_of_person(access, access.person_id)) if access.person_id else []
    led = (
        list(selectors.items_of_workstreams(access, access.led_workstream_ids))
        if access.led_workstream_ids
        else []
    )
    for item in owned + led:
        item.overdue = rules.is_overdue(
            item.due_date, bool(item.status and item.status.counts_as_done), today
        )
    return render(request, "plans/my_items.html", {"access": access, "owned": owned, "led": led, "nav": "my"})
