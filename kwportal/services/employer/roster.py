"""Roster import for the employer: upload, preview, then one transaction (issue 6 item 6),
storing only the people in care (issue 17 item 1; seed ch. 1: "alleen noodzakelijke
persoonsgegevens worden verwerkt van werknemers waarop de zorgverlening start. Indien er
geen zorg wordt verleend, krijgt KrachtWerkt dus geen beschikking over persoonsgegevens van
werknemers").

The uploaded file is staged in ``roster_upload`` (never in a Reflex state) for its preview,
at most a day (:func:`purge_stale_uploads`): the preview reads it and shows counts and errors
by line and column, no cell values; only a file without errors can be applied, all rows or
none, and applying deletes it. The key is organisation + personnel number. A row updates the
employment facts (:data:`~kwportal.domain.policy.ROSTER_UPDATES`) of a person who has a case;
every other row is counted and dropped — never stored, never audited by name. What is kept
of the whole file is counts: people and employed days per department and quarter
(:mod:`kwportal.domain.workforce`), the denominator of the anonymised absence percentage;
each import replaces them (the file is the whole workforce, leavers of the last two years
with their end date). A person comes in with his sick report, never with the roster.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, insert, update
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain import workforce
from kwportal.domain.categories import Category
from kwportal.domain.policy import ROSTER_UPDATES, Actor, require, roster_keeps
from kwportal.domain.roles import Role
from kwportal.models import Employee, RosterUpload, SickLeaveCase, WorkforceFigure
from kwportal.models.base import utcnow
from kwportal.services import audit
from kwportal.services.employer.roster_csv import FileError, ParsedRoster, RowError, parse
from kwportal.services.unit import Ctx, use_case

STAGED_FOR = timedelta(days=1)
"""An upload not applied within a day is deleted (at the next upload, and by the hourly job)."""
MAX_FILENAME = 200
YEARS_BACK = 2
"""Workforce counts for this year and the two before (the years the reports offer)."""
UPDATABLE = ROSTER_UPDATES
#: a blank cell never erases these (a date of birth moves the radiation term)
KEPT_WHEN_BLANK = frozenset({"date_of_birth"})
#: facts that move the retention term: their old and new value go into the audit row
RETENTION_FACTS = frozenset({"employment_end", "date_of_birth"})
_TEXT = ("email", "department", "job_title")


class RosterError(ValueError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code} {detail}".strip())
        self.code, self.detail = code, detail


@dataclass(frozen=True, slots=True)
class Preview:
    upload_id: int
    filename: str
    encoding: str
    delimiter: str
    columns: tuple[str, ...]
    rows: int
    to_update: int
    unchanged: int
    #: rows of people without a case: counted, not stored
    dropped: int
    errors: tuple[RowError, ...]
    error_count: int


@dataclass(frozen=True, slots=True)
class Applied:
    rows: int
    updated: int
    unchanged: int
    dropped: int


@dataclass(frozen=True, slots=True)
class _Plan:
    updates: list[dict[str, Any]]
    unchanged: int
    dropped: int
    #: per updated person: the changed fields (old, new)
    changes: dict[int, dict[str, tuple[Any, Any]]]


def _organisation(actor: Actor) -> int:
    return require(actor, Role.EMPLOYER_CONTACT, has="organisation_id", error=PermissionError)


def stage(
    actor: Actor,
    filename: str,
    content: bytes,
    *,
    session: Session,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """Keep the file for its preview; earlier uploads of the account and stale ones go."""
    organisation_id = _organisation(actor)
    assert actor.account_id is not None
    session.execute(
        delete(RosterUpload).where(
            (col(RosterUpload.account_id) == actor.account_id)
            | (col(RosterUpload.uploaded_at) < utcnow() - STAGED_FOR)
        )
    )
    upload = RosterUpload(
        organisation_id=organisation_id,
        account_id=actor.account_id,
        filename=filename.replace("\x00", "")[:MAX_FILENAME],
        content=content,
    )
    session.add(upload)
    session.flush()
    assert upload.id is not None
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="roster_upload",
        action=audit.Action.CREATE,
        ground=audit.Ground.CONTRACT,
        objects=[audit.ObjectRef(str(Category.EMPLOYMENT), "roster_upload", upload.id)],
        details={"bytes": len(content)},
        secret=secret,
    )
    return upload.id


def _upload(actor: Actor, upload_id: int, session: Session, *, lock: bool = False) -> RosterUpload:
    query = select(RosterUpload).where(
        col(RosterUpload.id) == upload_id,
        col(RosterUpload.account_id) == actor.account_id,
        col(RosterUpload.organisation_id) == _organisation(actor),
    )
    found = session.exec(query.with_for_update() if lock else query).first()
    if found is None:
        raise RosterError("roster.error.no_upload")
    return found


def _parsed(upload: RosterUpload, today: date | None = None) -> ParsedRoster:
    try:
        return parse(upload.content, today=today)
    except FileError as error:
        raise RosterError(error.code, error.detail) from None


def _in_care(session: Session, organisation_id: int) -> dict[str, dict[str, Any]]:
    """The organisation's people who have a case (open or closed), by personnel number."""
    has_case = exists().where(col(SickLeaveCase.employee_id) == col(Employee.id))
    rows = session.execute(
        select_rows(
            col(Employee.id),
            col(Employee.personnel_number),
            *(getattr(Employee, name) for name in UPDATABLE),
        ).where(col(Employee.organisation_id) == organisation_id, has_case)
    ).all()
    return {row.personnel_number: dict(row._mapping) for row in rows}


