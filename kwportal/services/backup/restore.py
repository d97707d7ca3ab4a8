"""``kwportal restore``: a backup into a new SQLite file or an empty PostgreSQL database.

Everything that can be checked is checked before the target is touched: the file is an age
file our key or passphrase opens, the manifest is ours (sealed under the portal's secret
key) and of a format version we read, the dump matches its SHA-256, the database kind fits
and the schema is one this kwportal knows. A SQLite restore is built beside the target
and gets the target's name in one step; a PostgreSQL restore is one transaction. An older
schema is migrated to head, then the audit chain is walked.

A restore whose audit chain does not verify keeps the restored database: it may be the
only copy of the data, and the broken chain is evidence. ``restore_done`` records the
outcome and the command exits 1 with a loud message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

from kwportal.db import make_engine, read_transaction
from kwportal.migrate import alembic_config, upgrade
from kwportal.services import audit
from kwportal.services.backup import BackupError, postgres, sqlite_copy
from kwportal.services.backup.archive import (
    SQLITE,
    Manifest,
    private_dir,
    private_file,
    put_in_place,
    unpack,
)
from kwportal.services.backup.make import database_kind, record_event, sync_dir
from kwportal.services.backup.sealing import Key, open_sealed

RESTORED = "restore_done"


@dataclass(frozen=True, slots=True)
class Restored:
    manifest: Manifest
    target: str
    migrated_to: str
    chain: audit.ChainReport
    head_matches: bool
    totp_key_differs: bool

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.head_matches

    def summary(self) -> list[str]:
        m = self.manifest
        lines = [
            f"restored the {m.database} backup of {m.created_at} into {self.target}",
            f"  schema revision {m.alembic_revision}"
            + (
                f", migrated to {self.migrated_to}"
                if self.migrated_to != m.alembic_revision
                else ""
            ),
        ]
        if self.ok:
            lines.append(
                f"audit chain intact: {self.chain.rows} events; its head ({m.audit_seq}) is "
                "the one the backup recorded"
            )
            lines.append(
                "run `kwportal retention run` now: files destroyed after the backup was made "
                "are back and must go again"
            )
        if self.totp_key_differs:
            lines.append(
                f"note: the TOTP secrets in this backup are sealed with key {m.totp_key_id}: set "
                "KWPORTAL_TOTP_KEY (or KWPORTAL_TOTP_KEY_OLD) to that key"
            )
        return lines

    def failure(self) -> str:
        """The loud message when the restored audit chain does not verify."""
        if not self.chain.ok:
            where = (
                f"chain {self.chain.chain!r} broken at sequence number "
                f"{self.chain.first_bad_seq}: {self.chain.reason}"
            )
        else:
            where = "intact, but its head is not the one the backup recorded"
        return (
            f"AUDIT CHAIN NOT VERIFIED after the restore: {where}. The restored database is "
            "kept for investigation; do not start the portal on it before the cause is known"
        )


def _schema_head(manifest: Manifest) -> str:
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = str(scripts.get_current_head())
    if manifest.alembic_revision not in {rev.revision for rev in scripts.walk_revisions()}:
        raise BackupError(
            f"this backup's schema is at revision {manifest.alembic_revision!r}, which this "
            f"kwportal does not know (it knows up to {head!r}): restore it with a newer kwportal"
        )
    return head


def restore_backup(
    sealed: Path, url: str, key: Key, *, secret: str, totp_key_id: str = ""
) -> Restored:
    """Restore ``sealed`` into the (new, empty) database at ``url``."""
    if not sealed.is_file():
        raise BackupError(f"there is no file {sealed}")
    kind = database_kind(url)
    target = sqlite_copy.database_path(url) if kind == SQLITE else None
    engine = make_engine(url)
    try:
        if target is None:
            postgres.require_empty(engine)
        else:
            sqlite_copy.require_absent(target)
        with private_dir(target.parent if target else None) as work:
            manifest, dump, head = _opened(sealed, work, key, secret, kind)
            if target is not None:
                return _into_sqlite(dump, target, manifest, head, secret, totp_key_id)
            postgres.restore(engine, url, dump, manifest.tool_major)
            shown = engine.url.render_as_string(hide_password=True)
            return _finish(engine, manifest, head, shown, secret, totp_key_id)
    except OSError as error:  # the disk (full, not writable), not the backup
        raise BackupError(f"the restore could not write: {error.strerror}") from None
    finally:
        engine.dispose()


def _opened(
    sealed: Path, work: Path, key: Key, secret: str, kind: str
) -> tuple[Manifest, Path, str]:
    """The checked manifest, the dump (in ``work``) and the schema head to migrate to."""
    plain = private_file(work / "archive.tar.gz")
    open_sealed(sealed, plain, key)
    manifest, dump = unpack(plain, work, secret)
    plain.unlink()
    if manifest.database != kind:
        raise BackupError(
            f"this is a backup of a {manifest.database} database; the configured database "
            f"is {kind}: restore it into a {manifest.database} database"
        )
    return manifest, dump, _schema_head(manifest)


def _into_sqlite(
    dump: Path, target: Path, manifest: Manifest, head: str, secret: str, totp: str
) -> Restored:
    """Migrate, verify and record in the staged copy beside the target, then give it the
    target's name in one step."""
    sqlite_copy.check_restored(dump)
    staged = make_engine(f"sqlite:///{dump}")
    try:
        done = _finish(staged, manifest, head, str(target), secret, totp)
    finally:
        staged.dispose()
    sqlite_copy.settle(dump)
    put_in_place(dump, target)
    sync_dir(target.parent)
    return done


def _finish(
    engine: Engine, manifest: Manifest, head: str, where: str, secret: str, totp: str
) -> Restored:
    """Migrate to ``head`` when the backup is older, walk the audit chain, record the restore."""
    with engine.connect() as connection:
        seq, row_hash = connection.execute(
            text("SELECT seq, row_hash FROM audit_head WHERE id = 1")
        ).one()
    head_matches = (int(seq), str(row_hash)) == (manifest.audit_seq, manifest.audit_row_hash)
    migrated_to = upgrade(engine, secret=secret) if manifest.alembic_revision != head else head
    with read_transaction(engine) as session:
        chain = audit.verify_chain(session, secret=secret)
    details = {
        "dump_sha256": manifest.dump_sha256,
        "backup_created_at": manifest.created_at,
        "database": manifest.database,
        "revision_from": manifest.alembic_revision,
        "revision_to": migrated_to,
        "audit_head_seq": manifest.audit_seq,
        "audit_head_matches": head_matches,
        "audit_chain": (
            "intact"
            if chain.ok
            else f"broken at {chain.first_bad_seq} in chain {chain.chain}: {chain.reason}"
        ),
    }
    record_event(engine, RESTORED, audit.Action.CREATE, details, secret)
    differs = bool(totp and manifest.totp_key_id and totp != manifest.totp_key_id)
    return Restored(manifest, where, migrated_to, chain, head_matches, differs)
