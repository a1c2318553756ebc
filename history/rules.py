"""What changed, as people read it. Plain Python: no Django import.

A snapshot is an object's content as the text people read, keyed by the label they know
("Due date": "31/03/2027"); a change keeps `{label: [old, new]}` for the labels that differ.
"""

from collections.abc import Mapping

Snapshot = Mapping[str, str]
Changes = dict[str, list[str]]


def diff(before: Snapshot, after: Snapshot) -> Changes:
    """The labels whose values differ, as {label: [old, new]}, in the order of `after`."""
    return {
        label: [before.get(label, ""), value]
        for label, value in after.items()
        if before.get(label, "") != value
    }
