import factory

from plans import rules
from plans.models import Finding, FindingItem, Item, ItemOwner, Plan, RagScheme, RagStatus
from plans.presets import RAG_PRESETS
from tests.areas.factories import LocalAreaFactory


class RagSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RagScheme
        skip_postgeneration_save = True

    area = factory.SubFactory(LocalAreaFactory)
    name = factory.Sequence(lambda n: f"Scheme {n}")

    @factory.post_generation
    def statuses(obj, create, extracted, **kwargs):
        """By default the first preset's four statuses."""
        if not create:
            return
        presets = extracted if extracted is not None else next(iter(RAG_PRESETS.values()))
        for position, data in enumerate(presets, start=1):
            RagStatus.objects.create(scheme=obj, position=position, **data)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    area = factory.SubFactory(LocalAreaFactory)
    reference = factory.Sequence(lambda n: f"PLAN-{n}")
    title = factory.Sequence(lambda n: f"Improvement plan {n}")
    kind = Plan.Kind.WSOA
    status = Plan.Status.LIVE
    level_names = ["Area of weakness", "Priority", "Key action", "Milestone"]
    rag_scheme = factory.SubFactory(RagSchemeFactory, area=factory.SelfAttribute("..area"))


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    text = factory.Sequence(lambda n: f"Item text {n}")
    level = factory.LazyAttribute(lambda o: rules.number_level(o.number))
    sort_key = factory.LazyAttribute(lambda o: rules.sort_key(o.number))
    parent = factory.LazyAttribute(
        lambda o: (
            Item.objects.filter(plan=o.plan, number=rules.parent_number(o.number), removed_at=None).first()
            if rules.parent_number(o.number)
            else None
        )
    )

    @factory.post_generation
    def owners(obj, create, extracted, **kwargs):
        if create and extracted:
            for position, person in enumerate(extracted):
                ItemOwner.objects.create(item=obj, person=person, position=position)

    @factory.post_generation
    def workstreams(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.workstreams.set(extracted)


class FindingFactory(factory.django.DjangoModelFactory):
    """An inspection finding of a plan; `items=[...]` answer it, in that order."""

    class Meta:
        model = Finding
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    quotation = factory.Sequence(lambda n: f"Inspectors found weakness {n}.")
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def items(obj, create, extracted, **kwargs):
        if create and extracted:
            for position, item in enumerate(extracted):
                FindingItem.objects.create(finding=obj, item=item, position=position)
