"""Comparing the Items sheet with the plan's current items, item by item."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from common.dates import format_uk_date
from history import services as history

from .. import measure_codes, rules, snapshots
from ..models import Item
from . import template as t
from .owners import OwnerMatcher
from .planfile import ItemRow, PlanFile
from .problems import Problem
from .work import ADDED, CHANGED, ITEM_SCALARS, REMOVED, ItemWork, Work

if TYPE_CHECKING:
    from .preview import AreaState


def check_status_removals(work: Work) -> None:
    """A status may go only if no item keeps it (removed items keep theirs, so they count)."""
    for entry in work.statuses:
        if entry.action != REMOVED:
            continue
        moving = {i.existing.pk for i in work.items if i.existing and i.status.lower() != entry.label.lower()}
        count = sum(
            1
            for pk in Item.objects.filter(status=entry.status).values_list("pk", flat=True)
            if pk not in moving
        )
        if count:
            work.problems.append(
                Problem(
                    "RAG scheme",
                    None,
                    "Label",
                    f'"{entry.label}" is not in this sheet, but {count} item{"" if count == 1 else "s"} '
                    f"{'has' if count == 1 else 'have'} that status. "
                    "Add it back, or change their status first",
                )
            )


def _db_values(
    item: Item, people: dict[str, str], codes: dict[str, str], labels: dict[str, str]
) -> dict[str, str]:
    """The item as it is now, by column, with its owners, workstreams and status spelt as the import
    spells them."""
    values = snapshots.item_snapshot(item)
    owners = [people.get(o.person.initials.lower(), o.person.initials) for o in item.ownerships.all()]
    values["Owners"] = ", ".join(owners)
    values["Workstream"] = ", ".join(
        sorted(codes.get(w.code.lower(), w.code) for w in item.workstreams.all())
    )
    if (status := item.status) is not None:
        values["Status"] = labels.get(status.label.lower(), status.label)
    return values


def _resolve(
    row: ItemRow,
    column: str,
    names: list[str],
    known: dict[str, str],
    message: Callable[[str], str],
    work: Work,
) -> list[str]:
    resolved = []
    for name in names:
        if name.lower() in known:
            resolved.append(known[name.lower()])
        else:
            work.problems.append(Problem("Items", row.row, column, message(name)))
    return resolved


def _owners(row: ItemRow, matcher: OwnerMatcher, people: dict[str, str], work: Work) -> list[str]:
    """The row's owners as initials: each written by initials, full name or job title (`owners`). A
    whole cell that is one person's name or job title is that person, even with a / or , in it."""
    whole = matcher.person(row.owners_written) if len(row.owners) > 1 else None
    if whole is not None:
        read = f'Owner "{" ".join(row.owners_written.split())}" read as {whole.initials}'
        work.notes.append(Problem("Items", row.row, "Owners", read))
        return [people.get(whole.initials.lower(), whole.initials)]
    found: list[str] = []
    for words in matcher.split(row.owners_written) if matcher.separated else row.owners:
        match = matcher.match(words)
        if match.problem:
            work.problems.append(Problem("Items", row.row, "Owners", match.problem))
        elif match.by_name:
            read = ", ".join(match.initials)
            work.notes.append(Problem("Items", row.row, "Owners", f'Owner "{words}" read as {read}'))
        found += [people.get(initials.lower(), initials) for initials in match.initials]
    return list(dict.fromkeys(found))


def _see_also_words(numbers: list[str], before: str, keys: dict[str, str]) -> str:
    """The See also numbers in the file's order; the same numbers as the item has now are written as
    the item writes them, so a file whose rows moved finds no change in See also."""
    if set(numbers) == {n for n in before.split(", ") if n}:
        return before
    return ", ".join(sorted(numbers, key=lambda n: keys.get(n, "")))


