"""A prepared query (common.prepared) gives exactly what its queryset gives, for any values, in one
query, and is built and compiled once per database connection."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from areas.models import Membership
from common.prepared import PreparedQuery, prepared_for
from plans.models import FindingItem, Item
from tests.areas.factories import LocalAreaFactory, MembershipFactory
from tests.plans.factories import FindingFactory, ItemFactory, PlanFactory


def _item_query(area, pk):
    """Like the item page's: related objects two levels up, an annotation, a filter by area and id."""
    return (
        Item.objects.filter(plan__area_id=area, pk=pk)
        .select_related("plan", "status", "parent__parent")
        .annotate(has_findings=Exists(FindingItem.objects.filter(item=OuterRef("pk"))))
    )


def _due(plan):
    return Item.objects.filter(plan_id=plan).order_by("sort_key").values_list("number", "due_date", "level")


ITEM = PreparedQuery(_item_query, area=int, pk=int)
DUE = PreparedQuery(_due, plan=int)


def _fields(obj):
    """What a page reads of an instance: its fields, annotations and the related objects read with it."""
    values = {key: value for key, value in vars(obj).items() if key != "_state"}
    related = {name: _fields(other) for name, other in obj._state.fields_cache.items() if other is not None}
    return values, related


class SameRowsAsTheQueryset(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = PlanFactory()
        cls.other_plan = PlanFactory()
        cls.items = [
            ItemFactory(plan=cls.plan, number=number, due_date=date(2026, 3, n))
            for n, number in enumerate(["1", "1.1", "1.1.1", "1.1.2", "2"], start=1)
        ]
        cls.items.append(ItemFactory(plan=cls.other_plan, number="1"))
        FindingFactory(plan=cls.plan, items=[cls.items[2]])

    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def test_any_item_from_any_area_comes_back_as_the_queryset_gives_it(self, data):
        area = data.draw(st.sampled_from([self.plan.area_id, self.other_plan.area_id, 0]))
        pk = data.draw(st.sampled_from([item.pk for item in self.items] + [0]))

        prepared = ITEM.all(area=area, pk=pk)
        plain = list(_item_query(area, pk))

        assert [_fields(item) for item in prepared] == [_fields(item) for item in plain]

    def test_values_come_back_converted_as_the_queryset_converts_them(self):
        rows = DUE.all(plan=self.plan.pk)

        assert rows == list(_due(self.plan.pk))
        assert rows[0] == ("1", date(2026, 3, 1), 1)

    def test_an_item_two_levels_down_has_its_parents_and_facts_without_another_query(self):
        with self.assertNumQueries(1):
            item = ITEM.first(area=self.plan.area_id, pk=self.items[2].pk)
            assert item is not None
            assert (item.parent.number, item.parent.parent.number, item.has_findings) == ("1.1", "1", True)
            assert item.plan.title == self.plan.title

    def test_another_areas_item_is_not_found(self):
        assert ITEM.first(area=self.other_plan.area_id, pk=self.items[0].pk) is None


@pytest.mark.django_db
def test_a_text_value_is_put_in_its_place():
    membership = MembershipFactory(area=LocalAreaFactory(slug="north-shire"))
    query = PreparedQuery(
        lambda user, slug: Membership.objects.filter(user_id=user, area__slug=slug)[:1], user=int, slug=str
    )

    assert query.first(user=membership.user_id, slug="north-shire") == membership
    assert query.first(user=membership.user_id, slug="south-shire") is None


def test_the_query_is_built_once_per_connection_and_again_in_another_thread():
    built = []

    def build(plan):
        built.append(threading.get_ident())
        return Item.objects.filter(plan_id=plan)

    query = PreparedQuery(build, plan=int)
    for plan in (1, 2, 3):  # compiled only: not run, so no database is needed
        query.queryset(plan=plan).query.get_compiler(DEFAULT_DB_ALIAS).as_sql()
    assert built == [threading.get_ident()]

    other = threading.Thread(target=lambda: query.queryset(plan=4))
    other.start()
    other.join()
    assert len(built) == 2 and built[1] != built[0]


def test_each_run_has_its_own_values_in_the_sql_parameters():
    query = PreparedQuery(lambda plan: Item.objects.filter(plan_id=plan, level=2), plan=int)

    first = query.queryset(plan=5).query.get_compiler(DEFAULT_DB_ALIAS).as_sql()
    second = query.queryset(plan=9).query.get_compiler(DEFAULT_DB_ALIAS).as_sql()

    assert first[0] == second[0]
    assert sorted(first[1]) == [2, 5] and sorted(second[1]) == [2, 9]


def test_a_value_the_query_does_not_filter_by_is_refused_when_it_is_built():
    query = PreparedQuery(lambda plan: Item.objects.filter(plan_id=3), plan=int)

    with pytest.raises(ImproperlyConfigured, match="'plan' is not one of its parameters"):
        query.queryset(plan=1)


def test_only_single_ints_and_texts_can_be_values():
    query = PreparedQuery(lambda plans: Item.objects.filter(plan_id__in=plans), plans=list)

    with pytest.raises(ImproperlyConfigured, match="ints or strs, not list"):
        query.queryset(plans=[1, 2])


def test_the_values_asked_for_must_all_be_given():
    with pytest.raises(TypeError, match=r"takes the values \['area', 'pk'\]"):
        ITEM.queryset(area=1)


def test_a_query_kept_under_a_key_is_made_once_and_each_key_has_its_own():
    made = []

    def make(level):
        made.append(level)
        return PreparedQuery(lambda plan: Item.objects.filter(plan_id=plan, level=level), plan=int)

    first = prepared_for(("tests.items_at_level", 2), lambda: make(2))
    again = prepared_for(("tests.items_at_level", 2), lambda: make(2))
    other = prepared_for(("tests.items_at_level", 3), lambda: make(3))

    assert first is again and other is not first
    assert made == [2, 3]
