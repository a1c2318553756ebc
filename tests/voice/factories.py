"""Entries of "You said, we did"."""

from datetime import date

import factory

from plans.rules import reference_sort_key
from tests.areas.factories import LocalAreaFactory
from voice.models import Entry, Source


class EntryFactory(factory.django.DjangoModelFactory):
    """An entry with no links; add them with `entry.outcomes.add(...)` and the like."""

    class Meta:
        model = Entry

    area = factory.SubFactory(LocalAreaFactory)
    reference = factory.Sequence(lambda n: f"YS{n + 1}")
    sort_key = factory.LazyAttribute(lambda entry: reference_sort_key(entry.reference))
    said = "We did not know what a personal budget was or how to ask for one"
    source = Source.FORUM
    heard_on = date(2021, 3, 4)
    group = "Parent carer forum"
    did = "We wrote a short guide to personal budgets with the forum"
    how_we_know = "More families asked for a personal budget"
