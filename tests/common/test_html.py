"""Markup written in Python escapes exactly as Django's templates do."""

from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from common.html import esc


@given(st.text())
def test_esc_escapes_as_django_does(text):
    assert esc(text) == escape(text)


def test_esc_makes_a_script_and_an_attribute_break_out_inert():
    assert esc('"><script>alert(1)</script>') == "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert esc("O'Brien & Co") == "O&#x27;Brien &amp; Co"
