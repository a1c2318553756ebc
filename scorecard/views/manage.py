"""Defining the scorecard: the area's rating settings, outcomes and measures.

Programme managers only (areas.access.scorecard_manager). A measure's breakdowns and targets are
in views/breakdowns.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import area_view, scorecard_manager
from common.concurrency import EditConflict
from common.views import apply_validation_error

from .. import selectors
from ..forms.manage import (
    MeasureForm,
    OutcomeForm,
    SettingsForm,
    outcome_initial,
    plain_number,
)
from ..models import ScorecardSettings
from ..selectors import manage as manage_selectors
from ..services import measures as services
from .conflicts import CONFLICT, differences, rebind

# Settings


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager)
def settings_edit(request, access):
    current = selectors.settings_for(access.area)
    initial = {name: getattr(current, name) for name in services.SETTINGS_FIELDS}
    initial |= {
        "tolerance": plain_number(current.tolerance),
        "direction_threshold": plain_number(current.direction_threshold),
        "version": current.version,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    theirs = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        try:
            services.settings_save(area=access.area, expected_version=version, by=request.user, **data)
        except EditConflict as conflict:
            mine = services.settings_snapshot(ScorecardSettings(area=access.area, **data))
            theirs = differences(services.settings_snapshot(conflict.obj), mine)
            form = rebind(SettingsForm, request, conflict.obj.version)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "Scorecard settings saved.")
            return redirect("scorecard:scorecard", area=access.area.slug)
    return render(
        request,
        "scorecard/settings_form.html",
        {"access": access, "form": form, "theirs": theirs, "nav": "scorecard"},
    )


# Outcomes


@require_http_methods(["GET"])
@area_view(scorecard_manager)
def outcome_list(request, access):
    return render(
        request,
        "scorecard/outcome_list.html",
        {"access": access, "outcomes": manage_selectors.outcomes_with_counts(access), "nav": "scorecard"},
    )


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager)
def outcome_create(request, access):
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            outcome = services.outcome_create(area=access.area, by=request.user, **data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"Outcome {outcome.code} added.")
            return redirect("scorecard:outcomes", area=access.area.slug)
    return render(
        request, "scorecard/outcome_form.html", {"access": access, "form": form, "nav": "scorecard"}
    )


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager)
def outcome_edit(request, access, pk: int):
    outcome = selectors.get_outcome(access, pk)
    form = OutcomeForm(request.POST or None, initial=outcome_initial(outcome))
    theirs = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        position = outcome.position if data["position"] is None else data["position"]
        mine = {"Code": data["code"].strip(), "Statement": data["statement"].strip(), "Order": str(position)}
        try:
            services.outcome_update(outcome=outcome, expected_version=version, by=request.user, **data)
        except EditConflict as conflict:
            theirs = differences(services.outcome_snapshot(conflict.obj), mine)
            form = rebind(OutcomeForm, request, conflict.obj.version)
        except ValidationError as error:
            apply_validation_error(form, error)
            outcome.refresh_from_db()
        else:
            messages.success(request, f"Outcome {outcome.code} saved.")
            return redirect("scorecard:outcomes", area=access.area.slug)
    return render(
        request,
        "scorecard/outcome_form.html",
        {"access": access, "form": form, "outcome": outcome, "theirs": theirs, "nav": "scorecard"},
    )


# Measures


def _measure_form(request, access, *, measure=None, data=None, initial=None) -> MeasureForm:
    return MeasureForm(
        data,
        initial=initial,
        outcomes=manage_selectors.outcomes_of(access),
        people=manage_selectors.people_of(access),
        plans=manage_selectors.plans_to_link(access, measure),
        area_settings=selectors.settings_for(access.area),
        creating=measure is None,
    )


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager)
def measure_create(request, access):
    form = _measure_form(request, access, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_create(
                area=access.area,
                content=form.content(),
                breakdowns=form.cleaned_data["breakdowns"],
                by=request.user,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"Measure {measure.code} added.")
            return redirect("scorecard:measure", area=access.area.slug, pk=measure.pk)
    return render(
        request, "scorecard/measure_form.html", {"access": access, "form": form, "nav": "scorecard"}
    )


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager)
def measure_edit(request, access, pk: int):
    measure = manage_selectors.measure_for_editing(access, pk)
    plans = manage_selectors.plans_to_link(access, measure)
    form = _measure_form(
        request,
        access,
        measure=measure,
        data=request.POST or None,
        initial=MeasureForm.initial_for(measure, plans),
    )
    theirs = None
    if request.method == "POST" and form.is_valid():
        content = form.content()
        try:
            services.measure_update(
                measure=measure,
                content=content,
                expected_version=form.cleaned_data["version"] or 0,
                by=request.user,
            )
        except EditConflict:
            measure = manage_selectors.measure_for_editing(access, pk)
            theirs = differences(services.MeasureContent.of(measure).snapshot(), content.snapshot())
            data = request.POST.copy()
            data["version"] = measure.version
            form = _measure_form(request, access, measure=measure, data=data)
            form.is_valid()
            form.add_error(None, CONFLICT)
        except ValidationError as error:
            apply_validation_error(form, error)
            measure.refresh_from_db()
        else:
            messages.success(request, f"Measure {measure.code} saved.")
            return redirect("scorecard:measure", area=access.area.slug, pk=measure.pk)
    return render(
        request,
        "scorecard/measure_form.html",
        {"access": access, "form": form, "measure": measure, "theirs": theirs, "nav": "scorecard"},
    )
