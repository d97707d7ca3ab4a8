"""Retention plan: for every employee, the first day his file may be destroyed and the rule
that decides it (rules in kwportal/domain/retention.py). Inputs are read in chunks of
employee ids, so planning a large database stays bounded in memory."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, exists, func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from kwportal.domain.retention import (
    Decision,
    Dossier,
    Exposure,
    Rule,
    decide,
    transferred_case_destroy_from,
)
from kwportal.models import (
    Appointment,
    CaseDocument,
    ConsentRecord,
    Employee,
    EmployerFeedback,
    ExposureRecord,
    LegalHold,
    MedicalNote,
    Organisation,
    QuestionnaireAnswer,
    SickLeaveCase,
)
from kwportal.services.auth.common import keyed_hash

CHUNK = 10_000
RETENTION_CONSENT = "retention_longer"
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class PlanEntry:
    employee_id: int
    personnel_number: str
    organisation_id: int
    decision: Decision


@dataclass(frozen=True, slots=True)
class CaseEntry:
    """One case handed over to a new arbodienst and confirmed: destroyed on its own while
    the rest of the employee's file keeps its term (``Rule.TRANSFERRED``)."""

    case_id: int
    employee_id: int
    destroy_from: date


@dataclass
class Plan:
    today: date
    employees: int = 0
    due: list[PlanEntry] = field(default_factory=list)
    #: handed-over cases due on their own (their employee's file is not due as a whole)
    cases_due: list[CaseEntry] = field(default_factory=list)
    due_by_rule: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    held_by_reason: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    upcoming: list[PlanEntry] = field(default_factory=list)


