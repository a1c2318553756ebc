"""Rules about plan items, in plain Python (no Django), each named and tested on its own."""

import difflib
import re
from collections.abc import Iterable
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
    """A key that sorts bare numbers as people read them, parents before children.

    "1.2" < "1.2.1" < "1.10", and letters after digits ("1.9" < "1.a"). Items themselves are in their
    document's order (`position_key`); this sorts numbers that have no place in a document, such as a
    plan made up in number order for tests, and ties among items the import makes at once.
    """
    keys = [
        part.rjust(8, "0") if part.isdigit() else ":" + part.lower().ljust(7) for part in number_parts(number)
    ]
    return ".".join(keys)


POSITION_WIDTH = 8  # digits of one level's place in a sort key; Substr(sort_key, 1, 8) is the top item


def position_key(parent_key: str | None, position: int) -> str:
    """An item's sort key, which puts items in their document's order: its parent's key, then its place
    among its siblings as eight digits. The top level's key is the eight digits alone, so every item
    under another shares that item's key and a dot as the start of its own.

    >>> position_key(None, 1), position_key("00000001", 12)
    ('00000001', '00000001.00000012')
    """
    place = str(position).rjust(POSITION_WIDTH, "0")
    return f"{parent_key}.{place}" if parent_key else place


def key_position(key: str) -> int:
    """An item's place among its siblings, as its sort key gives it (the last part); 0 when that part
    is not a place (a key made from a bare number with letters, by `sort_key`).

    >>> key_position("00000001.00000012")
    12
    """
    last = key.rsplit(".", 1)[-1]
    return int(last) if last.isdigit() else 0


def document_keys(numbers: Iterable[str]) -> dict[str, str]:
    """Each item's sort key from the order of the document's rows: siblings come in the order their rows
    do, whatever their numbers, so "A1" written first comes first; a parent's row may come after its
    children's. A number given twice keeps its first place; one whose parent is not among the numbers
    is placed as a top-level item.

    >>> document_keys(["A1", "1", "A1.2", "A1.1"])
    {'A1': '00000001', '1': '00000002', 'A1.2': '00000001.00000001', 'A1.1': '00000001.00000002'}
    """
    places: dict[str, int] = {}
    counts: dict[str | None, int] = {}
    parents: dict[str, str | None] = {}
    for number in numbers:
        if number in places:
            continue
        parent = parent_number(number)
        counts[parent] = counts.get(parent, 0) + 1
        places[number], parents[number] = counts[parent], parent
    keys: dict[str, str] = {}

    def key(number: str) -> str:
        if number not in keys:
            parent = parents[number]
            keys[number] = position_key(key(parent) if parent in places else None, places[number])
        return keys[number]

    for number in places:
        key(number)
    return keys


def order_changes(before: list[str], after: list[str]) -> dict[str | None, tuple[list[str], list[str]]]:
    """Where the order of items changes: for each parent (None for the top level) under which the items
    in both lists come in a different order, their numbers in the old order and in the new. Items
    added or removed change no order.

    >>> order_changes(["1", "2", "A1"], ["A1", "1", "2", "3"])
    {None: (['1', '2', 'A1'], ['A1', '1', '2'])}
    """
    both = set(before) & set(after)

    def by_parent(numbers: list[str]) -> dict[str | None, list[str]]:
        grouped: dict[str | None, list[str]] = {}
        for number in numbers:
            if number in both:
                grouped.setdefault(parent_number(number), []).append(number)
        return grouped

    old, new = by_parent(before), by_parent(after)
    return {parent: (old[parent], new[parent]) for parent in new if old.get(parent) != new[parent]}


_RUNS = re.compile(r"\d+|\D+")


def reference_sort_key(reference: str) -> str:
    """A key that sorts references such as R2, R10, YS2a as people read them: R2 before R10, any
    case alike. For risks and "You said, we did" entries, whose references need not be item numbers."""
    runs = _RUNS.findall(reference.strip().lower())
    return "".join(run.rjust(8, "0") if run.isdigit() else run for run in runs)[:80]


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


# Words ---------------------------------------------------------------------------------------

_SAME_IN_PLURAL = frozenset(
    {"evidence", "information", "staff", "data", "feedback", "guidance", "support", "criteria", "progress"}
)
# Words after which a name's head noun has ended: "Area for development", "Key line of enquiry".
_PREPOSITIONS = frozenset({"of", "for", "in", "to", "with", "on", "under", "at", "by", "from", "about"})
_IRREGULAR_PLURALS = {
    "person": "people",
    "child": "children",
    "analysis": "analyses",
    "criterion": "criteria",
}
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
_VOWELS = frozenset("aeiou")
# Words whose first sound is not what their first letter suggests (compared as lower-case prefixes).
_A_BEFORE = ("one", "once", "uni", "use", "usu", "uti", "eu", "ewe")
_AN_BEFORE = ("hour", "honest", "honour", "heir")


