"""The error summary's links land on the field with the problem."""

from django import forms
from django.template import Context, Template

from common.forms import Form


class _Choices(Form):
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    title = forms.CharField()


def test_an_error_on_radios_links_to_the_first_radio_and_on_a_text_box_to_the_box():
    form = _Choices({})
    form.is_valid()
    html = Template('{% include "includes/error_summary.html" %}').render(Context({"form": form}))
    assert 'href="#id_kind_0"' in html
    assert 'href="#id_title"' in html
    assert 'id="id_kind_0"' in str(form["kind"])
