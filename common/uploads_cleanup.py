"""Uploaded files kept only while someone looks at a preview are removed once they are old.

A plan file being imported (`imports/`) and a file of figures being checked (`figure-uploads/`) are
held under random names until the person confirms; a DfE file (`DataUpload`) is held while its
columns are mapped. If nobody confirms, they would stay for ever: `manage.py clean_uploads` (run
daily) removes those older than the given age. Evidence files are never touched: they are the
evidence bank.

Each app says what it holds in its AppConfig, so this module needs none of them: `holding_folders`
(folders under PRIVATE_UPLOAD_ROOT of files waiting for a confirmation) and, for uploads kept as
rows, a method `clean_held_uploads(*, cutoff, dry_run) -> HeldCount`.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class HeldCount:
    """How many of one kind of held upload were (or would be) removed: "1 DfE upload(s)"."""

    count: int
    label: str

    def __str__(self) -> str:
        return f"{self.count} {self.label}"


@dataclass
class Cleaned:
    held_files: int = 0
    others: list[HeldCount] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [str(HeldCount(self.held_files, "held upload file(s)")), *map(str, self.others)]
        return " and ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + " and " + parts[-1]


def holding_folders() -> list[str]:
    return [folder for config in apps.get_app_configs() for folder in getattr(config, "holding_folders", ())]


def clean_uploads(*, older_than: timedelta, now: datetime | None = None, dry_run: bool = False) -> Cleaned:
    """Remove held files and held uploads older than `older_than`; with `dry_run`, only count them."""
    cutoff = (now or timezone.now()) - older_than
    cleaned = Cleaned()
    root = Path(settings.PRIVATE_UPLOAD_ROOT)
    for folder in holding_folders():
        for path in sorted((root / folder).glob("*")) if (root / folder).is_dir() else []:
            if path.is_file() and datetime.fromtimestamp(path.stat().st_mtime, tz=cutoff.tzinfo) < cutoff:
                cleaned.held_files += 1
                if not dry_run:
                    path.unlink(missing_ok=True)
    for config in apps.get_app_configs():
        if clean := getattr(config, "clean_held_uploads", None):
            cleaned.others.append(clean(cutoff=cutoff, dry_run=dry_run))
    return cleaned
