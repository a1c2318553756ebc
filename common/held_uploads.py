"""An uploaded file held between its preview and its confirm, for the user and area that uploaded it."""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest


def _folder() -> Path:
    return Path(settings.PRIVATE_UPLOAD_ROOT) / "imports"


def hold(request: HttpRequest, upload: UploadedFile, *, key: str, area: str, name: str, **extra: object) -> str:
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
