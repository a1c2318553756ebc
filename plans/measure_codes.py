"""The area's scorecard measure codes, for checking the codes an item cites, without plans importing the
scorecard (it sits above plans): the scorecard registers where its codes come from in its
`AppConfig.ready`, as it connects to the cycle's signals.
"""

from collections.abc import Iterable
from typing import Protocol

from areas.models import LocalArea


class CodeSource(Protocol):
    def __call__(self, *, area: LocalArea) -> Iterable[str]: ...


_sources: list[CodeSource] = []


def register(source: CodeSource) -> None:
    """Add a source of the codes items may cite (once per source)."""
    if source not in _sources:
        _sources.append(source)


def known_codes(area: LocalArea) -> set[str] | None:
    """The codes items of `area` may cite; None when no app provides codes (nothing to check against)."""
    if not _sources:
        return None
    return {code for source in _sources for code in source(area=area)}
