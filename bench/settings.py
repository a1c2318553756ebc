"""Settings for `make bench`: the production stack (DEBUG off, cached templates) on a database of its own.

SQLite: a file under var/bench/, in WAL mode as in every environment. PostgreSQL (when
BENCH_DATABASE_URL is set, which bench/__main__.py does from DATABASE_URL): a database of its
own, the server's database name with "_bench" after it, made afresh and dropped afterwards.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import VAR_DIR, database_config
from config.settings.env import env_str

SECRET_KEY = "bench-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["testserver"]
BENCH_DIR = VAR_DIR / "bench"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

DATABASES = {
    "default": database_config(env_str("BENCH_DATABASE_URL", "") or None, BENCH_DIR / "bench.sqlite3")
}
DATABASES["default"]["TEST"] = {
    "NAME": str(BENCH_DIR / "bench.sqlite3")
    if DATABASES["default"]["ENGINE"].endswith("sqlite3")
    else f"{DATABASES['default']['NAME']}_bench"
}
STATIC_ROOT = BENCH_DIR / "static"  # empty: a bench run serves no static files
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
