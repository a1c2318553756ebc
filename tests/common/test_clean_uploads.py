"""Files left waiting for a confirmation that never came are removed once old; nothing else is."""

import os
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from scorecard.models import DataUpload
from tests.evidence.factories import EvidenceFactory

OLD = time.time() - 20 * 24 * 3600


@pytest.fixture
def uploads(settings, tmp_path, area):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    held = {}
    for folder in ("imports", "figure-uploads"):
        (tmp_path / folder).mkdir()
        for age in ("old", "new"):
            path = tmp_path / folder / f"{age}-token"
            path.write_bytes(b"Measure code,Period\r\n")
            if age == "old":
                os.utime(path, (OLD, OLD))
            held[folder, age] = path
    old_dfe, new_dfe = (
        DataUpload.objects.create(
            area=area, file=ContentFile(b"time_period\r\n", name="d.csv"), file_name="d.csv"
        )
        for _ in range(2)
    )
    DataUpload.objects.filter(pk=old_dfe.pk).update(uploaded_at=timezone.now() - timedelta(days=20))
    evidence = EvidenceFactory(area=area, file_name="minutes.txt", content=b"Board minutes")
    return held, old_dfe, new_dfe, evidence


def _run(*args) -> str:
    out = StringIO()
    call_command("clean_uploads", *args, stdout=out)
    return out.getvalue()


def test_old_held_files_and_dfe_uploads_are_removed_and_recent_ones_and_evidence_kept(uploads):
    held, old_dfe, new_dfe, evidence = uploads
    old_file = old_dfe.file.path

    output = _run("--days", "14")

    assert output.strip() == "Removed 2 held upload file(s) and 1 DfE upload(s) older than 14 days"
    assert not held["imports", "old"].exists() and not held["figure-uploads", "old"].exists()
    assert held["imports", "new"].exists() and held["figure-uploads", "new"].exists()
    assert list(DataUpload.objects.all()) == [new_dfe]
    assert not os.path.exists(old_file)
    assert os.path.exists(evidence.file.path)


def test_a_dry_run_only_counts(uploads):
    held, *_ = uploads
    assert (
        _run("--dry-run").strip()
        == "Would remove 2 held upload file(s) and 1 DfE upload(s) older than 14 days"
    )
    assert held["imports", "old"].exists()
    assert DataUpload.objects.count() == 2


def test_files_uploaded_today_are_never_removed(uploads):
    with pytest.raises(CommandError, match="--days must be 1 or more"):
        _run("--days", "0")
