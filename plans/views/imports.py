"""Import a plan: upload, see what will be added, changed and removed, then confirm."""

import hashlib
import secrets
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, manager_only
from common.forms import Form

from ..spreadsheet import ImportPreview, ImportRejected, plan_import, preview_import, read_plan_file

SESSION_KEY = "plan_imports"


class UploadForm(Form):
    file = forms.FileField(
        label="Upload the plan",
        help_text="An Excel workbook (.xlsx) or a zip of CSV files (.zip) in the plan template",
        error_messages={"required": "Choose the file to import", "empty": "The file you chose is empty"},
    )


class ConfirmForm(Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput)


def _store(upload: UploadedFile) -> str:
    token = secrets.token_urlsafe(16)
    folder = Path(settings.PRIVATE_UPLOAD_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    upload.seek(0)
    with open(folder / token, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def _stored(request: SignedInRequest, access: Access, token: str) -> tuple[Path, str]:
    """The uploaded file behind a token, only for the user and area that uploaded it."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    path = Path(settings.PRIVATE_UPLOAD_ROOT) / "imports" / token
    if not entry or entry["area"] != access.area.slug or not path.is_file():
        raise Http404("This import has expired: upload the file again")
    return path, entry["name"]


def fingerprint(preview: ImportPreview) -> str:
    """A digest of what the import will do, so a confirm applies exactly what was previewed."""
    parts = [repr([(c.label, c.old, c.new) for c in preview.plan_changes])]
    for section in preview.sections:
        for entry in section.added + section.changed + section.removed:
            parts.append(
                repr(
                    (section.title, entry.action, entry.key, [(c.label, c.old, c.new) for c in entry.changes])
                )
            )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _too_large(request: HttpRequest) -> bool:
    """Refuse an upload from its declared length, before Django reads it to disk."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.UPLOAD_MAX_BYTES + 64 * 1024


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def upload(request: SignedInRequest, access: Access) -> HttpResponse:
    problems = None
    if request.method == "POST" and _too_large(request):
        limit = settings.UPLOAD_MAX_BYTES
        context = {"access": access, "form": UploadForm(), "too_large": limit, "nav": "import"}
        return render(request, "plans/import_upload.html", context)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        name = get_valid_filename(Path(upload_file.name).name) or "plan"
        plan_file = read_plan_file(upload_file, name=name)
        problems = preview_import(area=access.area, plan_file=plan_file).problems
        if not problems:
            token = _store(upload_file)
            request.session.setdefault(SESSION_KEY, {})[token] = {"area": access.area.slug, "name": name}
            request.session.modified = True
            return redirect("plans:import-preview", area=access.area.slug, token=token)
    return render(
        request,
        "plans/import_upload.html",
        {"access": access, "form": form, "problems": problems, "nav": "import"},
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def preview(request: SignedInRequest, access: Access, token: str) -> HttpResponse:
    path, name = _stored(request, access, token)
    plan_file = read_plan_file(path.read_bytes(), name=name)
    result = preview_import(area=access.area, plan_file=plan_file)
    form = ConfirmForm(request.POST or None, initial={"fingerprint": fingerprint(result)})
    if request.method == "POST" and form.is_valid() and result.is_valid:
        if form.cleaned_data["fingerprint"] != fingerprint(result):
            messages.info(
                request,
                "The plan changed since you looked at this preview. Check what the import will do now.",
            )
            return redirect("plans:import-preview", area=access.area.slug, token=token)
        try:
            done = plan_import(
                area=access.area, plan_file=plan_file, by=request.user, source=f"Import of {name}"
            )
        except ImportRejected as rejected:
            result.problems = rejected.problems
        else:
            path.unlink(missing_ok=True)
            request.session.get(SESSION_KEY, {}).pop(token, None)
            request.session.modified = True
            counts = done.counts
            messages.success(
                request,
                f"Imported {name}: {counts['added']} added, {counts['changed']} changed, "
                f"{counts['removed']} removed.",
            )
            assert done.plan is not None  # an import leaves its plan in the area
            return redirect(done.plan)
    return render(
        request,
        "plans/import_preview.html",
        {"access": access, "preview": result, "form": form, "name": name, "nav": "import"},
    )
