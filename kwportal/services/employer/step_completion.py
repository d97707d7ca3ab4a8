"""Recording that a Poortwachter step was taken, for the acts the portal holds no document
of, so the calendar shows done, not overdue.

The problem analysis, the plan of action, its evaluations and the first-year evaluation are
written in the portal and their documents make them done (issue 15 item 3;
services/employer/deadlines.py): nobody ticks them off. What is left to record is what
happens outside the portal (Regeling procesgang eerste en tweede ziektejaar): the employer
sends the 42nd-week report to UWV and hears from the employee that the WIA application went
in; the case manager helps the employer and may record them on its behalf. The WIA letter
(UWV's) and the end of the wage payment are dates, not acts: nobody records them. A record
holds dates only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select as select_rows
from sqlmodel import Session, col

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, Subject, in_scope
from kwportal.domain.poortwachter import Step
from kwportal.domain.roles import Role
from kwportal.models import SickLeaveCase, StepCompletion
from kwportal.services import audit
from kwportal.services.employer.deadlines import DONE_BY_DOCUMENT, deadlines_for_cases
from kwportal.services.privacy import restriction

_RECORDED_ACTS = frozenset({Step.UWV_SICK_REPORT, Step.WIA_APPLICATION})
RECORDED_BY: dict[Role, frozenset[Step]] = {
    Role.EMPLOYER_CONTACT: _RECORDED_ACTS,
    Role.CASE_MANAGER: _RECORDED_ACTS,
}
"""The steps each role may record as taken; none of them is made by a document."""


class StepError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class Recorded:
    step: Step
    due: date
    done_on: date


def may_record(role: Role, step: Step) -> bool:
    return step in RECORDED_BY.get(role, frozenset())


def record_step(
    actor: Actor,
    case_id: int,
    step: str,
    due: str,
    done_on: str,
    *,
    session: Session,
    today: date,
    access: audit.AccessPoint,
    secret: str,
) -> Recorded:
    """Record ``step`` (due on ``due``) of the case as taken on ``done_on``. The step must be
    one of the case's deadlines, not yet recorded, and the actor's to record."""
    try:
        the_step, the_due, the_day = Step(step), date.fromisoformat(due), _day(done_on)
    except ValueError:
        raise StepError("steps.error.unknown") from None
    if the_day is None:
        raise StepError("steps.error.date")
    owner = session.execute(
        select_rows(col(SickLeaveCase.employee_id), col(SickLeaveCase.organisation_id)).where(
            col(SickLeaveCase.id) == case_id
        )
    ).first()
    if owner is None or not in_scope(actor, Subject(owner.employee_id, owner.organisation_id)):
        raise StepError("employer_case.not_found")
    if the_step in DONE_BY_DOCUMENT:
        raise StepError("steps.error.by_document")
    if not may_record(actor.role, the_step):
        raise StepError("steps.error.not_yours")
    lines = deadlines_for_cases(actor, [case_id], session=session, today=today).get(case_id, ())
    line = next((x for x in lines if x.step is the_step and x.due == the_due), None)
    if line is None:
        raise StepError("steps.error.unknown")
    if line.done:
        raise StepError("steps.error.already")
    if the_day > today:
        raise StepError("steps.error.future")
    first = min((x.due for x in lines), default=the_due)
    if the_day < first.replace(year=first.year - 1):
        raise StepError("steps.error.date")
    row = StepCompletion(
        case_id=case_id,
        step=str(the_step),
        due=the_due,
        done_on=the_day,
        recorded_by_account_id=actor.account_id,
    )
    session.add(row)
    session.flush()
    if the_step in _RECORDED_ACTS:  # UWV's steps go on when the use stopped: recorded
        restriction.check(
            session,
            actor,
            owner.employee_id,
            "wia_application" if the_step is Step.WIA_APPLICATION else "uwv_sick_report",
            case_id=case_id,
            access=access,
            secret=secret,
        )
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="poortwachter_step",
        action=audit.Action.CREATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=owner.employee_id,
        objects=[audit.ObjectRef(str(Category.ABSENCE), "step_completion", row.id)],
        details={"step": str(the_step), "due": the_due.isoformat()},
        secret=secret,
    )
    return Recorded(the_step, the_due, the_day)


def _day(raw: str) -> date | None:
    text = str(raw or "").strip()[:10]
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None
