"""A pack's content: the data as reported for a period, as a plain JSON dict (schema.py)."""

from .builder import build_content

__all__ = ["build_content"]
