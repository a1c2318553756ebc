"""Keeping an uploaded DfE CSV while its columns are mapped, importing it, and saving mappings by name."""

import csv
import io
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from accounts.models import User
from areas.models import LocalArea
from common.concurrency import claim_version, save_or_explain
from common.uploads import UploadProblem, check_size
from common.uploads_cleanup import HeldCount

from ..models import Breakdown, DataUpload, SavedMapping
from .importing import ImportResult, import_dfe
from .mapping import ColumnMapping
from .reading import decode_csv


def read_header(data: bytes) -> list[str]:
    """A DfE CSV's column names; refuses a zip or workbook, text it cannot read, or an empty file."""
    text, _ = decode_csv(data)
    try:
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as error:
        raise UploadProblem(
            f"The first row cannot be read ({error}). Check the file is a CSV file"
        ) from error
    header = [name.replace("\ufeff", "").strip() for name in header]
    if not any(header):
        raise UploadProblem("The file is empty. Choose the CSV file downloaded from the DfE")
    return header


@transaction.atomic
def data_upload_create(*, area: LocalArea, data: bytes, file_name: str, by: User | None = None) -> DataUpload:
    """Keep an uploaded DfE CSV, under a random name in private storage, with its columns."""
    try:
        check_size(data, settings.DFE_UPLOAD_MAX_BYTES)
        columns = read_header(data)
    except UploadProblem as problem:
        raise ValidationError({"file": str(problem)}) from problem
    name = get_valid_filename(Path(file_name or "").name)[:200] or "dfe.csv"
    upload = DataUpload(area=area, file_name=name, columns=columns, uploaded_by=by)
    upload.file.save("upload.csv", ContentFile(data), save=False)
    try:
        upload.save()
    except BaseException:
        upload.file.storage.delete(upload.file.name)
        raise
    return upload


def data_upload_bytes(upload: DataUpload) -> bytes:
    with upload.file.storage.open(upload.file.name, "rb") as handle:
        return handle.read()


@transaction.atomic
def dfe_upload_import(
    *,
    upload: DataUpload,
    mapping: ColumnMapping,
    breakdown: Breakdown,
    by: User | None = None,
    mapping_name: str = "",
) -> ImportResult:
    """Import a kept DfE file, noting the file and mapping on every figure and the import on the upload."""
    note = f"{upload.file_name}, mapping “{mapping_name or mapping.name or 'not saved'}”"
    result = import_dfe(
        area=upload.area,
        data=data_upload_bytes(upload),
        mapping=mapping,
        breakdown=breakdown,
        by=by,
        source_note=note,
    )
    upload.imported_at = timezone.now()
    upload.imported_rows = result.written
    upload.save(update_fields=["imported_at", "imported_rows"])
    return result


# Saved mappings


def _check_name(area: LocalArea, name: str, saved: SavedMapping | None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter a name for the mapping"})
    clash = SavedMapping.objects.filter(area=area, name__iexact=name)
    if saved is not None:
        clash = clash.exclude(pk=saved.pk)
    if clash.exists():
        raise ValidationError({"name": f"There is already a mapping called “{name}”. Choose another name"})
    return name


@transaction.atomic
def mapping_save(
    *,
    area: LocalArea,
    name: str,
    mapping: ColumnMapping,
    by: User | None = None,
    saved: SavedMapping | None = None,
    expected_version: int | None = None,
) -> SavedMapping:
    """Save a column mapping under a name, new or (if nobody saved it since `expected_version`) changed."""
    name = _check_name(area, name, saved)
    if problems := mapping.problems():
        raise ValidationError(problems)
    if saved is None:
        saved = SavedMapping(area=area)
    else:
        if expected_version is None:
            raise TypeError("Changing a saved mapping needs the version it was read at (expected_version)")
        claim_version(saved, expected_version)
    saved.name = name
    saved.mapping = {**mapping.to_dict(), "name": name}
    saved.saved_by = by
    saved.full_clean(exclude=["saved_by"], validate_constraints=False)

    def check_name() -> None:
        _check_name(area, name, saved)

    save_or_explain(saved, check_name)
    return saved


@transaction.atomic
def mapping_delete(*, saved: SavedMapping, expected_version: int) -> None:
    """Delete a saved mapping, unless someone saved a change to it since `expected_version`."""
    claim_version(saved, expected_version)
    saved.delete()


def stale_uploads_remove(*, before: datetime, dry_run: bool = False) -> HeldCount:
    """Remove DfE files uploaded before `before` and never imported; with `dry_run`, only count them."""
    stale = DataUpload.objects.filter(uploaded_at__lt=before)
    count = stale.count()
    if not dry_run:
        for upload in stale:
            with transaction.atomic():
                upload.file.delete(save=False)
                upload.delete()
    return HeldCount(count, "DfE upload(s)")
