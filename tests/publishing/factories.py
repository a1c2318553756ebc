import factory

from publishing.models import ItemSummary


class ItemSummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemSummary

    summary = "We are making it easier to get help early."
    easy_read = ""
