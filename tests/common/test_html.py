"""Markup written in Python escapes and shortens text exactly as Django's templates do."""

from django.utils.html import escape
from django.utils.text import Truncator
from hypothesis import given
from hypothesis import strategies as st

from common.html import esc, words


@given(st.text())
def test_esc_escapes_as_django_does(text):
    assert esc(text) == escape(text)


def test_esc_makes_a_script_and_an_attribute_break_out_inert():
    assert esc('"><script>alert(1)</script>') == "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert esc("O'Brien & Co") == "O&#x27;Brien &amp; Co"


@given(st.text(), st.integers(min_value=-1, max_value=30))
def test_words_shortens_as_the_truncatewords_filter_does(text, count):
    assert words(text, count) == Truncator(text).words(count, truncate=" …")


def test_words_keeps_the_first_words_and_marks_what_was_left_out():
    assert words("Improve  the\nlocal offer for families", 3) == "Improve the local …"
    assert words("Improve the local offer", 4) == "Improve the local offer"
