"""The restore drill: the demo backed up, restored into an empty database, every table identical.

As an operator runs it (docs/deploy.md): `manage.py backup_database`, `manage.py restore_database` into a
new installation's empty database, and `manage.py database_checksums` on both, each in its own process.
On SQLite always; on PostgreSQL too when DATABASE_URL names one (two databases made for the drill).
The tables and their row counts are also read straight from the database files or server, so the
checksums cannot agree by leaving tables out.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("DATABASE_URL", "")


def _environment(var_dir: Path, database_url: str = "") -> dict[str, str]:
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "SENDPLAN_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _manage(env: dict[str, str], *arguments: str, succeed: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if succeed:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def _checksums(env: dict[str, str]) -> dict[str, tuple[int, str]]:
    lines = _manage(env, "database_checksums").stdout.splitlines()
    return {table: (int(rows), digest) for table, rows, digest in (line.split("\t") for line in lines)}


def _drill(source: dict[str, str], target: dict[str, str], backup: Path) -> dict[str, tuple[int, str]]:
    """Load the demo into `source`, back it up, restore into the empty `target`; both must be the same."""
    _manage(source, "migrate", "--noinput", "-v", "0")
    _manage(source, "load_demo")
    before = _checksums(source)
    assert "Backed up" in _manage(source, "backup_database", "--output", str(backup)).stdout

    assert "Restored" in _manage(target, "restore_database", str(backup)).stdout
    after = _checksums(target)
    assert after == before
    assert before["plans_item"][0] > 200
    assert before["history_change"][0] > 500
    assert before["django_migrations"][0] > 50
    return after


def _sqlite_counts(path: Path) -> dict[str, int]:
    database = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        count = 'SELECT count(*) FROM "{}"'  # names from the catalogue
        return {table: database.execute(count.format(table)).fetchone()[0] for table in tables}
    finally:
        database.close()


def test_a_sqlite_backup_restores_into_an_empty_database_identical_table_by_table(tmp_path):
    source = _environment(tmp_path / "live")
    target = _environment(tmp_path / "restored")
    backup = tmp_path / "backups" / "sendplan.sqlite3"
    assert not (tmp_path / "restored" / "db.sqlite3").exists(), "a new installation: no database yet"

    restored = _drill(source, target, backup)

    live_counts = _sqlite_counts(tmp_path / "live" / "db.sqlite3")
    assert live_counts == _sqlite_counts(tmp_path / "restored" / "db.sqlite3")
    assert live_counts == {table: rows for table, (rows, _) in restored.items()}


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A database with every table and no data, made once and copied by each test that needs one."""
    folder = tmp_path_factory.mktemp("migrated")
    _manage(_environment(folder), "migrate", "--noinput", "-v", "0")
    return folder / "db.sqlite3"


def _live(tmp_path: Path, migrated: Path) -> dict[str, str]:
    env = _environment(tmp_path / "live")
    shutil.copyfile(migrated, tmp_path / "live" / "db.sqlite3")
    return env


def test_a_sqlite_backup_is_taken_while_a_write_is_under_way_and_holds_only_what_was_committed(
    tmp_path, migrated
):
    """The service runs on during a backup: a transaction still open is neither waited for nor copied."""
    source = _live(tmp_path, migrated)
    writer = sqlite3.connect(tmp_path / "live" / "db.sqlite3", isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO auth_group (name) VALUES ('Uncommitted')")
        _manage(source, "backup_database", "--output", str(tmp_path / "backup.sqlite3"))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    copy = _sqlite_counts(tmp_path / "backup.sqlite3")
    assert copy["auth_group"] == 0
    assert copy["django_migrations"] > 50


def test_a_restore_refuses_a_database_that_has_tables_and_changes_nothing(tmp_path, migrated):
    """Restoring over the live database by mistake would lose what changed since the backup."""
    live = _live(tmp_path, migrated)
    _manage(live, "backup_database", "--output", str(tmp_path / "backup.sqlite3"))
    database = sqlite3.connect(tmp_path / "live" / "db.sqlite3")
    database.execute("INSERT INTO auth_group (name) VALUES ('Made after the backup')")
    database.commit()
    database.close()
    before = _sqlite_counts(tmp_path / "live" / "db.sqlite3")

    refused = _manage(live, "restore_database", str(tmp_path / "backup.sqlite3"), succeed=False)
    assert refused.returncode != 0
    assert f"already has {len(before)} tables: restore into an empty database" in refused.stderr
    assert "or add --replace to overwrite everything in it" in refused.stderr
    assert _sqlite_counts(tmp_path / "live" / "db.sqlite3") == before

    _manage(live, "restore_database", str(tmp_path / "backup.sqlite3"), "--replace")
    assert _sqlite_counts(tmp_path / "live" / "db.sqlite3")["auth_group"] == 0


def test_a_restore_refuses_a_file_that_is_not_a_backup_and_says_what_it_needs(tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("minutes of the board")
    result = _manage(_environment(tmp_path / "new"), "restore_database", str(not_a_backup), succeed=False)
    assert result.returncode != 0
    assert "is not a backup made by backup_database" in result.stderr
    assert (
        not (tmp_path / "new" / "db.sqlite3").exists()
        or _sqlite_counts(tmp_path / "new" / "db.sqlite3") == {}
    )


@pytest.fixture
def postgres_databases() -> Iterator[tuple[str, str]]:
    """Two new databases on DATABASE_URL's server: one for the live data, one left empty for the restore."""
    if not POSTGRES_URL.startswith(("postgres://", "postgresql://")):
        pytest.skip("PostgreSQL: DATABASE_URL names no PostgreSQL server")
    import psycopg

    names = [f"sendplan_drill_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("live", "restored")]
    parts = urlsplit(POSTGRES_URL)
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as server:
        for name in names:
            server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield tuple(parts._replace(path=f"/{name}").geturl() for name in names)
    finally:
        with psycopg.connect(maintenance, autocommit=True) as server:
            for name in names:
                server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as database:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchall()
        ]
        count = 'SELECT count(*) FROM "{}"'  # names from the catalogue
        return {table: database.execute(count.format(table)).fetchone()[0] for table in tables}


def test_a_postgresql_backup_restores_into_an_empty_database_identical_table_by_table(
    tmp_path, postgres_databases
):
    live, restored = postgres_databases
    source = _environment(tmp_path / "live", live)
    target = _environment(tmp_path / "restored", restored)
    assert _postgres_counts(restored) == {}, "an empty database"

    checksums = _drill(source, target, tmp_path / "backups" / "sendplan.dump")

    assert _postgres_counts(live) == _postgres_counts(restored)
    assert _postgres_counts(restored) == {table: rows for table, (rows, _) in checksums.items()}
