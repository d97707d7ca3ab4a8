"""Releasing employer feedback (issue 7, item 5; issue 5, item 2), in one transaction:

1. the feedback becomes visible to the employer (status ``released``),
2. a disclosure record says what reached whom, when, by whom, on which ground
   (AVG art. 15(1)(c)),
3. the employee gets an in-app notice,
4. one audit row;

and after the commit an e-mail tells the employee *that* something was shared, with a link
to the portal — never the content (services/mail). Anything failing rolls all four back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from kwportal.domain.categories import Category
from kwportal.domain.medical_terms import check_fields
from kwportal.domain.policy import Actor
from kwportal.models import Account, Disclosure, EmployeeNotice, Organisation
from kwportal.services import audit
from kwportal.services.auth.notices import notice as mail_notice
from kwportal.services.case.scope import may_release
from kwportal.services.feedback.editor import RELEASED, FeedbackError, form_of, locked_draft
from kwportal.services.mail import Mail

NOTICE_KIND = "disclosure"
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
    account = employee_account(session, ref.subject.employee_id)
    notice = EmployeeNotice(
        employee_id=ref.subject.employee_id,
        account_id=account.id if account else None,
        kind=NOTICE_KIND,
        disclosure_id=disclosure.id,
        created_at=now,
    )
    session.add(notice)
    session.flush()
    assert notice.id is not None
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
    mail = (
        mail_notice(account, "release", origin, link=f"{origin}{DISCLOSURES_PATH}")
        if account
        else None
    )
    return ReleaseOutcome(feedback_id, disclosure.id, notice.id, (mail,) if mail else ())


def employee_account(session: Session, employee_id: int) -> Account | None:
    return session.exec(
        select(Account).where(Account.employee_id == employee_id, Account.is_active == True)  # noqa: E712
    ).first()
