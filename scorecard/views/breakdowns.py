"""A measure's breakdowns and targets: programme managers only (areas.access.scorecard_manager).

Each page takes several actions at one address, named by the button pressed, so it works without
JavaScript. Changes and removals carry the version they were read at (common.concurrency).
"""

from collections.abc import Callable, Mapping, Sequence

from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, scorecard_manager
from common.conflicts import Row, try_save
from common.dates import format_uk_date

from .. import selectors
from ..forms.breakdowns import BreakdownForm, TargetForm
from ..forms.manage import plain_number
from ..models import Breakdown, Measure, Target
from ..selectors import manage as manage_selectors
from ..services import breakdowns


def _id(value: str | None) -> int:
    """An object id posted or given in the address; anything else is "Page not found"."""
    text = value or ""
    if not text.isdigit():
        raise Http404
    return int(text)


def _posted_version(request: SignedInRequest) -> int:
    """The version a Remove button carries; missing or unreadable is 0, which never matches."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0


# Breakdowns


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def breakdowns_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """The breakdowns page; a POST does what its button names: add, save, remove, up, down or headline."""
    measure = selectors.get_measure(access=access, pk=pk)
    if request.method == "GET":
        changing = (
            manage_selectors.get_breakdown(measure=measure, pk=_id(request.GET["change"]))
            if "change" in request.GET
            else None
        )
        return _breakdowns_page(request, access, measure, _breakdown_form(changing), changing)
    action = request.POST.get("action", "")
    if action == "add":
        return _breakdown_add(request, access, measure)
    changing = manage_selectors.get_breakdown(measure=measure, pk=_id(request.POST.get("breakdown")))
    if action not in BREAKDOWN_ACTIONS:
        raise Http404
    return BREAKDOWN_ACTIONS[action](request, access, measure, changing)


def _breakdowns_page(
    request: SignedInRequest,
    access: Access,
    measure: Measure,
    form: BreakdownForm,
    changing: Breakdown | None = None,
    *,
    problem: str = "",
    theirs: Sequence[Row] = (),
) -> HttpResponse:
    context = {
        "access": access,
        "measure": measure,
        "breakdowns": manage_selectors.breakdowns_of(measure=measure),
        "form": form,
        "changing": changing,
        "problem": problem,
        "theirs": theirs,
        "nav": "scorecard",
    }
    return render(request, "scorecard/breakdowns_form.html", context)


def _breakdowns_url(access: Access, measure: Measure) -> str:
    return reverse("scorecard:breakdowns", kwargs={"area": access.area.slug, "pk": measure.pk})


def _breakdown_form(breakdown: Breakdown | None) -> BreakdownForm:
    return BreakdownForm() if breakdown is None else BreakdownForm(initial=_breakdown_initial(breakdown))


def _breakdown_initial(breakdown: Breakdown) -> dict[str, object]:
    return {
        "name": breakdown.name,
        "baseline": plain_number(breakdown.baseline),
        "baseline_period": breakdown.baseline_period,
        "baseline_note": breakdown.baseline_note,
        "version": breakdown.version,
    }


def _breakdown_add(request: SignedInRequest, access: Access, measure: Measure) -> HttpResponse:
    form = BreakdownForm(request.POST)
    attempt = try_save(
        form, lambda: breakdowns.breakdown_add(measure=measure, content=form.content(), by=request.user)
    )
    if (added := attempt.result) is not None:
        messages.success(request, f"Breakdown {added.name} added.")
        return redirect(_breakdowns_url(access, measure))
    return _breakdowns_page(request, access, measure, form)


def _as_typed(form: BreakdownForm, changing: Breakdown) -> dict[str, str]:
    typed = Breakdown(position=changing.position)
    form.content().apply(typed)
    return breakdowns.breakdown_snapshot(breakdown=typed)


def _breakdown_save(
    request: SignedInRequest, access: Access, measure: Measure, changing: Breakdown
) -> HttpResponse:
    form = BreakdownForm(request.POST, initial=_breakdown_initial(changing))  # a conflict takes theirs
    attempt = try_save(
        form,
        lambda: breakdowns.breakdown_update(
            breakdown=changing,
            expected_version=form.cleaned_data["version"] or 0,
            content=form.content(),
            by=request.user,
        ),
        verb="saved",
        theirs=lambda theirs: breakdowns.breakdown_snapshot(breakdown=theirs),
        mine=lambda: _as_typed(form, changing),
    )
    if (saved := attempt.result) is not None:
        messages.success(request, f"Breakdown {saved.name} saved.")
        return redirect(_breakdowns_url(access, measure))
    if attempt.problem:
        changing.refresh_from_db()
    return _breakdowns_page(request, access, measure, form, changing, theirs=attempt.theirs)


def _breakdown_remove(
    request: SignedInRequest, access: Access, measure: Measure, changing: Breakdown
) -> HttpResponse:
    attempt = try_save(
        None,
        lambda: breakdowns.breakdown_remove(
            breakdown=changing, expected_version=_posted_version(request), by=request.user
        ),
        thing=lambda theirs: theirs.name,
        removing=True,
        theirs=lambda theirs: breakdowns.breakdown_snapshot(breakdown=theirs),
    )
    if attempt.saved:
        messages.success(request, f"Breakdown {changing.name} removed.")
        return redirect(_breakdowns_url(access, measure))
    shown = changing if attempt.conflict else None
    return _breakdowns_page(
        request,
        access,
        measure,
        _breakdown_form(shown),
        shown,
        problem=attempt.problem,
        theirs=attempt.theirs,
    )


def _breakdown_move(
    request: SignedInRequest, access: Access, measure: Measure, changing: Breakdown
) -> HttpResponse:
    direction = request.POST["action"]
    breakdowns.breakdown_move(breakdown=changing, up=direction == "up", by=request.user)
    messages.success(request, f"Breakdown {changing.name} moved {direction}.")
    return redirect(_breakdowns_url(access, measure))


def _breakdown_make_headline(
    request: SignedInRequest, access: Access, measure: Measure, changing: Breakdown
) -> HttpResponse:
    breakdowns.breakdown_make_headline(breakdown=changing, by=request.user)
    messages.success(request, f"{changing.name} is now the headline, rated on the scorecard.")
    return redirect(_breakdowns_url(access, measure))


BREAKDOWN_ACTIONS: dict[str, Callable[[SignedInRequest, Access, Measure, Breakdown], HttpResponse]] = {
    "save": _breakdown_save,
    "remove": _breakdown_remove,
    "up": _breakdown_move,
    "down": _breakdown_move,
    "headline": _breakdown_make_headline,
}


# Targets


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def targets_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """The targets page; a POST does what its button names: add, save or remove."""
    measure = selectors.get_measure(access=access, pk=pk)
    listed = manage_selectors.breakdowns_of(measure=measure)
    if request.method == "GET":
        form, changing = _target_form_to_start(request, measure, listed)
        return _targets_page(request, access, measure, listed, form, changing)
    action = request.POST.get("action", "")
    if action == "add":
        return _target_add(request, access, measure, listed)
    changing = manage_selectors.get_target(measure=measure, pk=_id(request.POST.get("target")))
    if action == "save":
        return _target_save(request, access, measure, listed, changing)
    if action == "remove":
        return _target_remove(request, access, measure, listed, changing)
    raise Http404


def _targets_page(
    request: SignedInRequest,
    access: Access,
    measure: Measure,
    listed: list[Breakdown],
    form: TargetForm,
    changing: Target | None = None,
    *,
    problem: str = "",
    theirs: Sequence[Row] = (),
) -> HttpResponse:
    context = {
        "access": access,
        "measure": measure,
        "breakdowns": listed,
        "form": form,
        "changing": changing,
        "problem": problem,
        "theirs": theirs,
        "nav": "scorecard",
    }
    return render(request, "scorecard/targets_form.html", context)


def _targets_url(access: Access, measure: Measure) -> str:
    return reverse("scorecard:targets", kwargs={"area": access.area.slug, "pk": measure.pk})


def _target_form(
    measure: Measure,
    listed: list[Breakdown],
    changing: Target | None,
    data: QueryDict | None = None,
    initial: Mapping[str, object] | None = None,
) -> TargetForm:
    """A new target chooses its breakdown from `listed`; a changed one keeps its own."""
    choices = None if changing else listed
    return TargetForm(data, initial=initial, breakdowns=choices, unit_suffix=measure.unit_suffix)


def _target_initial(target: Target) -> dict[str, object]:
    return {
        "value": plain_number(target.value),
        "due_on": target.due_on,
        "note": target.note,
        "version": target.version,
    }


def _target_form_to_start(
    request: SignedInRequest, measure: Measure, listed: list[Breakdown]
) -> tuple[TargetForm, Target | None]:
    """The form a GET shows: changing the target `?change=` names, or adding one (to `?breakdown=`)."""
    if "change" in request.GET:
        changing = manage_selectors.get_target(measure=measure, pk=_id(request.GET["change"]))
        return _target_form(measure, listed, changing, initial=_target_initial(changing)), changing
    initial = {"breakdown": _id(request.GET["breakdown"])} if "breakdown" in request.GET else {}
    return _target_form(measure, listed, None, initial=initial), None


def _target_saved(request: SignedInRequest, access: Access, measure: Measure, target: Target) -> HttpResponse:
    when = format_uk_date(target.due_on)
    messages.success(request, f"Target of {target.breakdown.name} for {when} saved.")
    return redirect(_targets_url(access, measure))


def _target_add(
    request: SignedInRequest, access: Access, measure: Measure, listed: list[Breakdown]
) -> HttpResponse:
    form = _target_form(measure, listed, None, data=request.POST)
    attempt = try_save(
        form,
        lambda: breakdowns.target_add(
            breakdown=manage_selectors.get_breakdown(measure=measure, pk=form.cleaned_data["breakdown"]),
            value=form.cleaned_data["value"],
            due_on=form.cleaned_data["due_on"],
            note=form.cleaned_data["note"],
            by=request.user,
        ),
    )
    if (added := attempt.result) is not None:
        return _target_saved(request, access, measure, added)
    return _targets_page(request, access, measure, listed, form)


def _target_as_typed(form: TargetForm) -> dict[str, str]:
    data = form.cleaned_data
    typed = Target(value=data["value"], due_on=data["due_on"], note=data["note"])
    return breakdowns.target_snapshot(target=typed)


def _target_save(
    request: SignedInRequest, access: Access, measure: Measure, listed: list[Breakdown], changing: Target
) -> HttpResponse:
    form = _target_form(measure, listed, changing, data=request.POST, initial=_target_initial(changing))
    attempt = try_save(
        form,
        lambda: breakdowns.target_update(
            target=changing,
            expected_version=form.cleaned_data["version"] or 0,
            value=form.cleaned_data["value"],
            due_on=form.cleaned_data["due_on"],
            note=form.cleaned_data["note"],
            by=request.user,
        ),
        verb="saved",
        theirs=lambda theirs: breakdowns.target_snapshot(target=theirs),
        mine=lambda: _target_as_typed(form),
    )
    if (saved := attempt.result) is not None:
        return _target_saved(request, access, measure, saved)
    if attempt.problem:
        changing.refresh_from_db()
    return _targets_page(request, access, measure, listed, form, changing, theirs=attempt.theirs)


def _target_remove(
    request: SignedInRequest, access: Access, measure: Measure, listed: list[Breakdown], changing: Target
) -> HttpResponse:
    attempt = try_save(
        None,
        lambda: breakdowns.target_remove(
            target=changing, expected_version=_posted_version(request), by=request.user
        ),
        thing=f"the {changing.breakdown.name} target",
        removing=True,
        theirs=lambda theirs: breakdowns.target_snapshot(target=theirs),
    )
    if attempt.saved:
        when = format_uk_date(changing.due_on)
        messages.success(request, f"Target of {changing.breakdown.name} for {when} removed.")
        return redirect(_targets_url(access, measure))
    form = _target_form(measure, listed, changing, initial=_target_initial(changing))
    return _targets_page(
        request, access, measure, listed, form, changing, problem=attempt.problem, theirs=attempt.theirs
    )
