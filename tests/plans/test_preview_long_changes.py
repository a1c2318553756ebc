"""The import's preview shows a changed long text whole, word by word, with what is removed and added
marked for everyone (struck out and underlined; "removed:" and "added:" for screen readers), never cut
so that the old and the new look alike."""

import pytest

from plans import rules
from plans.spreadsheet.preview import FieldChange
from tests.plans.spreadsheet_files import set_cell, valid_sheets, xlsx_bytes
from tests.plans.test_import_pages import confirm, previewed

OPENING = ("Families tell us that joint commissioning has not yet changed what they see at home. " * 5)[:380]
OLD = OPENING + " Review it each term."
NEW = OPENING + " Review it each month."


def test_word_changes_mark_only_the_words_that_differ():
    assert rules.word_changes(OLD, NEW) == [
        ("same", " ".join(OLD.split()[:-1])),
        ("removed", "term."),
        ("added", "month."),
    ]
    assert rules.word_changes("a b", "a b") == [("same", "a b")]
    assert rules.word_changes("", "new words") == [("added", "new words")]


def test_a_long_change_is_shown_word_by_word_and_a_short_one_as_it_is():
    assert FieldChange("Text", OLD, NEW).is_long
    assert not FieldChange("Status", "Progressing", "Completed").is_long


@pytest.mark.django_db
def test_two_long_texts_differing_only_at_the_end_are_told_apart_in_the_preview(
    client, area, programme_manager
):
    assert len(OLD) >= 400 and len(NEW) >= 400
    client.force_login(programme_manager)
    sheets = valid_sheets()
    set_cell(sheets, "Items", 5, "Impact", OLD)
    confirm(client, previewed(client, xlsx_bytes(sheets)))
    set_cell(sheets, "Items", 5, "Impact", NEW)
    page = client.get(previewed(client, xlsx_bytes(sheets))).content.decode()
    assert (
        '<del><span class="govuk-visually-hidden">removed: </span>term.'
        '<span class="govuk-visually-hidden"> (end of removed words)</span></del>'
    ) in page
    assert (
        '<ins><span class="govuk-visually-hidden">added: </span>month.'
        '<span class="govuk-visually-hidden"> (end of added words)</span></ins>'
    ) in page
    assert " ".join(OLD.split()[:-1]) in page, "the words both share are shown whole"
    assert "Removed words are struck out, added words underlined." in page
