import datetime

import factory

from publishing.models import ItemSummary
from tests.areas.factories import LocalAreaFactory
from voice.models import Entry, Source


class ItemSummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemSummary

    summary = "We are making it easier to get help early."
    easy_read = ""


class EntryFactory(factory.django.DjangoModelFactory):
    """A "You said, we did" entry, published unless told otherwise."""

    class Meta:
        model = Entry

    area = factory.SubFactory(LocalAreaFactory)
    reference = factory.Sequence(lambda n: f"YS{n + 1}")
    sort_key = factory.LazyAttribute(lambda o: o.reference)
    said = "Annual reviews take too long."
    source = Source.SURVEY
    heard_on = datetime.date(2021, 2, 1)
    group = "Parent carer forum"
    did = "We added two caseworkers."
    how_we_know = "Reviews on time rose from 40% to 75%."
    is_published = True
