"""The transfer package for a new arbodienst (seed ch. 1, Bewaartermijn: "dragen wij
persoonsgegevens die verband houden met lopende ziektegevallen over aan de nieuwe
bedrijfsarts of arbodienst"; seed ch. 3 D).

A ZIP with the open cases as JSON, a readable summary, ``manifest.json`` holding the SHA-256
and size of each file, and ``manifest.jws``: the manifest signed with the portal's Ed25519
key (kwportal/services/signing.py), checkable against the key we publish. Built in memory on
the server by the company doctor's release (kwportal/services/case/transfer.py), which
encrypts it to the receiving arbodienst before it leaves the service layer: its content
never enters a Reflex state, and no one but the recipient can open the file that downloads.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_datetime
from kwportal.models import (
    Account,
    Appointment,
    CaseDocument,
    CaseHelper,
    CaseMessage,
    CasePlan,
    CaseUpload,
    Employee,
    EmployerFeedback,
    MedicalNote,
    MedicalStatement,
    Organisation,
    QuestionnaireAnswer,
    SickLeaveCase,
    SickReport,
)
from kwportal.services import signing

FORMAT = "kwportal-transfer/1"
ISSUER = "KrachtWerkt"
MANIFEST_TYP = "kwportal-transfer-manifest+jws"
DATA_FILE = "dossier.json"
SUMMARY_FILE = "samenvatting.txt"
MANIFEST_FILE = "manifest.json"
SIGNATURE_FILE = "manifest.jws"
#: what a transfer package holds, for the disclosure record
CATEGORIES = (
    "identity",
    "employment",
    "absence",
    "absence_health",
    "care_address",
    "employer_record",
    "medical",
    "employer_feedback",
)
#: per case: (key in the document, table, the category the audit row names)
CASE_PARTS: tuple[tuple[str, Any, str], ...] = (
    ("sick_report", SickReport, "employer_record"),
    ("medical_notes", MedicalNote, "medical"),
    # the employee's own statements (WGBO art. 7:454 lid 1): one about a note travels inside
    # that note (``NOTE_STATEMENTS``), next to the text it disputes, which stays; here only
    # those about the file of the case as a whole
    ("medical_statements", MedicalStatement, "medical"),
    ("questionnaire_answers", QuestionnaireAnswer, "medical"),
    ("employer_feedback", EmployerFeedback, "employer_feedback"),
    ("appointments", Appointment, "absence"),
    ("helpers", CaseHelper, "absence"),
    ("documents", CaseDocument, "medical"),
    ("plans", CasePlan, "employer_record"),
    ("uploads", CaseUpload, "medical"),
    ("messages", CaseMessage, "medical"),
)
#: in a note of the package: the employee's statements about that very note
NOTE_STATEMENTS = "employee_statements"
_STAFF_FIELDS = (
    "added_by_account_id",
    "author_account_id",
    "with_account_id",
    "released_by_account_id",
    "reported_by_account_id",
)
_DROP = frozenset({"transferred_at", "transfer_confirmed_on"})


@dataclass(frozen=True, slots=True)
class Package:
    filename: str
    content: bytes
    sha256: str
    manifest: dict[str, Any]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):  # an uploaded file travels with the case
        return base64.b64encode(value).decode("ascii")
    return value


def _fields(row: Any) -> dict[str, Any]:
    return {n: _plain(getattr(row, n)) for n in type(row).model_fields if n not in _DROP}


def _rows(session: Session, table: Any, case_id: int) -> list[Any]:
    return list(session.exec(select(table).where(table.case_id == case_id).order_by(table.id)))


def collect(
    session: Session, person: Employee, cases: Sequence[SickLeaveCase], *, recipient: str
) -> dict[str, Any]:
    """The document: the employee, his employer, and every open case with what belongs to
    it. Staff appear by name and function, so the new doctor knows who wrote what."""
    employer = session.get(Organisation, person.organisation_id)
    staff: set[int] = set()
    documents = []
    for case in cases:
        assert case.id is not None
        entry: dict[str, Any] = {"case": _fields(case)}
        for key, table, _category in CASE_PARTS:
            rows = _rows(session, table, case.id)
            entry[key] = [_fields(row) for row in rows]
            staff.update(getattr(r, f) for r in rows for f in _STAFF_FIELDS if hasattr(r, f))
        _statements_beside_notes(entry)
        documents.append(entry)
    accounts = session.exec(select(Account).where(col(Account.id).in_(staff - {None}))).all()
    return {
        "format": FORMAT,
        "issuer": ISSUER,
        "recipient": recipient,
        "employee": _fields(person),
        "employer": _fields(employer) if employer else None,
        "staff": {str(a.id): {"name": a.display_name, "role": a.role} for a in accounts},
        "cases": documents,
    }


def _statements_beside_notes(entry: dict[str, Any]) -> None:
    """Each statement about a note goes inside that note, so the new doctor reads it next to
    the disputed text; a statement about the file as a whole (or about a note that is not in
    the package) stays in the case's ``medical_statements``."""
    notes = {note["id"]: note for note in entry["medical_notes"]}
    for note in notes.values():
        note[NOTE_STATEMENTS] = []
    loose = []
    for statement in entry["medical_statements"]:
        note = notes.get(statement["note_id"])
        if note is None:
            loose.append(statement)
        else:
            note[NOTE_STATEMENTS].append(statement)
    entry["medical_statements"] = loose


