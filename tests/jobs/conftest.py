"""Handlers for kinds of work made up for the tests, registered only while a test runs."""

import pytest

from jobs import registry
from jobs.models import Job
from jobs.registry import JobRefused, Outcome, Progress

TEST_KIND = "tests.recorded"


class Recorder:
    """A handler that keeps what the job looked like in the database while it ran, reports progress,
    then ends as told: an outcome, a refusal or a crash."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, int, str]] = []
        self.ending: Exception | None = None

    def __call__(self, job: Job, progress: Progress) -> Outcome:
        self.seen.append(_state(job))
        progress(40, "Counting the items")
        self.seen.append(_state(job))
        if self.ending is not None:
            raise self.ending
        return Outcome(
            url="/somewhere/", label="Open the result", message="Counted 12 items.", data={"items": 12}
        )

    def refuse(self, words: str, **where: str) -> None:
        self.ending = JobRefused(words, **where)


def _state(job: Job) -> tuple[str, int, str]:
    job.refresh_from_db()
    return job.state, job.percent, job.step


@pytest.fixture
def recorder(monkeypatch) -> Recorder:
    handler = Recorder()
    monkeypatch.setitem(registry._handlers, TEST_KIND, handler)
    return handler
