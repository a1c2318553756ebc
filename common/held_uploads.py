"""An uploaded file held between its preview and its confirm, for the user and area that uploaded it."""

import hashlib
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest

from .forms import Form


def _folder() -> Path:
    return Path(settings.PRIVATE_UPLOAD_ROOT) / "imports"


def hold(
    request: HttpRequest, upload: UploadedFile, *, key: str, area: str, name: str, **extra: object
) -> str:
    """Keep the upload on disk; return the token that finds it again, in this session only."""
    token = secrets.token_urlsafe(16)
    _folder().mkdir(parents=True, exist_ok=True)
    upload.seek(0)
    with open(_folder() / token, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    request.session.setdefault(key, {})[token] = {"area": area, "name": name, **extra}
    request.session.modified = True
    return token


def held(request: HttpRequest, *, key: str, area: str, token: str) -> tuple[Path, dict]:
    """The held file and what was noted with it, or "Page not found" for another user, area or token."""
    entry = request.session.get(key, {}).get(token)
    path = _folder() / token
    if not entry or entry["area"] != area or not path.is_file() or "/" in token:
        raise Http404("This import has expired: upload the file again")
    return path, entry


def release(request: HttpRequest, *, key: str, token: str) -> None:
    """Forget a held file once imported."""
    (_folder() / token).unlink(missing_ok=True)
    request.session.get(key, {}).pop(token, None)
    request.session.modified = True


class ConfirmForm(Form):
    """The confirm of a previewed import: the fingerprint of what the preview showed."""

    fingerprint = forms.CharField(widget=forms.HiddenInput)


def fingerprint(sections: Sequence[Any]) -> str:
    """A digest of what an import will do (its preview's sections of added, changed and removed
    entries), so a confirm applies exactly what was previewed."""
    parts = [
        repr((s.title, e.action, e.key, e.summary, [(c.label, c.old, c.new) for c in e.changes]))
        for s in sections
        for e in s.added + s.changed + s.removed
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def too_large(request: HttpRequest) -> bool:
    """Refuse an upload from its declared length, before Django reads it to disk."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.UPLOAD_MAX_BYTES + 64 * 1024
