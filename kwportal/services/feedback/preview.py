"""Preview as the employer (issue 7, item 4): the draft as the employer would see it once
released, built through the employer's own policy row — an employer actor of the case's
organisation projects the very columns of ``employer_view`` — and rendered by the very
component the employer's case page uses (``employer_case_card``)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, Subject
from kwportal.domain.roles import Role
from kwportal.models import Employee, EmployerFeedback, SickLeaveCase
from kwportal.services import audit
from kwportal.services.case.scope import case_in_scope
from kwportal.services.employer.case_view import (
    CASE_COLUMNS,
    EMPLOYEE_COLUMNS,
    EmployerCaseView,
    feedback_view,
)
from kwportal.services.feedback.editor import (
    DRAFT,
    RELEASED,
    FeedbackError,
    require_feedback_access,
)
from kwportal.services.views import project


def employer_of(subject: Subject) -> Actor:
    """The employer's contact as the policy sees him: no account, his organisation."""
    return Actor(
        account_id=None, role=Role.EMPLOYER_CONTACT, organisation_id=subject.organisation_id
    )


def draft_preview(
    actor: Actor,
    feedback_id: int,
    *,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
) -> EmployerCaseView:
    """The employer's view of the case with this draft released on top of what was."""
    require_feedback_access(actor)
    draft = session.get(EmployerFeedback, feedback_id)
    if draft is None:
        raise FeedbackError("feedback.unknown")
    ref = case_in_scope(session, actor, draft.case_id)
    if draft.status != DRAFT:
        raise FeedbackError("feedback.already_released")
    employer = employer_of(ref.subject)
    case = session.get(SickLeaveCase, draft.case_id)
    person = session.get(Employee, ref.subject.employee_id)
    assert case is not None and person is not None
    released = session.exec(
        select(EmployerFeedback)
        .where(EmployerFeedback.case_id == draft.case_id, EmployerFeedback.status == RELEASED)
        .order_by(col(EmployerFeedback.released_at).desc())
    ).all()
    feedback = tuple(feedback_view(employer, ref.subject, row) for row in [draft, *released])
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="feedback_preview",
        action=audit.Action.READ,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=ref.subject.employee_id,
        objects=[audit.ObjectRef(str(Category.EMPLOYER_FEEDBACK), "employer_feedback", draft.id)],
        secret=secret,
    )
    return EmployerCaseView(
        case_id=draft.case_id,
        **project(employer, ref.subject, person, EMPLOYEE_COLUMNS),
        **project(employer, ref.subject, case, CASE_COLUMNS),
        feedback=feedback,
    )
