"""The RAG schemes that ship with the product. A programme manager may define others in the UI."""

from typing import TypedDict


class StatusPreset(TypedDict):
    label: str
    colour: str
    meaning: str
    counts_as_done: bool
    needs_impact_evidence: bool


RAG_PRESETS: dict[str, list[StatusPreset]] = {
    "Started, progressing, completed, embedded": [
        {
            "label": "Not started",
            "colour": "#d4351c",
            "meaning": "Work on this has not started.",
            "counts_as_done": False,
            "needs_impact_evidence": False,
        },
        {
            "label": "Progressing",
            "colour": "#f47738",
            "meaning": "Work has started and is progressing.",
            "counts_as_done": False,
            "needs_impact_evidence": False,
        },
        {
            "label": "Completed",
            "colour": "#00703c",
            "meaning": "The action is complete.",
            "counts_as_done": True,
            "needs_impact_evidence": False,
        },
        {
            "label": "Completed and embedded",
            "colour": "#1d70b8",
            "meaning": "Complete, and there is clear evidence of impact on the lived experience of families.",
            "counts_as_done": True,
            "needs_impact_evidence": True,
        },
    ],
    "Behind, at risk, on target, signed off": [
        {
            "label": "Not started and behind target",
            "colour": "#d4351c",
            "meaning": "Work has not started and the item is behind target.",
            "counts_as_done": False,
            "needs_impact_evidence": False,
        },
        {
            "label": "Underway but behind target or at risk",
            "colour": "#f47738",
            "meaning": "Work is underway but behind target, or at risk of missing it.",
            "counts_as_done": False,
            "needs_impact_evidence": False,
        },
        {
            "label": "Underway and on target",
            "colour": "#00703c",
            "meaning": "Work is underway and on target.",
            "counts_as_done": False,
            "needs_impact_evidence": False,
        },
        {
            "label": "Completed and signed off",
            "colour": "#1d70b8",
            "meaning": "The item is complete and has been signed off.",
            "counts_as_done": True,
            "needs_impact_evidence": False,
        },
    ],
}