def _plural_word(word: str) -> str:
    """One word's plural, keeping its capital letters: "priority" -> "priorities", "box" -> "boxes"."""
    lower = word.lower()
    if not lower or not lower[-1].isalpha() or lower in _SAME_IN_PLURAL:
        return word
    if lower in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[lower]
        return plural.capitalize() if word[0].isupper() else plural
    if word.isupper() and len(word) > 1:
        return word + "s"  # an abbreviation: "KPIs", "EHCPs"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if lower.endswith(_SIBILANT_ENDINGS):
        return word + "es"
    return word + "s"


def plural(name: str) -> str:
    """The plural of a level's name, as people write it.

    The head noun is pluralised: the word before the first preposition when there is one ("Area of
    weakness" -> "Areas of weakness", "Area for development" -> "Areas for development"), else the
    last word ("Key action" -> "Key actions"). A word
    ending in a consonant and "y" takes "ies" ("Priority" -> "Priorities", "Activity" ->
    "Activities"; "Pathway" -> "Pathways"); one ending in s, x, z, ch or sh takes "es"; a few
    irregular words ("person", "child"), words already plural or uncountable ("criteria", "evidence",
    "support") are known, and an abbreviation takes a small "s" ("KPI" -> "KPIs").
    Capitals are kept; spaces around the name are dropped.
    """
    text = " ".join(name.split())
    if not text:
        return text
    words = text.split(" ")
    head = next(
        (index - 1 for index, word in enumerate(words) if index > 0 and word.lower() in _PREPOSITIONS),
        len(words) - 1,
    )
    words[head] = _plural_word(words[head])
    return " ".join(words)


def with_article(name: str) -> str:
    """A name with "a" or "an" before it, by the first letter of its first word: "an area of weakness",
    "a priority".

    A vowel letter takes "an", any other "a", except a few words whose first sound differs from
    their first letter: "a one-off", "a user", "a unit", "a European" (said with a "y" or "w"
    sound); "an hour", "an honest" (a silent "h"). Spaces around the name are dropped.
    """
    text = " ".join(name.split())
    lower = text.lower()
    if lower.startswith(_AN_BEFORE):
        return f"an {text}"
    if lower.startswith(_A_BEFORE):
        return f"a {text}"
    return f"{'an' if lower[:1] in _VOWELS else 'a'} {text}"


