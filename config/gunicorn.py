"""gunicorn, the production web server: `make serve` and the systemd unit in docs/deploy.md use this file.

    gunicorn --config config/gunicorn.py

Every value can be changed from the environment (docs/deploy.md lists them); the defaults suit one
local area on a small server behind a reverse proxy on the same machine. gunicorn reads this file
itself, before Django starts, so it reads the environment itself too (Django's settings read theirs in
config/settings/).
"""

import ctypes
import gc
import os


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _give_large_allocations_back() -> None:
    """Memory blocks of 1 MiB or more (a password hash takes 19 MiB: accounts/hashers.py) are returned to
    the system when freed. By default glibc raises this threshold after the first such block is freed, so
    each thread then keeps its last hash's memory for good (measured: 40 sign-ins at once grew the server
    by 237 MiB instead of 82 MiB: tests/accounts/test_sign_in_memory.py). Set before the workers fork."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to set
        return
    libc.mallopt(-3, 1024 * 1024)  # M_MMAP_THRESHOLD, in bytes; fixing it stops glibc raising it


_give_large_allocations_back()

# Always the production settings: a server started this way is never in DEBUG.
raw_env = ["DJANGO_SETTINGS_MODULE=config.settings.production"]
wsgi_app = "config.wsgi:application"
# Load Django once, before the workers start: a setting missing (SECRET_KEY) stops the server at once
# with Django's message, and the workers share the loaded code's memory.
preload_app = True

# Behind the reverse proxy on the same machine; never on every address unless told to.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Each worker answers one request at a time (threads: that many at once, each worker).
workers = _env_int("WEB_CONCURRENCY", 2)
threads = _env_int("GUNICORN_THREADS", 1)
# A request that takes longer than this is stopped and logged (long work runs in the background worker).
timeout = _env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# A worker is replaced after this many requests, so memory a worker keeps never grows without end.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10

# The proxy's address, whose X-Forwarded-For and X-Forwarded-Proto are believed ("*": any).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to standard output and standard error (the journal, under systemd): one line per request with
# the client's address as the proxy saw it, the time, the request, status, size, duration in ms.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s %(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'

# No control socket: one fixed path per user would be shared by every server this user starts.
control_socket_disable = True
proc_name = "sendplan"


def pre_fork(server: object, worker: object) -> None:
    """Before each worker is forked from the loaded app: the app's objects (Django, the URL patterns, the
    compiled code) are moved out of the garbage collector's reach (`gc.freeze`, as CPython's docs advise
    for servers that fork without exec). A worker's collections then scan only what its requests made,
    not the whole app each time: about 5% less time per page, measured on the item page."""
    gc.freeze()


def when_ready(server: object) -> None:
    """Once the app is loaded, before the first worker is forked: import every view and compile every
    template (common/warm.py), so no worker pays for it on its first request."""
    from common.warm import warm

    warm()
