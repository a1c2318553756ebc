"""The lowest-level items of a plan, filtered, with a CSV of what is shown; and "my items"."""

import csv
import io
from typing import cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view
from common.dates import format_uk_date
from common.uploads import csv_safe
from progress import selectors as progress_selectors

from .. import selectors
from ..forms import MilestoneFilterForm
from ..forms_fields import field_inputs_of, filters_chosen
from ..models import Item, Plan

PAGE_SIZE = 100


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def milestone_list(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    plan = selectors.plan_for(access=access, pk=pk)
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
            fields=filters_chosen(form),
        )
    today = timezone.localdate()
    items = selectors.milestones(plan=plan, filters=filters, today=today)
    if request.GET.get("format") == "csv":
        return _csv(plan, selectors.item_rows(access=access, queryset=items, today=today))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = cast(QuerySet[Item], page.object_list)  # a page of a queryset is a slice of it
    rows = selectors.item_rows(access=access, queryset=shown, today=today)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plans/milestone_list.html",
        {
            "access": access,
            "plan": plan,
            "form": form,
            "field_filters": field_inputs_of(form),
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "nav": "plans",
        },
    )


def _csv(plan: Plan, rows: list[selectors.ItemRow]) -> HttpResponse:
    """The rows as CSV, written to memory first and handed to the response once (written row by row
    into the response, each row was encoded on its own: a third of the time of 2,000 rows)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        ["Number", "Text", "Due date", "Due as written", "Workstream", "Owners", "Status", "Overdue"]
    )
    writer.writerows(
        [
            csv_safe(row.number),
            csv_safe(row.text),
            format_uk_date(row.due_date),
            csv_safe(row.due_text),
            csv_safe(", ".join(row.workstreams)),
            csv_safe(", ".join(row.owners)),
            csv_safe(row.status.label if row.status else ""),
            "Yes" if row.overdue else "No",
        ]
        for row in rows
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"{slugify(plan.reference) or 'plan'}-{slugify(plan.lowest_level_plural)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def my_items(request: SignedInRequest, access: Access) -> HttpResponse:
    today = timezone.localdate()
    owned: list[selectors.ItemRow] = []
    led: list[selectors.ItemRow] = []
    if access.person_id:  # owned by their person, or by a group they are a member of
        owned_items = selectors.items_of_owners(access=access, person_ids=access.owner_id_list)
        owned = selectors.item_rows(access=access, queryset=owned_items, today=today)
    if access.led_workstream_ids:
        led_items = selectors.items_of_workstreams(access=access, workstream_ids=access.led_workstream_ids)
        led = selectors.item_rows(access=access, queryset=led_items, today=today)
    context = {
        "access": access,
        "owned": owned,
        "led": led,
        "updates_due": progress_selectors.my_updates_due(access=access),
        "changed_ratings": progress_selectors.changed_ratings(access=access),
        "nav": "my",
    }
    return render(request, "plans/my_items.html", context)
