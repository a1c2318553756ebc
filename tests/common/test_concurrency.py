"""Saving something whose name someone else took a moment ago says so in words, not with a server error."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from common.concurrency import save_or_explain
from scorecard.models import Outcome


def _check(outcome):
    def check():
        if (
            Outcome.objects.filter(area=outcome.area, code__iexact=outcome.code)
            .exclude(pk=outcome.pk)
            .exists()
        ):
            raise ValidationError({"code": f"This area already has an outcome {outcome.code}"})

    return check


def test_a_code_taken_between_the_check_and_the_save_is_explained(area):
    mine = Outcome(area=area, code="I1", statement="I feel safe")
    Outcome.objects.create(area=area, code="i1", statement="Saved a moment before")  # after mine was checked

    with pytest.raises(ValidationError) as refused:
        save_or_explain(mine, _check(mine))

    assert refused.value.message_dict == {"code": ["This area already has an outcome I1"]}
    assert Outcome.objects.filter(area=area).count() == 1


def test_a_clash_the_check_cannot_explain_is_still_refused(area):
    mine = Outcome(area=area, code="I1", statement="I feel safe")
    Outcome.objects.create(area=area, code="I1", statement="Saved a moment before")

    with pytest.raises(IntegrityError):
        save_or_explain(mine, lambda: None)


def test_a_save_with_no_clash_is_saved(area):
    mine = Outcome(area=area, code="I1", statement="I feel safe")
    save_or_explain(mine, _check(mine))
    assert Outcome.objects.get(area=area).statement == "I feel safe"
