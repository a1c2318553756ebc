"""DfE open data: upload a file, map its columns (or choose a saved or ready-made mapping), check, import."""

from collections.abc import Callable, Sequence

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, scorecard_manager
from common.conflicts import Row, try_save
from common.views import apply_validation_error

from .. import selectors
from ..dfe import (
    READY_MADE,
    ColumnMapping,
    MappingInvalid,
    fitting_mappings,
    mapping_from_dict,
    mapping_snapshot,
)
from ..dfe.importing import DfeImportRefused, DfePreview, preview_dfe
from ..dfe.uploads import (
    data_upload_bytes,
    data_upload_create,
    dfe_upload_import,
    mapping_delete,
    mapping_save,
)
from ..forms.dfe import DfeFileForm, DfeImportForm, SavedMappingForm, StartForm, fit_to_header
from ..models import Breakdown, DataUpload, SavedMapping
from ..selectors import data as data_selectors
from .figures import declared_too_large

BLANK = ColumnMapping(value="")


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def dfe_start(request: SignedInRequest, access: Access) -> HttpResponse:
    too_large = request.method == "POST" and declared_too_large(request, settings.DFE_UPLOAD_MAX_BYTES)
    form = DfeFileForm(
        None if too_large else request.POST or None, None if too_large else request.FILES or None
    )
    if request.method == "POST" and not too_large and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.DFE_UPLOAD_MAX_BYTES:
            too_large = True
        else:
            try:
                kept = data_upload_create(
                    area=access.area, data=upload.read(), file_name=upload.name, by=request.user
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                return redirect(kept)
    context = {
        "access": access,
        "form": form,
        "too_large": settings.DFE_UPLOAD_MAX_BYTES if too_large else None,
        "uploads": data_selectors.recent_uploads(area=access.area),
        "nav": "scorecard",
    }
    return render(request, "scorecard/dfe_start.html", context)


def _starting_mapping(start: str, saved: list[SavedMapping]) -> tuple[ColumnMapping, str]:
    """The mapping a start choice names ("saved:3", "ready:ehc_plans", or "" for a new one), and a problem."""
    kind, _, key = start.partition(":")
    if kind == "ready" and key in READY_MADE:
        return READY_MADE[key], ""
    if kind == "saved":
        found = next((m for m in saved if str(m.pk) == key), None)
        if found is not None:
            try:
                return mapping_from_dict({**found.mapping, "name": found.name}), ""
            except MappingInvalid as problem:
                return BLANK, f"The saved mapping “{found.name}” cannot be used: {problem}"
    return BLANK, ""


def _render_upload(
    request: SignedInRequest,
    access: Access,
    upload: DataUpload,
    form: DfeImportForm,
    start_form: StartForm | None = None,
    **extra: object,
) -> HttpResponse:
    if start_form is None:
        start_form = StartForm(
            header=list(upload.columns), saved=data_selectors.saved_mappings(area=access.area)
        )
    context = {
        "access": access,
        "upload": upload,
        "form": form,
        "start_form": start_form,
        "nav": "scorecard",
        **extra,
    }
    return render(request, "scorecard/dfe_upload.html", context)


def _import_form(
    access: Access, upload: DataUpload, data: QueryDict | None = None, initial: dict[str, str] | None = None
) -> DfeImportForm:
    columns, breakdowns = list(upload.columns), data_selectors.breakdown_choices(area=access.area)
    return DfeImportForm(data, initial=initial, columns=columns, breakdowns=breakdowns)


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def dfe_upload(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """A kept DfE file: its columns mapped (GET starts from a mapping), then the mapping saved, or the
    figures checked, then imported (POST, named by the button pressed)."""
    upload = selectors.get_data_upload(access=access, pk=pk)
    if request.method != "POST":
        return _upload_start(request, access, upload)
    form = _import_form(access, upload, data=request.POST)
    if not form.is_valid():
        return _render_upload(request, access, upload, form)
    if request.POST.get("action") == "save":
        return _upload_mapping_save(request, access, upload, form)
    return _upload_check(request, access, upload, form)


def _upload_start(request: SignedInRequest, access: Access, upload: DataUpload) -> HttpResponse:
    """The mapping page as it opens: from `?start=` (a saved or ready-made mapping), or the first
    ready-made mapping that fits the file's columns."""
    header = list(upload.columns)
    saved = data_selectors.saved_mappings(area=access.area)
    fitting = fitting_mappings(header)
    start = request.GET.get("start", f"ready:{fitting[0]}" if fitting else "")
    mapping, problem = _starting_mapping(start, saved)
    initial, lacking = fit_to_header(mapping, header)
    if request.GET.get("breakdown"):
        initial["breakdown"] = request.GET["breakdown"]
    form = _import_form(access, upload, initial=initial)
    start_form = StartForm(initial={"start": start}, header=header, saved=saved)
    return _render_upload(request, access, upload, form, start_form, lacking=lacking, start_problem=problem)


def _upload_mapping_save(
    request: SignedInRequest, access: Access, upload: DataUpload, form: DfeImportForm
) -> HttpResponse:
    attempt = try_save(
        form,
        lambda: mapping_save(
            area=access.area, name=form.cleaned_data["name"], mapping=form.mapping(), by=request.user
        ),
    )
    if (saved := attempt.result) is not None:
        name = saved.name
        messages.success(request, f"Mapping “{name}” saved. You can use it for the next release.")
    return _render_upload(request, access, upload, form)


def _upload_check(
    request: SignedInRequest, access: Access, upload: DataUpload, form: DfeImportForm
) -> HttpResponse:
    """Check the whole file with the mapping; with the Import button, and nothing changed since the
    check, import it."""
    mapping = form.mapping()
    for problem in mapping.problems():
        form.add_error(None, problem)
    if not form.require_breakdown() or form.errors:
        return _render_upload(request, access, upload, form)
    breakdown = data_selectors.area_breakdown(area=access.area, pk=form.cleaned_data["breakdown"])
    if breakdown is None:
        form.add_error("breakdown", "Choose a measure from the list")
        return _render_upload(request, access, upload, form)
    preview = preview_dfe(
        area=access.area,
        data=data_upload_bytes(upload),
        mapping=mapping,
        breakdown=breakdown,
        source_note=f"{upload.file_name}, mapping “{mapping.name or 'not saved'}”",
    )
    if request.POST.get("action", "check") == "import" and preview.is_valid:
        return _upload_import(request, access, upload, form, preview, breakdown)
    return _render_upload(request, access, upload, form, preview=preview, breakdown=breakdown)


def _upload_import(
    request: SignedInRequest,
    access: Access,
    upload: DataUpload,
    form: DfeImportForm,
    preview: DfePreview,
    breakdown: Breakdown,
) -> HttpResponse:
    if request.POST.get("fingerprint") != preview.fingerprint():
        messages.info(request, "What the import would write has changed since you checked. Check it again.")
        return _render_upload(request, access, upload, form, preview=preview, breakdown=breakdown)
    mapping = form.mapping()
    try:
        result = dfe_upload_import(
            upload=upload,
            mapping=mapping,
            breakdown=breakdown,
            by=request.user,
            mapping_name=mapping.name or "not saved",
        )
    except DfeImportRefused as refused:
        preview.problems = refused.messages
        return _render_upload(request, access, upload, form, preview=preview, breakdown=breakdown)
    messages.success(request, result.message(upload.file_name, breakdown))
    return redirect(breakdown.measure)


# Saved mappings


@require_http_methods(["GET"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def mapping_list(request: SignedInRequest, access: Access) -> HttpResponse:
    mappings = data_selectors.saved_mappings(area=access.area)
    context = {"access": access, "mappings": mappings, "nav": "scorecard"}
    return render(request, "scorecard/mapping_list.html", context)


def _as_mapping(saved: SavedMapping) -> ColumnMapping:
    """A saved mapping as it reads, even one saved by an older release that can no longer be used."""
    try:
        return mapping_from_dict({**saved.mapping, "name": saved.name})
    except MappingInvalid:
        return ColumnMapping(value=str(saved.mapping.get("value", "")), name=saved.name)


def _mapping_page(
    request: SignedInRequest,
    access: Access,
    saved: SavedMapping,
    form: SavedMappingForm,
    theirs: Sequence[Row] = (),
) -> HttpResponse:
    context = {"access": access, "form": form, "saved": saved, "theirs": theirs, "nav": "scorecard"}
    return render(request, "scorecard/mapping_form.html", context)


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def mapping_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    """A saved mapping: changed (Save) or deleted (Delete), either refused if someone saved it since."""
    saved = selectors.get_saved_mapping(access=access, pk=pk)
    fitted, _ = fit_to_header(_as_mapping(saved), None)
    # on a POST too, so that after a conflict the fields left alone take what the other person saved
    initial = {**fitted, "name": saved.name, "version": saved.version}
    if request.method != "POST":
        return _mapping_page(request, access, saved, SavedMappingForm(initial=initial))
    form = SavedMappingForm(request.POST, initial=initial)
    form.fields["version"].required = True
    deleting = request.POST.get("action") == "delete"
    save: Callable[[SignedInRequest, Access, SavedMapping, SavedMappingForm], SavedMapping | None] = (
        _mapping_delete if deleting else _mapping_save
    )
    attempt = try_save(
        form,
        lambda: save(request, access, saved, form),
        thing="this mapping",
        theirs=lambda theirs: mapping_snapshot(_as_mapping(theirs)),
        mine=lambda: mapping_snapshot(form.mapping()),
    )
    if not attempt.saved:
        return _mapping_page(request, access, saved, form, attempt.theirs)
    messages.success(request, f"Mapping “{saved.name}” {'deleted' if deleting else 'saved'}.")
    return redirect("scorecard:mappings", area=access.area.slug)


def _mapping_delete(
    request: SignedInRequest, access: Access, saved: SavedMapping, form: SavedMappingForm
) -> None:
    mapping_delete(saved=saved, expected_version=form.cleaned_data["version"])


def _mapping_save(
    request: SignedInRequest, access: Access, saved: SavedMapping, form: SavedMappingForm
) -> SavedMapping:
    return mapping_save(
        area=access.area,
        name=form.cleaned_data["name"],
        mapping=form.mapping(),
        by=request.user,
        saved=saved,
        expected_version=form.cleaned_data["version"],
    )
