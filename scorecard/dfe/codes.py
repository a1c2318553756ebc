"""Reading the codes people type when they define a scorecard: local authority and region codes,
lists of statistical neighbours, plan item numbers and breakdown names.

Each reader returns the tidy form to store, or raises CodeProblem with a message that names what
was wrong and shows what to write instead. Plain Python: no Django import.

    read_la_code(" e08000007 ")           -> "E08000007"
    read_old_la_code("356")               -> "356"
    read_neighbour_codes("E08000007, 356") -> ["E08000007", "356"]
    read_item_numbers("1.1, 4.3.3")       -> ["1.1", "4.3.3"]
"""

import re

_NINE_CHARACTER = re.compile(r"^[EWSN]\d{8}$")
_THREE_DIGIT = re.compile(r"^\d{3}$")
_ITEM_NUMBER = re.compile(r"^\d+(?:\.\d+){0,3}$")


class CodeProblem(ValueError):
    """Text that is not the code asked for; the message says which part and what to write."""


def _split(text: str) -> list[str]:
    """Parts separated by commas, semicolons, new lines or spaces, in the order written, without repeats."""
    parts = re.split(r"[,;\s]+", text or "")
    return list(dict.fromkeys(p for p in parts if p))


def _tidy(text: str) -> str:
    return (text or "").strip().upper()


def _quoted(codes: list[str]) -> str:
    quoted = [f"“{code}”" for code in codes]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def read_la_code(text: str) -> str:
    """A 9-character local authority code is a letter and 8 digits, like E08000007; blank is allowed."""
    code = _tidy(text)
    if code and not _NINE_CHARACTER.match(code):
        raise CodeProblem(
            f"“{text.strip()}” is not a 9-character local authority code. "
            "Enter a letter and 8 digits, like E08000007"
        )
    return code


def read_old_la_code(text: str) -> str:
    """A 3-digit local authority code is 3 digits, like 356; blank is allowed."""
    code = _tidy(text)
    if code and not _THREE_DIGIT.match(code):
        raise CodeProblem(f"“{text.strip()}” is not a 3-digit local authority code. Enter 3 digits, like 356")
    return code


def read_region_code(text: str) -> str:
    """A region code is 9 characters, a letter and 8 digits, like E12000002 (North West); blank is allowed."""
    code = _tidy(text)
    if code and not _NINE_CHARACTER.match(code):
        raise CodeProblem(
            f"“{text.strip()}” is not a region code. Enter a letter and 8 digits, like E12000002"
        )
    return code


def read_neighbour_codes(text: str, *, own: tuple[str, ...] = ()) -> list[str]:
    """Statistical neighbours are local authority codes, 9-character (E08000007) or 3-digit (356),
    separated by commas. Every code that is neither is named; so is the area's own code (`own`)."""
    codes = list(dict.fromkeys(_tidy(part) for part in _split(text)))
    wrong = [c for c in codes if not (_NINE_CHARACTER.match(c) or _THREE_DIGIT.match(c))]
    if wrong:
        noun = "is not a local authority code" if len(wrong) == 1 else "are not local authority codes"
        raise CodeProblem(
            f"{_quoted(wrong)} {noun}. Enter 9-character codes like E08000007 "
            "or 3-digit codes like 356, separated by commas"
        )
    mine = [c for c in codes if c in {_tidy(o) for o in own if o}]
    if mine:
        raise CodeProblem(f"{_quoted(mine)} is this area's own code: list only its neighbours")
    return codes


def read_item_numbers(text: str) -> list[str]:
    """Plan items are written as their numbers, like 1.1 or 4.3.3, separated by commas."""
    numbers = [part.rstrip(".") for part in _split(text)]
    wrong = [n for n in numbers if not _ITEM_NUMBER.match(n)]
    if wrong:
        noun = "is not an item number" if len(wrong) == 1 else "are not item numbers"
        raise CodeProblem(f"{_quoted(wrong)} {noun}. Write numbers like 1.1 or 4.3.3, separated by commas")
    return list(dict.fromkeys(numbers))


def missing_items_message(plan_reference: str, missing: list[str]) -> str:
    """Item numbers that the plan does not have are named, so a typing slip is easy to find."""
    if len(missing) == 1:
        return f"{plan_reference} has no item {missing[0]}"
    return f"{plan_reference} has no items {', '.join(missing[:-1])} or {missing[-1]}"


def read_breakdown_names(text: str, *, longest: int = 120) -> list[str]:
    """Breakdowns are names separated by commas, such as "All, Primary, Secondary"; the first is the
    headline, rated on the scorecard. Blank means one breakdown, "All". A name may not be repeated."""
    names = [" ".join(part.split()) for part in (text or "").replace("\n", ",").split(",")]
    names = [n for n in names if n]
    if not names:
        return ["All"]
    seen: dict[str, str] = {}
    for name in names:
        if name.lower() in seen:
            raise CodeProblem(f"“{name}” is listed twice: give each breakdown a different name")
        if len(name) > longest:
            raise CodeProblem(
                f"“{name[:30]}…” is too long: a breakdown name has at most {longest} characters"
            )
        seen[name.lower()] = name
    return names
