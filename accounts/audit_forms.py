"""The words of the sign-in activity and sessions pages' forms."""

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet

from common.forms import Form, UKDateField

from .models import SignInEvent, User


@dataclass(frozen=True)
class EventFilters:
    member: int | None = None
    email: str = ""
    kind: str = ""
    on: date | None = None

    @property
    def any(self) -> bool:
        return bool(self.member or self.email or self.kind or self.on)


class ActivityFilterForm(Form):
    """Narrow the sign-in activity: a member (an area's) or an email (every account's), a kind, a day."""

    member = forms.TypedChoiceField(label="Member", required=False, coerce=int, empty_value=None)
    email = forms.CharField(
        label="Email address",
        required=False,
        max_length=254,
        help_text="All or part of the email address typed",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(
        label="What happened", required=False, choices=[("", "Anything"), *SignInEvent.Kind.choices]
    )
    on = UKDateField(label="On", required=False)

    def __init__(self, *args: Any, members: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if members is None:
            del self.fields["member"]
        else:
            del self.fields["email"]
            member = self.fields["member"]
            assert isinstance(member, forms.TypedChoiceField)  # nosec B101
            member.choices = [("", "Any member"), *((u.pk, u.email) for u in members.order_by("email"))]

    def filters(self) -> EventFilters:
        """What to show; a value that is not valid is ignored (its message is shown)."""
        self.is_valid()
        data = self.cleaned_data
        return EventFilters(
            member=data.get("member"),
            email=(data.get("email") or "").strip().lower(),
            kind=data.get("kind") or "",
            on=data.get("on"),
        )

    def query(self) -> str:
        """The filters as a query string, for the pages' links."""
        keep = {name: self.data.get(name) for name in self.fields if name in self.cleaned_data}
        return urlencode({name: value for name, value in keep.items() if value})
