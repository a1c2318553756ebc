"""Import a plan's risk register from a spreadsheet (upload, see what changes, confirm) and download
it as one."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_GET, require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, risk_manager
from common.forms import Form
from common.held_uploads import ConfirmForm, fingerprint, held, hold, release, too_large
from plans import selectors as plan_selectors
from plans.models import Plan

from ..spreadsheet import (
    CONTENT_TYPE,
    ImportRejected,
    export_file_name,
    export_risks,
    preview_risk_import,
    read_book,
    risk_import,
)

SESSION_KEY = "risk_imports"


class UploadForm(Form):
    file = forms.FileField(
        label="Upload the risk register",
        help_text="An Excel workbook (.xlsx) in the risk register template",
        error_messages={"required": "Choose the file to import", "empty": "The file you chose is empty"},
    )


def _page(request: SignedInRequest, access: Access, plan: Plan, **context: object) -> HttpResponse:
    return render(request, "risks/import_upload.html", {"access": access, "plan": plan, **context})


@require_http_methods(["GET", "POST"])
@area_view(risk_manager, reads=Kind.RISKS)
def upload(request: SignedInRequest, access: Access, plan_pk: int) -> HttpResponse:
    plan = plan_selectors.plan_for(access=access, pk=plan_pk)
    if request.method == "POST" and too_large(request):
        return _page(request, access, plan, form=UploadForm(), too_large=settings.UPLOAD_MAX_BYTES)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        name = get_valid_filename(Path(upload_file.name).name) or "risks.xlsx"
        problems = preview_risk_import(plan=plan, book=read_book(upload_file, name=name)).problems
        if not problems:
            token = hold(
                request, upload_file, key=SESSION_KEY, area=access.area.slug, name=name, plan=plan.pk
            )
            return redirect("risks:import-preview", area=access.area.slug, plan_pk=plan.pk, token=token)
    return _page(request, access, plan, form=form, problems=problems)


@require_http_methods(["GET", "POST"])
@area_view(risk_manager, reads=Kind.RISKS)
def preview(request: SignedInRequest, access: Access, plan_pk: int, token: str) -> HttpResponse:
    plan = plan_selectors.plan_for(access=access, pk=plan_pk)
    path, entry = held(request, key=SESSION_KEY, area=access.area.slug, token=token)
    if entry.get("plan") != plan.pk:
        raise Http404("This import has expired: upload the file again")
    name = entry["name"]
    book = read_book(path.read_bytes(), name=name)
    result = preview_risk_import(plan=plan, book=book)
    form = ConfirmForm(request.POST or None, initial={"fingerprint": fingerprint(result.sections)})
    if request.method == "POST" and form.is_valid() and result.is_valid:
        if form.cleaned_data["fingerprint"] != fingerprint(result.sections):
            messages.info(
                request,
                "The risk register changed since you looked at this preview. "
                "Check what the import will do now.",
            )
            return redirect("risks:import-preview", area=access.area.slug, plan_pk=plan.pk, token=token)
        try:
            done = risk_import(plan=plan, book=book, by=request.user, source=f"Import of {name}")
        except ImportRejected as rejected:
            result.problems = rejected.problems
        else:
            release(request, key=SESSION_KEY, token=token)
            counts = done.counts
            messages.success(
                request, f"Imported {name}: {counts['added']} added, {counts['changed']} changed."
            )
            return redirect("risks:register", area=access.area.slug, plan_pk=plan.pk)
    return render(
        request,
        "risks/import_preview.html",
        {"access": access, "plan": plan, "preview": result, "form": form, "name": name},
    )


@require_GET
@area_view(reads=Kind.RISKS)
def export(request: SignedInRequest, access: Access, plan_pk: int) -> HttpResponse:
    plan = plan_selectors.plan_for(access=access, pk=plan_pk)
    response = HttpResponse(export_risks(plan), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{export_file_name(plan)}"'
    return response


@require_GET
@area_view(risk_manager, reads=Kind.RISKS)
def guide(request: SignedInRequest, access: Access, plan_pk: int) -> HttpResponse:
    """docs/risk-template.md, as text: every column, what it accepts, an example."""
    plan_selectors.plan_for(access=access, pk=plan_pk)
    text = (Path(settings.BASE_DIR) / "docs" / "risk-template.md").read_text(encoding="utf-8")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