def _plan(parsed: ParsedRoster, in_care: dict[str, dict[str, Any]]) -> _Plan:
    fields = [c for c in parsed.columns if c in UPDATABLE]
    updates: list[dict[str, Any]] = []
    changes: dict[int, dict[str, tuple[Any, Any]]] = {}
    unchanged = dropped = 0
    for row in parsed.rows:
        known = in_care.get(row.personnel_number)
        if not roster_keeps(has_case=known is not None):
            dropped += 1
            continue
        assert known is not None
        values: dict[str, Any] = {}
        for name in fields:
            value = row.values.get(name)
            if value is None and name in _TEXT:
                value = ""
            if value is None and name in KEPT_WHEN_BLANK:
                value = known[name]
            values[name] = value
        changed = {n: (known[n], v) for n, v in values.items() if known[n] != v}
        if changed:
            updates.append({"id": known["id"], **values})
            changes[known["id"]] = changed
        else:
            unchanged += 1
    return _Plan(updates, unchanged, dropped, changes)


def preview(
    actor: Actor, upload_id: int, *, session: Session, today: date | None = None
) -> Preview:
    upload = _upload(actor, upload_id, session)
    parsed = _parsed(upload, today)
    plan = _plan(parsed, _in_care(session, upload.organisation_id))
    assert upload.id is not None
    return Preview(
        upload_id=upload.id,
        filename=upload.filename,
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
        columns=parsed.columns,
        rows=len(parsed.rows) + len({e.line for e in parsed.errors}),
        to_update=len(plan.updates),
        unchanged=plan.unchanged,
        dropped=plan.dropped,
        errors=parsed.errors,
        error_count=parsed.error_count,
    )


def replace_figures(
    session: Session,
    organisation_id: int,
    people: list[tuple[str, date | None, date | None]],
    *,
    today: date,
    now: datetime | None = None,
) -> int:
    """Replace the organisation's workforce counts by those of ``people`` (department,
    start, end) for this year and :data:`YEARS_BACK` before; the rows written."""
    years = range(today.year - YEARS_BACK, today.year + 1)
    counted = workforce.figures(people, years)
    session.execute(
        delete(WorkforceFigure).where(col(WorkforceFigure.organisation_id) == organisation_id)
    )
    at = now or utcnow()
    rows = [
        {
            "organisation_id": organisation_id,
            "department": department,
            "year": year,
            "quarter": quarter,
            "people": figure.people,
            "employed_days": figure.employed_days,
            "imported_at": at,
        }
        for (department, year, quarter), figure in sorted(counted.items())
    ]
    if rows:
        session.execute(insert(WorkforceFigure), rows)
    return len(rows)


