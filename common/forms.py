"""Form helpers: GOV.UK classes on widgets, and fields that read dates and lists as people write them."""

from datetime import date
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .dates import DateProblem, format_uk_date, parse_uk_date
from .html import esc

WIDGET_CLASSES = {
    "TextInput": "govuk-input",
    "EmailInput": "govuk-input",
    "PasswordInput": "govuk-input",
    "NumberInput": "govuk-input govuk-input--width-5",
    "URLInput": "govuk-input",
    "Textarea": "govuk-textarea",
    "Select": "govuk-select",
    "FastSelect": "govuk-select",
    "FastSelectMultiple": "govuk-select",
    "CheckboxInput": "govuk-checkboxes__input",
    "ClearableFileInput": "govuk-file-upload",
    "FileInput": "govuk-file-upload",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


class GovukFormMixin(forms.BaseForm):
    """Give every widget its GOV.UK class, and the error class once a field has an error.

    A form that carries a `version` (an edit form) also sends back each field's value as the page was
    loaded (Django's hidden initial), so that after an edit conflict the fields the user did not change
    can take what the other person saved (common.conflicts)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = WIDGET_CLASSES.get(type(field.widget).__name__)
            if css:
                existing = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{css} {existing}".strip()

    def __getitem__(self, name: str) -> forms.BoundField:
        """The field as rendered; on an edit form, with its value as loaded (a hidden initial), asked
        here rather than in `__init__` so that fields a form adds after its own set-up have it too."""
        field = self.fields.get(name)
        editing = "version" in self.fields and name != "version"
        if editing and field is not None and not isinstance(field, forms.FileField):
            field.show_hidden_initial = True
            # the same markup, without a template each
            field.hidden_widget = HIDDEN_WIDGETS.get(field.hidden_widget, field.hidden_widget)
        return super().__getitem__(name)

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                base = widget.attrs.get("class", "").split(" ")[0]
                if base in ERROR_CLASSES and ERROR_CLASSES[base] not in widget.attrs["class"]:
                    widget.attrs["class"] += " " + ERROR_CLASSES[base]


class Form(GovukFormMixin, forms.Form):
    pass


class ModelForm(GovukFormMixin, forms.ModelForm):
    pass


class UKDateField(forms.CharField):
    """A date typed as 31/07/2019; an impossible date gets a message saying why."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "For example, 31/07/2019")
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"})
        )
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if hasattr(value, "strftime"):
            return format_uk_date(value)
        return value

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        value = super().to_python(value)
        try:
            return parse_uk_date(value)
        except DateProblem as problem:
            message = str(problem)
            if "Enter" not in message:
                message += ". Enter a real date, like 31/07/2019"
            raise forms.ValidationError(message) from problem


def split_list(text: str) -> list[str]:
    """ "GM, DS" or "GM DS" -> ["GM", "DS"], in the order written, without repeats."""
    parts = [p.strip() for p in (text or "").replace(";", ",").replace("\n", ",").split(",")]
    return list(dict.fromkeys(p for p in parts if p))


SELECTED = format_html("{}", " selected")  # escaped text: a plain space and a word


class FastSelect(forms.Select):
    """A select with the same markup, its options written in Python rather than a template each.

    For long lists (a filter of 200 owners) the per-option templates cost more than the rest of the page.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        selected = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{esc(v)}"{SELECTED if str(v) in selected else ""}>{_escaped(label)}</option>'
            for v, label in self.choices
        )
        return mark_safe(  # noqa: S308 - every value escaped as format_html would  # nosec B308, B703
            f'<select name="{esc(name)}"{flatatt(final)}>{options}</select>'
        )


class FastCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with the markup of templates/django/forms/widgets/checkbox_select.html, written in
    Python rather than a template each: for lists that grow with the area (the evidence an update lists).
    Its choices are flat (no groups), as a model choice field's are."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        id_ = self.build_attrs(self.attrs, attrs).get("id")
        chosen = {str(v) for v in self.format_value(value)}

        def option(index: int, v: Any, label: Any) -> str:
            option_id = esc(f"{id_}_{index}") if id_ else ""
            checked = " checked" if str(v) in chosen else ""
            return (
                '<div class="govuk-checkboxes__item">'
                f'<input class="govuk-checkboxes__input" id="{option_id}" name="{esc(name)}" type="checkbox"'
                f' value="{esc(v)}"{checked}>'
                f'<label class="govuk-label govuk-checkboxes__label" for="{option_id}">'
                f"{_escaped(label)}</label></div>\n"
            )

        items = "".join(option(index, v, label) for index, (v, label) in enumerate(self.choices))
        return mark_safe(  # noqa: S308 - every value escaped as the template would  # nosec B308, B703
            '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">\n'
            f"{items}</div>"
        )


class FastHiddenInput(forms.HiddenInput):
    """A hidden input with the markup of Django's template, written in Python: an edit form sends back
    each field's value as loaded (its hidden initial, `GovukFormMixin`), a dozen on a page."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        shown = self.format_value(value)
        value_attr = "" if shown is None else f' value="{_escaped(shown)}"'
        extra = "".join(
            f" {esc(key)}" if given is True else f' {esc(key)}="{_escaped(str(given))}"'
            for key, given in self.build_attrs(self.attrs, attrs).items()
            if given is not False
        )
        return mark_safe(  # noqa: S308 - every value escaped as the template would  # nosec B308, B703
            f'<input type="hidden" name="{esc(name)}"{value_attr}{extra}>'
        )


class FastMultipleHiddenInput(forms.MultipleHiddenInput):
    """`FastHiddenInput` for each value of a field of several (the evidence ticked on an update)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        id_ = final.get("id")
        hidden = FastHiddenInput()
        return mark_safe(  # noqa: S308 - each input escaped by FastHiddenInput  # nosec B308, B703
            "".join(
                hidden.render(name, each, {**final, "id": f"{id_}_{index}"} if id_ else final)
                for index, each in enumerate(value or [])  # as MultipleHiddenInput.format_value gives it
            )
        )


HIDDEN_WIDGETS: dict[type[forms.Widget], type[forms.Widget]] = {
    forms.HiddenInput: FastHiddenInput,
    forms.MultipleHiddenInput: FastMultipleHiddenInput,
}


def _escaped(value: Any) -> str:
    """A label escaped as `format_html` escapes it (markup already safe kept), without its cost per call."""
    return value.__html__() if hasattr(value, "__html__") else esc(value)


class FastSelectMultiple(FastSelect):
    """`FastSelect` choosing several (a list box), for linking to some of a long list."""

    allow_multiple_selected = True

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return super().render(name, value, {**(attrs or {}), "multiple": True}, renderer)


def without_version(form: forms.BaseForm) -> dict:
    """A valid form's values for a service, less the version it carries (the service's `expected_version`)."""
    return {name: value for name, value in form.cleaned_data.items() if name != "version"}
