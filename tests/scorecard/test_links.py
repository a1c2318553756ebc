"""Plan items that name a measure's code are shown on the measure's page, and the measures on the item's."""

import pytest
from django.urls import reverse

from scorecard.links import candidate_codes, codes_named
from tests.scorecard.factories import MeasureFactory

CODES = ["E7", "E9", "E70", "E7.1", "PfA2"]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Timeliness is measured by E7.", {"E7"}),
        ("See measures E7 and E9 (and E70)", {"E7", "E9", "E70"}),
        ("(E7), E9; E7/E9", {"E7", "E9"}),
        ("e7 in lower case", {"E7"}),
        ("Breakdown E7.1 only", {"E7.1"}),
        ("SE7 postcode, E701, XE9", set()),
        ("pfa2 preparing for adulthood", {"PfA2"}),
        ("", set()),
    ],
)
def test_a_code_is_named_only_as_a_whole_word(text, named):
    assert codes_named(text, CODES) == named


def test_no_codes_name_nothing():
    assert codes_named("E7 and E9", []) == set()


def test_codes_with_regex_characters_are_taken_literally():
    assert codes_named("A+B and A.B", ["A+B", "AxB"]) == {"A+B"}


def test_an_item_page_lists_the_measures_linked_to_it_and_those_its_text_names(
    client, programme_manager, area, tree
):
    item = tree["mine"]
    item.impact = "Fewer exclusions: see E9."
    item.save()
    linked = MeasureFactory(area=area, code="E7", name="EHC plans issued within 20 weeks")
    linked.items.add(item)
    MeasureFactory(area=area, code="E9", name="Fixed period exclusions")
    MeasureFactory(area=area, code="E90", name="Not named")
    client.force_login(programme_manager)

    page = client.get(reverse("plans:item", kwargs={"area": area.slug, "pk": item.pk})).content.decode()

    assert "E7</a>\n          EHC plans issued within 20 weeks" in page
    assert "(Linked to this item)" in page
    assert (
        'Fixed period exclusions <span class="govuk-hint govuk-!-display-inline">(Named in its impact)'
        in page
    )
    assert "Not named" not in page


def test_a_look_alike_letter_does_not_name_a_code_or_break_the_page():
    assert codes_named("See \u017f1 and K1", ["S1", "K1"]) == {"K1"}  # a long s is not an s


def test_the_words_that_could_be_codes_include_each_part_of_a_dotted_one():
    assert candidate_codes("See (E7.1), PfA2 and E9.") == {"See", "E7.1", "E7", "1", "PfA2", "and", "E9"}
