"""Import "You said, we did" from a spreadsheet (upload, see what changes, confirm) and download it as
one. Only the programme manager imports: the file says which entries are published."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_GET, require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, publisher
from common.forms import Form
from common.held_uploads import ConfirmForm, fingerprint, held, hold, release, too_large

from ..spreadsheet import (
    CONTENT_TYPE,
    ImportRejected,
    export_entries,
    export_file_name,
    preview_voice_import,
    read_book,
    voice_import,
)

SESSION_KEY = "voice_imports"


class UploadForm(Form):
    file = forms.FileField(
        label="Upload “You said, we did”",
        help_text="An Excel workbook (.xlsx) in the “You said, we did” template",
        error_messages={"required": "Choose the file to import", "empty": "The file you chose is empty"},
    )


def _page(request: SignedInRequest, access: Access, **context: object) -> HttpResponse:
    return render(request, "voice/import_upload.html", {"access": access, **context})


@require_http_methods(["GET", "POST"])
@area_view(publisher, reads=Kind.VOICE)
def upload(request: SignedInRequest, access: Access) -> HttpResponse:
    if request.method == "POST" and too_large(request):
        return _page(request, access, form=UploadForm(), too_large=settings.UPLOAD_MAX_BYTES)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        name = get_valid_filename(Path(upload_file.name).name) or "you-said-we-did.xlsx"
        problems = preview_voice_import(area=access.area, book=read_book(upload_file, name=name)).problems
        if not problems:
            token = hold(request, upload_file, key=SESSION_KEY, area=access.area.slug, name=name)
            return redirect("voice:import-preview", area=access.area.slug, token=token)
    return _page(request, access, form=form, problems=problems)


@require_http_methods(["GET", "POST"])
@area_view(publisher, reads=Kind.VOICE)
def preview(request: SignedInRequest, access: Access, token: str) -> HttpResponse:
    path, entry = held(request, key=SESSION_KEY, area=access.area.slug, token=token)
    name = entry["name"]
    book = read_book(path.read_bytes(), name=name)
    result = preview_voice_import(area=access.area, book=book)
    form = ConfirmForm(request.POST or None, initial={"fingerprint": fingerprint(result.sections)})
    if request.method == "POST" and form.is_valid() and result.is_valid:
        if form.cleaned_data["fingerprint"] != fingerprint(result.sections):
            messages.info(
                request,
                "“You said, we did” changed since you looked at this preview. "
                "Check what the import will do now.",
            )
            return redirect("voice:import-preview", area=access.area.slug, token=token)
        try:
            done = voice_import(area=access.area, book=book, by=request.user, source=f"Import of {name}")
        except ImportRejected as rejected:
            result.problems = rejected.problems
        else:
            release(request, key=SESSION_KEY, token=token)
            counts = done.counts
            messages.success(
                request, f"Imported {name}: {counts['added']} added, {counts['changed']} changed."
            )
            return redirect("voice:import", area=access.area.slug)
    return render(
        request,
        "voice/import_preview.html",
        {"access": access, "preview": result, "form": form, "name": name},
    )


@require_GET
@area_view(reads=Kind.VOICE)
def export(request: SignedInRequest, access: Access) -> HttpResponse:
    response = HttpResponse(export_entries(access.area), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{export_file_name(access.area)}"'
    return response


@require_GET
@area_view(publisher, reads=Kind.VOICE)
def guide(request: SignedInRequest, access: Access) -> HttpResponse:
    """docs/voice-template.md, as text: every column, what it accepts, an example."""
    text = (Path(settings.BASE_DIR) / "docs" / "voice-template.md").read_text(encoding="utf-8")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
