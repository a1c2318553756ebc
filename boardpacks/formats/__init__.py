"""Each format of a pack, rendered from its content alone (boardpacks/content/schema.py):
`render(content) -> bytes`. The HTML page is rendered by `formats.html.pack_html`."""

from collections.abc import Callable
from importlib import import_module
from typing import Any

FORMATS: tuple[str, ...] = ("pdf", "docx", "xlsx")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def renderer(fmt: str) -> Callable[[dict[str, Any]], bytes]:
    """The format's `render(content) -> bytes` (boardpacks/formats/<fmt>.py)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    render: Callable[[dict[str, Any]], bytes] = import_module(f"boardpacks.formats.{fmt}").render
    return render
