"""Back up and restore the database, and fingerprint its tables to prove a restore whole.

`manage.py backup_database --output FILE`, `manage.py restore_database FILE` and
`manage.py database_checksums` (docs/deploy.md). One file per backup, of the database in use:

- SQLite: a SQLite database file, copied by SQLite's online backup while the service runs (WAL mode lets
  readers and writers carry on; the copy is of one moment, the write-ahead log included), then checked.
- PostgreSQL: `pg_dump --format=custom` (restored with `pg_restore`), by the client tools of the server's
  own major version where they are installed (`/usr/lib/postgresql/<major>/bin`), else those on the PATH.

A backup is written beside its final name and renamed once whole, so an interrupted backup never leaves
a file that looks complete. A restore goes into an empty database (a new installation's, or one made for
a restore drill); it refuses one that already has tables unless told to replace them.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess  # PostgreSQL's own client tools, arguments as a list, no shell  # nosec B404
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done, in words the person running it can act on."""


@dataclass(frozen=True)
class TableChecksum:
    """One table: how many rows, and a SHA-256 of them all, in primary key order."""

    table: str
    rows: int
    sha256: str

    def __str__(self) -> str:
        return f"{self.table}\t{self.rows}\t{self.sha256}"


def database_backup(*, output: Path, using: str = "default") -> str:
    """Write a backup of the database to `output`; returns what was backed up, in words."""
    connection = connections[using]
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(connection, partial)
        elif connection.vendor == "postgresql":
            _pg_run(
                connection,
                "pg_dump",
                ["--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)],
            )
            _pg_run(connection, "pg_restore", ["--list", str(partial)])
        else:
            raise BackupError(
                f"Backing up a {connection.vendor} database is not supported: use its own tools."
            )
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return f"the {_describe(connection)} to {output} ({output.stat().st_size:,} bytes)"


def database_restore(*, source: Path, replace: bool = False, using: str = "default") -> str:
    """Restore the backup `source` into the database; refuses one that has tables unless `replace`."""
    connection = connections[using]
    _check_source(source, connection.vendor)
    if connection.vendor == "sqlite":
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    tables = connection.introspection.table_names()
    if tables and not replace:
        raise BackupError(
            f"The {_describe(connection)} already has {len(tables)} tables: restore into an empty database "
            "(docs/deploy.md), or add --replace to overwrite everything in it with the backup."
        )
    if connection.vendor == "sqlite":
        _sqlite_restore(connection, source)
    else:
        options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        if replace:
            options += ["--clean", "--if-exists"]
        _pg_run(
            connection,
            "pg_restore",
            [*options, "--dbname", str(connection.settings_dict["NAME"]), str(source)],
        )
    connection.close()
    return f"{source} into the {_describe(connection)}"


def table_checksums(*, using: str = "default") -> list[TableChecksum]:
    """Every table's row count and a SHA-256 of its rows ordered by primary key, by table name."""
    connection = connections[using]
    quote = connection.ops.quote_name
    checksums = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            order = connection.introspection.get_primary_key_columns(cursor, table) or [
                column.name for column in connection.introspection.get_table_description(cursor, table)
            ]
            columns = ", ".join(quote(column) for column in order)
            # Names from the database's own catalogue, quoted: nothing a person typed.
            query = f"SELECT * FROM {quote(table)} ORDER BY {columns}"  # noqa: S608  # nosec B608
            cursor.execute(query)
            digest = hashlib.sha256()
            rows = 0
            while batch := cursor.fetchmany(1000):
                for row in batch:
                    digest.update(repr(tuple(row)).encode() + b"\n")
                rows += len(batch)
            checksums.append(TableChecksum(table, rows, digest.hexdigest()))
    return checksums


def _describe(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor == "sqlite":
        return f"SQLite database {connection.settings_dict['NAME']}"
    settings = connection.settings_dict
    return f"PostgreSQL database {settings['NAME']} on {settings['HOST'] or 'the local socket'}"


def _check_source(source: Path, vendor: str) -> None:
    if not source.is_file():
        raise BackupError(f"{source} is not a file: give the path of a backup made by backup_database.")
    with source.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    kind = "sqlite" if head == SQLITE_MAGIC else "postgresql" if head.startswith(PG_DUMP_MAGIC) else None
    if kind is None:
        raise BackupError(f"{source} is not a backup made by backup_database (neither SQLite nor pg_dump's).")
    if kind != vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        where = (
            "with DATABASE_URL unset (SQLite)"
            if kind == "sqlite"
            else "where DATABASE_URL names a PostgreSQL database"
        )
        raise BackupError(
            f"{source} is a backup of a {names[kind]} database, but this installation's database is "
            f"{names.get(vendor, vendor)}: restore it {where}."
        )


def _raw_sqlite(connection: BaseDatabaseWrapper) -> sqlite3.Connection:
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _sqlite_backup(connection: BaseDatabaseWrapper, target: Path) -> None:
    copy = sqlite3.connect(target)
    try:
        _raw_sqlite(connection).backup(copy)
        _sqlite_check(copy, target)
    finally:
        copy.close()


def _sqlite_restore(connection: BaseDatabaseWrapper, source: Path) -> None:
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        _sqlite_check(backup, source)
        backup.backup(_raw_sqlite(connection))
    finally:
        backup.close()


def _sqlite_check(database: sqlite3.Connection, path: Path) -> None:
    result = database.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{path} is damaged (SQLite's check says: {result}).")


def _pg_environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The connection's settings as libpq's variables, which pg_dump and pg_restore read."""
    settings: dict[str, Any] = connection.settings_dict
    values = {
        "PGDATABASE": settings["NAME"],
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
        "PGHOST": settings.get("HOST"),
        "PGPORT": settings.get("PORT"),
        "PGSSLMODE": settings.get("OPTIONS", {}).get("sslmode"),
    }
    return {name: str(value) for name, value in values.items() if value}


def pg_tool(name: str, server_major: int) -> str:
    """The client tool `name` of the server's major version if installed, else the one on the PATH."""
    versioned = Path(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    if versioned.is_file():
        return str(versioned)
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client tools (postgresql-client-{server_major})."
        )
    return found


def _pg_run(connection: BaseDatabaseWrapper, tool: str, arguments: list[str]) -> None:
    connection.ensure_connection()
    server_major = int(getattr(connection, "pg_version", 0)) // 10000
    result = subprocess.run(  # noqa: S603 - a fixed tool, our own arguments, no shell  # nosec B603
        [pg_tool(tool, server_major), *arguments],
        env={**os.environ, **_pg_environment(connection)},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip() or result.stdout.strip()}")
