"""The codes people type when they define a scorecard, read or refused with a message naming the problem."""

import re

import pytest

from scorecard.dfe.codes import (
    CodeProblem,
    missing_items_message,
    read_breakdown_names,
    read_item_numbers,
    read_la_code,
    read_neighbour_codes,
    read_old_la_code,
    read_region_code,
)


def test_read_la_code_tidies_a_nine_character_code():
    assert read_la_code(" e08000007 ") == "E08000007"
    assert read_la_code("") == ""


@pytest.mark.parametrize("text", ["E0800007", "E080000070", "356", "EE8000007"])
def test_read_la_code_names_a_code_that_is_not_nine_characters(text):
    with pytest.raises(CodeProblem, match=f"“{text}” is not a 9-character local authority code"):
        read_la_code(text)


def test_read_old_la_code_wants_three_digits():
    assert read_old_la_code("356") == "356"
    with pytest.raises(
        CodeProblem, match=re.escape("“3566” is not a 3-digit local authority code. Enter 3 digits")
    ):
        read_old_la_code("3566")


def test_read_region_code_wants_a_letter_and_eight_digits():
    assert read_region_code("e12000002") == "E12000002"
    with pytest.raises(CodeProblem, match="“North West” is not a region code"):
        read_region_code("North West")


def test_read_neighbour_codes_accepts_both_kinds_in_the_order_written_without_repeats():
    assert read_neighbour_codes("E08000009, 358;\ne06000049 358") == ["E08000009", "358", "E06000049"]


def test_read_neighbour_codes_names_every_code_that_is_wrong():
    with pytest.raises(CodeProblem) as problem:
        read_neighbour_codes("E08000009, E0800001, 35")
    assert str(problem.value).startswith("“E0800001” and “35” are not local authority codes.")
    assert "like E08000007" in str(problem.value)


def test_read_neighbour_codes_refuses_the_areas_own_code():
    with pytest.raises(CodeProblem, match="“356” is this area's own code"):
        read_neighbour_codes("E08000009, 356", own=("E08000007", "356"))


def test_read_item_numbers_reads_numbers_separated_by_commas_or_spaces():
    assert read_item_numbers("1.1, 4.3.3 2.") == ["1.1", "4.3.3", "2"]
    assert read_item_numbers("") == []


def test_read_item_numbers_names_what_is_not_an_item_number():
    with pytest.raises(CodeProblem, match=re.escape("“1.x” is not an item number. Write numbers like 1.1")):
        read_item_numbers("1.1, 1.x")


def test_missing_items_message_names_the_plan_and_the_numbers():
    assert missing_items_message("WSOA-2019", ["9.9"]) == "WSOA-2019 has no item 9.9"
    assert missing_items_message("WSOA-2019", ["9.8", "9.9", "10"]) == "WSOA-2019 has no items 9.8, 9.9 or 10"


def test_read_breakdown_names_gives_all_when_blank_and_keeps_the_first_as_headline():
    assert read_breakdown_names("  ") == ["All"]
    assert read_breakdown_names("All,  SEN support , EHC plan") == ["All", "SEN support", "EHC plan"]


def test_read_breakdown_names_refuses_a_name_given_twice():
    with pytest.raises(CodeProblem, match="“primary” is listed twice"):
        read_breakdown_names("Primary, primary")