def summary(document: dict[str, Any], created_at: datetime, lang: str) -> str:
    """The same content as plain text, for a person to read."""
    person, lines = document["employee"], []
    lines += [
        t("transfer.summary_title", lang),
        f"{t('transfer.summary_from', lang)}: {ISSUER}",
        f"{t('transfer.summary_to', lang)}: {document['recipient']}",
        f"{t('transfer.summary_created', lang)}: {fmt_datetime(created_at, lang)}",
        f"{t('transfer.summary_employee', lang)}: {person['first_name']} {person['last_name']}"
        f" ({person['personnel_number']}), {person['date_of_birth'] or '-'}",
    ]
    if document["employer"]:
        lines.append(f"{t('transfer.summary_employer', lang)}: {document['employer']['name']}")
    for entry in document["cases"]:
        case = entry["case"]
        lines += ["", "=" * 60, f"{t('transfer.summary_case', lang)} {case['id']}"]
        lines += _block(case)
        for key, _table, _category in CASE_PARTS:
            lines += ["", f"-- {t('transfer.part.' + key, lang)} ({len(entry[key])})"]
            for row in entry[key]:
                lines += [*_block(row), *_beside(row, lang), ""]
    lines += ["", t("transfer.summary_verify", lang)]
    return "\n".join(lines) + "\n"


def _block(row: dict[str, Any]) -> list[str]:
    return [
        f"  {key}: {value}"
        for key, value in row.items()
        if value not in (None, "") and key != NOTE_STATEMENTS
    ]


def _beside(row: dict[str, Any], lang: str) -> list[str]:
    """Under a disputed note: the employee's statements about it, each in full."""
    lines: list[str] = []
    for statement in row.get(NOTE_STATEMENTS) or ():
        lines += [f"  >> {t('transfer.note_statement', lang)}"]
        lines += [f"  {line}" for line in _block(statement)]
    return lines


def _zip(files: Iterable[tuple[str, bytes]], moment: datetime) -> bytes:
    buffer = io.BytesIO()
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def build(
    document: dict[str, Any],
    *,
    package_id: str,
    created_at: datetime,
    key_url: str,
    lang: str = "nl",
    pem: str | None = None,
) -> Package:
    """The signed ZIP. The manifest names every other file with its SHA-256."""
    data = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode()
    files = [(DATA_FILE, data), (SUMMARY_FILE, summary(document, created_at, lang).encode())]
    manifest = {
        "format": FORMAT,
        "package_id": package_id,
        "issuer": ISSUER,
        "recipient": document["recipient"],
        "created_at": created_at.isoformat(),
        "signing_key": key_url,
        "files": [
            {"name": name, "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body)}
            for name, body in files
        ],
    }
    token = signing.sign(manifest, typ=MANIFEST_TYP, pem=pem)
    files += [(MANIFEST_FILE, signing.canonical(manifest)), (SIGNATURE_FILE, token.encode())]
    content = _zip(files, created_at)
    return Package(
        filename=f"overdracht-{package_id}.zip",
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        manifest=manifest,
    )


def verify(content: bytes, jwk: dict[str, Any] | None = None) -> dict[str, Any]:
    """Check a package as the recipient would: the signature over the manifest, the manifest
    equal to the signed payload, every file's hash. Returns the manifest; raises
    :class:`signing.SignatureError` on any mismatch."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        _header, payload = signing.verify(archive.read(SIGNATURE_FILE).decode(), jwk)
        if json.loads(archive.read(MANIFEST_FILE)) != payload:
            raise signing.SignatureError("manifest.json differs from the signed manifest")
        for item in payload["files"]:
            body = archive.read(item["name"])
            if hashlib.sha256(body).hexdigest() != item["sha256"]:
                raise signing.SignatureError(f"{item['name']} does not match its hash")
    return payload
