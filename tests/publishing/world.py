"""A small published area, shared by the publishing tests and the browser tests of the public pages."""

import datetime
from decimal import Decimal

from scorecard.models import Series
from tests.publishing.factories import ItemSummaryFactory
from tests.scorecard.factories import MeasureFactory, TargetFactory, add_figures, headline
from tests.voice.factories import EntryFactory
from voice.models import Source


def public_world(area, tree, statuses, programme_manager) -> dict:
    """Stockport with one action complete under item 1, a public measure E1 and entry YS1."""
    tree["mine"].status = statuses[3]
    tree["mine"].save()
    ItemSummaryFactory(
        item=tree["top"], summary="Leaders are working together.", easy_read="Leaders work together."
    )
    measure = MeasureFactory(area=area, code="E1", name="Plans issued within 20 weeks", is_public=True)
    add_figures(measure, {"2022": "41.5", "2023": "55", "2024": None})
    add_figures(measure, {"2023": "50.1"}, series=Series.ENGLAND)
    TargetFactory(breakdown=headline(measure), value=Decimal("60"), due_on=datetime.date(2025, 12, 31))
    entry = EntryFactory(
        area=area,
        reference="YS1",
        said="Annual reviews take too long.",
        did="We added two caseworkers.",
        how_we_know="Reviews on time rose from 40% to 75%.",
        heard_on=datetime.date(2021, 2, 1),
        source=Source.SURVEY,
        is_published=True,
    )
    entry.items.set([tree["top"]])
    return {**tree, "measure": measure, "entry": entry, "pm": programme_manager}