def _day(value: date | datetime | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def _max_per_employee(session: Session, statements: Sequence[Any]) -> dict[int, date]:
    latest: dict[int, date] = {}
    for statement in statements:
        for employee_id, moment in session.exec(statement):
            day = _day(moment)
            if day is not None and (employee_id not in latest or day > latest[employee_id]):
                latest[employee_id] = day
    return latest


Within = Callable[[Any], Any]


def _within(ids: Sequence[int], id_range: tuple[int, int] | None) -> Within:
    """Filter an employee-id column: by range for a planning chunk (a list of 10,000 bound
    parameters costs PostgreSQL more than the query), by list for a small batch."""
    if id_range is not None:
        low, high = id_range
        return lambda column: column.between(low, high)
    return lambda column: column.in_(ids)


def _change_moments() -> list[tuple[Any, Any, bool]]:
    """Per kind of record: (employee column, moment column, read through the case)."""
    case_employee = col(SickLeaveCase.employee_id)
    return [
        (col(Employee.id), col(Employee.created_at), False),
        (col(MedicalNote.employee_id), col(MedicalNote.created_at), False),
        (col(QuestionnaireAnswer.employee_id), col(QuestionnaireAnswer.answered_at), False),
        (case_employee, col(SickLeaveCase.created_at), False),
        (case_employee, col(SickLeaveCase.recovery_date), False),
        (case_employee, col(EmployerFeedback.created_at), True),
        (col(ExposureRecord.employee_id), col(ExposureRecord.recorded_at), False),
        (col(ExposureRecord.employee_id), col(ExposureRecord.updated_at), False),
        (col(CaseDocument.employee_id), col(CaseDocument.created_at), False),
        (col(Appointment.employee_id), col(Appointment.created_at), False),
    ]


def _through_case(statement: Any) -> Any:
    """Feedback belongs to a case; the case names the employee."""
    return statement.select_from(EmployerFeedback).join(
        SickLeaveCase, col(SickLeaveCase.id) == col(EmployerFeedback.case_id)
    )


def _last_changes(session: Session, within: Within) -> dict[int, date]:
    """The last change to each file: the newest record of any kind about the employee."""
    statements = []
    for employee_col, moment, via_case in _change_moments():
        statement = select(employee_col, func.max(moment))
        if via_case:
            statement = _through_case(statement)
        statements.append(statement.where(within(employee_col)).group_by(employee_col))
    return _max_per_employee(session, statements)


def _last_change_of(session: Session, employee_id: int) -> dict[int, date]:
    """:func:`_last_changes` for one employee (a page's retention line) in one round trip:
    one scalar subquery per kind of record."""
    moments = []
    for employee_col, moment, via_case in _change_moments():
        statement = select(func.max(moment))
        if via_case:
            statement = _through_case(statement)
        moments.append(statement.where(employee_col == employee_id).scalar_subquery())
    days = [_day(moment) for moment in session.exec(select(*moments)).one()]
    known = [day for day in days if day is not None]
    return {employee_id: max(known)} if known else {}


def dossiers(
    session: Session, ids: Sequence[int], *, id_range: tuple[int, int] | None = None
) -> dict[int, tuple[Employee, Dossier]]:
    """The retention inputs of the given employees (or of every employee in ``id_range``),
    read with one query per table."""
    within = _within(ids, id_range)
    employees = session.exec(select(Employee).where(within(col(Employee.id)))).all()
    contract_end = dict(
        session.exec(select(col(Organisation.id), col(Organisation.contract_end))).all()
    )
    if id_range is None and len(ids) == 1:
        last_change = _last_change_of(session, ids[0])
    else:
        last_change = _last_changes(session, within)
    open_cases = set(
        session.exec(
            select(SickLeaveCase.employee_id).where(
                within(col(SickLeaveCase.employee_id)),
                col(SickLeaveCase.recovery_date).is_(None),
                # a case the new arbodienst confirmed it received is no longer ours to keep
                col(SickLeaveCase.transfer_confirmed_on).is_(None),
            )
        )
    )
    holds = set(
        session.exec(
            select(LegalHold.employee_id).where(
                within(col(LegalHold.employee_id)), col(LegalHold.lifted_at).is_(None)
            )
        )
    )
    exposures: dict[int, list[Exposure]] = defaultdict(list)
    for employee_id, kind, ended in session.exec(
        select(
            col(ExposureRecord.employee_id), col(ExposureRecord.kind), col(ExposureRecord.ended_on)
        ).where(within(col(ExposureRecord.employee_id)))
    ):
        exposures[employee_id].append(Exposure(kind, ended))
    consents: dict[int, list[date]] = defaultdict(list)
    for employee_id, until in session.exec(
        select(col(ConsentRecord.employee_id), col(ConsentRecord.valid_until)).where(
            within(col(ConsentRecord.employee_id)),
            ConsentRecord.kind == RETENTION_CONSENT,
            col(ConsentRecord.withdrawn_at).is_(None),
            col(ConsentRecord.valid_until).is_not(None),
        )
    ):
        if until is not None:
            consents[employee_id].append(until)
    transfers = _transfers(session, within)
    result: dict[int, tuple[Employee, Dossier]] = {}
    for person in employees:
        assert person.id is not None
        result[person.id] = (
            person,
            Dossier(
                date_of_birth=person.date_of_birth,
                employment_end=person.employment_end,
                contract_end=contract_end.get(person.organisation_id),
                date_of_death=person.date_of_death,
                last_change=last_change.get(person.id) or _day(person.created_at) or date.min,
                exposures=tuple(exposures[person.id]),
                open_case=person.id in open_cases,
                legal_hold=person.id in holds,
                consent_until=tuple(consents[person.id]),
                transfer_confirmed_on=_whole_file_transferred(
                    transfers.get(person.id, ()), bool(exposures[person.id])
                ),
            ),
        )
    return result


_DOSSIER_OF: list[Any] = []


def _dossier_statement() -> Any:
    """The statement of :func:`dossier_of`, built once (building it costs more CPU than
    running it): the employee's row with one scalar subquery per other input."""
    if _DOSSIER_OF:
        return _DOSSIER_OF[0]
    person = col(Employee.id)
    moments = []
    for employee_col, moment, via_case in _change_moments():
        statement = select(func.max(moment))
        if via_case:
            statement = _through_case(statement)
        moments.append(statement.where(employee_col == person).scalar_subquery())
    case_employee = col(SickLeaveCase.employee_id)
    whole = select_columns(
        col(Employee.date_of_birth),
        col(Employee.employment_end),
        col(Employee.date_of_death),
        col(Employee.created_at),
        select(col(Organisation.contract_end))
        .where(col(Organisation.id) == col(Employee.organisation_id))
        .scalar_subquery(),
        exists().where(
            case_employee == person,
            col(SickLeaveCase.recovery_date).is_(None),
            col(SickLeaveCase.transfer_confirmed_on).is_(None),
        ),
        exists().where(col(LegalHold.employee_id) == person, col(LegalHold.lifted_at).is_(None)),
        select(func.max(col(ConsentRecord.valid_until)))
        .where(
            col(ConsentRecord.employee_id) == person,
            ConsentRecord.kind == RETENTION_CONSENT,
            col(ConsentRecord.withdrawn_at).is_(None),
        )
        .scalar_subquery(),
        select(func.count()).where(case_employee == person).scalar_subquery(),
        select(func.count(col(SickLeaveCase.transfer_confirmed_on)))
        .where(case_employee == person)
        .scalar_subquery(),
        select(func.max(col(SickLeaveCase.transfer_confirmed_on)))
        .where(case_employee == person)
        .scalar_subquery(),
        *moments,
    ).where(person == bindparam("employee_id"))
    _DOSSIER_OF.append(whole)
    return whole


def dossier_of(session: Session, employee_id: int, exposures: Sequence[Exposure]) -> Dossier | None:
    """One employee's dossier in one round trip, for a page's retention line, given his
    exposures (the page has read them already). The same inputs as :func:`dossiers` but
    for the consents: only the latest "keep longer" consent, the one term of theirs that
    can be the longest (:func:`kwportal.domain.retention.decide` takes the longest term)."""
    row = session.execute(_dossier_statement(), {"employee_id": employee_id}).first()
    if row is None:
        return None
    born, employment_end, died, created, contract_end, open_case, held, consent = row[:8]
    cases, transferred, last_transfer = row[8:11]
    days = [day for day in (_day(moment) for moment in row[11:]) if day is not None]
    confirmed: list[date | None] = [None] * (cases - transferred) + [last_transfer] * transferred
    return Dossier(
        date_of_birth=born,
        employment_end=employment_end,
        contract_end=contract_end,
        date_of_death=died,
        last_change=max(days) if days else _day(created) or date.min,
        exposures=tuple(exposures),
        open_case=bool(open_case),
        legal_hold=bool(held),
        consent_until=(consent,) if consent is not None else (),
        transfer_confirmed_on=_whole_file_transferred(confirmed, bool(exposures)),
    )


def _transfers(session: Session, within: Within) -> dict[int, list[date | None]]:
    """Per employee, the confirmation date of each of his cases (None: not transferred)."""
    found: dict[int, list[date | None]] = defaultdict(list)
    for employee_id, confirmed in session.exec(
        select(col(SickLeaveCase.employee_id), col(SickLeaveCase.transfer_confirmed_on)).where(
            within(col(SickLeaveCase.employee_id))
        )
    ):
        found[employee_id].append(confirmed)
    return found


def _whole_file_transferred(confirmed: Sequence[date | None], exposed: bool) -> date | None:
    """The day the new arbodienst confirmed the last of the cases, when the file holds
    nothing else we must keep: every case was transferred (only running cases are; a
    closed one keeps its own term) and there is no exposure record (statutory 40 years or
    age 75, which the seed puts above the transfer)."""
    if not confirmed or exposed or any(day is None for day in confirmed):
        return None
    return max(day for day in confirmed if day is not None)


def transferred_cases(
    session: Session, ids: Sequence[int], *, id_range: tuple[int, int] | None = None
) -> list[CaseEntry]:
    """The confirmed handed-over cases of these employees with the day each may go
    (``domain.retention.transferred_case_destroy_from``)."""
    within = _within(ids, id_range)
    rows = session.exec(
        select(
            col(SickLeaveCase.id),
            col(SickLeaveCase.employee_id),
            col(SickLeaveCase.transfer_confirmed_on),
        ).where(
            within(col(SickLeaveCase.employee_id)),
            col(SickLeaveCase.transfer_confirmed_on).is_not(None),
        )
    ).all()
    if not rows:
        return []
    who = sorted({employee_id for _case, employee_id, _day in rows})
    held = set(
        session.exec(
            select(LegalHold.employee_id).where(
                col(LegalHold.employee_id).in_(who), col(LegalHold.lifted_at).is_(None)
            )
        )
    )
    exposed = set(
        session.exec(
            select(ExposureRecord.employee_id).where(col(ExposureRecord.employee_id).in_(who))
        )
    )
    entries = []
    for case_id, employee_id, confirmed in rows:
        day = transferred_case_destroy_from(
            confirmed, legal_hold=employee_id in held, exposed=employee_id in exposed
        )
        if day is not None and case_id is not None:
            entries.append(CaseEntry(case_id, employee_id, day))
    return sorted(entries, key=lambda entry: entry.case_id)


def pseudonym(secret: str, employee_id: int) -> str:
    """What a tombstone keeps of the person: a keyed hash, useless without our secret."""
    return keyed_hash(secret, f"tombstone:{employee_id}")


def _chunks(session: Session) -> Iterator[list[int]]:
    last = 0
    while True:
        ids = list(
            session.exec(
                select(Employee.id)
                .where(col(Employee.id) > last)
                .order_by(col(Employee.id))
                .limit(CHUNK)
            )
        )
        if not ids:
            return
        yield [i for i in ids if i is not None]
        last = ids[-1] or last


def plan(
    session: Session, *, today: date, horizon_days: int = 90, progress: Progress | None = None
) -> Plan:
    """What would be destroyed on ``today``, per rule, plus what falls due within the
    horizon and why the rest is kept."""
    result = Plan(today=today)
    total = session.exec(select(func.count()).select_from(Employee)).one()
    for ids in _chunks(session):
        whole: set[int] = set()
        for employee_id, (person, dossier) in dossiers(
            session, ids, id_range=(ids[0], ids[-1])
        ).items():
            decision = decide(dossier)
            entry = PlanEntry(
                employee_id, person.personnel_number, person.organisation_id, decision
            )
            _place(result, entry, today, horizon_days)
            if decision.destroy_from is not None and decision.destroy_from <= today:
                whole.add(employee_id)
        result.cases_due += [
            case
            for case in transferred_cases(session, ids, id_range=(ids[0], ids[-1]))
            if case.destroy_from <= today and case.employee_id not in whole
        ]
        result.employees += len(ids)
        if progress:
            progress(result.employees, total)
    return result


def _place(result: Plan, entry: PlanEntry, today: date, horizon_days: int) -> None:
    decision = entry.decision
    if decision.destroy_from is None:
        for hold in decision.holds:
            result.held_by_reason[str(hold)] += 1
        return
    if decision.destroy_from <= today:
        result.due.append(entry)
        result.due_by_rule[str(decision.rule)] += 1
    elif (decision.destroy_from - today).days <= horizon_days:
        result.upcoming.append(entry)


__all__ = [
    "RETENTION_CONSENT",
    "CaseEntry",
    "Plan",
    "PlanEntry",
    "Rule",
    "dossiers",
    "plan",
    "pseudonym",
    "transferred_cases",
]
