"""Warming the loaded app before a server forks its workers (config/gunicorn.py): what Django otherwise
does on a worker's first request (importing every view through the URL patterns, compiling every
template) is done once, in the process the workers are forked from. Each new worker (and gunicorn
replaces one every GUNICORN_MAX_REQUESTS requests) then answers its first request as fast as its
thousandth (measured: 450 ms to 15 ms for an item page), and the workers share that memory."""

from pathlib import Path

from django.db import connections
from django.template import engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver


def template_names() -> list[str]:
    """Every template the project's engines can find: the names `get_template` takes."""
    names: set[str] = set()
    for engine in engines.all():
        dirs = [Path(d) for d in engine.dirs]
        if engine.app_dirs:
            dirs += [Path(d) for d in get_app_template_dirs("templates")]
        for folder in dirs:
            names.update(str(path.relative_to(folder)) for path in folder.rglob("*.html"))
    return sorted(names)


def warm() -> int:
    """Import every view (the URL patterns, for reversing and resolving) and compile every template into
    the cached loader; the number of templates compiled. A template that does not compile is left to
    fail on its own page, as it would have (tests/common/test_warm.py checks that every one compiles).
    No database connection is left open: the workers must not share one."""
    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 - populates the patterns, importing every view
    compiled = 0
    for engine in engines.all():
        for name in template_names():
            try:
                engine.get_template(name)
            except Exception:  # noqa: S112 - it fails on its own page instead, as it would have  # nosec B112
                continue
            compiled += 1
    connections.close_all()
    return compiled
