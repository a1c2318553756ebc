"""One risk's page and its score chart."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view

from .. import rules
from ..chart import Point, chart_alt, risk_chart
from ..forms import VersionForm
from ..selectors.bands import bands_for
from ..selectors.register import risk_for
from ..selectors.risk import risk_page, score_history


@require_http_methods(["GET"])
@area_view(reads=Kind.RISKS)
def risk_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    risk = risk_page(access=access, pk=pk)
    bands = bands_for(area=access.area)
    history = score_history(risk=risk, bands=bands)
    assessments = [
        (
            when,
            likelihood,
            impact,
            rules.score(likelihood, impact),
            bands.band(rules.score(likelihood, impact)),
        )
        for when, likelihood, impact in (
            ("Now", risk.likelihood, risk.impact),
            ("Before mitigation", risk.inherent_likelihood, risk.inherent_impact),
            ("Target", risk.target_likelihood, risk.target_impact),
        )
    ]
    context = {
        "access": access,
        "plan": risk.plan,
        "risk": risk,
        "assessments": assessments,
        "likelihood_words": rules.LIKELIHOOD_WORDS,
        "impact_words": rules.IMPACT_WORDS,
        "overdue": rules.review_overdue(risk.review_on, today=timezone.localdate(), is_open=risk.is_open),
        "history": list(reversed(history)),
        "chart_alt": chart_alt(
            reference=risk.reference,
            points=[(p.scored_on, p.score, p.band.label if p.band else "") for p in history],
            amber_from=bands.amber_from,
            red_from=bands.red_from,
        ),
        "measures": list(risk.measures.all()) if access.can_read(Kind.SCORECARD) else [],
        "can_manage": access.can_manage_risks(),
        "can_update": access.can_update_risk(risk),
        "reopen_form": VersionForm(initial={"version": risk.version}),
        "nav": "risks",
    }
    return render(request, "risks/risk_detail.html", context)


@require_http_methods(["GET"])
@area_view(reads=Kind.RISKS)
def risk_chart_svg(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """The score history as an SVG file: the risk page shows it as an image."""
    risk = risk_for(access=access, pk=pk)
    bands = bands_for(area=access.area)
    points = [Point(p.scored_on, p.score) for p in score_history(risk=risk, bands=bands)]
    svg = risk_chart(
        reference=risk.reference, points=points, amber_from=bands.amber_from, red_from=bands.red_from
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"  # opened on its own: inert
    response["Cache-Control"] = "private, no-cache"
    return response
