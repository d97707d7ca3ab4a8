"""Consents beyond the employer (issue 17 item 7; BRIEF.md "How far consent reaches"): the
company doctor, his team or the case manager asks the employee of a case in scope for one
consent that points elsewhere than the employer —

* ``gp_authorisation``: a machtiging to ask the treating GP or specialist for information
  (medical: the doctor and his team ask);
* ``reintegration_provider``: sharing with a re-integration provider;
* ``insurer``: sharing with the employer's absence insurer (verzuimverzekeraar);
* ``new_arbodienst``: sharing with a new arbodienst —

each naming the recipient (name or organisation), the purpose, the data and the period
(``valid_until``, at most the two Poortwachter years). Who may ask which kind is the
policy's word (``policy.may_ask_consent``); the employer never asks. The employee grants
or refuses in his portal and withdraws at any time, each grant and withdrawal with a signed
receipt (services/employee/consents.py, receipts.py). A withdrawn or expired consent can no
longer be used: its status is shown to the staff (``policy.consent_state``), on the
consent-requests page and, for the doctor's team, on the case file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    BEYOND_EMPLOYER_KINDS,
    CONSENT_DATA_CATEGORIES,
    CONSENT_MAX_PERIOD_DAYS,
    Actor,
    Subject,
    consent_askers,
    consent_kinds_for,
    consent_state,
    in_scope,
    may_ask_consent,
    require,
)
from kwportal.domain.roles import Role
from kwportal.models import ConsentRecord, Employee, SickLeaveCase
from kwportal.services import audit
from kwportal.services.case.consent_requests import (
    REQUESTERS,
    RequestsPage,
    requests_page,
    tell_of_request,
)
from kwportal.services.employee.consents import REQUESTED, ConsentError
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case

#: the text version the employee reads with a request beyond the employer
NOTICE_VERSION = "beyond-employer-2026-12-01"
LIMITS = {"recipient": 200, "purpose": 300, "data": 500}


@dataclass(frozen=True, slots=True)
class ConsentAsk:
    """What the asker fills in: the kind, to whom, why, which data, until when."""

    kind: str
    recipient: str
    purpose: str
    data: str
    #: ISO date (the form's date field); the last day the consent may be used
    valid_until: str


def _clean(value: str, field: str) -> str:
    text = str(value or "").replace("\x00", "").strip()
    if not text:
        raise ConsentError(f"consent_beyond.{field}_required")
    if len(text) > LIMITS[field]:
        raise ConsentError(f"consent_beyond.{field}_too_long")
    return text


def _period(raw: str, today: date) -> date:
    try:
        until = date.fromisoformat(str(raw or "").strip()[:10])
    except ValueError:
        raise ConsentError("consent_beyond.until_required") from None
    if until < today:
        raise ConsentError("consent_beyond.until_in_past")
    if until > today + timedelta(days=CONSENT_MAX_PERIOD_DAYS):
        raise ConsentError("consent_beyond.until_too_far")
    return until


def request_consent(ctx: Ctx, actor: Actor, case_id: int, ask: ConsentAsk) -> int:
    """Ask the employee of ``case_id`` for one consent beyond the employer; returns the
    consent record's id (status "requested"). Refused by name: a kind the actor's role may
    not ask, a case outside his scope, a missing or too long field, a period in the past
    or beyond two years, the same request already open."""
    require(actor, *REQUESTERS, error=ConsentError)
    if ask.kind not in BEYOND_EMPLOYER_KINDS:
        raise ConsentError("consent_req.unknown_kind")
    if actor.role not in consent_askers(ask.kind):
        raise ConsentError("consent_beyond.not_yours")
    session = ctx.session
    case = session.get(SickLeaveCase, case_id)
    subject = Subject(case.employee_id, case.organisation_id) if case else None
    if case is None or subject is None or not may_ask_consent(actor, ask.kind, subject):
        raise ConsentError("consent_req.unknown_case")
    recipient = _clean(ask.recipient, "recipient")
    purpose = _clean(ask.purpose, "purpose")
    data = _clean(ask.data, "data")
    until = _period(ask.valid_until, ctx.today)
    # processing stopped (issue 17 item 3): no consent that would let his data reach anyone
    restriction.refuse_consent_if_restricted(
        session, case.employee_id, ask.kind, "consent_request", error=ConsentError
    )
    # one employee's requests queue here, so a double tap cannot slip past the check
    session.exec(select(Employee.id).where(Employee.id == case.employee_id).with_for_update()).all()
    if _open_duplicate(session, case_id, ask.kind, recipient):
        raise ConsentError("consent_req.duplicate")
    record = ConsentRecord(
        employee_id=case.employee_id,
        kind=ask.kind,
        status=REQUESTED,
        purpose=purpose,
        data_description=data,
        data_categories=CONSENT_DATA_CATEGORIES[ask.kind],
        recipient=recipient,
        legal_basis="explicit_consent",
        notice_version=NOTICE_VERSION,
        method="portal",
        case_id=case_id,
        valid_until=until,
        requested_at=ctx.now,
        requested_by_account_id=actor.account_id,
    )
    session.add(record)
    session.flush()
    # asked, not granted: the insert takes the column's default ("now"), so it is cleared
    # by an update (issue 17 item 7: a pending request showed "granted on")
    record.granted_at = None
    session.add(record)
    session.flush()
    assert record.id is not None
    audit.record(
        session,
        actor=actor,
        access=ctx.access,
        event_type="consent_requested",
        action=audit.Action.CREATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=case.employee_id,
        consent_id=record.id,
        objects=[audit.ObjectRef(str(Category.CONSENT), "consent_record", record.id)],
        details={"kind": ask.kind, "case_id": case_id},
        secret=ctx.secret,
        now=ctx.now,
    )
    return record.id


def _open_duplicate(session: Session, case_id: int, kind: str, recipient: str) -> bool:
    return (
        session.exec(
            select(ConsentRecord.id).where(
                ConsentRecord.case_id == case_id,
                ConsentRecord.status == REQUESTED,
                ConsentRecord.kind == kind,
                ConsentRecord.recipient == recipient,
            )
        ).first()
        is not None
    )


@dataclass(frozen=True, slots=True)
class ConsentStatus:
    """A consent of the case's employee as the staff see it: may it be used today?"""

    consent_id: int
    kind: str
    recipient: str
    #: requested | granted | refused | withdrawn | expired
    state: str
    valid_until: date | None

    @property
    def usable(self) -> bool:
        return self.state == "granted"


