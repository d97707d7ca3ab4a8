"""The draft advice read by the employee before it is sent (BRIEF.md, NVAB guidance).

"The doctor discusses the advice with the employee *before* it is sent": whoever may release
the feedback shares the draft with the employee, who reads it — through the very component
the employer will see — and may add a reaction. The employer sees nothing of this: the
draft is still unreleased for him, and the reaction is the employee's own words about his
health (medical, never in the employer's matrix). Release then sends the same text to both.

The policy decides what the employee may read (``Access.SHARED_OR_RELEASED``); a draft that
was not shared stays out of his sight like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, Subject, require
from kwportal.domain.roles import Role
from kwportal.models import EmployerFeedback
from kwportal.services import audit
from kwportal.services.auth.notices import notice as mail_notice
from kwportal.services.case.scope import may_release
from kwportal.services.employee.my_case import latest_case
from kwportal.services.employer.case_view import FeedbackView, feedback_view
from kwportal.services.feedback.editor import DRAFT, FeedbackError, locked_draft
from kwportal.services.feedback.release import employee_account
from kwportal.services.mail import Mail
from kwportal.services.privacy import restriction
from kwportal.services.views import PolicyDeniedError, project

#: the employee's page that shows the shared draft
PAGE = "/my-employer-view"
MAX_REACTION = 5000
_SHARED_COLUMNS = {
    "shared_at": "employer_feedback.shared_with_employee_at",
    "reaction": "employer_feedback.employee_reaction",
}


class SharingError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class SharedDraft:
    feedback_id: int
    shared_at: datetime
    #: the draft exactly as the employer would see it once released
    view: FeedbackView
    reaction: str


def share_draft(
    actor: Actor,
    feedback_id: int,
    *,
    expected_version: int,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
    now: datetime,
    origin: str,
) -> Mail | None:
    """Let the employee read this version of the draft; returns the content-free e-mail that
    tells him so (send it after the commit), or None when he has no account or address."""
    ref, row = locked_draft(session, actor, feedback_id, expected_version)
    if not may_release(session, actor, ref.subject):
        raise FeedbackError("feedback.may_not_release")
    restriction.check(  # processing stopped (issue 17 item 3)
        session,
        actor,
        ref.subject.employee_id,
        restriction.feedback_act(session, feedback_id, share=True),
        case_id=row.case_id,
        now=now,
        access=access_point,
        secret=secret,
        error=FeedbackError,
    )
    row.shared_with_employee_at = now
    session.add(row)
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="feedback_draft_shared",
        action=audit.Action.DISCLOSE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=ref.subject.employee_id,
        objects=[audit.ObjectRef(str(Category.EMPLOYER_FEEDBACK), "employer_feedback", row.id)],
        details={"version": row.version, "recipient": "employee"},
        secret=secret,
        now=now,
    )
    account = employee_account(session, ref.subject.employee_id)
    if account is None:
        return None
    return mail_notice(account, "draft_shared", origin, link=f"{origin}{PAGE}")


def shared_draft(
    actor: Actor, *, session: Session, access_point: audit.AccessPoint, secret: str
) -> SharedDraft | None:
    """The draft of the employee's latest case that was shared with him, if any (audited)."""
    row, subject = _own_shared_draft(session, actor)
    if row is None or row.id is None:
        return None
    shared = row.shared_with_employee_at is not None  # a fact of the row, told to the policy
    view = feedback_view(actor, subject, row, shared=shared)
    values = project(actor, subject, row, _SHARED_COLUMNS, released=False, shared=shared)
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="feedback_draft_read",
        action=audit.Action.READ,
        ground=audit.Ground.OWN_DATA,
        subject_employee_id=subject.employee_id,
        objects=[audit.ObjectRef(str(Category.EMPLOYER_FEEDBACK), "employer_feedback", row.id)],
        secret=secret,
    )
    return SharedDraft(row.id, values["shared_at"], view, values["reaction"] or "")


def react(
    actor: Actor,
    feedback_id: int,
    text: str,
    *,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
    now: datetime,
) -> None:
    """The employee's reaction to the draft shared with him; a new one replaces the last."""
    cleaned = text.replace("\x00", "").strip()
    if not cleaned:
        raise SharingError("draft.reaction_empty")
    if len(cleaned) > MAX_REACTION:
        raise SharingError("draft.reaction_too_long")
    row, subject = _own_shared_draft(session, actor, lock=True)
    if row is None or row.id != feedback_id:
        # released meanwhile, or not his: the same answer, nothing written
        raise SharingError("draft.gone")
    row.employee_reaction = cleaned
    session.add(row)
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="feedback_draft_reaction",
        action=audit.Action.UPDATE,
        ground=audit.Ground.OWN_DATA,
        subject_employee_id=subject.employee_id,
        objects=[audit.ObjectRef(str(Category.MEDICAL), "employer_feedback", row.id)],
        secret=secret,
        now=now,
    )


def _own_shared_draft(
    session: Session, actor: Actor, *, lock: bool = False
) -> tuple[EmployerFeedback | None, Subject]:
    employee_id = require(actor, Role.EMPLOYEE, has="employee_id", error=PolicyDeniedError)
    latest = latest_case(session, employee_id)
    if latest is None:
        return None, Subject(employee_id, actor.organisation_id or 0)
    subject = Subject(employee_id, latest.organisation_id)
    query = (
        select(EmployerFeedback)
        .where(
            EmployerFeedback.case_id == latest.id,
            EmployerFeedback.status == DRAFT,
            col(EmployerFeedback.shared_with_employee_at).is_not(None),
        )
        .order_by(col(EmployerFeedback.id).desc())
        .limit(1)
    )
    row = session.exec(query.with_for_update() if lock else query).first()
    return row, subject
