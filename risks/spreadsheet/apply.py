"""Importing a risk register file: all of it, through the services (so each change is in the
history), or none."""

from django.db import transaction

from accounts.models import User
from common.conflicts import refusals_as
from plans.models import Plan
from plans.spreadsheet.book import Book
from plans.spreadsheet.problems import ImportRejected, Problem

from ..models import Mitigation, Risk
from ..services.mitigations import mitigation_add, mitigation_update, note_add
from ..services.risks import content_of, risk_close, risk_create, risk_reopen, risk_update
from .preview import RiskPreview, RiskWork, preview_risk_import


def _stopped(why: str) -> ImportRejected:
    return ImportRejected([Problem("", None, None, f"The import stopped and nothing was written: {why}")])


def _risk(plan: Plan, work: RiskWork, by: User | None, source: str) -> Risk:
    file, risk = work.file, work.existing
    if risk is None:
        risk = risk_create(plan=plan, content=file.content, by=by, source=source)
    elif work.changed:
        content = file.content
        content.scores_estimated = content_of(risk=risk).scores_estimated  # not in the file: kept
        risk = risk_update(risk=risk, expected_version=risk.version, content=content, by=by, source=source)
    if not file.is_open and (risk.is_open or risk.closed_reason != file.closed_reason):
        risk = risk_close(
            risk=risk, expected_version=risk.version, reason=file.closed_reason, by=by, source=source
        )
    elif file.is_open and not risk.is_open:
        risk = risk_reopen(risk=risk, expected_version=risk.version, by=by, source=source)
    return risk


def risk_import(*, plan: Plan, book: Book, by: User | None = None, source: str | None = None) -> RiskPreview:
    """Import a read risk register file into a plan, in one transaction, and return what it did.

    Risks are matched by reference, mitigations by their order under their risk, and progress notes
    already present (same mitigation, date and text) are not added again. Risks and mitigations
    missing from the file are left as they are. Raises ImportRejected, having written nothing, if
    the file shows any problem.
    """
    source = (source or f"Import of {book.name}")[:200]
    with transaction.atomic():
        preview = preview_risk_import(plan=plan, book=book)
        if not preview.is_valid:
            raise ImportRejected(preview.problems)
        with refusals_as(_stopped, thing="the risk register"):
            risks = {w.file.key: _risk(plan, w, by, source) for w in preview.risk_work}
            mitigations: dict[str, list[Mitigation]] = {
                key: list(Mitigation.objects.filter(risk=risk).order_by("position", "pk"))
                for key, risk in risks.items()
            }
            for work in preview.mitigation_work:
                mitigation, file = work.existing, work.file
                if mitigation is None:
                    mitigation = mitigation_add(
                        risk=risks[work.risk_key],
                        action=file.action,
                        owner=file.owner,
                        due_on=file.due_on,
                        by=by,
                        source=source,
                    )
                    mitigations[work.risk_key].append(mitigation)
                    if not file.is_done:
                        continue
                elif not work.changed:
                    continue
                mitigation.risk = risks[work.risk_key]
                mitigation_update(
                    mitigation=mitigation,
                    expected_version=mitigation.version,
                    action=file.action,
                    owner=file.owner,
                    due_on=file.due_on,
                    is_done=file.is_done,
                    by=by,
                )
            for note, index in preview.note_work:
                note_add(
                    mitigation=mitigations[note.risk_key][index],
                    dated=note.dated,
                    text=note.text,
                    by=by,
                    source=source,
                )
    return preview
