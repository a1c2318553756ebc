"""The plan import as background work: checking an uploaded file against the area (the preview) and
importing it (the apply) each run as a job, since a large plan takes longer than a page should wait.

The upload page holds the file and starts `import_preview`; its result is the preview page, which reads
what the job found (`Job.result`: the preview as JSON and its fingerprint) instead of working it out
again. Confirming starts `import_apply` with that fingerprint: the import compares the file with the
area again inside its transaction and writes only if the comparison is still the one the user saw; if
the plan changed since, it writes nothing, keeps the new comparison as the preview and sends the user
back to it. `manage.py import_plan` runs the same steps inline."""

import hashlib
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from areas.models import LocalArea
from jobs.models import Job
from jobs.registry import JobRefused, Outcome, Progress
from jobs.services import job_result_replace, job_start

from .spreadsheet import Entry, FieldChange, ImportPreview, ImportRejected, PlanFile, Problem, plan_import
from .spreadsheet.parsing import parse_sheets
from .spreadsheet.preview import Section, preview_import
from .spreadsheet.reading import read_sheets
from .spreadsheet.unused import Unused

PREVIEW = "plans.import_preview"
APPLY = "plans.import_apply"
EXPIRED = "This import has expired or was already done: upload the file again."


def held_file(token: str) -> Path:
    """Where an uploaded plan file waits between its upload and its import (common.held_uploads)."""
    return Path(settings.PRIVATE_UPLOAD_ROOT) / "imports" / token


def import_preview_start(*, area: LocalArea, user: User, token: str, name: str) -> Job:
    """Check a held plan file against the area in the background."""
    return job_start(
        area=area,
        user=user,
        kind=PREVIEW,
        label=f"Check the plan file {name}",
        arguments={"token": token, "name": name},
    )


def import_apply_start(*, area: LocalArea, user: User, preview_job: Job, fingerprint: str) -> Job:
    """Import a previewed plan file in the background, only if it still does what the preview showed."""
    arguments = {**preview_job.arguments, "fingerprint": fingerprint, "preview_job": str(preview_job.pk)}
    name = arguments["name"]
    return job_start(
        area=area, user=user, kind=APPLY, label=f"Import the plan file {name}", arguments=arguments
    )


def fingerprint(preview: ImportPreview) -> str:
    """A digest of what the import will do (and of any problem stopping it), so a confirm applies
    exactly what was previewed."""
    parts = [repr([(c.label, c.old, c.new) for c in preview.plan_changes])]
    parts += [str(problem) for problem in preview.problems]
    parts += [f"Not imported: {unused.words}" for unused in preview.unused]
    for section in preview.sections:
        for entry in section.added + section.changed + section.removed:
            parts.append(
                repr(
                    (section.title, entry.action, entry.key, [(c.label, c.old, c.new) for c in entry.changes])
                )
            )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def preview_data(preview: ImportPreview) -> dict[str, Any]:
    """The preview as JSON, with its fingerprint: what the preview page shows and the confirm carries."""
    return {
        "fingerprint": fingerprint(preview),
        "preview": {
            "file_name": preview.file_name,
            "reference": preview.reference,
            "title": preview.title,
            "is_new_plan": preview.is_new_plan,
            "plan_changes": [asdict(change) for change in preview.plan_changes],
            "sections": [asdict(section) for section in preview.sections],
            "problems": [asdict(problem) for problem in preview.problems],
            "notes": [asdict(note) for note in preview.notes],
            "unused": [asdict(unused) for unused in preview.unused],
        },
    }


def preview_from_data(data: dict[str, Any]) -> ImportPreview:
    """The preview a job kept (`preview_data`), to render."""

    def section(kept: dict[str, Any]) -> Section:
        def entries(action: str) -> list[Entry]:
            return [Entry(**{**e, "changes": [FieldChange(**c) for c in e["changes"]]}) for e in kept[action]]

        return Section(
            kept["title"],
            added=entries("added"),
            changed=entries("changed"),
            removed=entries("removed"),
            unchanged=kept["unchanged"],
            full=kept.get("full", False),
        )

    people, workstreams, statuses, items, *more = (section(s) for s in data["sections"])
    kept = {s.title: s for s in more}  # the sections after the items, by title
    return ImportPreview(
        file_name=data["file_name"],
        reference=data["reference"],
        title=data["title"],
        is_new_plan=data["is_new_plan"],
        plan_changes=[FieldChange(**c) for c in data["plan_changes"]],
        people=people,
        workstreams=workstreams,
        statuses=statuses,
        items=items,
        texts=more[0] if more else Section("Plan text", full=True),
        findings=kept.get("Findings") or Section("Findings"),
        fields=kept.get("Plan fields") or Section("Plan fields"),
        organisations=kept.get("Organisations") or Section("Organisations"),
        problems=[Problem(**p) for p in data["problems"]],
        notes=[Problem(**p) for p in data.get("notes", [])],
        unused=[Unused(**u) for u in data.get("unused", [])],
        groups=next((s for s in more if s.title == "Groups"), Section("Groups")),
    )


