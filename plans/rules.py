"""Rules about plan items, in plain Python (no Django), each named and tested on its own."""

import re
from datetime import date, timedelta

MAX_LEVELS = 4
_PART = re.compile(r"^[A-Za-z0-9]{1,8}$")


class NumberProblem(ValueError):
    """An item number that cannot be used; the message says why."""


def number_parts(number: str) -> tuple[str, ...]:
    """Split an item number such as "1.2.7" into its parts.

    Each part is one to eight letters or digits; there are one to four parts.
    """
    text = (number or "").strip()
    if not text:
        raise NumberProblem("Enter the item's number, such as 1.2.7")
    parts = tuple(text.split("."))
    if not all(_PART.match(part) for part in parts):
        raise NumberProblem(
            f'"{text}" is not an item number. Use parts of letters or digits separated by dots, such as 1.2.7'
        )
    if len(parts) > MAX_LEVELS:
        raise NumberProblem(f'"{text}" has {len(parts)} parts: a plan has at most {MAX_LEVELS} levels')
    return parts


def parent_number(number: str) -> str | None:
    """The number of an item's parent: "1.2.7" sits under "1.2"; a top-level item has none."""
    parts = number_parts(number)
    return ".".join(parts[:-1]) or None


def number_level(number: str) -> int:
    """An item's level is the count of parts in its number: "1.2.7" is at level 3."""
    return len(number_parts(number))


def sort_key(number: str) -> str:
    """A key that sorts numbers as people read them, parents before children.

    "1.2" < "1.2.1" < "1.10", and letters after digits ("1.9" < "1.a").
    """
    keys = [
        part.rjust(8, "0") if part.isdigit() else ":" + part.lower().ljust(7) for part in number_parts(number)
    ]
    return ".".join(keys)


def renumber(number: str, old_prefix: str, new_prefix: str) -> str:
    """The number an item gets when the branch it is in moves from one number to another."""
    if number == old_prefix:
        return new_prefix
    if number.startswith(old_prefix + "."):
        return new_prefix + number[len(old_prefix) :]
    return number


def next_child_number(parent: str | None, sibling_numbers: list[str]) -> str:
    """The number for a new last child: one more than the highest numeric last part."""
    last_parts = [n.rsplit(".", 1)[-1] for n in sibling_numbers]
    highest = max((int(part) for part in last_parts if part.isdigit()), default=0)
    return f"{parent}.{highest + 1}" if parent else str(highest + 1)


def is_overdue(due_date: date | None, is_done: bool, today: date) -> bool:
    """An item is overdue when its due date has passed and it is not done, whatever its status."""
    return due_date is not None and not is_done and due_date < today


def is_due_soon(due_date: date | None, is_done: bool, today: date, days: int = 30) -> bool:
    """An item is due soon when it is not done and falls due today or within the next `days` days."""
    return due_date is not None and not is_done and today <= due_date <= today + timedelta(days=days)
