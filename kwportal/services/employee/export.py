"""Download my data (issue 5 item 5; AVG art. 15 access and art. 20 portability).

One call builds the whole export as a ZIP into a binary file the caller gives::

    write_export(session, employee_id, out, *, lang, now, actor, access, secret)
        -> ExportSummary

- ``export.json``: every record, grouped by category, machine-readable; its JSON Schema is
  ``docs/export.schema.json``.
- ``export.pdf``: the same, readable, in Dutch or English (``lang``).
- ``manifest.json``: the SHA-256 of both files, who, when; ``manifest.jws``: a compact JWS
  (``services/signing``, typ :data:`MANIFEST_TYP`) over exactly that manifest, checkable
  against the key at ``/.well-known/kwportal-signing-key.json``.

Who may call it: the employee for himself (ground: his own data), nobody else. An access
request is answered by delivering this export to his own page, never to the privacy desk
(kwportal/services/privacy/access_export.py); his download stamps the requests delivered
to him, so the desk sees when he fetched it. The export is audited in the caller's
transaction (event ``data_export``, action export).

Memory: records are read in batches and the JSON goes to a spooled temporary file, so a
20-year dossier is never in memory whole; only the PDF document itself is (fpdf2 builds it
there). Give ``out`` a ``tempfile.SpooledTemporaryFile`` and stream it afterwards.

One export per person at a time: wrap the call in :func:`export_lock` (its own short
transactions), which refuses a second one with :class:`ExportBusyError` while the first
runs, and takes over a lock older than :data:`STALE_AFTER` (a crashed worker).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import IO, Any, BinaryIO

from sqlalchemy import delete, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from kwportal.db import transaction
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.i18n import normalise_language, t
from kwportal.i18n.fmt import fmt_datetime
from kwportal.models import Employee, JobLock
from kwportal.services import audit, signing
from kwportal.services.employee.export_data import SECTIONS, records
from kwportal.services.employee.export_pdf import ExportPdf
from kwportal.services.privacy import access_export
from kwportal.services.unit import Ctx, use_case

FORMAT = "kwportal-export"
FORMAT_VERSION = 1
MANIFEST_TYP = "kwportal-export-manifest+jws"
STALE_AFTER = timedelta(minutes=15)
SPOOL_BYTES = 4 * 1024 * 1024
CHUNK = 64 * 1024


class ExportError(PermissionError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class ExportBusyError(ExportError):
    """Another export of the same person is running."""


@dataclass(frozen=True, slots=True)
class ExportSummary:
    employee_id: int
    records: int
    files: dict[str, str]
    filename: str


def _ground(actor: Actor, employee_id: int) -> audit.Ground:
    if actor.role is Role.EMPLOYEE and actor.employee_id == employee_id:
        return audit.Ground.OWN_DATA
    raise ExportError("auth.not_allowed")


def write_export(
    session: Session,
    employee_id: int,
    out: BinaryIO,
    *,
    lang: str,
    now: datetime,
    actor: Actor,
    access: audit.AccessPoint,
    secret: str,
) -> ExportSummary:
    """Write the ZIP of everything about ``employee_id`` into ``out`` (see the module)."""
    ground = _ground(actor, employee_id)
    person = session.get(Employee, employee_id)
    if person is None:
        raise ExportError("export.unknown")
    lang = normalise_language(lang)
    stamp = now.astimezone(UTC).isoformat(timespec="seconds")
    pdf = ExportPdf(
        lang,
        title=t("export.pdf_title", lang),
        subtitle=t("export.pdf_subtitle", lang)
        .replace("{name}", f"{person.first_name} {person.last_name}")
        .replace("{date}", fmt_datetime(now, lang)),
    )
    digests: dict[str, str] = {}
    total = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
            total = _write_json(session, employee_id, spool, pdf, lang=lang, stamp=stamp)
            spool.seek(0)
            digests["export.json"] = _store(archive, "export.json", spool)
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
            spool.write(pdf.output())
            spool.seek(0)
            digests["export.pdf"] = _store(archive, "export.pdf", spool)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "subject": f"urn:kwportal:employee:{employee_id}",
            "generated_at": stamp,
            "records": total,
            "files": {name: {"sha256": digest} for name, digest in digests.items()},
        }
        archive.writestr("manifest.json", signing.canonical(manifest))
        archive.writestr("manifest.jws", signing.sign(manifest, typ=MANIFEST_TYP))
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="data_export",
        action=audit.Action.EXPORT,
        ground=ground,
        subject_employee_id=employee_id,
        objects=[audit.ObjectRef(s.category, s.name, None) for s in SECTIONS],
        details={"records": total, "sha256": digests},
        secret=secret,
        now=now,
    )
    filename = f"kwportal-export-{employee_id}-{now:%Y%m%d}.zip"
    return ExportSummary(employee_id, total, digests, filename)


def _store(archive: zipfile.ZipFile, name: str, source: IO[bytes]) -> str:
    digest = hashlib.sha256()
    with archive.open(name, "w") as target:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            target.write(chunk)
    return digest.hexdigest()


def _write_json(
    session: Session, employee_id: int, spool: IO[bytes], pdf: ExportPdf, *, lang: str, stamp: str
) -> int:
    """Stream the JSON document section by section, filling the PDF on the way."""
    head = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated_at": stamp,
        "language": lang,
        "subject": f"urn:kwportal:employee:{employee_id}",
        "controller": "KrachtWerkt BV",
    }
    spool.write(json.dumps(head, ensure_ascii=False)[:-1].encode() + b', "sections": {')
    total = 0
    for index, section in enumerate(SECTIONS):
        pdf.section(section.name)
        spool.write(b", " if index else b"")
        spool.write(json.dumps(section.name).encode() + b": [")
        count = 0
        for record in records(session, employee_id, section.name):
            spool.write((b", " if count else b"") + _dump(record))
            pdf.record(record)
            count += 1
        if not count:
            pdf.empty()
        spool.write(b"]")
        total += count
    spool.write(b"}}")
    return total


def _dump(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()


@contextmanager
def export_lock(employee_id: int, engine: Engine | None = None) -> Iterator[None]:
    """Hold the one export slot of ``employee_id`` (a job_lock row) for the block."""
    name, holder = f"export:{employee_id}", uuid.uuid4().hex
    try:
        with transaction(engine) as session:
            session.add(JobLock(name=name, holder=holder))
    except IntegrityError:
        _take_over_stale(name, holder, engine)
    try:
        yield
    finally:
        with transaction(engine) as session:
            session.execute(
                delete(JobLock).where(col(JobLock.name) == name, col(JobLock.holder) == holder)
            )


def _take_over_stale(name: str, holder: str, engine: Engine | None) -> None:
    cutoff = datetime.now(UTC) - STALE_AFTER
    with transaction(engine) as session:
        taken = session.execute(
            update(JobLock)
            .where(col(JobLock.name) == name, col(JobLock.acquired_at) < cutoff)
            .values(holder=holder, acquired_at=datetime.now(UTC))
        )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        raise ExportBusyError("export.busy")


# --- use cases: "download my data" (the download route hands them to the runner) ---
# The export lock is its own short transactions (other workers must see it at once), so it
# is held around the unit that writes the export, never inside it: the route runs
# ``do_begin_export`` (the gate, today's first step), takes ``export_lock`` for the id it
# returns, and runs ``do_export`` under it.


@use_case(Role.EMPLOYEE, person=True, step_up=True)
def do_begin_export(actor: Actor, *, ctx: Ctx) -> int:
    """His own person, after a fresh code: the id whose export slot the route takes."""
    return require(actor, Role.EMPLOYEE, has="employee_id", error=ExportError)


@use_case(Role.EMPLOYEE, person=True, step_up=True)
def do_export(actor: Actor, out: BinaryIO, lang: str, *, ctx: Ctx) -> ExportSummary:
    """The ZIP of all his data into ``out``, audited in the same unit; an export delivered
    to him in answer to his access request is marked downloaded."""
    employee_id = require(actor, Role.EMPLOYEE, has="employee_id", error=ExportError)
    summary = write_export(
        ctx.session,
        employee_id,
        out,
        lang=lang,
        now=ctx.now,
        actor=actor,
        access=ctx.access,
        secret=ctx.secret,
    )
    access_export.mark_downloaded(
        ctx.session, actor, employee_id, now=ctx.now, access=ctx.access, secret=ctx.secret
    )
    return summary
