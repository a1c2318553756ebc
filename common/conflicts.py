"""One way to handle an edit conflict: the one place that catches `EditConflict` (common.concurrency).

A form view that saves through a versioned service calls `try_save`. When someone else saved first,
the page says so in one message (`conflict_message`), keeps what the user changed in the form, takes
what the other person saved into every field the user left as it was loaded (`take_theirs`), carries
the version that goes with those values so that saving again succeeds and keeps both people's
changes, and has `theirs`:
(label, their value, your value) rows, which templates/includes/their_changes.html shows as "What the
other person saved". A removal refused that way shows what they saved, with nothing of yours (`as_saved`).

Work that is not a page (a plan import, a command) runs inside `refusals_as`, which turns any refusal
of a write, a conflicting edit among them, into the caller's own error saying why in words.
"""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Model
from django.forms import BaseForm, BoundField, CheckboxInput, Field, FileField, Textarea
from django.forms.widgets import Input
from django.http import QueryDict

from .concurrency import EditConflict
from .views import apply_validation_error

T = TypeVar("T")
Snapshot = Mapping[str, str]
Row = tuple[str, str, str | None]


def conflict_message(
    thing: str = "this",
    *,
    verb: str = "changed",
    who: str = "Someone else",
    doing: str = "editing it",
    removing: bool = False,
    shown: bool = True,
) -> str:
    """What a page says when someone else saved `thing` first: "Someone else changed this item while you
    were editing it. Your changes have not been saved. ..." (`shown`: what they saved is on the page)."""
    if removing:
        said = f"{who} {verb} {thing} after you opened this page, so it has not been removed."
        advice = "if you still want to remove it, press Remove again."
    else:
        said = f"{who} {verb} {thing} while you were {doing}. Your changes have not been saved."
        advice = "check your changes against theirs and save again." if shown else "check it and try again."
    where = "What they saved is shown below" if shown else "The page now shows it as they left it"
    return f"{said} {where}: {advice}"


def differences(theirs: Snapshot, mine: Snapshot) -> list[Row]:
    """(label, their value, your value) for each value that differs."""
    return [
        (label, value, mine.get(label, "")) for label, value in theirs.items() if value != mine.get(label, "")
    ]


def as_saved(theirs: Snapshot) -> list[Row]:
    """(label, their value, None) for everything they saved: when there is nothing of yours to compare."""
    return [(label, value, None) for label, value in theirs.items()]


@dataclass
class Attempt(Generic[T]):
    """What came of `try_save`: `saved`, with the service's `result`; or not, with the `form` to show
    again, the `problem` in words, and either the service's `error` or, after an edit conflict
    (`conflict`), the `theirs` rows."""

    form: BaseForm | None
    saved: bool = False
    result: T | None = None
    problem: str = ""
    error: ValidationError | None = None
    conflict: bool = False
    theirs: list[Row] = field(default_factory=list)


def try_save(
    form: BaseForm | None,
    save: Callable[[], T],
    *,
    thing: str | Callable[[Any], str] = "this",
    theirs: Callable[[Any], Snapshot] | None = None,
    mine: Callable[[], Snapshot] | None = None,
    removing: bool = False,
    verb: str = "changed",
    who: str = "Someone else",
    doing: str = "editing it",
) -> Attempt[T]:
    """Run `save` (a call to a versioned service) if `form` is valid, or at once when there is no form
    (a Remove button carrying only its version). An unbound or invalid form comes back as it is, so a
    view may call this on GET too.

    If someone else saved first, the form gets one error, `conflict_message` naming `thing` ("this
    item", or a function naming their object, as a removal does), and the submitted data again with the
    version they left, so that the next save replaces theirs knowingly. `theirs` reads their object as
    a snapshot (label: value) to show beside `mine` (what was typed, under the same labels), or on its
    own for a removal or when there is no `mine`. A ValidationError from the service goes on the form,
    beside the fields it names. Either way the attempt's `problem` says it in words, for a page with no
    form.
    """
    if form is not None and not form.is_valid():
        return Attempt(form)
    try:
        result = save()
    except EditConflict as conflict:
        rows = _rows(conflict.obj, theirs, None if removing else mine)
        if form is not None:
            take_theirs(form, getattr(conflict.obj, "version", None))
            rows = _rows_after_merge(form, conflict.obj, theirs, None if removing else mine, rows)
        named = thing if isinstance(thing, str) else thing(conflict.obj)
        message = conflict_message(
            named, verb=verb, who=who, doing=doing, removing=removing, shown=bool(rows)
        )
        if form is not None:
            form.add_error(None, message)
        return Attempt(form, problem=message, conflict=True, theirs=rows)
    except ValidationError as error:
        if form is not None:
            apply_validation_error(form, error)
        return Attempt(form, problem=" ".join(error.messages), error=error)
    return Attempt(form, saved=True, result=result)


