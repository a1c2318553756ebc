"""The fields an area defines on a plan, in the template: the Fields sheet (Name | Level | Type) declares
them, and an Items column headed by a field's name holds each item's value (text as written, a person by
initials, organisations by name separated by ";"). Read and compared with the plan here (written and
exported by `fields_write`); a field the Fields sheet leaves out stays as it is, and so do the values of a
field whose column the Items sheet leaves out.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from areas.models import Organisation
from history import services as history

from .. import rules
from ..fields import fields_of, item_field_words, organisations_words
from ..models import ItemFieldValue, PlanField
from ..services.fields import RESERVED
from . import template as t
from .owners import OwnerMatcher
from .planfile import FieldRow, PlanFile
from .problems import Problem
from .reading import RawRow, RawSheet
from .unused import Unused
from .work import ADDED, CHANGED, Work

if TYPE_CHECKING:
    from .parsing import _Sheet
    from .preview import AreaState, Section

KINDS = {
    "text": PlanField.Kind.TEXT,
    "organisations": PlanField.Kind.ORGANISATIONS,
    "organisation": PlanField.Kind.ORGANISATIONS,
    "person": PlanField.Kind.PERSON,
}
EVERY_LEVEL = {"", "every level", "all", "all levels", "every"}


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


BUILT_IN = {_key(column) for column in (*t.ITEMS.columns, *RESERVED)}


def extra_cells(row: RawRow) -> dict[str, str]:
    """The cells of an Items row under headings the template does not have, by heading key."""
    return {key: value for key, value in row.cells.items() if key not in BUILT_IN}


def extra_columns(raw: RawSheet) -> dict[str, str]:
    """The Items sheet's headings the template does not have: key -> as written."""
    return {key: written for key, written in raw.headings.items() if key not in BUILT_IN}


def parse_fields(sheet: "_Sheet", level_names: list[str]) -> list[FieldRow]:
    """The Fields sheet's rows: each name once, not a template column; a level by its name or number (blank
    for every level); a type of Text, Organisations or Person (blank for Text)."""
    rows: list[FieldRow] = []
    names = {name.lower(): n for n, name in enumerate(level_names, start=1)}
    for raw in sheet.raw.rows:
        name = " ".join(sheet.text(raw, "Name", limit=80, required="Enter the field's name").split())
        if not name:
            continue
        if problem := rules.field_name_problem(name, [*t.ITEMS.columns, *RESERVED], [r.name for r in rows]):
            sheet.problem(raw.number, "Name", problem)
            continue
        written_level = _key(raw.get("Level"))
        level: int | None = None
        if written_level not in EVERY_LEVEL:
            level = int(written_level) if written_level.isdigit() else names.get(written_level)
            if level is None or not 1 <= level <= max(len(level_names), 1):
                choices = ", ".join(level_names) or "a level's number"
                sheet.problem(
                    raw.number,
                    "Level",
                    f'"{raw.get("Level")}" is not a level of this plan. Use {choices}, or leave it blank '
                    "for every level",
                )
                continue
        kind = KINDS.get(_key(raw.get("Type")) or "text")
        if kind is None:
            sheet.problem(
                raw.number,
                "Type",
                f'"{raw.get("Type")}" is not a type of field. Use Text, Organisations or Person',
            )
            continue
        rows.append(FieldRow(raw.number, name, level, kind))
    return rows


@dataclass
class FieldWork:
    """A field the import adds, or whose level or type it changes."""

    action: str
    row: FieldRow
    existing: PlanField | None
    diff: dict[str, list[str]]


@dataclass
class FieldCell:
    """An item's value of a field, as the file gives it, resolved: text, a person's initials, or
    organisations by name (as the area spells those it has)."""

    text: str = ""
    initials: str = ""
    organisations: list[str] = field(default_factory=list)


@dataclass
class FieldsWork:
    """Everything the import does to the plan's fields and items' values of them."""

    fields: list[FieldWork] = field(default_factory=list)
    unchanged: int = 0
    values: dict[str, dict[str, FieldCell]] = field(default_factory=dict)  # item number -> field name -> cell
    new_organisations: list[str] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)  # Items headings (keys) imported as fields


@dataclass(frozen=True)
class _Defined:
    name: str
    level: int | None
    kind: str


def _level_name(level_names: list[str], level: int | None) -> str:
    if level is None:
        return "Every level"
    return level_names[level - 1] if 0 < level <= len(level_names) else f"Level {level}"


def _definitions(
    plan_file: PlanFile, state: "AreaState", work: Work, done: FieldsWork
) -> dict[str, _Defined]:
    """The fields the import knows, by name in lower case: the plan's, changed by the Fields sheet, and
    the sheet's new ones."""
    level_names = plan_file.settings.level_names or (state.plan.level_names if state.plan else [])
    existing = {f.name.lower(): f for f in fields_of(state.plan)} if state.plan else {}
    known = {key: _Defined(f.name, f.level, f.kind) for key, f in existing.items()}
    kinds = dict(PlanField.Kind.choices)
    for row in plan_file.fields or []:
        current = existing.get(row.name.lower())
        before = (
            {
                "Name": current.name,
                "Applies to": _level_name(level_names, current.level),
                "Type": kinds[current.kind],
            }
            if current
            else {}
        )
        after = {
            "Name": current.name if current else row.name,
            "Applies to": _level_name(level_names, row.level),
            "Type": kinds[row.kind],
        }
        diff = history.diff(before, after)
        known[row.name.lower()] = _Defined(after["Name"], row.level, row.kind)
        if current and not diff:
            done.unchanged += 1
            continue
        if current and current.kind != row.kind and current.values.exists():
            work.problems.append(
                Problem(
                    "Fields",
                    row.row,
                    "Type",
                    f'Items hold values of "{current.name}", so its type cannot change from '
                    f"{kinds[current.kind]}. Keep {kinds[current.kind]}, or name a new field",
                )
            )
        if current and row.level is not None and row.level != current.level:
            _check_level(current, row, level_names, work)
        done.fields.append(FieldWork(CHANGED if current else ADDED, row, current, diff))
    return known


