"""Checking an area's logo and re-encoding it: PNG or JPEG by content (not by name), at most 1 MB and
2000 by 2000 pixels, saved again as a PNG so nothing of the upload but its pixels is kept (no metadata,
no trailing bytes). Plain functions: nothing here touches the database or the settings."""

import io
import warnings
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError

from common.uploads import MIB, UploadProblem, check_size

MAX_BYTES = 1 * MIB
MAX_SIDE = 2000
ACCEPTED_FORMATS = ("PNG", "JPEG")
NOT_AN_IMAGE = "The logo must be a PNG or JPEG image. Save it as one, then choose it again"


def logo_reencode(file: bytes | BinaryIO) -> bytes:
    """The logo's pixels as a fresh PNG, or UploadProblem saying why not and what to do."""
    check_size(file, MAX_BYTES)
    data = file if isinstance(file, bytes) else file.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ACCEPTED_FORMATS:
                    raise UploadProblem(NOT_AN_IMAGE)
                width, height = image.size
                if width > MAX_SIDE or height > MAX_SIDE:
                    raise UploadProblem(
                        f"The logo is {width} by {height} pixels. "
                        f"Choose one at most {MAX_SIDE} by {MAX_SIDE} pixels"
                    )
                image.load()
                transparent = "A" in image.getbands() or "transparency" in image.info
                clean = image.convert("RGBA" if transparent else "RGB")
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError, OSError):
        raise UploadProblem(NOT_AN_IMAGE) from None
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return out.getvalue()