def _read(job: Job, progress: Progress) -> PlanFile:
    path = held_file(job.arguments["token"])
    if not path.is_file():
        raise JobRefused(EXPIRED)
    progress(5, "Reading the file")
    read = read_sheets(path.read_bytes(), name=job.arguments["name"])
    progress(30, "Checking each row of the file")
    return parse_sheets(read)


def _preview_url(job: Job) -> str:
    return reverse("plans:import-preview", kwargs={"area": job.area.slug, "token": job.arguments["token"]})


def _counted(count: int, what: str) -> str:
    return f"{count} {what}{'' if count == 1 else 's'}"


def import_preview(job: Job, progress: Progress) -> Outcome:
    """Check the file and compare it with the area; the result is the preview page (listing the file's
    problems, if it has any). Writes nothing."""
    plan_file = _read(job, progress)
    progress(55, "Comparing the file with the plan")
    preview = preview_import(area=job.area, plan_file=plan_file)
    progress(95, "Preparing the preview")
    name = job.arguments["name"]
    if preview.problems:
        return Outcome(
            url=_preview_url(job),
            label="See the problems in the file",
            message=f"{name} cannot be imported: {_counted(len(preview.problems), 'problem')}. "
            "Nothing has been saved.",
            data=preview_data(preview),
        )
    counts = preview.counts
    left_out = (
        f" {_counted(len(preview.unused), 'column')} will not be imported: see which."
        if preview.unused
        else ""
    )
    return Outcome(
        url=_preview_url(job),
        label="See what the import will do",
        message=f"Checked {name}: {counts['added']} to add, {counts['changed']} to change and "
        f"{counts['removed']} to remove.{left_out} Nothing has been saved yet.",
        data=preview_data(preview),
    )


class _Changed(Exception):
    def __init__(self, preview: ImportPreview):
        self.preview = preview


def _changed(job: Job, preview: ImportPreview) -> JobRefused:
    """Nothing imported: keep the comparison as it is now as the preview, and send the user to it."""
    job_result_replace(job_id=job.arguments["preview_job"], result=preview_data(preview))
    return JobRefused(
        "The plan changed since you looked at the preview, so nothing was imported.",
        url=_preview_url(job),
        label="Check what the import will do now",
    )


def import_apply(job: Job, progress: Progress) -> Outcome:
    """Import the file in one transaction, if the comparison is still what the preview showed; else
    write nothing and send the user back to the preview, worked out again. The comparison is made
    before the transaction (so the page can say when writing starts: progress written inside the
    transaction would not show until it ends) and again inside it, where it counts."""
    plan_file = _read(job, progress)
    progress(45, "Comparing the file with the plan")
    preview = preview_import(area=job.area, plan_file=plan_file)
    if fingerprint(preview) != job.arguments["fingerprint"]:
        raise _changed(job, preview)
    progress(60, "Writing the changes: the longest step")

    def still_as_previewed(preview: ImportPreview) -> None:
        if fingerprint(preview) != job.arguments["fingerprint"]:
            raise _Changed(preview)

    name = job.arguments["name"]
    try:
        done = plan_import(
            area=job.area,
            plan_file=plan_file,
            by=job.created_by,
            source=f"Import of {name}",
            check=still_as_previewed,
        )
    except _Changed as changed:
        raise _changed(job, changed.preview) from None
    except ImportRejected as rejected:
        lines = [str(problem) for problem in rejected.problems]
        raise JobRefused("\n".join(["The plan was not imported and nothing was saved.", *lines])) from None
    held_file(job.arguments["token"]).unlink(missing_ok=True)
    assert done.plan is not None  # an import leaves its plan in the area
    counts = done.counts
    return Outcome(
        url=done.plan.get_absolute_url(),
        label=f"Open the plan {done.plan.reference}",
        message=f"Imported {name}: {counts['added']} added, {counts['changed']} changed, "
        f"{counts['removed']} removed.",
    )
