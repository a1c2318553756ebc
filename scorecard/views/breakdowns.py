"""A measure's breakdowns and targets: programme managers only (areas.access.scorecard_manager).

Each page takes several actions at one address, named by the button pressed, so it works without
JavaScript. Changes and removals carry the version they were read at (common.concurrency).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from areas.access import area_view, scorecard_manager
from common.concurrency import EditConflict
from common.dates import format_uk_date
from common.views import apply_validation_error

from .. import selectors
from ..forms.breakdowns import BreakdownForm, TargetForm
from ..forms.manage import plain_number
from ..models import Breakdown, Target
from ..selectors import manage as manage_selectors
from ..services import breakdowns
from .conflicts import as_saved, differences, rebind, removal_refused

# Breakdowns


def _id(value) -> int:
    """An object id posted or given in the address; anything else is "Page not found"."""
    if not str(value or "").isdigit():
        raise Http404
    return int(value)


def _posted_version(request) -> int:
    """The version a Remove button carries; missing or unreadable is 0, which never matches."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0


def _breakdown_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in breakdowns.BREAKDOWN_FIELDS}


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager)
def breakdowns_edit(request, access, pk: int):
    measure = selectors.get_measure(access, pk)
    here = reverse("scorecard:breakdowns", kwargs={"area": access.area.slug, "pk": measure.pk})
    action = request.POST.get("action", "")
    changing = None
    if request.method == "POST":
        if action != "add":
            changing = manage_selectors.get_breakdown(measure, _id(request.POST.get("breakdown")))
    elif "change" in request.GET:
        changing = manage_selectors.get_breakdown(measure, _id(request.GET["change"]))
    problem = theirs = form = None
    if request.method == "POST" and action in ("add", "save"):
        form = BreakdownForm(request.POST)
        if form.is_valid():
            fields = _breakdown_fields(form)
            try:
                if action == "add":
                    done = breakdowns.breakdown_add(measure=measure, by=request.user, **fields)
                    messages.success(request, f"Breakdown {done.name} added.")
                else:
                    version = form.cleaned_data["version"] or 0
                    done = breakdowns.breakdown_update(
                        breakdown=changing, expected_version=version, by=request.user, **fields
                    )
                    messages.success(request, f"Breakdown {done.name} saved.")
            except EditConflict as conflict:
                mine = breakdowns.breakdown_snapshot(Breakdown(position=conflict.obj.position, **fields))
                theirs = differences(breakdowns.breakdown_snapshot(conflict.obj), mine)
                form = rebind(BreakdownForm, request, conflict.obj.version)
            except ValidationError as error:
                apply_validation_error(form, error)
                if changing:
                    changing.refresh_from_db()
            else:
                return redirect(here)
    elif request.method == "POST":
        if action == "remove":
            try:
                breakdowns.breakdown_remove(
                    breakdown=changing, expected_version=_posted_version(request), by=request.user
                )
            except EditConflict as conflict:
                problem = removal_refused(conflict.obj.name)
                theirs = as_saved(breakdowns.breakdown_snapshot(conflict.obj))
            except ValidationError as error:
                problem = error.messages[0]
                changing = None
            else:
                messages.success(request, f"Breakdown {changing.name} removed.")
                return redirect(here)
        elif action in ("up", "down", "headline"):
            if action == "headline":
                breakdowns.breakdown_make_headline(breakdown=changing, by=request.user)
                messages.success(request, f"{changing.name} is now the headline, rated on the scorecard.")
            else:
                breakdowns.breakdown_move(breakdown=changing, up=action == "up", by=request.user)
                messages.success(request, f"Breakdown {changing.name} moved {action}.")
            return redirect(here)
        else:
            raise Http404
    if form is None:
        form = BreakdownForm(initial=_breakdown_fields_of(changing) if changing else None)
    return render(
        request,
        "scorecard/breakdowns_form.html",
        {
            "access": access,
            "measure": measure,
            "breakdowns": manage_selectors.breakdowns_of(measure),
            "form": form,
            "changing": changing,
            "problem": problem,
            "theirs": theirs,
            "nav": "scorecard",
        },
    )


def _breakdown_fields_of(breakdown) -> dict:
    return {
        "name": breakdown.name,
        "baseline": plain_number(breakdown.baseline),
        "baseline_period": breakdown.baseline_period,
        "baseline_note": breakdown.baseline_note,
        "version": breakdown.version,
    }


# Targets


def _target_fields_of(target) -> dict:
    return {
        "value": plain_number(target.value),
        "due_on": target.due_on,
        "note": target.note,
        "version": target.version,
    }


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager)
def targets_edit(request, access, pk: int):
    measure = selectors.get_measure(access, pk)
    here = reverse("scorecard:targets", kwargs={"area": access.area.slug, "pk": measure.pk})
    action = request.POST.get("action", "")
    changing = None
    if request.method == "POST":
        if action != "add":
            changing = manage_selectors.get_target(measure, _id(request.POST.get("target")))
    elif "change" in request.GET:
        changing = manage_selectors.get_target(measure, _id(request.GET["change"]))
    listed = manage_selectors.breakdowns_of(measure)
    choices = None if changing else listed
    unit = measure.unit_suffix
    form = TargetForm(request.POST or None, breakdowns=choices, unit_suffix=unit)
    problem = theirs = None
    if request.method == "POST" and action == "remove":
        try:
            breakdowns.target_remove(
                target=changing, expected_version=_posted_version(request), by=request.user
            )
        except EditConflict as conflict:
            problem = removal_refused(f"the {changing.breakdown.name} target")
            theirs = as_saved(breakdowns.target_snapshot(conflict.obj))
            form = TargetForm(initial=_target_fields_of(changing), breakdowns=None, unit_suffix=unit)
        else:
            when = format_uk_date(changing.due_on)
            messages.success(request, f"Target of {changing.breakdown.name} for {when} removed.")
            return redirect(here)
    elif request.method == "POST" and action not in ("add", "save"):
        raise Http404
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {"value": data["value"], "due_on": data["due_on"], "note": data["note"]}
        try:
            if changing:
                version = data["version"] or 0
                done = breakdowns.target_update(
                    target=changing, expected_version=version, by=request.user, **fields
                )
            else:
                breakdown = manage_selectors.get_breakdown(measure, data["breakdown"])
                done = breakdowns.target_add(breakdown=breakdown, by=request.user, **fields)
        except EditConflict as conflict:
            theirs = differences(
                breakdowns.target_snapshot(conflict.obj), breakdowns.target_snapshot(Target(**fields))
            )
            form = rebind(TargetForm, request, conflict.obj.version, breakdowns=choices, unit_suffix=unit)
        except ValidationError as error:
            apply_validation_error(form, error)
            if changing:
                changing.refresh_from_db()
        else:
            when = format_uk_date(done.due_on)
            messages.success(request, f"Target of {done.breakdown.name} for {when} saved.")
            return redirect(here)
    elif request.method == "GET":
        if changing:
            initial = _target_fields_of(changing)
        else:
            initial = {"breakdown": _id(request.GET["breakdown"])} if "breakdown" in request.GET else {}
        form = TargetForm(initial=initial, breakdowns=choices, unit_suffix=unit)
    return render(
        request,
        "scorecard/targets_form.html",
        {
            "access": access,
            "measure": measure,
            "breakdowns": listed,
            "form": form,
            "changing": changing,
            "problem": problem,
            "theirs": theirs,
            "nav": "scorecard",
        },
    )
