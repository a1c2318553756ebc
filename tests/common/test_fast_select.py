"""A long select, a list of checkboxes or a hidden input written in Python shows the same markup as
Django's: the chosen options selected, every label and value escaped."""

import re

from django import forms
from hypothesis import given
from hypothesis import strategies as st

from common.forms import FastCheckboxes, FastHiddenInput, FastMultipleHiddenInput, FastSelect


def test_the_chosen_option_is_selected_and_labels_are_escaped():
    select = FastSelect(choices=[("", "Any owner"), ("7", "SM <Operational Lead>"), ("9", "CL")])

    html = select.render("owner", "7", attrs={"id": "id_owner"})

    assert '<select name="owner" id="id_owner">' in html
    assert '<option value="7" selected>SM &lt;Operational Lead&gt;</option>' in html
    assert '<option value="9">CL</option>' in html
    assert '<option value="">Any owner</option>' in html


def _tags(html):
    """The markup without the whitespace between tags, which the page never shows."""
    return re.sub(r">\s+<", "><", html.strip())


def test_fast_checkboxes_write_what_the_checkbox_template_writes():
    choices = [("4", "Case study <draft> (case study)"), ("10", "Audit & review (document)"), ("30", "Data")]
    attrs = {"id": "id_evidence"}

    fast = FastCheckboxes(choices=choices).render("evidence", ["10", 4], attrs=attrs)
    django = forms.CheckboxSelectMultiple(choices=choices).render("evidence", ["10", 4], attrs=attrs)

    assert _tags(fast) == _tags(django)
    assert 'id="id_evidence_1" name="evidence" type="checkbox" value="10" checked>' in fast
    assert "Case study &lt;draft&gt; (case study)" in fast


@given(st.one_of(st.none(), st.text(), st.integers()))
def test_a_fast_hidden_input_writes_what_djangos_template_writes(value):
    attrs = {"id": "initial-id_commentary", "aria-describedby": 'a "b" & c', "required": True, "x": False}

    fast = FastHiddenInput().render("initial-commentary", value, attrs=attrs)

    assert fast == forms.HiddenInput().render("initial-commentary", value, attrs=attrs)


@given(st.lists(st.one_of(st.text(), st.integers()), max_size=4), st.booleans())
def test_fast_hidden_inputs_for_several_values_write_what_djangos_template_writes(values, with_id):
    attrs = {"id": "initial-id_evidence"} if with_id else {}

    fast = FastMultipleHiddenInput().render("initial-evidence", values, attrs=attrs)

    assert fast == forms.MultipleHiddenInput().render("initial-evidence", values, attrs=attrs)
