"""The employer's dashboard: its own organisation's open cases and one case page.

Only what the seed lets an employer hear (seed ch. 1, "Aan werkgever"): name and personnel
number, sick-report date, the expected period from *released* feedback, the legal deadlines
(dates only) and whether new feedback was released. Every column passes the policy
(:func:`views.project`); every page read is audited in the same transaction.

The page costs the same at 5,000 and 50,000 employees: one query for the page slice (plus
its count), then batched queries for the cases on that page only (the restriction flag too:
one query for the page). The default order, by urgency (issue 18 item 5: late steps first,
the latest first, then the soonest due), needs every open case's calendar: one batched
read of the open cases' deadlines, then the page's rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as select_rows
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, Subject, require
from kwportal.domain.roles import Role
from kwportal.models import Appointment, Employee, EmployerFeedback, SickLeaveCase
from kwportal.services import audit
from kwportal.services.employer.case_view import EmployerCaseView, employer_case_view
from kwportal.services.employer.deadlines import (
    DeadlineLine,
    NextStep,
    deadlines_for_cases,
    next_deadline,
    next_step_of,
    next_steps_for_cases,
    urgency,
)
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project

PAGE_SIZES = (10, 20, 50)
DEFAULT_PAGE_SIZE = 20
MAX_SEARCH = 100
#: feedback released this recently is marked new on the overview
NEW_FEEDBACK_DAYS = 14
#: late steps first (the latest first), then the soonest due (issue 18 item 5)
URGENCY = "urgency"
DEFAULT_SORT = URGENCY

_SORT_COLUMNS: dict[str, tuple[Any, ...]] = {
    "name": (Employee.last_name, Employee.first_name),
    "number": (Employee.personnel_number,),
    "sick_since": (SickLeaveCase.sick_report_date,),
}
#: the allow-list of sort keys a client may send; ``-`` sorts descending
SORT_KEYS = (URGENCY, *(key for name in _SORT_COLUMNS for key in (name, f"-{name}")))

LINE_COLUMNS = {
    "case_id": "sick_leave_case.id",
    "sick_report_date": "sick_leave_case.sick_report_date",
    "first_name": "employee.first_name",
    "last_name": "employee.last_name",
    "personnel_number": "employee.personnel_number",
}
FEEDBACK_COLUMNS = {
    "id": "employer_feedback.id",
    "case_id": "employer_feedback.case_id",
    "expected_period": "employer_feedback.expected_period",
    "released_at": "employer_feedback.released_at",
}
APPOINTMENT_COLUMNS = {"starts_at": "appointment.starts_at"}


@dataclass(frozen=True, slots=True)
class OverviewLine:
    case_id: int
    first_name: str
    last_name: str
    personnel_number: str
    sick_report_date: date
    #: from the latest released feedback; empty when none was released
    expected_period: str
    #: the step to take next: the earliest late one while any is late
    next_deadline: DeadlineLine | None
    overdue: bool
    new_feedback: bool
    #: the use of his data stopped: a flag, never why or since when (issue 17 item 3)
    restricted: bool = False
    #: how many steps are late (the next one among them)
    late_steps: int = 0


@dataclass(frozen=True, slots=True)
class OverviewPage:
    lines: tuple[OverviewLine, ...]
    page: int
    page_size: int
    pages: int
    total: int
    sort: str
    search: str
    #: the day the page was read: how late a step is counts to it
    today: date = date.min


@dataclass(frozen=True, slots=True)
class CasePage:
    """The shared employer view (released feedback newest first: the history) plus the
    appointments' dates and the legal deadlines."""

    view: EmployerCaseView
    appointments: tuple[datetime, ...]
    deadlines: tuple[DeadlineLine, ...]
    next_deadline: DeadlineLine | None


@dataclass(frozen=True, slots=True)
class _Released:
    feedback_id: int
    expected_period: str
    released_on: date


def _require_employer(actor: Actor) -> int:
    return require(actor, Role.EMPLOYER_CONTACT, has="organisation_id", error=PolicyDeniedError)


