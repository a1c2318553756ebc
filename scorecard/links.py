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
    pattern = re.compile(f"{_BEFORE}(?:{alternatives}){_AFTER}", re.IGNORECASE)
    return {by_lower[match.group(0).lower()] for match in pattern.finditer(text)}
