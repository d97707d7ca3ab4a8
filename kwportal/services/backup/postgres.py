"""PostgreSQL: ``pg_dump`` (custom format) in a snapshot exported by the transaction that
read the manifest's facts, so the dump and the audit head it names are one moment; and
``pg_restore`` in a single transaction into an empty database, so a failed restore leaves
it empty.

The client tools must be at least the server's major version (pg_dump refuses an older
server's newer sibling; a dump is read by a pg_restore at least as new as its pg_dump).
They are looked for in ``KWPORTAL_PG_BIN`` when set, else on the PATH and in the usual
per-version directories (Debian's /usr/lib/postgresql/N/bin, RPM's /usr/pgsql-N/bin)."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from kwportal.services.backup import BackupError
from kwportal.services.backup.sqlite_copy import Facts

ENV_BIN = "KWPORTAL_PG_BIN"
SEARCH = (
    "/usr/lib/postgresql/*/bin",
    "/usr/pgsql-*/bin",
    "/usr/local/pgsql/bin",
    "/opt/homebrew/opt/postgresql@*/bin",
    "/usr/local/opt/postgresql@*/bin",
)
TOOL_TIMEOUT_S = 6 * 3600
VERSION_TIMEOUT_S = 20


def _call(
    args: list[str], timeout: float, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """Run a PostgreSQL client tool: an argument list, no shell; the program is one found
    by :func:`find_tool`, the arguments are ours."""
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=timeout)  # noqa: S603
    return done.returncode, done.stdout, done.stderr


def _major(tool: str) -> tuple[int, str]:
    try:
        code, out, _err = _call([tool, "--version"], VERSION_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError):
        return 0, ""
    found = re.search(r"\)\s+(\d+)", out) if code == 0 else None
    return (int(found.group(1)), out.strip()) if found else (0, out.strip())


def find_tool(name: str, at_least: int) -> tuple[str, int, str]:
    """Path, major version and version line of the ``name`` closest to, and not older than,
    ``at_least``; or a BackupError that says where it looked."""
    where = os.environ.get(ENV_BIN, "")
    if where:
        candidates = [str(Path(where) / name)]
    else:
        on_path = shutil.which(name)
        found = [p for pattern in SEARCH for p in sorted(glob.glob(f"{pattern}/{name}"))]
        candidates = ([on_path] if on_path else []) + found
    usable = []
    for tool in dict.fromkeys(candidates):
        major, line = _major(tool)
        if major >= at_least:
            usable.append((major, tool, line))
    if not usable:
        looked = where or "the PATH, " + ", ".join(SEARCH)
        raise BackupError(
            f"{name} of PostgreSQL {at_least} or newer was not found (looked in {looked}): "
            f"install the PostgreSQL {at_least} client tools or set {ENV_BIN} to their bin "
            "directory (nothing was changed)"
        )
    major, tool, line = min(usable)
    return tool, major, line


def server_major(engine: Engine) -> int:
    try:
        with engine.connect() as connection:
            number = connection.execute(text("SHOW server_version_num")).scalar_one()
    except SQLAlchemyError as error:
        raise BackupError(f"cannot reach the database: {_cause(error)}") from None
    return int(number) // 10_000


def _cause(error: SQLAlchemyError) -> str:
    """The driver's error class, not its message (which may carry the connection string)."""
    return type(getattr(error, "orig", None) or error).__name__


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and the environment that carries it
    (never on the command line, where ``ps`` shows it)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    try:
        code, _out, err = _call(args, TOOL_TIMEOUT_S, env)
    except (OSError, subprocess.SubprocessError) as error:
        raise BackupError(f"{what} could not run: {error}") from None
    if code != 0:
        tail = " ".join(err.strip().splitlines()[-3:])[:600]
        raise BackupError(f"{what} failed (exit {code}): {tail}")


def dump(engine: Engine, url: str, dest: Path) -> Facts:
    """``pg_dump`` of the database into ``dest`` (an existing empty private file)."""
    tool, major, line = find_tool("pg_dump", server_major(engine))
    conninfo, env = _libpq(url)
    repeatable = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    with repeatable as connection, connection.begin():
        snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        facts = _facts(connection)
        _run(
            [
                tool,
                "--format=custom",
                "--compress=0",  # the archive around it is gzip'd once
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={dest}",
                f"--dbname={conninfo}",
            ],
            env,
            "pg_dump",
        )
    return Facts(facts.revision, facts.audit_seq, facts.audit_row_hash, line, major)


def _facts(connection: Connection) -> Facts:
    try:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        seq, row_hash = connection.execute(
            text("SELECT seq, row_hash FROM audit_head WHERE id = 1")
        ).one()
    except SQLAlchemyError:
        raise BackupError(
            "the database has no kwportal schema: run kwportal migrate first"
        ) from None
    return Facts(revision=str(revision), audit_seq=int(seq), audit_row_hash=str(row_hash), tool="")


def require_empty(engine: Engine) -> None:
    """A restore goes into an empty database only: one with any table, view or sequence of
    its own is refused (restoring over data would mix two histories)."""
    query = text(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'"
    )
    try:
        with engine.connect() as connection:
            count = connection.execute(query).scalar_one()
    except SQLAlchemyError as error:
        raise BackupError(
            f"cannot reach the target database ({_cause(error)}): create it first, empty (createdb)"
        ) from None
    if count:
        raise BackupError(
            f"the target database is not empty ({count} tables, views or sequences): a "
            "restore goes into a new, empty database only (nothing was changed)"
        )


def restore(engine: Engine, url: str, dump_file: Path, dump_major: int) -> None:
    """``pg_restore`` in one transaction: all of the dump, or (on any error) nothing."""
    tool, _major_found, _line = find_tool("pg_restore", max(dump_major, server_major(engine)))
    conninfo, env = _libpq(url)
    _run(
        [
            tool,
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={conninfo}",
            str(dump_file),
        ],
        env,
        "pg_restore",
    )