def item_work(
    plan_file: PlanFile,
    state: "AreaState",
    work: Work,
    people: dict[str, str],
    codes: dict[str, str],
    labels: dict[str, str],
    owners: OwnerMatcher,
) -> None:
    """The work on the plan's items: `people`, `codes` and `labels` spell each name (lower case) as
    the file's sheets or the area do; `owners` reads the owners written by name or job title."""
    has = {column: plan_file.has_column("Items", column) for column in t.ITEMS.columns}
    scheme_name = work.scheme_name
    in_file = {row.number for row in plan_file.items}
    numbers = {number.lower(): number for number in in_file}
    known_codes = measure_codes.known_codes(state.area) if has["Measures"] else None

    def unknown_code(code: str) -> str:
        return (
            f'"{code}" is not in the Workstreams sheet or among the area\'s workstreams. '
            "Add it to the Workstreams sheet, or correct the code"
        )

    def unknown_label(label: str) -> str:
        choices = ", ".join(sorted(set(labels.values()))) or "none"
        return f'"{label}" is not a status of the RAG scheme "{scheme_name}". Use one of: {choices}'

    keys = {row.number: row.sort_key for row in plan_file.items}
    for row in sorted(plan_file.items, key=lambda i: i.sort_key):
        existing = state.items.get(row.number)
        before = _db_values(existing, people, codes, labels) if existing else {}
        entry = ItemWork(action="", number=row.number, existing=existing, text=row.text)
        entry.due_date = row.due_date if has["Due date"] or not existing else existing.due_date
        for attr, column in ITEM_SCALARS.items():
            given = has[column] or not existing or (attr == "due_text" and row.due_in_words)
            entry.scalars[attr] = getattr(row, attr) if given else getattr(existing, attr)
        entry.owners = (
            _owners(row, owners, people, work)
            if has["Owners"]
            else [o for o in before.get("Owners", "").split(", ") if o]
        )
        entry.workstreams = (
            _resolve(row, "Workstream", row.workstreams, codes, unknown_code, work)
            if has["Workstream"]
            else [c for c in before.get("Workstream", "").split(", ") if c]
        )
        entry.see_also = (
            [
                numbers[n.lower()]
                for n in row.see_also
                if n.lower() in numbers and n.lower() != row.number.lower()
            ]
            if has["See also"]
            else [n for n in before.get("See also", "").split(", ") if n in in_file]
        )
        entry.status = before.get("Status", "")
        if has["Status"]:
            found = _resolve(row, "Status", [row.status] if row.status else [], labels, unknown_label, work)
            entry.status = found[0] if found else ""
        entry.values = {
            "Number": row.number,
            "Text": entry.text,
            "Due date": format_uk_date(entry.due_date),
            "Due as written": entry.scalars["due_text"],
            "Workstream": ", ".join(sorted(entry.workstreams)),
            "Owners": ", ".join(entry.owners),
            "Partners": entry.scalars["partners"],
            "Senior owner": entry.scalars["senior_owner"],
            "Impact": entry.scalars["impact"],
            "How do we know": entry.scalars["evidence"],
            "See also": _see_also_words(entry.see_also, before.get("See also", ""), keys),
            "Status": entry.status,
            "Notes": entry.scalars["notes"],
            "Measures": entry.scalars["measure_codes"],
        }
        if has["Measures"] and known_codes is not None:
            problem = rules.unknown_codes_problem(rules.measure_codes(row.measure_codes), known_codes)
            if problem:
                work.problems.append(Problem("Items", row.row, "Measures", f"{problem} Check the codes"))
        entry.diff = history.diff(before, entry.values)
        entry.action = ADDED if not existing else (CHANGED if entry.diff else "")
        if not entry.action:
            work.items_unchanged += 1
        work.items.append(entry)
    work.order = [row.number for row in sorted(plan_file.items, key=lambda i: i.sort_key)]
    now = [item.number for item in sorted(state.items.values(), key=lambda i: i.sort_key)]
    work.order_changes = rules.order_changes(now, work.order)
    work.removed_items = [item for number, item in sorted(state.items.items()) if number not in in_file]
    work.removed_items.sort(key=lambda i: i.sort_key)
    gone = {i.number for i in work.removed_items}
    work.removed_tops = [i for i in work.removed_items if rules.parent_number(i.number) not in gone]
