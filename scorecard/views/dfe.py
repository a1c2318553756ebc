"""DfE open data: upload a file, map its columns (or choose a saved or ready-made mapping), check, import."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import Access, area_view, scorecard_manager
from common.concurrency import EditConflict
from common.views import apply_validation_error

from .. import selectors
from ..dfe import READY_MADE, ColumnMapping, MappingInvalid, fitting_mappings, mapping_from_dict
from ..dfe.importing import DfeImportRefused, preview_dfe
from ..dfe.uploads import (
    data_upload_bytes,
    data_upload_create,
    dfe_upload_import,
    mapping_delete,
    mapping_save,
)
from ..forms.dfe import DfeFileForm, DfeImportForm, SavedMappingForm, StartForm, fit_to_header
from ..models import SavedMapping
from ..selectors import data as data_selectors
from .figures import declared_too_large

BLANK = ColumnMapping(value="")


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager)
def dfe_start(request, access: Access):
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
        "uploads": data_selectors.recent_uploads(access.area),
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


def _render_upload(request, access, upload, form, start_form, **extra):
    context = {
        "access": access,
        "upload": upload,
        "form": form,
        "start_form": start_form,
        "nav": "scorecard",
        **extra,
    }
    return render(request, "scorecard/dfe_upload.html", context)


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager)
def dfe_upload(request, access: Access, pk: int):
    upload = selectors.get_data_upload(access, pk)
    header = list(upload.columns)
    saved = data_selectors.saved_mappings(access.area)
    breakdowns = data_selectors.breakdown_choices(access.area)
    if request.method != "POST":
        fitting = fitting_mappings(header)
        start = (
            request.GET.get("start") if "start" in request.GET else (f"ready:{fitting[0]}" if fitting else "")
        )
        mapping, problem = _starting_mapping(start, saved)
        initial, lacking = fit_to_header(mapping, header)
        if request.GET.get("breakdown"):
            initial["breakdown"] = request.GET["breakdown"]
        form = DfeImportForm(initial=initial, columns=header, breakdowns=breakdowns)
        start_form = StartForm(initial={"start": start}, header=header, saved=saved)
        return _render_upload(
            request, access, upload, form, start_form, lacking=lacking, start_problem=problem
        )

    start_form = StartForm(header=header, saved=saved)
    form = DfeImportForm(request.POST, columns=header, breakdowns=breakdowns)
    action = request.POST.get("action", "check")
    if not form.is_valid():
        return _render_upload(request, access, upload, form, start_form)
    mapping = form.mapping()
    if action == "save":
        try:
            kept = mapping_save(
                area=access.area, name=form.cleaned_data["name"], mapping=mapping, by=request.user
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"Mapping “{kept.name}” saved. You can use it for the next release.")
        return _render_upload(request, access, upload, form, start_form)
    for problem in mapping.problems():
        form.add_error(None, problem)
    if not form.require_breakdown() or form.errors:
        return _render_upload(request, access, upload, form, start_form)
    breakdown = data_selectors.area_breakdown(access.area, form.cleaned_data["breakdown"])
    if breakdown is None:
        form.add_error("breakdown", "Choose a measure from the list")
        return _render_upload(request, access, upload, form, start_form)
    mapping_name = mapping.name or "not saved"
    preview = preview_dfe(
        area=access.area,
        data=data_upload_bytes(upload),
        mapping=mapping,
        breakdown=breakdown,
        source_note=f"{upload.file_name}, mapping “{mapping_name}”",
    )
    if action == "import" and preview.is_valid:
        if request.POST.get("fingerprint") != preview.fingerprint():
            messages.info(
                request, "What the import would write has changed since you checked. Check it again."
            )
        else:
            try:
                result = dfe_upload_import(
                    upload=upload,
                    mapping=mapping,
                    breakdown=breakdown,
                    by=request.user,
                    mapping_name=mapping_name,
                )
            except DfeImportRefused as refused:
                preview.problems = refused.messages
            else:
                messages.success(request, result.message(upload.file_name, breakdown))
                return redirect(breakdown.measure)
    return _render_upload(request, access, upload, form, start_form, preview=preview, breakdown=breakdown)


# Saved mappings


@require_http_methods(["GET"])
@area_view(scorecard_manager)
def mapping_list(request, access: Access):
    context = {"access": access, "mappings": data_selectors.saved_mappings(access.area), "nav": "scorecard"}
    return render(request, "scorecard/mapping_list.html", context)


def _mapping_initial(saved: SavedMapping) -> dict:
    try:
        mapping = mapping_from_dict({**saved.mapping, "name": saved.name})
    except MappingInvalid:
        mapping = ColumnMapping(value=str(saved.mapping.get("value", "")), name=saved.name)
    initial, _ = fit_to_header(mapping, None)
    return {**initial, "name": saved.name, "version": saved.version}


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager)
def mapping_edit(request, access: Access, pk: int):
    saved = selectors.get_saved_mapping(access, pk)
    conflict = False
    if request.method != "POST":
        form = SavedMappingForm(initial=_mapping_initial(saved))
        return render(
            request,
            "scorecard/mapping_form.html",
            {"access": access, "form": form, "saved": saved, "nav": "scorecard"},
        )
    form = SavedMappingForm(request.POST)
    form.fields["version"].required = True
    if form.is_valid():
        version = form.cleaned_data["version"]
        try:
            if request.POST.get("action") == "delete":
                mapping_delete(saved=saved, expected_version=version)
                messages.success(request, f"Mapping “{saved.name}” deleted.")
                return redirect("scorecard:mappings", area=access.area.slug)
            mapping = form.mapping()
            saved = mapping_save(
                area=access.area,
                name=form.cleaned_data["name"],
                mapping=mapping,
                by=request.user,
                saved=saved,
                expected_version=version,
            )
        except EditConflict:
            conflict = True
            saved = selectors.get_saved_mapping(access, pk)
            posted = request.POST.copy()
            posted["version"] = saved.version
            form = SavedMappingForm(posted)
            form.is_valid()
            form.add_error(
                None,
                "Someone else changed this mapping while you were editing it. What they saved is shown "
                "below. Your change has not been saved: check it and save again.",
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"Mapping “{saved.name}” saved.")
            return redirect("scorecard:mappings", area=access.area.slug)
    return render(
        request,
        "scorecard/mapping_form.html",
        {
            "access": access,
            "form": form,
            "saved": saved,
            "conflict": conflict,
            "nav": "scorecard",
        },
    )