def consent_statuses(
    session: Session, actor: Actor, subject: Subject, *, today: date
) -> tuple[ConsentStatus, ...]:
    """The employee's consents beyond the employer that the actor's role asks for, newest
    first, each with its state on ``today``. The caller audits the read with the page."""
    kinds = [k for k in consent_kinds_for(actor.role) if k in BEYOND_EMPLOYER_KINDS]
    if not kinds or not in_scope(actor, subject):
        return ()
    rows = session.exec(
        select(ConsentRecord)
        .where(
            ConsentRecord.employee_id == subject.employee_id,
            col(ConsentRecord.kind).in_(kinds),
        )
        .order_by(col(ConsentRecord.id).desc())
    ).all()
    return tuple(
        ConsentStatus(
            row.id or 0,
            row.kind,
            row.recipient,
            consent_state(row.status, row.withdrawn_at, row.valid_until, today=today),
            row.valid_until,
        )
        for row in rows
    )


# --- use cases: one click each (the page hands them to the runner) ---


@use_case(Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER)
def do_request_consent(actor: Actor, case_id: int, ask: ConsentAsk, *, ctx: Ctx) -> RequestsPage:
    """Ask the employee (``ConsentError`` when refused); he is told so, content-free;
    then the page read again, in the one unit."""
    consent_id = request_consent(ctx, actor, case_id, ask)
    tell_of_request(ctx, actor, consent_id)
    return requests_page(actor, ctx)