def plain_text(text: str) -> str:
    """A plan's text as it is kept, whether typed on the page or read from a file: line endings as \\n,
    spaces at the end of each line dropped, no blank lines before or after. Kept this way, a section
    exported and imported again is the same, so the import finds nothing to change.

    >>> plain_text("One.  \\r\\n\\r\\nTwo.\\n\\n")
    'One.\\n\\nTwo.'
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def measure_codes(text: str) -> list[str]:
    """Measure codes as an item cites them ("S6, S7; E9"): split at commas, semicolons and line breaks,
    spaces inside a code dropped, each once (whatever its case), in the order written.

    >>> measure_codes("S6, s6 ; E 9")
    ['S6', 'E9']
    """
    found: dict[str, str] = {}
    for part in re.split(r"[,;\n]", text or ""):
        code = "".join(part.split())
        if code and code.lower() not in found:
            found[code.lower()] = code
    return list(found.values())


def unknown_codes_problem(codes: list[str], known: Iterable[str]) -> str | None:
    """What to say of the codes that are not the area's measures, with the closest known code when one
    is close; None when all are known. Each is a sentence, ending "." or "?".

    >>> unknown_codes_problem(["S6x", "E9"], ["S6", "E9"])
    '"S6x" is not the code of a measure in this area: did you mean S6?'
    """
    by_lower = {code.lower(): code for code in known}
    unknown = [code for code in codes if code.lower() not in by_lower]
    if not unknown:
        return None
    said = []
    for code in unknown:
        close = difflib.get_close_matches(code.lower(), list(by_lower), n=1, cutoff=0.6)
        hint = f": did you mean {by_lower[close[0]]}?" if close else "."
        said.append(f'"{code}" is not the code of a measure in this area{hint}')
    return " ".join(said)


def level_plurals(names: list[str], plurals: list[str]) -> list[str]:
    """The plurals a plan keeps for its levels: one per named level, spaces tidied, "" where the plural
    is worked out from the name (`plural`), and none after the last one given.

    >>> level_plurals(["Work stream", "Activity"], [" ", "Activities ", "Tasks"])
    ['', 'Activities']
    """
    kept = [" ".join(str(p).split()) for p in plurals[: len(names)]]
    while kept and not kept[-1]:
        kept.pop()
    return kept


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """How one text becomes another, word by word: runs of words, each "same", "removed" or "added", in
    reading order (a replaced run is its removed words then its added ones). Line breaks count as
    spaces. The preview shows a long changed text this way, so a change at its end is seen.

    >>> word_changes("Meet termly", "Meet every month")
    [('same', 'Meet'), ('removed', 'termly'), ('added', 'every month')]
    """
    before, after = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("same", " ".join(before[a1:a2])))
            continue
        if a2 > a1:
            runs.append(("removed", " ".join(before[a1:a2])))
        if b2 > b1:
            runs.append(("added", " ".join(after[b1:b2])))
    return runs


_NUMBER_SEPARATORS = re.compile(r"[,;/\n]|\band\b|&", re.IGNORECASE)


def item_numbers(text: str) -> list[str]:
    """The item numbers a finding lists ("1.2, 3 and A1"): split at commas, semicolons, slashes, "&", "and"
    and line breaks, spaces dropped, each once (whatever its case), in the order written.

    >>> item_numbers("1.2, 3 and A1; 4 / 1.2")
    ['1.2', '3', 'A1', '4']
    """
    found: dict[str, str] = {}
    for part in _NUMBER_SEPARATORS.split(text or ""):
        number = "".join(part.split())
        if number and number.lower() not in found:
            found[number.lower()] = number
    return list(found.values())


def unknown_numbers_problem(numbers: list[str], known: Iterable[str]) -> str | None:
    """What to say of the numbers that are not items of the plan, with the closest number when one is close;
    None when all are items of the plan.

    >>> unknown_numbers_problem(["1.2", "7.9"], ["1.2", "7.8"])
    'There is no item "7.9" in this plan: did you mean 7.8?'
    >>> unknown_numbers_problem(["8", "9"], ["1"])
    'There are no items "8" and "9" in this plan.'
    """
    by_lower = {number.lower(): number for number in known}
    unknown = [number for number in numbers if number.lower() not in by_lower]
    if not unknown:
        return None
    if len(unknown) > 1:
        quoted = [f'"{number}"' for number in unknown]
        listed = ", ".join(quoted[:-1]) + f" and {quoted[-1]}"
        return f"There are no items {listed} in this plan."
    close = difflib.get_close_matches(unknown[0].lower(), list(by_lower), n=1, cutoff=0.6)
    hint = f": did you mean {by_lower[close[0]]}?" if close else "."
    return f'There is no item "{unknown[0]}" in this plan{hint}'


def field_name_problem(name: str, built_in: Iterable[str], others: Iterable[str]) -> str | None:
    """Why a plan field cannot have this name, or None: a field is imported and exported by its name as an
    Items column's heading, so the name must be given, and be neither a column the template already has
    nor another field's name (whatever the case).

    >>> field_name_problem("Partners", ["Partners"], [])
    '"Partners" is a template column. Give the field a name of its own, such as "Partner organisations"'
    """
    key = " ".join(name.split()).lower()
    if not key:
        return "Enter the field's name"
    if key in {" ".join(column.split()).lower() for column in built_in}:
        such = ', such as "Partner organisations"' if key == "partners" else ""
        return f'"{name.strip()}" is a template column. Give the field a name of its own{such}'
    if key in {" ".join(other.split()).lower() for other in others}:
        return f'This plan already has a field called "{name.strip()}". Give each field its own name'
    return None


def organisation_names(text: str) -> list[str]:
    """Organisations as a field's cell or the "Other organisations" box lists them: separated by
    semicolons or new lines (a name may hold a comma: "Children's Services, Stockport"), spaces tidied,
    each once whatever its case, in the order written.

    >>> organisation_names("Stockport NHS;  stockport nhs ;\\nPure Innovations")
    ['Stockport NHS', 'Pure Innovations']
    """
    found: dict[str, str] = {}
    for part in re.split(r"[;\n]", text or ""):
        name = " ".join(part.split())
        if name and name.lower() not in found:
            found[name.lower()] = name
    return list(found.values())


def field_applies(field_level: int | None, item_level: int) -> bool:
    """A field applies to the items of its level, or to every item when it has no level.

    >>> field_applies(None, 3), field_applies(2, 3)
    (True, False)
    """
    return field_level is None or field_level == item_level