def _rows(
    obj: Model, theirs: Callable[[Any], Snapshot] | None, mine: Callable[[], Snapshot] | None
) -> list[Row]:
    if theirs is None:
        return []
    saved = theirs(obj)
    return as_saved(saved) if mine is None else differences(saved, mine())


NOT_CHANGED = "(not changed by you: the form now holds theirs)"


def _rows_after_merge(
    form: BaseForm,
    obj: Model,
    theirs: Callable[[Any], Snapshot] | None,
    mine: Callable[[], Snapshot] | None,
    rows: list[Row],
) -> list[Row]:
    """`rows` once `take_theirs` has merged: a value the user left alone, which the form now holds as
    the other person saved it, says so (NOT_CHANGED) instead of showing the old value as "yours". The
    rows stand as they were for a removal, or when the merged form does not clean."""
    if mine is None or theirs is None:
        return rows
    saved = theirs(obj)  # before cleaning again, which may write the form's values onto `obj`
    form.full_clean()
    if not form.is_valid():
        return rows
    changed = {label for label, _theirs, _yours in differences(saved, mine())}
    return [(label, value, yours if label in changed else NOT_CHANGED) for label, value, yours in rows]


def take_theirs(form: BaseForm, version: int | None) -> None:
    """The submitted data again after a conflict: each field the user changed from the page as loaded
    (its hidden initial, common.forms) as they typed it; each field they left alone as the other person
    saved it (the form's initial, read from the object on this request), so saving again does not undo
    their change. Every hidden initial becomes the value just read, and the version the one read with
    it (else the conflict's), so the next save is compared with what this page now shows."""
    data = form.data.copy() if isinstance(form.data, QueryDict) else QueryDict(mutable=True)
    if not isinstance(form.data, QueryDict):
        for key, value in form.data.items():
            data.setlist(key, list(value) if isinstance(value, list | tuple) else [value])
    loaded = any(key.startswith("initial-") for key in data)
    for name, form_field in form.fields.items():
        bound = form[name]
        if name == "version" or isinstance(form_field, FileField):
            continue
        value = _as_data(form_field, bound.initial)
        if loaded and not _changed(bound):
            _put(data, bound.html_name, value)
        _put(data, bound.html_initial_name, value)
    if "version" in form.fields:
        read = form["version"].initial
        data[form.add_prefix("version")] = str(read if read is not None else (version or ""))
    form.data = data


def _changed(bound: BoundField) -> bool:
    """Whether the user changed the field from its value as loaded (its hidden initial)."""
    hidden = bound.field.hidden_widget().value_from_datadict(
        bound.form.data, bound.form.files, bound.html_initial_name
    )
    try:
        loaded = bound.field.to_python(hidden)
    except ValidationError:
        return True
    return bound.field.has_changed(loaded, bound.data)


def _as_data(field: Field, initial: Any) -> list[str] | None:
    """A field's value as a browser would send it: a list of strings, or None for nothing sent (an
    unticked checkbox)."""
    value = field.prepare_value(initial)
    if isinstance(field.widget, CheckboxInput):
        return ["on"] if value else None
    if isinstance(value, list | tuple | set | frozenset):
        return [str(v) for v in value]
    if isinstance(field.widget, Input | Textarea):
        shown = field.widget.format_value(value)
        return ["" if shown is None else str(shown)]
    return ["" if value is None else str(value)]


def _put(data: QueryDict, name: str, value: list[str] | None) -> None:
    if value is None:
        data.pop(name, None)
    else:
        data.setlist(name, value)


@contextmanager
def refusals_as(error: Callable[[str], Exception], *, thing: str = "it") -> Iterator[None]:
    """Run writes that are not a page's (an import, a command): a refusal becomes `error(why)`, raised
    from inside the caller's transaction so that nothing is written. `why` is the refusal's own words
    for a ValidationError; for a conflicting edit, or a unique name taken a moment ago, it says that
    someone else changed `thing` at the same time."""
    try:
        yield
    except ValidationError as refused:
        raise error("; ".join(refused.messages)) from refused
    except (EditConflict, IntegrityError) as clash:
        raise error(f"someone else changed {thing} at the same time. Try again") from clash
