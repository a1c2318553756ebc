"""The rule that ties the scorecard to the monthly cycle: red measures need a commentary before a
period is reported."""

from django.db.models import Exists, OuterRef

from progress.models import ReportingPeriod

from ..models import Commentary, Measure
from ..rules import Rating
from .card import area_scorecard


def measures_needing_commentary(*, period: ReportingPeriod) -> list[Measure]:
    """Red measures need a commentary (what is being done) before the period is reported.

    The measures are those of the plan's area rated red now with no commentary for this period,
    counting only measures linked to the plan's items, or linked to no plan item at all (area-wide
    measures). A measure linked only to another plan's items is that plan's to explain.
    """
    card = area_scorecard(area=period.plan.area)
    red = [line.measure for line in card.lines if line.assessment.rating is Rating.RED]
    if not red:
        return []
    through = Measure.items.through
    relevant = set(
        Measure.objects.filter(pk__in=[m.pk for m in red])
        .filter(
            ~Exists(through.objects.filter(measure_id=OuterRef("pk")))
            | Exists(through.objects.filter(measure_id=OuterRef("pk"), item__plan_id=period.plan_id))
        )
        .exclude(Exists(Commentary.objects.filter(measure_id=OuterRef("pk"), period=period)))
        .values_list("pk", flat=True)
    )
    return [measure for measure in red if measure.pk in relevant]


def needing_commentary_message(*, measures: list[Measure]) -> str:
    """ "Write a commentary on E7 and E9 before reporting: red measures need one"."""
    codes = [m.code for m in measures]
    named = codes[0] if len(codes) == 1 else f"{', '.join(codes[:-1])} and {codes[-1]}"
    return f"Write a commentary on {named} before reporting: red measures need one"
