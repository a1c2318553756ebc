"""docs/deploy.md stays true: it lists every environment variable the settings and gunicorn's config read,
and names every command it tells an operator to run."""

import re
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "deploy.md").read_text()


def _variables_read() -> set[str]:
    settings = "\n".join(path.read_text() for path in (ROOT / "config" / "settings").glob("*.py"))
    gunicorn = (ROOT / "config" / "gunicorn.py").read_text()
    return set(re.findall(r'env_(?:str|bool|list)\("([A-Z_]+)"', settings)) | set(
        re.findall(r'(?:os\.environ\.get|_env_int)\("([A-Z_]+)"', gunicorn)
    )


def test_the_deployment_guide_lists_every_environment_variable_read():
    variables = _variables_read()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT"} <= variables
    listed = set(re.findall(r"^\| `([A-Z_]+)`(?:, `([A-Z_]+)`)?", GUIDE, re.MULTILINE))
    documented = {name for row in listed for name in row if name}
    assert variables - documented == set(), "add them to the table in docs/deploy.md"


def test_every_management_command_the_guide_names_exists():
    named = set(re.findall(r"manage\.py ([a-z_]+)", GUIDE))
    assert {
        "backup_database",
        "restore_database",
        "database_checksums",
        "send_reminders",
        "clean_uploads",
    } <= named
    assert named - set(get_commands()) == set()
