"""The set-up page's QR code, drawn on the server as an SVG (segno) and put in the page inline."""

import re

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str, *, title: str) -> SafeString:
    """An inline SVG of `text` as a QR code, with `title` as its accessible name (role="img").

    segno writes the markup itself from the QR matrix: only its own elements and numbers; the title is
    escaped by segno (`title=` is XML-escaped), so the result is safe to put in a page."""
    svg = segno.make(text, error="m").svg_inline(
        scale=5, border=4, dark="#0b0c0c", light="#ffffff", title=title, svgclass="app-qr"
    )
    svg = re.sub(r"^<svg ", f'<svg role="img" aria-label="{escape(title)}" ', svg, count=1)
    return mark_safe(svg)  # noqa: S308 - segno's own markup, the title escaped  # nosec B308, B703


def secret_in_groups(base32_secret: str) -> str:
    """The secret as people type it from the page: groups of four letters and digits."""
    plain = base32_secret.replace("=", "")
    return " ".join(plain[i : i + 4] for i in range(0, len(plain), 4))
