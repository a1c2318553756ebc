"""Which measures a plan item's text names. Plain Python: no Django import."""

import re
from collections.abc import Iterable

# A code is named as a whole word: "E7" in "see E7." or "(E7)", but not in "E70", "SE7" or "E7.1".
_BEFORE = r"(?<![A-Za-z0-9])(?<![A-Za-z0-9][./-])"
_AFTER = r"(?![A-Za-z0-9])(?![./-][A-Za-z0-9])"


def codes_named(text: str, codes: Iterable[str]) -> set[str]:
    """The measure codes that `text` names as whole words, as the codes are written (in any case:
    codes are unique in an area whatever their case, so "e7" names E7)."""
    by_lower = {code.strip().lower(): code for code in codes if code and code.strip()}
    if not text or not by_lower:
        return set()
    alternatives = "|".join(re.escape(code) for code in sorted(by_lower, key=len, reverse=True))
    # ASCII case-folding only: a long s (U+017F) before 1 must not name S1: its lower case is not "s1".
    pattern = re.compile(f"{_BEFORE}(?:{alternatives}){_AFTER}", re.IGNORECASE | re.ASCII)
    named = (by_lower.get(match.group(0).lower()) for match in pattern.finditer(text))
    return {code for code in named if code}


_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9./-]*[A-Za-z0-9])?", re.ASCII)


def candidate_codes(text: str) -> set[str]:
    """The words of `text` that could be measure codes ("E7", "E7.1", "PfA2"): what to look up before
    `codes_named` checks each one properly."""
    found = set()
    for word in _WORD.findall(text or ""):
        found.add(word)
        found.update(piece for piece in re.split(r"[./-]", word) if piece)
    return found
