"""Writing a plan's sections of text (introduction, commitment, principles, governance, monitoring)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from history import services as history

from .. import rules
from ..models import Plan, PlanText
from ..snapshots import plan_text_snapshot

TEXT_LIMIT = 20_000  # characters in one section: a few pages of a plan's document


@transaction.atomic
def plan_text_save(
    *,
    plan: Plan,
    section: str,
    text: str,
    expected_version: int,
    by: User | None = None,
    source: str = "Web",
) -> PlanText:
    """Save one section's text. A section never written is at version 0: the first save claims it, so two
    people writing it at once never lose a change. The text is kept as `rules.plain_text` says."""
    if section not in PlanText.Section.values:
        raise ValidationError({"section": f"There is no section called {section}"})
    text = rules.plain_text(text)
    if len(text) > TEXT_LIMIT:
        raise ValidationError(
            {"text": f"Keep a section under {TEXT_LIMIT:,} characters: this has {len(text):,}"}
        )
    row, _ = PlanText.objects.get_or_create(plan=plan, section=section, defaults={"version": 0})
    before = plan_text_snapshot(row)
    row.text = text
    history.save_recorded(
        obj=row,
        snapshot=plan_text_snapshot,
        before=before,
        area=plan.area,
        subject=f"Plan {plan.reference}: {row.get_section_display()}",
        by=by,
        source=source,
        expected_version=expected_version,
        plan=plan,
    )
    return row
