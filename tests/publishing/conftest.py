"""A published area: a plan with statuses, a top-level item with its summary, a public measure with
figures and a target, and a published "You said, we did" entry."""

import datetime
from decimal import Decimal

import pytest

from publishing import services
from scorecard.models import Series
from tests.publishing.factories import EntryFactory, ItemSummaryFactory
from tests.scorecard.factories import MeasureFactory, TargetFactory, add_figures, headline


@pytest.fixture
def public_world(area, tree, statuses, programme_manager):
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
    entry = EntryFactory(area=area, reference="YS1", said="Annual reviews take too long.")
    entry.items.set([tree["top"]])
    return {**tree, "measure": measure, "entry": entry, "pm": programme_manager}


@pytest.fixture
def published(public_world, area):
    publication = services.publication_create(area=area, by=public_world["pm"], note="March 2021 progress")
    return {**public_world, "publication": publication}
