"""The public pages' rules in words. Plain Python: no Django import.

Counts are (status label, how many) in the plan's scheme order; items with no status are counted
under the label "Not rated yet"."""

import json
from collections.abc import Sequence
from hashlib import sha256

NO_STATUS = "Not rated yet"
Counts = Sequence[tuple[str, int]]


def _plural(count: int, word: str = "action") -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _quoted(label: str) -> str:
    return f"\u201c{label}\u201d"


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


def counts_words(counts: Counts) -> str:
    """An item's actions in words, each status named as the plan names it (any scheme's labels read
    right in quotes): "Of 12 actions, 5 are “Complete”, 4 “On track” and 1 “Not started”".
    Statuses no action has are left out; no actions at all: "No actions yet"."""
    total = sum(count for _, count in counts)
    if total == 0:
        return "No actions yet"
    parts = [(count, label) for label, count in counts if count]
    first_count, first_label = parts[0]
    words = [f"{first_count} {_are(first_count)} {_quoted(first_label)}"]
    words += [f"{count} {_quoted(label)}" for count, label in parts[1:]]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"Of {_plural(total)}, {listed}"


def changes_since(previous: Counts | None, now: Counts) -> list[str]:
    """What changed in an item's actions since the last publication, one sentence each, in the
    scheme's order: "2 more actions are “Complete”", "1 fewer action is “Delayed”". The first
    publication, or an item not published before: nothing. Nothing moved: "No change since the last
    publication"."""
    if previous is None:
        return []
    before = dict(previous)
    after = dict(now)
    labels = [label for label, _ in now] + [label for label, _ in previous if label not in after]
    changes = []
    for label in labels:
        moved = after.get(label, 0) - before.get(label, 0)
        if moved > 0:
            changes.append(f"{moved} more {_plural(moved).split(' ', 1)[1]} {_are(moved)} {_quoted(label)}")
        elif moved < 0:
            changes.append(
                f"{-moved} fewer {_plural(-moved).split(' ', 1)[1]} {_are(-moved)} {_quoted(label)}"
            )
    return changes or ["No change since the last publication"]


def content_etag(content: object) -> str:
    """A hash of a publication's content, the same for the same content whatever its key order."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return sha256(text.encode("utf-8")).hexdigest()


def rating_explanation(
    *, tolerance: str, near_miss_green: bool, compare_without_target: bool, tolerance_is_percent: bool
) -> list[str]:
    """How measures are rated, in plain English, from the area's rating settings (docs/ratings.md)."""
    lines = [
        "Each measure is rated green, amber or red on its latest figure. "
        "For some measures a higher figure is better; for others, such as absence, a lower one is.",
    ]
    if tolerance in ("", "0"):
        lines.append("With a target: green when the target is met, red when it is not.")
    else:
        within = f"{tolerance}% of the target" if tolerance_is_percent else f"{tolerance} of the target"
        near = "green, as very close to being achieved" if near_miss_green else "amber"
        lines.append(
            f"With a target: green when the target is met; within {within}, {near}; further away, red."
        )
    if compare_without_target:
        lines.append(
            "Without a target: compared with England and the region. Green when as good as or "
            "better than both, red when worse than both, amber in between."
        )
    else:
        lines.append("Without a target: not rated.")
    lines.append(
        "Some measures are shown for information only and are not rated. A missing figure is "
        "never counted as zero: it is shown as no data."
    )
    return lines