def _workforce(parsed: ParsedRoster) -> list[tuple[str, date | None, date | None]]:
    def day(value: object) -> date | None:
        return value if isinstance(value, date) else None

    return [
        (
            str(row.values.get("department") or "").strip(),
            day(row.values.get("employment_start")),
            day(row.values.get("employment_end")),
        )
        for row in parsed.rows
    ]


def apply(
    actor: Actor,
    upload_id: int,
    *,
    session: Session,
    today: date,
    access: audit.AccessPoint,
    secret: str,
) -> Applied:
    """Update the people in care and replace the workforce counts in the caller's
    transaction, or nothing: a file with any error is refused. The staged upload is locked
    and deleted, so a second click finds nothing to do."""
    upload = _upload(actor, upload_id, session, lock=True)
    parsed = _parsed(upload, today)
    if parsed.error_count:
        raise RosterError("roster.error.has_errors", str(parsed.error_count))
    organisation_id = upload.organisation_id
    plan = _plan(parsed, _in_care(session, organisation_id))
    if plan.updates:
        session.execute(update(Employee), plan.updates)
    figures = replace_figures(session, organisation_id, _workforce(parsed), today=today)
    session.delete(upload)
    audit.record_many(
        session,
        [
            audit.Entry(
                event_type="roster_update",
                action=audit.Action.UPDATE,
                ground=audit.Ground.CONTRACT,
                subject_employee_id=employee_id,
                objects=[audit.ObjectRef(str(Category.EMPLOYMENT), "employee", employee_id)],
                details={
                    "fields": sorted(changed),
                    **{
                        name: {"old": old, "new": new}
                        for name, (old, new) in changed.items()
                        if name in RETENTION_FACTS
                    },
                },
            )
            for employee_id, changed in sorted(plan.changes.items())
        ],
        actor=actor,
        access=access,
        secret=secret,
    )
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="roster_import",
        action=audit.Action.UPDATE,
        ground=audit.Ground.CONTRACT,
        objects=[
            audit.ObjectRef(str(Category.EMPLOYMENT), "employee", None),
            audit.ObjectRef(str(Category.EMPLOYMENT), "workforce_figure", None),
        ],
        details={
            "rows": len(parsed.rows),
            "updated": len(plan.updates),
            "unchanged": plan.unchanged,
            "not_stored": plan.dropped,
            "workforce_rows": figures,
            "columns": list(parsed.columns),
            "on": today.isoformat(),
        },
        secret=secret,
    )
    return Applied(len(parsed.rows), len(plan.updates), plan.unchanged, plan.dropped)


def purge_stale_uploads(session: Session, *, now: datetime) -> int:
    """Delete staged files older than :data:`STAGED_FOR` (they hold the whole workforce)."""
    gone = session.execute(
        delete(RosterUpload).where(col(RosterUpload.uploaded_at) < now - STAGED_FOR)
    )
    return int(gone.rowcount)  # type: ignore[attr-defined]


# --- use cases: one click each (the page and the upload route hand them to the runner) ---


@use_case(Role.EMPLOYER_CONTACT)
def do_open_upload(actor: Actor, *, ctx: Ctx) -> None:
    """May this account upload a roster at all? The upload route asks before it reads a
    byte of the file, so a stranger's upload is never held in memory."""
    _organisation(actor)


@use_case(Role.EMPLOYER_CONTACT)
def do_stage(actor: Actor, filename: str, content: bytes, *, ctx: Ctx) -> int:
    """Keep the uploaded file for its preview; the id of the staged upload."""
    return stage(
        actor, filename, content, session=ctx.session, access=ctx.access, secret=ctx.secret
    )


@use_case(Role.EMPLOYER_CONTACT)
def do_preview(actor: Actor, upload_id: int | None, *, ctx: Ctx) -> Preview | None:
    """The staged upload's preview, or None when the page names no upload."""
    if upload_id is None:
        return None
    return preview(actor, upload_id, session=ctx.session, today=ctx.today)


@use_case(Role.EMPLOYER_CONTACT)
def do_apply(actor: Actor, upload_id: int, *, ctx: Ctx) -> Applied:
    """Update the people in care and the workforce counts from the staged file, or nothing."""
    return apply(
        actor,
        upload_id,
        session=ctx.session,
        today=ctx.today,
        access=ctx.access,
        secret=ctx.secret,
    )
