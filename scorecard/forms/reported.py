"""The words of choosing a reported period's scorecard."""

from typing import Any, cast

from django import forms
from django.utils import timezone

from common.forms import FastSelect, Form
from progress.models import ReportingPeriod


def period_choice_label(period: ReportingPeriod, *, with_plan: bool) -> str:
    """ "March 2021, reported 08/04/2021", with the plan's reference when the area reports more than one."""
    reported = f", reported {timezone.localdate(period.reported_at):%d/%m/%Y}" if period.reported_at else ""
    plan = f" ({period.plan.reference})" if with_plan else ""
    return f"{period.name}{plan}{reported}"


class ReportedPeriodForm(Form):
    period = forms.TypedChoiceField(
        label="Scorecard as reported for",
        help_text="As the board was told it: later changes to figures, targets or settings are not shown",
        coerce=int,
        widget=FastSelect,
        error_messages={
            "required": "Select a reported period",
            "invalid_choice": "Select a reported period",
        },
    )

    def __init__(self, *args: Any, periods: list[ReportingPeriod], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_plan = len({period.plan_id for period in periods}) > 1
        cast(forms.TypedChoiceField, self.fields["period"]).choices = [
            (period.pk, period_choice_label(period, with_plan=with_plan)) for period in periods
        ]
