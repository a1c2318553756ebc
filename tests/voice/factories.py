""" "You said, we did" entries."""

import factory

from tests.areas.factories import LocalAreaFactory
from voice.models import Entry, Source


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    area = factory.SubFactory(LocalAreaFactory)
    reference = factory.Sequence(lambda n: f"YS{n + 1}")
    sort_key = factory.LazyAttribute(lambda o: o.reference)
    said = "We did not know what a personal budget was"
    source = Source.FORUM
