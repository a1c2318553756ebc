"""The status radios of the update and challenge forms: each status's word, its meaning as the radio's
hint (linked to the radio), the chosen one checked, every word escaped."""

import pytest
from django import forms

from progress.forms import IMPACT_HINT, StatusRadios
from tests.plans.factories import RagSchemeFactory


@pytest.mark.django_db
def test_each_status_is_a_radio_with_its_meaning_as_its_hint_and_the_chosen_one_checked():
    scheme = RagSchemeFactory()
    first, second, *_ = scheme.statuses.order_by("position")
    first.meaning, first.label = "Not <yet> started", "Red & late"
    first.save()
    field = forms.ModelChoiceField(queryset=scheme.statuses.order_by("position"), widget=StatusRadios)

    html = field.widget.render("status", second.pk, attrs={"id": "id_status"})

    assert html.startswith('<div class="govuk-radios govuk-radios--small" data-module="govuk-radios">')
    assert (
        f'<input class="govuk-radios__input" id="id_status_0" name="status" type="radio" value="{first.pk}"'
        ' aria-describedby="id_status_0-hint">'
    ) in html
    assert "Red &amp; late</span></label>" in html
    assert 'id="id_status_0-hint" class="govuk-hint govuk-radios__hint">Not &lt;yet&gt; started</div>' in html
    assert f'id="id_status_1" name="status" type="radio" value="{second.pk}" checked' in html
    assert html.count(" checked") == 1


@pytest.mark.django_db
def test_a_status_needing_evidence_of_impact_says_so_in_its_hint():
    scheme = RagSchemeFactory()
    status = scheme.statuses.order_by("position").last()
    status.needs_impact_evidence, status.meaning = True, ""
    status.save()
    field = forms.ModelChoiceField(queryset=scheme.statuses.filter(pk=status.pk), widget=StatusRadios)

    html = field.widget.render("status", None, attrs={"id": "id_status"})

    assert f'class="govuk-hint govuk-radios__hint">{IMPACT_HINT}</div>' in html
    assert " checked" not in html
