"""Addresses for long lists are made from one reverse(), and are the addresses reverse() gives."""

from django.urls import reverse

from common.urls import url_maker


def test_the_address_for_each_pk_is_the_one_reverse_gives():
    item_url = url_maker("plans:item", area="stockport")

    for pk in (1, 12, 987654321, 10**12):
        assert item_url(pk) == reverse("plans:item", kwargs={"area": "stockport", "pk": pk})


def test_a_pattern_with_text_after_the_pk_keeps_it():
    period_url = url_maker("progress:period-edit", area="fenbridge")

    assert period_url(7) == reverse("progress:period-edit", kwargs={"area": "fenbridge", "pk": 7})


def test_a_pattern_naming_its_pk_otherwise_says_which():
    update_url = url_maker("progress:update", key="item_pk", area="fenbridge", pk="3")

    assert update_url(41) == reverse("progress:update", kwargs={"area": "fenbridge", "pk": 3, "item_pk": 41})
