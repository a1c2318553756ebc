"""Defining the scorecard: the area's rating settings, outcomes and measures.

Programme managers only (areas.access.scorecard_manager). A measure's breakdowns and targets are
in views/breakdowns.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, scorecard_manager
from common.conflicts import try_save
from common.views import apply_validation_error

from .. import selectors
from ..forms.manage import MeasureForm, OutcomeForm, outcome_initial
from ..forms.settings import SettingsForm, settings_initial
from ..models import Measure, Outcome
from ..selectors import manage as manage_selectors
from ..services import measures as services
from ..services import settings as settings_services

# Settings


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def settings_edit(request: SignedInRequest, access: Access) -> HttpResponse:
    form = SettingsForm(
        request.POST or None, initial=settings_initial(selectors.settings_for(area=access.area))
    )
    attempt = try_save(
        form,
        lambda: settings_services.settings_save(
            area=access.area,
            content=form.content(),
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
        ),
        verb="saved",
        theirs=lambda theirs: settings_services.settings_snapshot(settings=theirs),
        mine=lambda: form.content().snapshot(),
    )
    if attempt.saved:
        messages.success(request, "Scorecard settings saved.")
        return redirect("scorecard:scorecard", area=access.area.slug)
    return render(
        request,
        "scorecard/settings_form.html",
        {"access": access, "form": form, "theirs": attempt.theirs, "nav": "scorecard"},
    )


# Outcomes


@require_http_methods(["GET"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def outcome_list(request: SignedInRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "scorecard/outcome_list.html",
        {
            "access": access,
            "outcomes": manage_selectors.outcomes_with_counts(access=access),
            "nav": "scorecard",
        },
    )


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def outcome_create(request: SignedInRequest, access: Access) -> HttpResponse:
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.outcome_create(
                area=access.area,
                code=data["code"],
                statement=data["statement"],
                position=data["position"],
                by=request.user,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"Outcome {outcome.code} added.")
            return redirect("scorecard:outcomes", area=access.area.slug)
    return render(
        request, "scorecard/outcome_form.html", {"access": access, "form": form, "nav": "scorecard"}
    )


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def outcome_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    outcome = selectors.get_outcome(access=access, pk=pk)
    form = OutcomeForm(request.POST or None, initial=outcome_initial(outcome))
    attempt = try_save(
        form,
        lambda: services.outcome_update(
            outcome=outcome,
            expected_version=form.cleaned_data["version"] or 0,
            code=form.cleaned_data["code"],
            statement=form.cleaned_data["statement"],
            position=form.cleaned_data["position"],
            by=request.user,
        ),
        verb="saved",
        theirs=lambda theirs: services.outcome_snapshot(outcome=theirs),
        mine=lambda: _outcome_as_typed(form, outcome),
    )
    if attempt.saved:
        messages.success(request, f"Outcome {outcome.code} saved.")
        return redirect("scorecard:outcomes", area=access.area.slug)
    if attempt.problem:
        outcome.refresh_from_db()
    return render(
        request,
        "scorecard/outcome_form.html",
        {"access": access, "form": form, "outcome": outcome, "theirs": attempt.theirs, "nav": "scorecard"},
    )


def _outcome_as_typed(form: OutcomeForm, outcome: Outcome) -> dict[str, str]:
    data = form.cleaned_data
    position = outcome.position if data["position"] is None else data["position"]
    return {"Code": data["code"].strip(), "Statement": data["statement"].strip(), "Order": str(position)}


# Measures


def _measure_form(
    access: Access,
    *,
    measure: Measure | None = None,
    data: QueryDict | None = None,
    initial: dict[str, object] | None = None,
) -> MeasureForm:
    return MeasureForm(
        data,
        initial=initial,
        outcomes=manage_selectors.outcomes_of(access=access),
        people=manage_selectors.people_of(access=access),
        plans=manage_selectors.plans_to_link(access=access, measure=measure),
        area_settings=selectors.settings_for(area=access.area),
        creating=measure is None,
    )


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def measure_create(request: SignedInRequest, access: Access) -> HttpResponse:
    form = _measure_form(access, data=request.POST or None)
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
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def measure_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    measure = manage_selectors.measure_for_editing(access=access, pk=pk)
    initial = MeasureForm.initial_for(measure, manage_selectors.plans_to_link(access=access, measure=measure))
    form = _measure_form(access, measure=measure, data=request.POST or None, initial=initial)
    attempt = try_save(
        form,
        lambda: services.measure_update(
            measure=measure,
            content=form.content(),
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
        ),
        verb="saved",
        theirs=lambda _: services.MeasureContent.of(
            manage_selectors.measure_for_editing(access=access, pk=pk)
        ).snapshot(),
        mine=lambda: form.content().snapshot(),
    )
    if attempt.saved:
        messages.success(request, f"Measure {measure.code} saved.")
        return redirect("scorecard:measure", area=access.area.slug, pk=measure.pk)
    if attempt.problem:
        measure = manage_selectors.measure_for_editing(access=access, pk=pk)
    return render(
        request,
        "scorecard/measure_form.html",
        {"access": access, "form": form, "measure": measure, "theirs": attempt.theirs, "nav": "scorecard"},
    )
