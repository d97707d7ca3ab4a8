"""SQLite: a copy of the live database with the online backup API, in one step, so it is
one consistent snapshot; in WAL mode writers go on meanwhile (https://sqlite.org/backup.html).
The copy is switched to a rollback journal, so it is one self-contained file."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from kwportal.services.backup import BackupError

BUSY_TIMEOUT_S = 30


@dataclass(frozen=True, slots=True)
class Facts:
    """What the manifest says about the database at the moment of the copy."""

    revision: str
    audit_seq: int
    audit_row_hash: str
    tool: str
    tool_major: int = 0


def database_path(url: str) -> Path:
    database = make_url(url).database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError(f"the SQLite database {database!r} is not a file that can be backed up")
    return Path(database).resolve()


def facts_of(connection: sqlite3.Connection, tool: str) -> Facts:
    """The schema revision and the audit chain's head, read in ``connection``."""
    try:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        seq, row_hash = connection.execute(
            "SELECT seq, row_hash FROM audit_head WHERE id = 1"
        ).fetchone()
    except (sqlite3.Error, TypeError):
        raise BackupError(
            "the database has no kwportal schema: run kwportal migrate first"
        ) from None
    return Facts(
        revision=str(revision), audit_seq=int(seq), audit_row_hash=str(row_hash), tool=tool
    )


def snapshot(source: Path, dest: Path) -> Facts:
    """Copy ``source`` into ``dest`` (an existing empty private file) and check the copy."""
    if not source.is_file():
        raise BackupError(f"there is no database at {source}")
    try:
        live = sqlite3.connect(f"{source.as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as error:
        raise BackupError(f"cannot open {source}: {error}") from None
    try:
        copy = sqlite3.connect(dest, timeout=BUSY_TIMEOUT_S)
        try:
            live.backup(copy)  # all pages in one step: one snapshot
            copy.execute("PRAGMA journal_mode=DELETE")
            _check(copy, "the copy")
            return facts_of(copy, f"sqlite {sqlite3.sqlite_version}")
        finally:
            copy.close()
    except sqlite3.Error as error:
        raise BackupError(f"the online backup of {source} failed: {error}") from None
    finally:
        live.close()


def _check(connection: sqlite3.Connection, what: str) -> None:
    (result,) = connection.execute("PRAGMA quick_check").fetchone()
    if result != "ok":
        raise BackupError(f"{what} of the database fails SQLite's integrity check: {result}")


def require_absent(target: Path) -> None:
    """A restore goes to a new file only: an existing database (or its WAL) is refused."""
    for path in (target, Path(f"{target}-wal"), Path(f"{target}-journal")):
        if path.exists():
            raise BackupError(
                f"{path} exists: a restore goes into a new, empty database only; move the "
                "old one aside first (nothing was changed)"
            )
    if not target.parent.is_dir():
        raise BackupError(f"the directory {target.parent} does not exist: create it first")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise BackupError(f"cannot write to {target.parent}: permission denied")


def check_restored(staged: Path) -> None:
    """The decrypted dump opens as an intact SQLite database."""
    try:
        connection = sqlite3.connect(f"{staged.as_uri()}?mode=rw", uri=True)
        try:
            _check(connection, "the backup's copy")
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise BackupError(f"the backup's copy is not a readable SQLite database: {error}") from None


def settle(staged: Path) -> None:
    """Fold the WAL of the staged database back into its file, so one file holds it all."""
    connection = sqlite3.connect(staged)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
