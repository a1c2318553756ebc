"""Uploaded files kept only while someone looks at a preview are removed once they are old.

A plan file being imported (`imports/`) and a file of figures being checked (`figure-uploads/`) are
held under random names until the person confirms; a DfE file (`DataUpload`) is held while its
columns are mapped. If nobody confirms, they would stay for ever: `manage.py clean_uploads` (run
daily) removes those older than the given age. Evidence files are never touched: they are the
evidence bank.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

HOLDING_FOLDERS = ("imports", "figure-uploads")


@dataclass
class Cleaned:
    held_files: int = 0
    dfe_uploads: int = 0


def clean_uploads(*, older_than: timedelta, now: datetime | None = None, dry_run: bool = False) -> Cleaned:
    """Remove held files and DfE uploads older than `older_than`; with `dry_run`, only count them."""
    from scorecard.models import DataUpload  # the holding place for DfE files is the scorecard's

    cutoff = (now or timezone.now()) - older_than
    cleaned = Cleaned()
    root = Path(settings.PRIVATE_UPLOAD_ROOT)
    for folder in HOLDING_FOLDERS:
        for path in sorted((root / folder).glob("*")) if (root / folder).is_dir() else []:
            if path.is_file() and datetime.fromtimestamp(path.stat().st_mtime, tz=cutoff.tzinfo) < cutoff:
                cleaned.held_files += 1
                if not dry_run:
                    path.unlink(missing_ok=True)
    stale = DataUpload.objects.filter(uploaded_at__lt=cutoff)
    cleaned.dfe_uploads = stale.count()
    if not dry_run:
        for upload in stale:
            with transaction.atomic():
                upload.file.delete(save=False)
                upload.delete()
    return cleaned
