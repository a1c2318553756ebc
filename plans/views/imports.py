"""Import a plan: upload, see what will be added, changed and removed, then confirm. Checking the file
and importing it run in the background (plans/jobs.py): each step sends the user to its job's page,
whose result opens the next."""

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_GET, require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, manager_only
from common.forms import Form
from common.held_uploads import ConfirmForm, held, hold, too_large
from jobs.selectors import job_for

from ..jobs import import_apply_start, import_preview_start, preview_from_data
from ..spreadsheet.blank import blank_template
from ..spreadsheet.export import CONTENT_TYPES

SESSION_KEY = "plan_imports"


class UploadForm(Form):
    file = forms.FileField(
        label="Upload the plan",
        help_text="An Excel workbook (.xlsx) or a zip of CSV files (.zip) in the plan template",
        error_messages={"required": "Choose the file to import", "empty": "The file you chose is empty"},
    )


class ImportConfirmForm(ConfirmForm):
    """The confirm of a previewed plan import; when the file has columns the import leaves out, the
    user says they have seen them."""

    seen_unused = forms.BooleanField(
        label="I have seen the columns that will not be imported",
        help_text="What is in them stays in your file but will not be in the plan.",
        error_messages={
            "required": "Confirm you have seen the columns that will not be imported, "
            "or cancel and add them to the plan's columns"
        },
    )

    def __init__(self, *args: Any, unused: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not unused:
            del self.fields["seen_unused"]


def _job_page(access: Access, job_pk: object) -> HttpResponse:
    return redirect("jobs:job", area=access.area.slug, pk=job_pk)


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def upload(request: SignedInRequest, access: Access) -> HttpResponse:
    if request.method == "POST" and too_large(request):
        context = {
            "access": access,
            "form": UploadForm(),
            "too_large": settings.UPLOAD_MAX_BYTES,
            "nav": "import",
        }
        return render(request, "plans/import_upload.html", context)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        name = get_valid_filename(Path(upload_file.name).name) or "plan"
        token = hold(request, upload_file, key=SESSION_KEY, area=access.area.slug, name=name)
        job = import_preview_start(area=access.area, user=request.user, token=token, name=name)
        request.session[SESSION_KEY][token]["job"] = str(job.pk)
        request.session.modified = True
        return _job_page(access, job.pk)
    return render(request, "plans/import_upload.html", {"access": access, "form": form, "nav": "import"})


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def preview(request: SignedInRequest, access: Access, token: str) -> HttpResponse:
    """The preview the background check found; confirming starts the import and shows its progress."""
    _path, entry = held(request, key=SESSION_KEY, area=access.area.slug, token=token)
    job = job_for(access=access, pk=entry["job"])
    if job.state != job.State.DONE:  # still checking, or it could not: its page says which
        return _job_page(access, job.pk)
    result = preview_from_data(job.result["preview"])
    form = ImportConfirmForm(
        request.POST or None, initial={"fingerprint": job.result["fingerprint"]}, unused=bool(result.unused)
    )
    if request.method == "POST" and form.is_valid() and result.is_valid:
        if form.cleaned_data["fingerprint"] != job.result["fingerprint"]:
            messages.info(
                request,
                "The plan changed since you looked at this preview. Check what the import will do now.",
            )
            return redirect("plans:import-preview", area=access.area.slug, token=token)
        applying = import_apply_start(
            area=access.area, user=request.user, preview_job=job, fingerprint=job.result["fingerprint"]
        )
        return _job_page(access, applying.pk)
    return render(
        request,
        "plans/import_preview.html",
        {"access": access, "preview": result, "form": form, "name": entry["name"], "nav": "import"},
    )


@require_GET
@area_view(reads=Kind.PLAN)
def blank_template_download(request: SignedInRequest, access: Access) -> HttpResponse:
    """The blank plan template (spreadsheet/blank.py). It holds none of the area's data, so every member
    may download it: a lead can fill it in for the programme manager to import."""
    response = HttpResponse(blank_template(), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="plan-template.xlsx"'
    return response
