"""Where uploaded files are kept: outside the static files, readable only through views that check
who is asking (the evidence download, a preview of one's own upload)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_UPLOAD_ROOT, readable only through the download view.

    The folder is read from the settings each time a file is used, not when the model is
    imported, so settings changed later (by a test, say) are obeyed.
    """

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_UPLOAD_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def private_storage() -> FileSystemStorage:
    """Uploaded files live outside the static files, readable only through the download view."""
    return PrivateStorage()
