"""Plan items that name a measure's code in their text are shown on the measure's page."""

import pytest

from scorecard.links import codes_named

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
