"""At most a few password checks at once in each server process, so sign-in cannot exhaust memory.

Each Argon2 check holds its memory cost (accounts/hashers.py) while it runs; beyond
settings.SIGN_IN_CONCURRENT_HASHES at once, an attempt waits up to SIGN_IN_HASH_WAIT_SECONDS for a turn,
then is refused with "try again in a moment"."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings


class HashingBusy(Exception):
    """Every password-checking turn stayed taken for the whole wait."""


_lock = threading.Lock()
_turns: dict[int, threading.BoundedSemaphore] = {}


def _semaphore() -> threading.BoundedSemaphore:
    size = max(1, int(settings.SIGN_IN_CONCURRENT_HASHES))
    with _lock:
        if size not in _turns:
            _turns[size] = threading.BoundedSemaphore(size)
        return _turns[size]


@contextmanager
def hashing_turn() -> Iterator[None]:
    """Hold one of the process's turns to check a password, or raise HashingBusy."""
    turns = _semaphore()
    if not turns.acquire(timeout=settings.SIGN_IN_HASH_WAIT_SECONDS):
        raise HashingBusy
    try:
        yield
    finally:
        turns.release()
