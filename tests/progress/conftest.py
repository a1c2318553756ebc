"""A plan with an open period: the `tree` fixture's items, rated with the first preset scheme.

Statuses by position: 1 Not started (the worst), 2 Progressing, 3 Completed (done),
4 Completed and embedded (done, needs evidence of impact).
"""

import datetime

import pytest

from progress.models import ReportingPeriod


@pytest.fixture
def statuses(plan):
    return {s.position: s for s in plan.rag_scheme.statuses.all()}


@pytest.fixture
def period(plan, tree):
    return ReportingPeriod.objects.create(
        plan=plan,
        name="March 2021",
        starts_on=datetime.date(2021, 3, 1),
        ends_on=datetime.date(2021, 3, 31),
        deadline=datetime.date(2021, 3, 25),
    )