def normalise_sort(sort: str) -> str:
    return sort if sort in SORT_KEYS else DEFAULT_SORT


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` literally: ``%``, ``_`` and ``\\`` are escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def overview(
    actor: Actor,
    *,
    session: Session,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
    sort: str = DEFAULT_SORT,
    search: str = "",
    today: date,
    access: audit.AccessPoint,
    secret: str,
) -> OverviewPage:
    """One page of the organisation's open cases (recovery date not yet known)."""
    organisation_id = _require_employer(actor)
    sort, search = normalise_sort(sort), search.strip()[:MAX_SEARCH]
    page_size = page_size if page_size in PAGE_SIZES else DEFAULT_PAGE_SIZE
    conditions = _conditions(organisation_id, search)
    if sort == URGENCY:
        ordered, steps = _by_urgency(actor, session, conditions, today)
        total = len(ordered)
    else:
        total = session.exec(
            select(func.count()).select_from(SickLeaveCase).where(*conditions)
        ).one()
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    offset = (page - 1) * page_size
    rows: Sequence[Any]
    if sort == URGENCY:
        rows = _rows_of(session, conditions, ordered[offset : offset + page_size])
    else:
        rows = _page_rows(session, conditions, sort, offset=offset, limit=page_size)
        calendars = deadlines_for_cases(
            actor, [row.id for row in rows], session=session, today=today
        )
        steps = {case_id: next_step_of(found, today) for case_id, found in calendars.items()}
    subjects = {row.id: Subject(row.employee_id, row.organisation_id) for row in rows}
    released = _latest_released(actor, session, subjects)
    stopped = restriction.flags_for(session, actor, subjects.values())
    lines = tuple(
        _line(
            project(actor, subjects[row.id], row, LINE_COLUMNS),
            released,
            steps,
            today,
            restricted=row.employee_id in stopped,
        )
        for row in rows
    )
    _audit_listing(session, actor, access, lines, released, subjects, secret, page=page, sort=sort)
    return OverviewPage(lines, page, page_size, pages, total, sort, search, today)


def _line_query() -> Any:
    return select_rows(
        col(SickLeaveCase.id),
        col(SickLeaveCase.organisation_id),
        col(SickLeaveCase.employee_id),
        col(SickLeaveCase.sick_report_date),
        col(Employee.first_name),
        col(Employee.last_name),
        col(Employee.personnel_number),
    ).join(Employee)


def _page_rows(
    session: Session, conditions: list[ColumnElement[bool]], sort: str, *, offset: int, limit: int
) -> Sequence[Any]:
    """The one query for the page: the open cases joined with their employees."""
    return session.execute(
        _line_query().where(*conditions).order_by(*_order(sort)).limit(limit).offset(offset)
    ).all()


def _by_urgency(
    actor: Actor, session: Session, conditions: list[ColumnElement[bool]], today: date
) -> tuple[list[int], dict[int, NextStep]]:
    """Every matching open case's id in order of urgency, and its next step: the calendar
    of each decides (oldest absence first among equals); their number is the total."""
    candidates = session.execute(
        select_rows(col(SickLeaveCase.id))
        .where(*conditions)
        .order_by(col(SickLeaveCase.sick_report_date), col(SickLeaveCase.id))
    ).all()
    ids = [c.id for c in candidates]
    among = select_rows(col(SickLeaveCase.id)).where(*conditions)
    steps = next_steps_for_cases(actor, ids, session=session, today=today, among=among)
    none = NextStep(None)
    return sorted(ids, key=lambda i: urgency(steps.get(i, none).line)), steps


def _rows_of(
    session: Session, conditions: list[ColumnElement[bool]], wanted: list[int]
) -> list[Any]:
    """The page's rows, in the order of ``wanted``."""
    found = {
        row.id: row
        for row in session.execute(
            _line_query().where(col(SickLeaveCase.id).in_(wanted), *conditions)
        ).all()
    }
    return [found[case_id] for case_id in wanted if case_id in found]


def _conditions(organisation_id: int, search: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        col(SickLeaveCase.organisation_id) == organisation_id,
        col(SickLeaveCase.recovery_date).is_(None),
    ]
    if search:
        # A correlated scalar subquery, on purpose: the database then looks up the employee
        # of each open case (bounded by the organisation's open cases) instead of filtering
        # every employee by the pattern first, which PostgreSQL chose for the count and which
        # grew with the workforce (benchmarks/dashboard.py: 32 ms -> 5 ms at 50,000).
        pattern = like_pattern(search)
        full_name = col(Employee.first_name) + " " + col(Employee.last_name)
        matches = (
            select(
                col(Employee.personnel_number).ilike(pattern, escape="\\")
                | full_name.ilike(pattern, escape="\\")
            )
            .where(col(Employee.id) == col(SickLeaveCase.employee_id))
            .correlate(SickLeaveCase)
            .scalar_subquery()
        )
        conditions.append(matches)
    return conditions


def _order(sort: str) -> list[Any]:
    """The SQL order of a column sort (urgency is ordered in :func:`_urgent_rows`)."""
    descending = sort.startswith("-")
    columns = [*_SORT_COLUMNS[sort.lstrip("-")], SickLeaveCase.id]
    return [col(c).desc() if descending else col(c).asc() for c in columns]


def _latest_released(
    actor: Actor, session: Session, subjects: Mapping[int, Subject]
) -> dict[int, _Released]:
    """The latest *released* feedback per case; drafts are never selected."""
    if not subjects:
        return {}
    rows = session.execute(
        select_rows(
            col(EmployerFeedback.id),
            col(EmployerFeedback.case_id),
            col(EmployerFeedback.expected_period),
            col(EmployerFeedback.released_at),
        )
        .where(
            col(EmployerFeedback.case_id).in_(subjects.keys()),
            col(EmployerFeedback.status) == "released",
            col(EmployerFeedback.released_at).is_not(None),
        )
        .order_by(col(EmployerFeedback.released_at), col(EmployerFeedback.id))
    ).all()
    latest: dict[int, _Released] = {}
    for row in rows:
        values = project(actor, subjects[row.case_id], row, FEEDBACK_COLUMNS, released=True)
        latest[values["case_id"]] = _Released(
            values["id"], values["expected_period"], values["released_at"].date()
        )
    return latest


def _line(
    values: dict[str, Any],
    released: Mapping[int, _Released],
    steps: Mapping[int, NextStep],
    today: date,
    *,
    restricted: bool = False,
) -> OverviewLine:
    case_id = values["case_id"]
    feedback = released.get(case_id)
    step = steps.get(case_id, NextStep(None))
    fresh = feedback is not None and (
        today - timedelta(days=NEW_FEEDBACK_DAYS) <= feedback.released_on <= today
    )
    return OverviewLine(
        case_id=case_id,
        first_name=values["first_name"],
        last_name=values["last_name"],
        personnel_number=values["personnel_number"],
        sick_report_date=values["sick_report_date"],
        expected_period=feedback.expected_period if feedback else "",
        next_deadline=step.line,
        overdue=step.late > 0,
        new_feedback=fresh,
        restricted=restricted,
        late_steps=step.late,
    )


def _audit_listing(
    session: Session,
    actor: Actor,
    access: audit.AccessPoint,
    lines: Sequence[OverviewLine],
    released: Mapping[int, _Released],
    subjects: Mapping[int | None, Subject],
    secret: str,
    *,
    page: int,
    sort: str,
) -> None:
    """One event per person on the page (NEN 7513 logs per person), so each employee's
    "who opened my file" shows the employer's look at the overview; written in one batch."""
    entries = []
    for line in lines:
        objects = [audit.ObjectRef(str(Category.ABSENCE), "sick_leave_case", line.case_id)]
        feedback = released.get(line.case_id)
        if feedback is not None:
            objects.append(
                audit.ObjectRef(
                    str(Category.EMPLOYER_FEEDBACK), "employer_feedback", feedback.feedback_id
                )
            )
        subject = subjects.get(line.case_id)
        entries.append(
            audit.Entry(
                event_type="employer_overview",
                action=audit.Action.READ,
                ground=audit.Ground.LEGAL_DUTY,
                subject_employee_id=subject.employee_id if subject else None,
                objects=objects,
                details={"page": page, "sort": sort},
            )
        )
    audit.record_many(session, entries, actor=actor, access=access, secret=secret)


def case_page(
    actor: Actor,
    case_id: int,
    *,
    session: Session,
    today: date,
    access: audit.AccessPoint,
    secret: str,
) -> CasePage:
    """One case of the employer's own organisation; another's is refused like a missing one."""
    _require_employer(actor)
    return case_parts(actor, case_id, session=session, today=today, access=access, secret=secret)


def case_parts(
    actor: Actor,
    case_id: int,
    *,
    session: Session,
    today: date,
    access: audit.AccessPoint,
    secret: str,
) -> CasePage:
    """What the employer's case page shows of one case, read as ``actor`` through the
    policy: the employer's own contact, or the employee himself on "what my employer sees"
    (issue 17 item 5: every item of the one, on the other)."""
    view = employer_case_view(
        actor, case_id, session=session, access=access, secret=secret, today=today
    )
    owner = session.execute(
        select_rows(col(SickLeaveCase.employee_id), col(SickLeaveCase.organisation_id)).where(
            col(SickLeaveCase.id) == case_id
        )
    ).one()
    subject = Subject(owner.employee_id, owner.organisation_id)
    rows = session.execute(
        select_rows(col(Appointment.id), col(Appointment.starts_at))
        .where(col(Appointment.case_id) == case_id)
        .order_by(col(Appointment.starts_at))
    ).all()
    appointments = tuple(
        project(actor, subject, row, APPOINTMENT_COLUMNS)["starts_at"] for row in rows
    )
    steps = deadlines_for_cases(actor, [case_id], session=session, today=today).get(case_id, ())
    return CasePage(view, appointments, steps, next_deadline(steps, today))


# --- use cases: one click each (the page hands them to the runner) ---


@use_case(Role.EMPLOYER_CONTACT)
def do_overview(actor: Actor, page: int, sort: str, search: str, *, ctx: Ctx) -> OverviewPage:
    """One page of the organisation's open cases, its read audited in the same unit."""
    return overview(
        actor,
        session=ctx.session,
        page=page,
        sort=sort,
        search=search,
        today=ctx.today,
        access=ctx.access,
        secret=ctx.secret,
    )
