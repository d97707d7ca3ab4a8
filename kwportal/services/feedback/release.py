"""Releasing employer feedback (issue 7, item 5; issue 5, item 2), in one transaction:

1. the feedback becomes visible to the employer (status ``released``),
2. a disclosure record says what reached whom, when, by whom, on which ground
   (AVG art. 15(1)(c)),
3. the employee is told (services/employee/telling.py): an in-app notice, and after the
   commit an e-mail that says *that* something was shared, with a link to the portal —
   never the content (services/mail); without an active account an e-mail to the address
   on file, or else a letter for the case manager to post (issue 17 item 5),
4. one audit row.

Anything failing rolls all four back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from kwportal.domain.categories import Category
from kwportal.domain.medical_terms import check_fields
from kwportal.domain.policy import Actor
from kwportal.models import Account, Disclosure, Organisation
from kwportal.services import audit
from kwportal.services.case.scope import may_release
from kwportal.services.employee import telling
from kwportal.services.employee.telling import tell_employee
from kwportal.services.feedback.editor import RELEASED, FeedbackError, form_of, locked_draft
from kwportal.services.mail import Mail
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx

NOTICE_KIND = telling.NOTICE_KIND
#: the page the notice and the mail point to
DISCLOSURES_PATH = "/my-disclosures"
#: employer feedback reaches the employer on the Arbowet / Wet verbetering poortwachter duty
RELEASE_GROUND = audit.Ground.LEGAL_DUTY


@dataclass(frozen=True, slots=True)
class ReleaseOutcome:
    feedback_id: int
    disclosure_id: int
    notice_id: int
    #: to send after the commit
    mails: tuple[Mail, ...]


def release_feedback(
    actor: Actor,
    feedback_id: int,
    *,
    expected_version: int,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
    now: datetime,
    origin: str,
) -> ReleaseOutcome:
    ref, row = locked_draft(session, actor, feedback_id, expected_version)
    if not may_release(session, actor, ref.subject):
        raise FeedbackError("feedback.may_not_release")
    form = form_of(row)
    if form.is_empty():
        raise FeedbackError("feedback.empty")
    hits = check_fields(form.texts())
    if hits and row.terms_confirmed_version != row.version:
        raise FeedbackError("feedback.terms_unconfirmed", hits)
    # processing stopped (issue 17 item 3): refused, or a Poortwachter step recorded
    restriction.check(
        session,
        actor,
        ref.subject.employee_id,
        restriction.feedback_act(session, feedback_id),
        case_id=row.case_id,
        now=now,
        access=access_point,
        secret=secret,
        error=FeedbackError,
    )
    row.status, row.released_at, row.shared_with_employee_at = RELEASED, now, now
    row.released_by_account_id = actor.account_id
    row.version += 1
    session.add(row)
    org = session.get(Organisation, ref.subject.organisation_id)
    disclosure = Disclosure(
        employee_id=ref.subject.employee_id,
        case_id=row.case_id,
        recipient_kind="employer",
        recipient_organisation_id=ref.subject.organisation_id,
        recipient_name=org.name if org else "",
        categories=str(Category.EMPLOYER_FEEDBACK),
        feedback_id=feedback_id,
        ground=str(RELEASE_GROUND),
        disclosed_by_account_id=actor.account_id,
        disclosed_at=now,
    )
    session.add(disclosure)
    session.flush()
    assert disclosure.id is not None
    # the employee is always told: his portal, else the address on file, else a letter
    unit = Ctx(access=access_point, now=now, secret=secret, origin=origin, session=session)
    told = tell_employee(
        unit,
        actor,
        employee_id=ref.subject.employee_id,
        case_id=row.case_id,
        kind=telling.RELEASE,
        disclosure_id=disclosure.id,
    )
    assert told.notice_id is not None
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="feedback_released",
        action=audit.Action.DISCLOSE,
        ground=RELEASE_GROUND,
        subject_employee_id=ref.subject.employee_id,
        objects=[
            audit.ObjectRef(str(Category.EMPLOYER_FEEDBACK), "employer_feedback", feedback_id),
            audit.ObjectRef(str(Category.AUDIT), "disclosure", disclosure.id),
        ],
        details={"recipient": "employer", "terms_confirmed": bool(hits)},
        secret=secret,
        now=now,
    )
    return ReleaseOutcome(feedback_id, disclosure.id, told.notice_id, tuple(unit.outbox))


def employee_account(session: Session, employee_id: int) -> Account | None:
    return session.exec(
        select(Account).where(Account.employee_id == employee_id, Account.is_active == True)  # noqa: E712
    ).first()
