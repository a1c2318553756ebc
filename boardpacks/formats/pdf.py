"""The pack as PDF, from its content alone."""

from typing import Any


def render(content: dict[str, Any]) -> bytes:
    raise NotImplementedError
