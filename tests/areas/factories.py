import factory

from accounts.models import User
from areas.models import LocalArea, Membership, Organisation, Person, Workstream, WorkstreamLead


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class LocalAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    colour = "#005ea5"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    area = factory.SubFactory(LocalAreaFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    area = factory.SubFactory(LocalAreaFactory)
    initials = factory.Sequence(lambda n: f"P{n}")
    job_title = factory.Sequence(lambda n: f"Officer {n}")


class GroupFactory(PersonFactory):
    """A board, team or role that owns items: `members=[...]` puts people in it."""

    kind = Person.Kind.GROUP
    initials = factory.Sequence(lambda n: f"G{n}")
    name = factory.Sequence(lambda n: f"Group {n}")
    job_title = ""

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if extracted:
            obj.members.set(extracted)


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream
        skip_postgeneration_save = True

    area = factory.SubFactory(LocalAreaFactory)
    code = factory.Sequence(lambda n: f"W{n}")
    name = factory.Sequence(lambda n: f"Workstream {n}")

    @factory.post_generation
    def leads(obj, create, extracted, **kwargs):
        people = list(extracted or []) or ([obj._lead] if getattr(obj, "_lead", None) else [])
        for position, person in enumerate(people):
            WorkstreamLead.objects.create(workstream=obj, person=person, position=position)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        lead = kwargs.pop("lead", None)  # one lead, as workstreams had before they could have several
        obj = super()._create(model_class, *args, **kwargs)
        obj._lead = lead
        return obj


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    area = factory.SubFactory(LocalAreaFactory)
    role = Membership.Role.VIEWER
