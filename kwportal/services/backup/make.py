"""``kwportal backup``: a consistent copy of the live database, packed with its manifest and
encrypted with age (see the package docstring).

The file is written under a temporary name beside its destination and gets its final name
only when complete: an unwritable place or a failure half-way leaves nothing behind. The
``backup_made`` audit row follows; if it cannot be written, the file is removed again."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from kwportal.db import make_engine, transaction
from kwportal.services import audit
from kwportal.services.backup import BackupError, postgres, sqlite_copy
from kwportal.services.backup.archive import (
    DUMP_NAMES,
    POSTGRESQL,
    SQLITE,
    Manifest,
    key_id,
    manifest_bytes,
    pack,
    private_dir,
    private_file,
    put_in_place,
    sha256_of,
)
from kwportal.services.backup.sealing import Lock, seal
from kwportal.services.backup.sqlite_copy import Facts

MADE = "backup_made"
SUFFIX = ".backup.age"


@dataclass(frozen=True, slots=True)
class Made:
    path: Path
    manifest: Manifest
    sha256: str
    size: int
    method: str

    def summary(self) -> list[str]:
        m = self.manifest
        return [
            f"backup written: {self.path} ({self.size:,} bytes, {self.method})",
            f"  {m.database} database at schema revision {m.alembic_revision}; audit chain "
            f"head {m.audit_seq}; sha256 {self.sha256}",
        ]


def database_kind(url: str) -> str:
    return POSTGRESQL if url.startswith("postgresql") else SQLITE


def destination(out: Path, now: datetime) -> Path:
    """``out`` itself, or a dated name inside it when it is a directory; never an existing
    file (a backup does not replace another)."""
    if out.is_dir():
        out = out / f"kwportal-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}{SUFFIX}"
    if out.exists():
        raise BackupError(f"{out} exists: a backup never replaces another file")
    if not out.parent.is_dir():
        raise BackupError(f"cannot write to {out.parent}: not a directory")
    return out


def _partial(final: Path) -> Path:
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{final.name}.", suffix=".partial", dir=final.parent
        )
    except OSError as error:
        raise BackupError(f"cannot write to {final.parent}: {error.strerror}") from None
    os.close(handle)
    return Path(name)


def _take(kind: str, engine: Engine, url: str, dump: Path) -> Facts:
    if kind == SQLITE:
        return sqlite_copy.snapshot(sqlite_copy.database_path(url), dump)
    return postgres.dump(engine, url, dump)


def _manifest(
    kind: str, facts: Facts, dump: Path, secret: str, totp: str, now: datetime
) -> Manifest:
    return Manifest(
        database=kind,
        dump=DUMP_NAMES[kind],
        dump_sha256=sha256_of(dump),
        dump_bytes=dump.stat().st_size,
        alembic_revision=facts.revision,
        created_at=now.astimezone(UTC).isoformat(timespec="seconds"),
        audit_seq=facts.audit_seq,
        audit_row_hash=facts.audit_row_hash,
        secret_key_id=key_id(secret),
        totp_key_id=totp,
        tool=facts.tool,
        tool_major=facts.tool_major,
        kwportal_version=version("kwportal"),
    )


def make_backup(
    url: str,
    out: Path,
    lock: Lock,
    *,
    secret: str,
    totp_key_id: str = "",
    now: datetime | None = None,
) -> Made:
    """Back up the database at ``url`` into ``out`` (a file name or a directory)."""
    now = now or datetime.now(UTC)
    final = destination(out, now)
    kind = database_kind(url)
    partial = _partial(final)
    engine = make_engine(url)
    try:
        manifest = _sealed_copy(kind, engine, url, partial, lock, secret, totp_key_id, now)
        made = Made(final, manifest, sha256_of(partial), partial.stat().st_size, lock.method)
        put_in_place(partial, final)
        sync_dir(final.parent)
        try:
            _record_backup(engine, made, lock, secret)
        except SQLAlchemyError:
            final.unlink(missing_ok=True)
            raise BackupError(
                "the backup could not be recorded in the audit log, so it was removed"
            ) from None
        return made
    finally:
        partial.unlink(missing_ok=True)
        engine.dispose()


def _sealed_copy(
    kind: str,
    engine: Engine,
    url: str,
    partial: Path,
    lock: Lock,
    secret: str,
    totp_key_id: str,
    now: datetime,
) -> Manifest:
    """Dump, pack and encrypt into ``partial``; the plaintext only in a private directory."""
    try:
        with private_dir() as work:
            dump = private_file(work / DUMP_NAMES[kind])
            facts = _take(kind, engine, url, dump)
            manifest = _manifest(kind, facts, dump, secret, totp_key_id, now)
            archive = private_file(work / "archive.tar.gz")
            pack(archive, manifest_bytes(manifest, secret), dump, manifest.dump)
            dump.unlink()
            _write_sealed(archive, partial, lock)
    except OSError as error:  # the temporary directory: full, or not writable
        raise BackupError(
            f"the backup failed in {tempfile.gettempdir()}: {error.strerror}"
        ) from None
    return manifest


def _write_sealed(archive: Path, partial: Path, lock: Lock) -> None:
    try:
        with partial.open("wb") as handle:
            seal(archive, handle, lock)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        raise BackupError(f"cannot write to {partial.parent}: {error.strerror}") from None


def sync_dir(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _record_backup(engine: Engine, made: Made, lock: Lock, secret: str) -> None:
    manifest = made.manifest
    details = {
        "file": made.path.name,
        "sha256": made.sha256,
        "bytes": made.size,
        "dump_sha256": manifest.dump_sha256,
        "database": manifest.database,
        "revision": manifest.alembic_revision,
        "audit_head_seq": manifest.audit_seq,
        "encryption": made.method,
        "recipients": list(lock.recipients),
    }
    record_event(engine, MADE, audit.Action.EXPORT, details, secret)


def record_event(
    engine: Engine, event: str, action: audit.Action, details: dict[str, Any], secret: str
) -> None:
    with transaction(engine) as session:
        write = audit.record if audit.has_chains(session) else audit.record_unchained
        write(
            session,
            actor=audit.SYSTEM_ACTOR,
            access=audit.CLI,
            event_type=event,
            action=action,
            ground=audit.Ground.SECURITY,
            details=details,
            secret=secret,
        )
