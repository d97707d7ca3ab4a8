"""``kwportal roster-cleanup``: remove the people stored before issue 17 by roster imports
that kept the whole workforce (seed ch. 1: "Indien er geen zorg wordt verleend, krijgt
KrachtWerkt dus geen beschikking over persoonsgegevens van werknemers").

A person goes when he has no case and no row of any other table points at him — an account,
a consent, a rights request, a legal hold, an exposure record, a disclosure, a letter …:
every foreign key to ``employee`` is found in the schema itself, so a table added later
keeps its people too. Those are kept and counted by the table that keeps them, never named.

Each removal is audited (one row per person: his id and organisation, no name) and leaves a
tombstone like a destroyed file, so the audit rows about him can be pruned with the others
(services/retention/audit_prune.py). Batches run in their own transactions and re-check
under a row lock, so a sick report that comes in meanwhile wins. Idempotent: a second run
finds nothing. ``--dry-run`` counts and changes nothing. It is a command, not a migration:
an operator runs it once after the upgrade (and may run it again at any time).

The same command deletes staged roster files older than a day; the hourly job
:func:`stale_uploads_job` does that too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Column, Table, delete, exists
from sqlalchemy import select as select_rows
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

import kwportal.models  # noqa: F401  (every table registered, so every reference is found)
from kwportal.db import get_engine, read_transaction, transaction
from kwportal.domain.categories import Category
from kwportal.domain.policy import removable_not_in_care
from kwportal.models import Employee, RetentionTombstone, RosterUpload, SickLeaveCase
from kwportal.services import audit
from kwportal.services.employer.roster import STAGED_FOR, purge_stale_uploads
from kwportal.services.retention.plan import pseudonym

RULE = "not_in_care"
RUN_BY = "roster-cleanup"
EVENT = "employee_removed_not_in_care"
DEFAULT_BATCH = 500
CASE_TABLE = "sick_leave_case"


@dataclass
class CleanupResult:
    dry_run: bool
    #: people without a case looked at
    candidates: int = 0
    removed: int = 0
    #: table name → people kept because a row of it points at them
    kept_by: Counter[str] = field(default_factory=Counter)
    kept: int = 0
    stale_uploads: int = 0

    def summary(self) -> list[str]:
        verb = "would be removed" if self.dry_run else "removed"
        lines = [
            f"{self.candidates:,} stored people without a case; {self.removed:,} {verb}, "
            f"{self.kept:,} kept",
        ]
        lines += [f"  kept ({table}): {count:,}" for table, count in sorted(self.kept_by.items())]
        upload_verb = "would be deleted" if self.dry_run else "deleted"
        lines.append(f"{self.stale_uploads:,} staged roster files older than a day {upload_verb}")
        return lines


def references() -> list[tuple[Table, Column[int]]]:
    """Every (table, column) with a foreign key to ``employee.id``, from the schema."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name == "employee":
            continue
        for column in table.columns:
            if any(fk.target_fullname == "employee.id" for fk in column.foreign_keys):
                found.append((table, column))
    return found


def kept_by(session: Session, ids: Sequence[int]) -> dict[int, set[str]]:
    """Person → the tables that hold a row about him (his case's table among them)."""
    holders: dict[int, set[str]] = {}
    for table, column in references():
        rows = session.execute(select_rows(column).where(column.in_(ids)).distinct())
        for (employee_id,) in rows:
            holders.setdefault(int(employee_id), set()).add(table.name)
    return holders


def _candidates(session: Session) -> list[int]:
    has_case = exists().where(col(SickLeaveCase.employee_id) == col(Employee.id))
    rows = session.exec(select(Employee.id).where(~has_case).order_by(col(Employee.id)))
    return [i for i in rows if i is not None]


def _batch(
    session: Session, ids: Sequence[int], *, dry_run: bool, secret: str, now: datetime
) -> tuple[int, Counter[str], int]:
    """Remove the removable among ``ids`` (locked, re-checked); (removed, kept by, kept)."""
    query = select(Employee.id, Employee.organisation_id).where(col(Employee.id).in_(ids))
    people = dict(session.execute(query if dry_run else query.with_for_update()).all())
    holders = kept_by(session, list(people))
    kept: Counter[str] = Counter()
    removable = []
    for employee_id in sorted(people):
        tables = holders.get(employee_id, set())
        has_case = CASE_TABLE in tables
        if removable_not_in_care(has_case=has_case, kept_by=frozenset(tables - {CASE_TABLE})):
            removable.append(employee_id)
        elif not has_case:
            kept.update(tables)
    kept_people = sum(1 for i in people if holders.get(i) and CASE_TABLE not in holders[i])
    if dry_run or not removable:
        return len(removable), kept, kept_people
    session.execute(delete(Employee).where(col(Employee.id).in_(removable)))
    for employee_id in removable:
        session.add(
            RetentionTombstone(pseudonym=pseudonym(secret, employee_id), rule=RULE, run_by=RUN_BY)
        )
    audit.record_many(
        session,
        [
            audit.Entry(
                event_type=EVENT,
                action=audit.Action.DELETE,
                ground=audit.Ground.LEGAL_DUTY,
                subject_employee_id=employee_id,
                objects=[audit.ObjectRef(str(Category.IDENTITY), "employee", employee_id)],
                details={"organisation": people[employee_id], "rule": RULE},
            )
            for employee_id in removable
        ],
        actor=audit.SYSTEM_ACTOR,
        access=audit.CLI,
        secret=secret,
        now=now,
    )
    return len(removable), kept, kept_people


def cleanup(
    engine: Engine | None = None,
    *,
    secret: str,
    dry_run: bool = False,
    now: datetime | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> CleanupResult:
    engine = engine or get_engine()
    at = now or datetime.now(UTC)
    result = CleanupResult(dry_run=dry_run)
    with read_transaction(engine) as session:
        ids = _candidates(session)
    result.candidates = len(ids)
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        if dry_run:
            with read_transaction(engine) as session:
                removed, kept, kept_people = _batch(
                    session, chunk, dry_run=True, secret=secret, now=at
                )
        else:
            with transaction(engine) as session:
                removed, kept, kept_people = _batch(
                    session, chunk, dry_run=False, secret=secret, now=at
                )
        result.removed += removed
        result.kept_by.update(kept)
        result.kept += kept_people
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))
    if dry_run:
        with read_transaction(engine) as session:
            result.stale_uploads = _stale_uploads(session, at)
    else:
        with transaction(engine) as session:
            result.stale_uploads = purge_stale_uploads(session, now=at)
    return result


def _stale_uploads(session: Session, now: datetime) -> int:
    rows = session.exec(
        select(RosterUpload.id).where(col(RosterUpload.uploaded_at) < now - STAGED_FOR)
    )
    return len(rows.all())


STALE_UPLOADS_JOB = "roster_uploads"


def stale_uploads_job() -> str:
    """The hourly job: staged roster files not applied within a day are deleted."""
    with transaction(get_engine()) as session:
        gone = purge_stale_uploads(session, now=datetime.now(UTC))
    return f"{gone} staged roster files deleted"
