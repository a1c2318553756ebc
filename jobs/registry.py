"""Which function does each kind of background work. The apps above register theirs in their
`AppConfig.ready`, so this app imports none of them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .models import Job


class Progress(Protocol):
    def __call__(self, percent: int, step: str) -> None: ...


@dataclass(frozen=True)
class Outcome:
    """What finished work leads to: a page to open, its link's words, a sentence about it, and what the
    work found that the page reads (kept as JSON on the job: `Job.result`)."""

    url: str
    label: str
    message: str = ""
    data: dict[str, Any] = field(default_factory=dict)


class JobRefused(Exception):
    """The work could not be done for a reason the user can act on; its message says what and what to
    do, and `url` with its link's words `label`, if given, where to do it. Nothing was written."""

    def __init__(self, message: str, *, url: str = "", label: str = ""):
        super().__init__(message)
        self.url, self.label = url, label


Handler = Callable[[Job, Progress], Outcome]

_handlers: dict[str, Handler] = {}


def register(kind: str, handler: Handler) -> None:
    _handlers[kind] = handler


def handler_for(kind: str) -> Handler:
    try:
        return _handlers[kind]
    except KeyError:
        raise JobRefused(f"This installation does not know how to do “{kind}”.") from None
