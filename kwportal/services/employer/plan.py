"""The plan of action, its evaluations and the first-year evaluation (issue 15 item 3; Wet
verbetering poortwachter), as the employer writes them.

The employer starts a document for one step of the case's calendar (``case_plan.due`` is
the due date it answers), saves drafts — two people on one draft are told, never silently
overwritten (``version``) — and sends it to the employee, who adds his own view and agrees
or disagrees (services/employee/plan.py; both views belong in it since 1 July 2023). Then
it is final; the next evaluation is a new document.

Sending it makes the employer's step done on the calendar (services/employer/deadlines.py):
the employer has done what the law asks of it, and an employee who does not answer cannot
hold the employer's calendar hostage; the page shows that his response is awaited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, delete, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    PLAN_DRAFT,
    PLAN_SUBMITTED,
    Actor,
    Subject,
    may_read_plan,
    may_write_plan,
    require,
)
from kwportal.domain.roles import Role
from kwportal.models import CasePlan, Employee, PlanAction, SickLeaveCase
from kwportal.services import audit
from kwportal.services.employee.telling import PLAN_SENT, tell_employee
from kwportal.services.employer.deadlines import deadlines_for_cases
from kwportal.services.employer.plan_form import (
    KINDS,
    PLAN_OF_ACTION,
    PlanError,
    PlanInput,
    clean_plan,
)
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project

START_AHEAD = timedelta(weeks=6)
"""A document can be started once its step is due within six weeks (or overdue)."""
PLAN_COLUMNS = {
    "goals": "case_plan.goals",
    "employer_view": "case_plan.employer_view",
    "employee_view": "case_plan.employee_view",
    "employee_agrees": "case_plan.employee_agrees",
    "employee_reason": "case_plan.employee_reason",
}


@dataclass(frozen=True, slots=True)
class ActionLine:
    description: str
    owner: str
    due_on: date


@dataclass(frozen=True, slots=True)
class PlanView:
    """One document with both views in it: what the employer, the employee and the
    re-integration report read (employer_record; never a medical datum)."""

    plan_id: int
    case_id: int
    kind: str
    due: date | None
    status: str
    version: int
    goals: str
    employer_view: str
    employee_view: str
    employee_agrees: bool | None
    employee_reason: str
    actions: tuple[ActionLine, ...]
    created_at: datetime
    submitted_at: datetime | None
    responded_at: datetime | None


@dataclass(frozen=True, slots=True)
class StartOption:
    kind: str
    due: date


@dataclass(frozen=True, slots=True)
class EmployerPlanPage:
    case_id: int
    name: str
    personnel_number: str
    #: the draft being written (at most one per case), else None
    draft: PlanView | None
    #: every document of the case, newest first (the draft included)
    plans: tuple[PlanView, ...]
    can_start: tuple[StartOption, ...]

    @property
    def has_report(self) -> bool:
        return any(p.status != PLAN_DRAFT for p in self.plans)


def case_subject(session: Session, case_id: int) -> Subject | None:
    case = session.get(SickLeaveCase, case_id)
    if case is None or case.id is None:
        return None
    return Subject(case.employee_id, case.organisation_id)


def read_plans(
    session: Session, actor: Actor, subject: Subject, case_id: int
) -> tuple[PlanView, ...]:
    """The case's documents this actor may read (``policy.may_read_plan``), newest first,
    each field through the policy."""
    rows = session.exec(
        select(CasePlan)
        .where(CasePlan.case_id == case_id)
        .order_by(col(CasePlan.created_at).desc(), col(CasePlan.id).desc())
    ).all()
    shown = [r for r in rows if may_read_plan(actor, subject, r.status)]
    actions = session.exec(
        select(PlanAction)
        .where(col(PlanAction.plan_id).in_([r.id for r in shown]))
        .order_by(col(PlanAction.due_on), col(PlanAction.id))
    ).all()
    return tuple(
        _view(actor, subject, row, [a for a in actions if a.plan_id == row.id]) for row in shown
    )


def _view(actor: Actor, subject: Subject, row: CasePlan, actions: list[PlanAction]) -> PlanView:
    assert row.id is not None
    values = project(actor, subject, row, PLAN_COLUMNS)
    return PlanView(
        plan_id=row.id,
        case_id=row.case_id,
        kind=row.kind,
        due=row.due,
        status=row.status,
        version=row.version,
        actions=tuple(ActionLine(a.description, a.owner, a.due_on) for a in actions),
        created_at=row.created_at,
        submitted_at=row.submitted_at,
        responded_at=row.employee_responded_at,
        **values,
    )


def _writer(session: Session, actor: Actor, case_id: int) -> Subject:
    """The case, if it is one of the contact's own organisation; anything else reads as
    not found (ids from the browser are hostile)."""
    require(actor, Role.EMPLOYER_CONTACT, has="organisation_id", error=PolicyDeniedError)
    subject = case_subject(session, case_id)
    if subject is None or not may_write_plan(actor, subject):
        raise PolicyDeniedError("not a case of the contact's organisation")
    return subject


def _options(
    session: Session, actor: Actor, case_id: int, plans: tuple[PlanView, ...], today: date
) -> tuple[StartOption, ...]:
    """What may be started now: nothing while a draft is open; the plan of action (again,
    when it needs adjusting); an evaluation or the first-year evaluation not yet done and
    due within six weeks, once a plan of action has been sent."""
    if any(p.status == PLAN_DRAFT for p in plans):
        return ()
    lines = deadlines_for_cases(actor, [case_id], session=session, today=today).get(case_id, ())
    has_plan = any(p.kind == PLAN_OF_ACTION for p in plans)
    options = []
    for line in lines:
        kind = str(line.step)
        if kind not in KINDS:
            continue
        due_soon = not line.done and line.due <= today + START_AHEAD
        if kind == PLAN_OF_ACTION or (has_plan and due_soon):
            options.append(StartOption(kind, line.due))
    return tuple(options)


def _page(
    session: Session, actor: Actor, subject: Subject, case_id: int, today: date
) -> EmployerPlanPage:
    person = session.get(Employee, subject.employee_id)
    assert person is not None
    names = project(
        actor,
        subject,
        person,
        {
            "first": "employee.first_name",
            "last": "employee.last_name",
            "number": "employee.personnel_number",
        },
    )
    plans = read_plans(session, actor, subject, case_id)
    draft = next((p for p in plans if p.status == PLAN_DRAFT), None)
    return EmployerPlanPage(
        case_id,
        f"{names['first']} {names['last']}".strip(),
        names["number"],
        draft,
        plans,
        _options(session, actor, case_id, plans, today),
    )


def _audit(
    ctx: Ctx,
    actor: Actor,
    subject: Subject,
    event_type: str,
    action: audit.Action,
    plan_id: int | None,
) -> None:
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type=event_type,
        action=action,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=subject.employee_id,
        objects=[audit.ObjectRef(str(Category.EMPLOYER_RECORD), "case_plan", plan_id)],
        secret=ctx.secret,
        now=ctx.now,
    )


def _locked_draft(ctx: Ctx, case_id: int, plan_id: int, version: int) -> CasePlan:
    row = ctx.session.get(CasePlan, plan_id, with_for_update=True)
    if row is None or row.case_id != case_id:
        raise PlanError.of("plan.error.unknown")
    if row.status != PLAN_DRAFT:
        raise PlanError.of("plan.error.sent")
    if row.version != version:
        raise PlanError.of("plan.error.stale")
    return row


def _write(ctx: Ctx, row: CasePlan, form: PlanInput, submit: bool) -> None:
    clean = clean_plan(form, kind=row.kind, submit=submit, today=ctx.today)
    row.goals, row.employer_view = clean.goals, clean.employer_view
    row.updated_at, row.version = ctx.now, row.version + 1
    if submit:
        row.status, row.submitted_at = PLAN_SUBMITTED, ctx.now
    ctx.session.add(row)
    ctx.session.exec(delete(PlanAction).where(col(PlanAction.plan_id) == row.id))
    for action in clean.actions:
        ctx.session.add(
            PlanAction(
                plan_id=row.id or 0,
                description=action.description,
                owner=action.owner,
                due_on=action.due_on,
            )
        )
    ctx.session.flush()


# --- use cases: one click each ---


@use_case(Role.EMPLOYER_CONTACT)
def do_open_plans(actor: Actor, case_id: int, *, ctx: Ctx) -> EmployerPlanPage:
    """The case's documents and what may be started; an audited read."""
    subject = _writer(ctx.session, actor, case_id)
    _audit(ctx, actor, subject, "case_plans_read", audit.Action.READ, None)
    return _page(ctx.session, actor, subject, case_id, ctx.today)


