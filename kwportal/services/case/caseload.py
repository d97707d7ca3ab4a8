"""The care team's caseload: the cases of the employers the actor's team serves, nothing
beyond (policy ``ROLE_SCOPE``). Identity, employer and absence dates only — the same
list for doctor, team member and case manager, since none of it is medical. Each person
shown is one audited read, as on the employer's overview."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_
from sqlmodel import Session, col, func, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Access, Actor, Subject, access, require
from kwportal.domain.roles import Role
from kwportal.models import Employee, EmployerFeedback, Organisation, SickLeaveCase
from kwportal.services import audit
from kwportal.services.case import team
from kwportal.services.case.scope import CARE_ROLES
from kwportal.services.employer.dashboard import like_pattern
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


def caseload(
    actor: Actor,
    *,
    session: Session,
    access: audit.AccessPoint,
    secret: str,
    search: str = "",
    include_closed: bool = False,
) -> tuple[CaseloadLine, ...]:
    """Open cases (or all) of the actor's employers, longest absent first."""
    require(actor, *CARE_ROLES, error=PolicyDeniedError)
    if not actor.employer_ids:
        return ()
    query = (
        select(SickLeaveCase, Employee, Organisation)
        .join(Employee, col(Employee.id) == col(SickLeaveCase.employee_id))
        .join(Organisation, col(Organisation.id) == col(SickLeaveCase.organisation_id))
        .where(col(SickLeaveCase.organisation_id).in_(sorted(actor.employer_ids)))
    )
    if not include_closed:
        query = query.where(col(SickLeaveCase.recovery_date).is_(None))
    text = search.replace("\x00", "").strip()[:MAX_SEARCH]
    if text:
        pattern = like_pattern(text.lower())
        query = query.where(
            or_(
                func.lower(Employee.last_name).like(pattern, escape="\\"),
                func.lower(Employee.first_name).like(pattern, escape="\\"),
                func.lower(Employee.personnel_number).like(pattern, escape="\\"),
            )
        )
    rows = session.exec(
        query.order_by(col(SickLeaveCase.sick_report_date), col(SickLeaveCase.id)).limit(MAX_LINES)
    ).all()
    drafts = _cases_with_draft(session, [case.id for case, _, _ in rows if case.id is not None])
    lines = tuple(_line(actor, case, person, org, drafts) for case, person, org in rows)
    _audit(session, actor, access, rows, secret)
    return lines


def _line(
    actor: Actor, case: SickLeaveCase, person: Employee, org: Organisation, drafts: set[int]
) -> CaseloadLine:
    subject = Subject(case.employee_id, case.organisation_id)
    values = {
        **project(actor, subject, person, EMPLOYEE_COLUMNS),
        **project(actor, subject, case, CASE_COLUMNS),
        **project(actor, subject, org, {"organisation": "organisation.name"}),
    }
    return CaseloadLine(**values, has_draft=values["case_id"] in drafts)


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
