"""Adding and editing evidence, its file checked before it is stored, each change recorded in the history."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from accounts.models import User
from areas.models import LocalArea
from common.concurrency import claim_version
from common.dates import format_uk_date
from common.uploads import UploadProblem, describe_size
from history import services as history

from . import rules
from .files import CheckedFile, check_evidence_file
from .models import Evidence


@dataclass
class EvidenceData:
    """Everything about an evidence item that people write (the file comes separately)."""

    title: str
    kind: str
    description: str = ""
    impact: str = ""
    dated: date | None = None
    url: str = ""

    FIELDS = ("title", "kind", "description", "impact", "dated", "url")


def evidence_snapshot(*, evidence: Evidence) -> dict[str, str]:
    """An evidence item as the text people read, keyed by label, to show who changed what."""
    return {
        "Title": evidence.title,
        "Kind": evidence.get_kind_display() if evidence.kind else "",
        "Date": format_uk_date(evidence.dated),
        "Description": evidence.description,
        "Impact on children and families": evidence.impact,
        "Web address": evidence.url,
        "File": f"{evidence.file_name} ({describe_size(evidence.file_size or 0)})" if evidence.file else "",
    }


def draft_snapshot(*, evidence: Evidence, data: EvidenceData, file: File | None = None) -> dict[str, str]:
    """`evidence` as it would read with what someone typed (`data`, and `file` if they chose one): their
    changes, to show beside what is saved."""
    draft = Evidence()
    _apply(draft, data)
    shown = evidence_snapshot(evidence=draft)
    if file is not None:
        shown["File"] = f"{file.name} ({describe_size(file.size)})"
    elif evidence.file:
        shown["File"] = f"{evidence.file_name} ({describe_size(evidence.file_size or 0)})"
    return shown


def _subject(evidence: Evidence) -> str:
    return f"Evidence “{evidence.title}”"[:200]


def _apply(evidence: Evidence, data: EvidenceData) -> None:
    for name in EvidenceData.FIELDS:
        value = getattr(data, name)
        setattr(evidence, name, value.strip() if isinstance(value, str) else value)


def _check(evidence: Evidence) -> None:
    errors = rules.evidence_link_problems(kind=evidence.kind, url=evidence.url)
    if not evidence.title:
        errors["title"] = "Enter a title for the evidence"
    if errors:
        raise ValidationError(errors)
    evidence.full_clean(exclude=["area", "added_by", "file", "file_name", "file_size", "content_type"])


def _checked(file: File | None) -> CheckedFile | None:
    if file is None:
        return None
    try:
        return check_evidence_file(file, limit=settings.UPLOAD_MAX_BYTES)  # type: ignore[arg-type]  # stubs: a File is IO, not BinaryIO
    except UploadProblem as problem:
        raise ValidationError({"file": str(problem)}) from problem


def _store(evidence: Evidence, file: File, checked: CheckedFile) -> None:
    """Write the file under a random name; what the user called it is kept only as `file_name`."""
    evidence.file.save(checked.name, file, save=False)
    evidence.file_name = checked.name
    evidence.file_size = checked.size
    evidence.content_type = checked.content_type


def _discard(stored_name: str) -> None:
    if stored_name:
        Evidence._meta.get_field("file").storage.delete(stored_name)


@contextmanager
def _file_removed_on_failure(evidence: Evidence, *, stored_new_file: bool) -> Iterator[None]:
    """If saving fails after a new file was written, remove the file: no file without a record."""
    try:
        yield
    except BaseException:
        if stored_new_file:
            _discard(evidence.file.name)
        raise


@transaction.atomic
def evidence_create(
    *,
    area: LocalArea,
    data: EvidenceData,
    file: File | None = None,
    by: User | None = None,
    source: str = "Web",
) -> Evidence:
    """Add evidence to an area's evidence bank, with an uploaded file if one is given."""
    evidence = Evidence(area=area, added_by=by)
    _apply(evidence, data)
    _check(evidence)
    checked = _checked(file)
    if file is not None and checked is not None:
        _store(evidence, file, checked)
    with _file_removed_on_failure(evidence, stored_new_file=checked is not None):
        evidence.save()
        history.change_record(
            area=area,
            action=history.Action.ADDED,
            subject=_subject(evidence),
            obj=evidence,
            changes=history.diff({}, evidence_snapshot(evidence=evidence)),
            by=by,
            source=source,
        )
    return evidence


@transaction.atomic
def evidence_update(
    *,
    evidence: Evidence,
    data: EvidenceData,
    file: File | None = None,
    expected_version: int,
    by: User | None = None,
    source: str = "Web",
) -> Evidence:
    """Save new details for evidence, and replace its file if a new one is given.

    Refused with `EditConflict` if someone else saved it since `expected_version`.
    """
    evidence = Evidence.objects.select_related("area").get(pk=evidence.pk)
    before = evidence_snapshot(evidence=evidence)
    old_file = evidence.file.name
    _apply(evidence, data)
    _check(evidence)
    checked = _checked(file)
    claim_version(evidence, expected_version)
    if file is not None and checked is not None:
        _store(evidence, file, checked)
    with _file_removed_on_failure(evidence, stored_new_file=checked is not None):
        evidence.save()
        changes = history.diff(before, evidence_snapshot(evidence=evidence))
        if changes:
            history.change_record(
                area=evidence.area,
                action=history.Action.CHANGED,
                subject=_subject(evidence),
                obj=evidence,
                changes=changes,
                by=by,
                source=source,
            )
    if checked is not None and old_file:
        transaction.on_commit(lambda: _discard(old_file))
    return evidence
