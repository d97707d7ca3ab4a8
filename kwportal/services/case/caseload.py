"""The care team's caseload: the cases of the employers the actor's team serves, nothing
beyond (policy ``ROLE_SCOPE``). Identity, employer and absence dates only — the same
list for doctor, team member and case manager, since none of it is medical. Each person
shown is one audited read, as on the employer's overview.

The list is ordered by what needs the doctor first (``domain.caseload_order``: something of
his late, a message waiting, a new case without intake, then the rest), from dates and
states only: the consults' times and attendance, the Poortwachter calendar, the unread
counts. The order is decided over every matching case before the list is cut."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import or_
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, func, select

from kwportal.domain.caseload_order import Attention, Signals, attention, order_key
from kwportal.domain.categories import Category
from kwportal.domain.policy import Access, Actor, Subject, access, require
from kwportal.domain.poortwachter import Step
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import local_date
from kwportal.models import Appointment, Employee, EmployerFeedback, Organisation, SickLeaveCase
from kwportal.models.base import utcnow
from kwportal.services import audit
from kwportal.services.case import team
from kwportal.services.case.message_notices import unread_threads
from kwportal.services.case.scope import CARE_ROLES
from kwportal.services.employer.dashboard import like_pattern
from kwportal.services.employer.deadlines import deadlines_for_cases
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project

MAX_LINES = 200
MAX_SEARCH = 100
EMPLOYEE_COLUMNS = {
    "first_name": "employee.first_name",
    "last_name": "employee.last_name",
    "personnel_number": "employee.personnel_number",
}
CASE_COLUMNS = {
    "case_id": "sick_leave_case.id",
    "sick_report_date": "sick_leave_case.sick_report_date",
    "recovery_date": "sick_leave_case.recovery_date",
}


@dataclass(frozen=True, slots=True)
class CaseloadLine:
    case_id: int
    first_name: str
    last_name: str
    personnel_number: str
    organisation: str
    sick_report_date: date
    recovery_date: date | None
    has_draft: bool
    #: why it needs him (``caseload_order``), and the facts that say so
    attention: Attention = Attention.REST
    signals: Signals = field(default_factory=Signals)


def caseload(
    actor: Actor,
    *,
    session: Session,
    access: audit.AccessPoint,
    secret: str,
    search: str = "",
    include_closed: bool = False,
    now: datetime | None = None,
) -> tuple[CaseloadLine, ...]:
    """Open cases (or all) of the actor's employers, what needs him first."""
    require(actor, *CARE_ROLES, error=PolicyDeniedError)
    if not actor.employer_ids:
        return ()
    now = now or utcnow()
    conditions = _conditions(actor, search, include_closed)
    candidates = session.execute(
        select_rows(col(SickLeaveCase.id), col(SickLeaveCase.sick_report_date))
        .join(Employee, col(Employee.id) == col(SickLeaveCase.employee_id))
        .where(*conditions)
    ).all()
    signals = _signals(actor, session, [c.id for c in candidates], now)
    ordered = sorted(candidates, key=lambda c: order_key(signals[c.id], c.sick_report_date, c.id))
    wanted = [c.id for c in ordered[:MAX_LINES]]
    found = {
        case.id: (case, person, org)
        for case, person, org in session.exec(
            select(SickLeaveCase, Employee, Organisation)
            .join(Employee, col(Employee.id) == col(SickLeaveCase.employee_id))
            .join(Organisation, col(Organisation.id) == col(SickLeaveCase.organisation_id))
            .where(col(SickLeaveCase.id).in_(wanted))
        ).all()
    }
    rows = [found[case_id] for case_id in wanted if case_id in found]
    drafts = _cases_with_draft(session, [case.id for case, _, _ in rows if case.id is not None])
    lines = tuple(
        _line(actor, case, person, org, drafts, signals.get(case.id or 0, Signals()))
        for case, person, org in rows
    )
    _audit(session, actor, access, rows, secret)
    return lines


def _conditions(actor: Actor, search: str, include_closed: bool) -> list[Any]:
    conditions: list[Any] = [col(SickLeaveCase.organisation_id).in_(sorted(actor.employer_ids))]
    if not include_closed:
        conditions.append(col(SickLeaveCase.recovery_date).is_(None))
    text = search.replace("\x00", "").strip()[:MAX_SEARCH]
    if text:
        pattern = like_pattern(text.lower())
        conditions.append(
            or_(
                func.lower(Employee.last_name).like(pattern, escape="\\"),
                func.lower(Employee.first_name).like(pattern, escape="\\"),
                func.lower(Employee.personnel_number).like(pattern, escape="\\"),
            )
        )
    return conditions