def _check_level(current: PlanField, row: FieldRow, level_names: list[str], work: Work) -> None:
    """A field may move to one level only if no current item of another level holds a value of it."""
    if row.level is None:
        return
    values = ItemFieldValue.objects.filter(field=current, item__removed_at__isnull=True)
    elsewhere = values.exclude(item__level=row.level).count()
    if elsewhere:
        level = _level_name(level_names, row.level).lower()
        work.problems.append(
            Problem(
                "Fields",
                row.row,
                "Level",
                f"{elsewhere} item{'' if elsewhere == 1 else 's'} of other levels "
                f'{"holds" if elsewhere == 1 else "hold"} a value of "{current.name}", so it cannot be for '
                f"each {level} only. Clear those values first, or leave the level as it is",
            )
        )


def field_work(
    plan_file: PlanFile, state: "AreaState", work: Work, owners: OwnerMatcher, people: dict[str, str]
) -> FieldsWork:
    """Compare the Fields sheet and the Items columns headed by fields' names with the plan: the fields
    to add or change, and each item's values, whose changes join the item's own in `work.items`."""
    done = FieldsWork()
    known = _definitions(plan_file, state, work, done)
    columns = {key: known[key] for key in plan_file.extra_columns if key in known}
    done.columns = set(columns)
    if not columns:
        return done
    organisations = {o.name.lower(): o.name for o in Organisation.objects.filter(area=state.area)}
    new: dict[str, str] = {}
    rows = {row.number: row for row in plan_file.items}
    level_names = plan_file.settings.level_names or (state.plan.level_names if state.plan else [])
    for entry in work.items:
        row = rows[entry.number]
        before = item_field_words(entry.existing) if entry.existing else {}
        cells: dict[str, FieldCell] = {}
        for key, defined in columns.items():
            written = row.extra.get(key, "")
            heading = plan_file.extra_columns[key]
            if not rules.field_applies(defined.level, row.level):
                if written:
                    level = _level_name(level_names, defined.level).lower()
                    work.problems.append(
                        Problem(
                            "Items",
                            row.row,
                            heading,
                            f'"{defined.name}" is for each {level} only, and {row.number} is not one. '
                            "Leave the cell blank, or change the field's level on the Fields sheet",
                        )
                    )
                continue
            cell = _cell(defined, written, row.row, heading, owners, people, organisations, new, work)
            cells[defined.name] = cell
            words = _words(defined, cell)
            entry.values[defined.name] = words
            if before.get(defined.name, "") != words:
                entry.diff[defined.name] = [before.get(defined.name, ""), words]
        done.values[entry.number] = cells
        if entry.existing and not entry.action and entry.diff:
            entry.action = CHANGED
            work.items_unchanged -= 1
    done.new_organisations = sorted(new.values(), key=str.lower)
    return done


def _cell(
    defined: _Defined,
    written: str,
    row: int,
    heading: str,
    owners: OwnerMatcher,
    people: dict[str, str],
    organisations: dict[str, str],
    new: dict[str, str],
    work: Work,
) -> FieldCell:
    if defined.kind == PlanField.Kind.PERSON:
        if not written:
            return FieldCell()
        match = owners.match(written)
        if match.problem or len(match.initials) != 1:
            message = match.problem or f'"{written}" names more than one person. Enter one person\'s initials'
            work.problems.append(Problem("Items", row, heading, message))
            return FieldCell()
        if match.by_name:
            work.notes.append(Problem("Items", row, heading, f'"{written}" read as {match.initials[0]}'))
        return FieldCell(initials=people.get(match.initials[0].lower(), match.initials[0]))
    if defined.kind == PlanField.Kind.ORGANISATIONS:
        names = []
        for name in rules.organisation_names(written):
            if len(name) > 200:
                work.problems.append(
                    Problem(
                        "Items",
                        row,
                        heading,
                        f'"{name[:40]}…" is longer than 200 characters. Shorten the name',
                    )
                )
                continue
            if name.lower() not in organisations:
                new.setdefault(name.lower(), name)
            names.append(organisations.get(name.lower(), new.get(name.lower(), name)))
        return FieldCell(organisations=names)
    return FieldCell(text=written)


def _words(defined: _Defined, cell: FieldCell) -> str:
    if defined.kind == PlanField.Kind.PERSON:
        return cell.initials
    if defined.kind == PlanField.Kind.ORGANISATIONS:
        return organisations_words(cell.organisations)
    return cell.text


def without_field_columns(unused: list[Unused], done: FieldsWork) -> list[Unused]:
    """What the file has that is not imported, less the Items columns imported as fields."""
    return [
        u
        for u in unused
        if not (u.sheet == t.ITEMS.name and u.kind == "column" and _key(u.name) in done.columns)
    ]


def fill_fields(fields: "Section", organisations: "Section", done: FieldsWork) -> None:
    """The preview's sections for the fields the import adds or changes and the organisations it adds."""
    from .preview import Entry, FieldChange

    for entry in done.fields:
        changes = [FieldChange(label, old, new) for label, (old, new) in entry.diff.items()]
        fields.add(Entry(entry.action, entry.row.name, f"Field {entry.row.name}", "", changes))
    fields.unchanged = done.unchanged
    for name in done.new_organisations:
        organisations.add(Entry(ADDED, name, f"Organisation {name}", "New: added to the area"))
