"""The board's pages of a plan's risks: the heat map and "Red risks and their mitigations"."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view
from plans import selectors as plan_selectors

from .. import rules
from ..selectors import board
from ..selectors.bands import bands_for
from ..selectors.movement import movement_since_reported


@require_http_methods(["GET"])
@area_view(reads=Kind.RISKS)
def heatmap(request: SignedInRequest, access: Access, plan_pk: int) -> HttpResponse:
    """The plan's open risks on a 5x5 grid, as assessed now, before mitigation or as targeted."""
    plan = plan_selectors.plan_for(access=access, pk=plan_pk)
    bands = bands_for(area=access.area)
    risks = board.open_risks(plan=plan)
    grid = board.heat_map(
        plan=plan, bands=bands, assessment=request.GET.get("assessment", "now"), risks=risks
    )
    since, moves = movement_since_reported(plan=plan, risks=risks, bands=bands)
    context = {
        "access": access,
        "plan": plan,
        "grid": grid,
        "assessments": [(key, words) for key, (_, _, words) in board.ASSESSMENTS.items()],
        "impact_words": [(n, rules.IMPACT_WORDS[n]) for n in rules.SCALE],
        "bands": bands,
        "since": since,
        "moved": [move for move in moves.values() if move.moved],
        "nav": "risks",
    }
    return render(request, "risks/heatmap.html", context)


@require_http_methods(["GET"])
@area_view(reads=Kind.RISKS)
def red(request: SignedInRequest, access: Access, plan_pk: int) -> HttpResponse:
    """Red risks and their mitigations: the board's view, printable."""
    plan = plan_selectors.plan_for(access=access, pk=plan_pk)
    bands = bands_for(area=access.area)
    reds = board.red_risks(plan=plan, bands=bands)
    since, moves = movement_since_reported(plan=plan, risks=[r.risk for r in reds], bands=bands)
    context = {
        "access": access,
        "plan": plan,
        "reds": [(r, moves.get(r.risk.pk)) for r in reds],
        "bands": bands,
        "since": since,
        "nav": "risks",
    }
    return render(request, "risks/red.html", context)