def _signals(
    actor: Actor, session: Session, case_ids: list[int], now: datetime
) -> dict[int, Signals]:
    """What each case waits for, in three batched reads: its consults, its calendar, and
    the actor's unread threads."""
    if not case_ids:
        return {}
    unrecorded, consulted = _consults(session, case_ids, now)
    calendars = deadlines_for_cases(actor, case_ids, session=session, today=local_date(now))
    late = {
        case_id
        for case_id, lines in calendars.items()
        if any(line.step is Step.PROBLEM_ANALYSIS and line.overdue for line in lines)
    }
    unread = {thread.case_id for thread in unread_threads(session, actor)}
    return {
        case_id: Signals(
            consult_unrecorded=case_id in unrecorded,
            analysis_late=case_id in late,
            unread_messages=case_id in unread,
            has_consult=case_id in consulted,
        )
        for case_id in case_ids
    }


def _consults(
    session: Session, case_ids: Iterable[int], now: datetime
) -> tuple[set[int], set[int]]:
    """(cases with a passed consult whose attendance is not recorded, cases with any
    consult held or planned); cancelled ones are no consult."""
    rows = session.execute(
        select_rows(
            col(Appointment.case_id), col(Appointment.starts_at), col(Appointment.attendance)
        ).where(
            col(Appointment.case_id).in_(list(case_ids)), col(Appointment.status) != "cancelled"
        )
    ).all()
    unrecorded, consulted = set(), set()
    for row in rows:
        consulted.add(row.case_id)
        starts = row.starts_at if row.starts_at.tzinfo else row.starts_at.replace(tzinfo=UTC)
        if starts < now and not row.attendance:
            unrecorded.add(row.case_id)
    return unrecorded, consulted


def _line(
    actor: Actor,
    case: SickLeaveCase,
    person: Employee,
    org: Organisation,
    drafts: set[int],
    signals: Signals,
) -> CaseloadLine:
    subject = Subject(case.employee_id, case.organisation_id)
    values = {
        **project(actor, subject, person, EMPLOYEE_COLUMNS),
        **project(actor, subject, case, CASE_COLUMNS),
        **project(actor, subject, org, {"organisation": "organisation.name"}),
    }
    return CaseloadLine(
        **values,
        has_draft=values["case_id"] in drafts,
        attention=attention(signals),
        signals=signals,
    )


def _cases_with_draft(session: Session, case_ids: list[int]) -> set[int]:
    if not case_ids:
        return set()
    rows = session.exec(
        select(EmployerFeedback.case_id).where(
            col(EmployerFeedback.case_id).in_(case_ids), EmployerFeedback.status == "draft"
        )
    )
    return set(rows)


def _audit(
    session: Session,
    actor: Actor,
    access: audit.AccessPoint,
    rows: Sequence[tuple[SickLeaveCase, Employee, Organisation]],
    secret: str,
) -> None:
    for case, _, _ in rows:
        audit.record(
            session,
            actor=actor,
            access=access,
            event_type="caseload_view",
            action=audit.Action.READ,
            ground=audit.Ground.LEGAL_DUTY,
            subject_employee_id=case.employee_id,
            objects=[audit.ObjectRef(str(Category.ABSENCE), "sick_leave_case", case.id)],
            secret=secret,
        )


# --- use cases: one click each (the page hands them to the runner) ---


@dataclass(frozen=True, slots=True)
class CaseloadPage:
    """The caseload page after a click: the cases, what a case links to, and for the
    doctor his team with whom he lets release."""

    lines: tuple[CaseloadLine, ...]
    #: the actor reads the medical file (doctor, team member); a case manager the
    #: administration only
    medical: bool
    #: the actor leads a team and delegates the release (the company doctor)
    leads_team: bool
    team: tuple[team.MemberLine, ...]


def _page(actor: Actor, search: str, include_closed: bool, ctx: Ctx) -> CaseloadPage:
    lines = caseload(
        actor,
        session=ctx.session,
        access=ctx.access,
        secret=ctx.secret,
        search=search,
        include_closed=include_closed,
        now=ctx.now,
    )
    try:
        members, leads = team.my_team(actor, session=ctx.session), True
    except PolicyDeniedError:  # not a doctor, or one without a team (yet): no delegation
        members, leads = (), False
    medical = access(actor, Category.MEDICAL) is Access.FULL
    return CaseloadPage(lines, medical, leads, members)


@use_case(*CARE_ROLES)
def do_caseload(
    actor: Actor, search: str = "", include_closed: bool = False, *, ctx: Ctx
) -> CaseloadPage:
    """The cases of the actor's employers (searched), each an audited read."""
    return _page(actor, search, include_closed, ctx)


@use_case(Role.COMPANY_DOCTOR)
def do_delegate_release(
    actor: Actor,
    member_account_id: int,
    allowed: bool,
    search: str = "",
    include_closed: bool = False,
    *,
    ctx: Ctx,
) -> CaseloadPage:
    """Let a member of the doctor's team release in his name (or no longer), then the page
    read again, in the one unit; ``PolicyDeniedError`` for anyone not on his team."""
    team.delegate_release(
        actor,
        member_account_id,
        allowed=allowed,
        session=ctx.session,
        access_point=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return _page(actor, search, include_closed, ctx)
