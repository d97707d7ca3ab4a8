"""The employee's side of the Poortwachter documents (issue 15 item 3; BRIEF.md "What the
employee's portal shows besides").

He reads the plan of action, its evaluations and the first-year evaluation once his
employer sent them, adds his own view and says whether he agrees — with a reason when he
does not (both views belong in the plan since 1 July 2023; a disagreement is where UWV's
deskundigenoordeel comes in). His answer makes the document final. His employer reads what
he writes, so his words pass the medical-term check: he is told to leave health out and
tell the company doctor instead (the employer may not hold health data, not even with his
consent — Autoriteit Persoonsgegevens).

He also finds his problem analyses here: the medical part is his own file (WGBO art.
7:456), downloadable like every case document; the employer part reaches him with its
release, identical to what his employer gets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.medical_terms import find_terms
from kwportal.domain.policy import (
    PLAN_AGREED,
    PLAN_DISAGREED,
    Actor,
    Subject,
    may_read_problem_analysis,
    may_respond_to_plan,
    require,
)
from kwportal.domain.roles import Role
from kwportal.models import Account, CaseDocument, CasePlan, EmployerFeedback, SickLeaveCase
from kwportal.services import audit
from kwportal.services.auth.notices import notice
from kwportal.services.case.problem_analysis import KIND as ANALYSIS_KIND
from kwportal.services.employee.my_case import latest_case
from kwportal.services.employer.plan import PlanView, read_plans
from kwportal.services.employer.plan_form import MAX_TEXT, FieldError, PlanError, text_of
from kwportal.services.feedback.editor import RELEASED
from kwportal.services.mail import Mail
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError

MAX_REASON = 2000
MIN_REASON = 10
ANSWERS = {"yes": True, "no": False}


@dataclass(frozen=True, slots=True)
class AnalysisLink:
    """One of his problem analyses: the document to download and whether its employer
    part has been released (to both of them at once)."""

    document_id: int
    created_at: datetime
    released_at: datetime | None


@dataclass(frozen=True, slots=True)
class MyPlanPage:
    case_id: int | None
    plans: tuple[PlanView, ...]
    analyses: tuple[AnalysisLink, ...]

    @property
    def has_report(self) -> bool:
        return bool(self.plans)


def _own(actor: Actor) -> int:
    return require(actor, Role.EMPLOYEE, has="employee_id", error=PolicyDeniedError)


def _analyses(
    session: Session, actor: Actor, subject: Subject, case_id: int
) -> tuple[AnalysisLink, ...]:
    if not may_read_problem_analysis(actor, subject):
        return ()
    rows = session.exec(
        select(
            CaseDocument.id,
            CaseDocument.created_at,
            EmployerFeedback.status,
            EmployerFeedback.released_at,
        )
        .join(
            EmployerFeedback,
            col(EmployerFeedback.id) == col(CaseDocument.feedback_id),
            isouter=True,
        )
        .where(CaseDocument.case_id == case_id, CaseDocument.kind == ANALYSIS_KIND)
        .order_by(col(CaseDocument.created_at).desc())
    ).all()
    return tuple(
        AnalysisLink(doc_id or 0, created, released_at if status == RELEASED else None)
        for doc_id, created, status, released_at in rows
    )


def my_plans(session: Session, actor: Actor) -> MyPlanPage:
    """His latest case's documents (what his employer sent, never its drafts). His own
    data: not audited as someone else's read."""
    employee_id = _own(actor)
    case = latest_case(session, employee_id)
    if case is None or case.id is None:
        return MyPlanPage(None, (), ())
    subject = Subject(employee_id, case.organisation_id)
    return MyPlanPage(
        case.id,
        read_plans(session, actor, subject, case.id),
        _analyses(session, actor, subject, case.id),
    )


@dataclass(frozen=True, slots=True)
class Response:
    view: str
    agrees: bool
    reason: str


def clean_response(view: str, answer: str, reason: str) -> Response:
    """Every problem at its field at once; health words are refused (his employer reads it)."""
    view_text, reason_text = text_of(view, MAX_TEXT), text_of(reason, MAX_REASON)
    errors: list[FieldError] = []
    agrees = ANSWERS.get(str(answer or "").strip())
    if agrees is None:
        errors.append(FieldError("agrees", "my_plan.error.choose"))
    if len(view_text) > MAX_TEXT:
        errors.append(FieldError("employee_view", "plan.error.too_long"))
    if len(reason_text) > MAX_REASON:
        errors.append(FieldError("employee_reason", "plan.error.too_long"))
    elif agrees is False and len(reason_text) < MIN_REASON:
        errors.append(FieldError("employee_reason", "my_plan.error.reason"))
    for name, text in (("employee_view", view_text), ("employee_reason", reason_text)):
        terms = find_terms(text)
        if terms:
            errors.append(FieldError(name, "my_plan.error.medical", terms))
    if errors:
        raise PlanError(errors)
    assert agrees is not None
    return Response(view_text, agrees, reason_text if agrees is False else "")


def _employer_mails(
    session: Session, organisation_id: int, origin: str, case_id: int
) -> list[Mail]:
    contacts = session.exec(
        select(Account).where(
            Account.role == str(Role.EMPLOYER_CONTACT),
            Account.organisation_id == organisation_id,
            col(Account.is_active).is_(True),
        )
    ).all()
    link = f"{origin}/employer-plan?case={case_id}"
    return [m for m in (notice(a, "plan_answered", origin, link=link) for a in contacts) if m]


def respond(actor: Actor, plan_id: int, version: int, answer: Response, *, ctx: Ctx) -> CasePlan:
    employee_id = _own(actor)
    row = ctx.session.get(CasePlan, plan_id, with_for_update=True)
    case = ctx.session.get(SickLeaveCase, row.case_id) if row is not None else None
    if row is None or case is None or case.employee_id != employee_id:
        raise PlanError.of("plan.error.unknown")
    subject = Subject(employee_id, case.organisation_id)
    if not may_respond_to_plan(actor, subject, row.status):
        raise PlanError.of("my_plan.error.final")
    if row.version != version:
        raise PlanError.of("plan.error.stale")
    row.employee_view, row.employee_reason = answer.view, answer.reason
    row.employee_agrees = answer.agrees
    row.status = PLAN_AGREED if answer.agrees else PLAN_DISAGREED
    row.employee_responded_at, row.updated_at = ctx.now, ctx.now
    row.version += 1
    ctx.session.add(row)
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type="case_plan_answered",
        action=audit.Action.UPDATE,
        ground=audit.Ground.OWN_DATA,
        subject_employee_id=employee_id,
        objects=[audit.ObjectRef(str(Category.EMPLOYER_RECORD), "case_plan", row.id)],
        details={"agrees": answer.agrees},
        secret=ctx.secret,
        now=ctx.now,
    )
    ctx.send(*_employer_mails(ctx.session, case.organisation_id, ctx.origin, row.case_id))
    return row


# --- use cases: one click each ---


@use_case(Role.EMPLOYEE, person=True)
def do_show_my_plans(actor: Actor, *, ctx: Ctx) -> MyPlanPage:
    return my_plans(ctx.session, actor)


@use_case(Role.EMPLOYEE, person=True)
def do_respond_to_plan(
    actor: Actor, plan_id: int, version: int, view: str, answer: str, reason: str, *, ctx: Ctx
) -> MyPlanPage:
    """His view and whether he agrees (``PlanError`` with field errors when refused; nothing
    is written), then the page again; his employer hears that he answered, not what."""
    respond(actor, plan_id, version, clean_response(view, answer, reason), ctx=ctx)
    return my_plans(ctx.session, actor)
