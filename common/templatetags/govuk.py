"""Small template helpers for GOV.UK Frontend markup. Loaded in every template."""

import functools
from collections.abc import Mapping
from typing import Any

from django import forms, template
from django.forms import BoundField
from django.template import Context
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from common.html import esc

register = template.Library()


@register.simple_tag
def status_tag(status: Any, none_label: str = "No status") -> SafeString:
    """A RAG status: a colour swatch and, always, the status word."""
    if status is None:
        return format_html('<span class="app-status app-status--none">{}</span>', none_label)
    return mark_safe(  # noqa: S308 - the label is escaped by esc, the colour by swatch  # nosec B308, B703
        f'<span class="app-status">{swatch(status.colour)} {esc(status.label)}</span>'
    )


@register.simple_tag
def rating_tag(label: str, colour: str, none_label: str = "No rating") -> SafeString:
    """A rating by its label and colour (an overall rating, a status as reported): a colour swatch and,
    always, the word; `none_label` when there is none."""
    return mark_safe(rating_markup(label, colour, none_label))  # noqa: S308 - escaped by rating_markup  # nosec B308, B703


@register.simple_tag
def swatch(colour: str) -> SafeString:
    """A colour sample drawn in SVG (an attribute, not inline CSS, so the CSP stays strict). Written with
    `esc`, not `format_html`: pages with long tables draw hundreds."""
    return mark_safe(  # noqa: S308 - the colour is escaped by esc  # nosec B308, B703
        '<svg class="app-swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
        f'<rect width="10" height="10" fill="{esc(colour)}"/></svg>'
    )


@register.simple_tag(takes_context=True)
def nav_item(context: Context, href: str, text: str, key: str) -> SafeString:
    """A link of the service navigation: the page's own section (the page's `nav` is `key`) marked as
    current, in words too. A tag, not an include: every page shows a dozen."""
    if context.get("nav") != key:
        return format_html(
            '<li class="govuk-service-navigation__item">\n'
            '  <a class="govuk-service-navigation__link" href="{}">\n    {}\n  </a>\n</li>',
            href,
            text,
        )
    return format_html(
        '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">\n'
        '  <a class="govuk-service-navigation__link" href="{}" aria-current="page">\n'
        '    <strong class="govuk-service-navigation__active-fallback">{}</strong>\n  </a>\n</li>',
        href,
        text,
    )


# The menu: (URL name, words, the `nav` of the pages it leads to, who sees it: a Kind the user reads,
# "manage", "publish", or None for everyone), in the order shown.
MENU = (
    ("plans:area-home", "Plans", "plans", None),
    ("plans:my-items", "My items", "my", None),
    ("scorecard:scorecard", "Scorecard", "scorecard", "scorecard"),
    ("risks:home", "Risks", "risks", "risks"),
    ("voice:list", "You said, we did", "voice", "voice"),
    ("evidence:list", "Evidence", "evidence", "cycle"),
    ("boardpacks:home", "Board packs", "boardpacks", "cycle"),
    ("areas:people", "People", "people", None),
    ("areas:workstreams", "Workstreams", "workstreams", None),
    ("plans:rag-schemes", "RAG schemes", "rag", "manage"),
    ("plans:import", "Import a plan", "import", "manage"),
    ("areas:members", "Members", "members", "manage"),
    ("publishing:home", "Public pages", "publishing", "publish"),
)


@functools.lru_cache(maxsize=4096)
def _area_url(name: str, slug: str, script_prefix: str) -> str:
    """An area's page address. The URL patterns do not change while the server runs, so each address is
    worked out once per area (and script prefix, which `reverse` reads itself), not on every page."""
    return reverse(name, kwargs={"area": slug})


def _sees(access: Any, who: str | None) -> bool:
    if who is None:
        return True
    if who == "manage":
        return bool(access.can_manage())
    if who == "publish":
        return bool(access.can_publish())
    return who in access.reads


@register.simple_tag(takes_context=True)
def service_menu(context: Context, access: Any) -> SafeString:
    """The links of the service navigation the user may follow (`MENU`), the page's own section marked
    as current (`nav_item`). Written in Python: every signed-in page shows it."""
    slug, prefix = access.area.slug, get_script_prefix()
    return mark_safe(  # noqa: S308 - each item is format_html's  # nosec B308, B703
        "\n".join(
            nav_item(context, _area_url(name, slug, prefix), words, key)
            for name, words, key, who in MENU
            if _sees(access, who)
        )
    )


def rating_markup(label: str | None, colour: str, none: str = "No rating") -> str:
    """A rating as `plans/includes/rating.html` shows it, for tags writing many rows: the swatch and the
    word, or `none` when there is no rating."""
    if not label:
        return f'<span class="app-status app-status--none">{esc(none)}</span>'
    return f'<span class="app-status">{swatch(colour)} {esc(label)}</span>'


@register.filter
def field_type(bound_field: BoundField) -> str:
    """The kind of GOV.UK component to render a form field as."""
    widget = bound_field.field.widget
    name = type(widget).__name__
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if name == "CheckboxInput":
        return "checkbox"
    if name in {"Select", "SelectMultiple", "FastSelect", "FastSelectMultiple"}:
        return "select"
    if name == "Textarea":
        return "textarea"
    if name == "HiddenInput":
        return "hidden"
    if name in {"FileInput", "ClearableFileInput"}:
        return "file"
    return "input"


@register.filter
def get(mapping: Mapping[Any, Any] | None, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def error_anchor(bound_field: BoundField) -> str:
    """Where an error summary link points: the field, or the first of its radios or checkboxes."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id
