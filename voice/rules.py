"""The rules of "You said, we did", in plain Python."""

import re

_RUNS = re.compile(r"\d+|\D+")


def reference_sort_key(reference: str) -> str:
    """Entries are listed in the order people read their references: YS2 before YS10, and any case alike."""
    runs = _RUNS.findall(reference.strip().lower())
    return "".join(run.rjust(8, "0") if run.isdigit() else run for run in runs)[:80]