@use_case(Role.EMPLOYER_CONTACT)
def do_start_plan(actor: Actor, case_id: int, kind: str, due: str, *, ctx: Ctx) -> EmployerPlanPage:
    """A new draft for one of the steps that may be started now."""
    subject = _writer(ctx.session, actor, case_id)
    today = ctx.today
    plans = read_plans(ctx.session, actor, subject, case_id)
    wanted = next(
        (
            o
            for o in _options(ctx.session, actor, case_id, plans, today)
            if o.kind == kind and o.due.isoformat() == due
        ),
        None,
    )
    if wanted is None:
        raise PlanError.of("plan.error.cannot_start")
    row = CasePlan(
        case_id=case_id,
        kind=wanted.kind,
        due=wanted.due,
        written_by_account_id=actor.account_id,
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    ctx.session.add(row)
    ctx.session.flush()
    _audit(ctx, actor, subject, "case_plan_created", audit.Action.CREATE, row.id)
    return _page(ctx.session, actor, subject, case_id, today)


@use_case(Role.EMPLOYER_CONTACT)
def do_save_plan(
    actor: Actor,
    case_id: int,
    plan_id: int,
    version: int,
    form: PlanInput,
    submit: bool,
    *,
    ctx: Ctx,
) -> EmployerPlanPage:
    """Save the draft at the version the page saw; with ``submit``, complete and sent to
    the employee, who is told of it (services/employee/telling.py: a content-free mail
    to his account or the address on file, or else a letter with the plan)."""
    subject = _writer(ctx.session, actor, case_id)
    row = _locked_draft(ctx, case_id, plan_id, version)
    row.written_by_account_id = actor.account_id
    _write(ctx, row, form, submit)
    event = "case_plan_submitted" if submit else "case_plan_saved"
    _audit(ctx, actor, subject, event, audit.Action.UPDATE, row.id)
    if submit:  # a Poortwachter step goes on when the use stopped: the exception recorded
        restriction.check(
            ctx.session,
            actor,
            subject.employee_id,
            "plan_submit",
            case_id=case_id,
            now=ctx.now,
            access=ctx.access,
            secret=ctx.secret,
        )
    if submit:  # his portal, else the address on file, else a letter (issue 17 item 5)
        tell_employee(ctx, actor, employee_id=subject.employee_id, case_id=case_id, kind=PLAN_SENT)
    return _page(ctx.session, actor, subject, case_id, ctx.today)
