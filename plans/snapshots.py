"""Plan content as the text people read, keyed by label: what the history records and the import compares."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from areas.models import Person, Workstream
from common.dates import format_uk_date

from .fields import inputs_words, item_field_words
from .models import Item, Plan, PlanText, RagStatus

if TYPE_CHECKING:
    from .models import Finding
    from .services.items import ItemContent

ITEM_LABELS = {
    "number": "Number",
    "text": "Text",
    "due_date": "Due date",
    "due_text": "Due as written",
    "workstreams": "Workstream",
    "owners": "Owners",
    "partners": "Partners",
    "senior_owner": "Senior owner",
    "impact": "Impact",
    "evidence": "How do we know",
    "see_also": "See also",
    "status": "Status",
    "notes": "Notes",
    "measure_codes": "Measures",
}


def item_snapshot(item: Item) -> dict[str, str]:
    """An item's content as the text people read, keyed by field label, then each field the area defines
    for its level, by name (plans.fields). Uses prefetched relations."""
    return _as_read(
        item.number,
        item,
        workstreams=item.workstreams.all(),
        owners=[o.person for o in item.ownerships.all()],
        see_also=item.see_also.all(),
    ) | item_field_words(item)


def content_snapshot(number: str, content: "ItemContent") -> dict[str, str]:
    """An item's content as typed (services.ItemContent), read as `item_snapshot` reads a saved one: what
    someone typed, to show beside what is saved."""
    owners = list(dict.fromkeys(content.owners))
    return _as_read(
        number, content, workstreams=content.workstreams, owners=owners, see_also=content.see_also
    ) | inputs_words(content.fields)


def _as_read(
    number: str,
    written: "Item | ItemContent",
    *,
    workstreams: Iterable[Workstream],
    owners: Iterable[Person],
    see_also: Iterable[Item],
) -> dict[str, str]:
    """`written` is an Item or an ItemContent: both have the item's text fields and status."""
    return {
        "Number": number,
        "Text": written.text,
        "Due date": format_uk_date(written.due_date),
        "Due as written": written.due_text,
        "Workstream": ", ".join(sorted(w.code for w in workstreams)),
        "Owners": ", ".join(person.initials for person in owners),
        "Partners": written.partners,
        "Senior owner": written.senior_owner,
        "Impact": written.impact,
        "How do we know": written.evidence,
        "See also": ", ".join(i.number for i in sorted(see_also, key=lambda i: i.sort_key)),
        "Status": written.status.label if written.status else "",
        "Notes": written.notes,
        "Measures": written.measure_codes,
    }


def item_subject(item: Item) -> str:
    return f"{item.plan.level_name(item.level)} {item.number}"


def plan_snapshot(plan: Plan) -> dict[str, str]:
    """A plan's settings as the text people read, keyed by label."""
    return {
        "Reference": plan.reference,
        "Title": plan.title,
        "Type": plan.get_kind_display(),
        "Status": plan.get_status_display(),
        "Start date": format_uk_date(plan.start_date),
        "End date": format_uk_date(plan.end_date),
        "Level names": " / ".join(plan.level_names),
        "Level plurals": plurals_words(plan.level_names, plan_plurals(plan)),
        "RAG scheme": plan.rag_scheme.name,
        "Reporting": plan.get_reporting_cadence_display(),
        "Overall rating of higher items": plan.get_rollup_rule_display(),
    }


def plan_plurals(plan: Plan | None) -> list[str]:
    """The plurals a plan sets for its levels ("" where worked out), none for no plan."""
    return list(plan.level_plurals or []) if plan is not None else []


def plurals_words(names: list[str], plurals: list[str]) -> str:
    """The plurals a plan sets, as the history says them: "Activity: Activities"; blank for none."""
    return ", ".join(f"{name}: {plural}" for name, plural in zip(names, plurals, strict=False) if plural)


def rag_status_snapshot(status: RagStatus) -> dict[str, str]:
    """A RAG status as the scheme page shows it."""
    return {
        "Label": status.label,
        "Colour": status.colour,
        "Meaning": status.meaning,
        "Counts as done": "Yes" if status.counts_as_done else "No",
        "Needs evidence of impact": "Yes" if status.needs_impact_evidence else "No",
        "Position": str(status.position),
    }


def plan_text_snapshot(text: PlanText) -> dict[str, str]:
    """A section of a plan's text, in full, under the section's name."""
    return {text.get_section_display(): text.text}


def finding_subject(number: str, label: str = "") -> str:
    """How the history names a finding: "Finding KC2", or by its label when it has no number."""
    return f"Finding {number}" if number else f"Finding {label}".strip()


def finding_snapshot(finding: "Finding") -> dict[str, str]:
    """A finding as its page shows it; its items as their numbers, current ones only, in its order."""
    answers = sorted(finding.answers.all(), key=lambda a: (a.position, a.pk))
    numbers = [a.item.number for a in answers if not a.item.is_removed]
    return finding_values(finding.number, finding.label, finding.quotation, finding.page, numbers)


def finding_values(number: str, label: str, quotation: str, page: str, items: list[str]) -> dict[str, str]:
    """A finding's content keyed by the Findings sheet's headings: what the history records, the import
    compares and an edit conflict shows."""
    return {"Number": number, "Label": label, "Finding": quotation, "Page": page, "Items": ", ".join(items)}
