"""Consent requests (issue 7 item 6): a company doctor or a member of his care team asks an
employee in his scope to allow ONE named extra datum — a label and the exact text — to
reach one recipient, the employee's employer, for one purpose. The employee grants or
refuses in his portal (:mod:`kwportal.services.employee.consents`); only a granted, not withdrawn
consent lets the datum into the employer's view (``domain.policy.consent_active``).

What may be asked at all is the policy's word (``domain.policy.may_request_datum``): the
Autoriteit Persoonsgegevens holds that an employer may not process health data even with
consent, save what colleagues need in an emergency, so a diagnosis, medication, treatment or
other health datum is refused outright, by name. This route to the employer is the
emergency note only (issue 17 item 7); every other consent points elsewhere — a GP
machtiging, a re-integration provider, the absence insurer, a new arbodienst — and is asked
through :mod:`kwportal.services.case.consent_beyond`. The page lists both, each role the
kinds it asks for (``policy.consent_kinds_for``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    CONSENT_ASKERS,
    CONSENT_DATUM_KINDS,
    CONSENT_EMPLOYER_DATUM,
    FORBIDDEN_DATUM_KINDS,
    Actor,
    Subject,
    consent_askers,
    consent_kinds_for,
    in_scope,
    may_request_datum,
    require,
)
from kwportal.domain.roles import Role
from kwportal.models import ConsentRecord, Employee, Organisation, SickLeaveCase
from kwportal.services import audit
from kwportal.services.employee.consents import EMPLOYER_DATUM, REQUESTED, ConsentError, state_of
from kwportal.services.employee.telling import CONSENT_REQUEST, tell_employee
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case

#: the text version the employee reads with every request (shown on his consents page)
NOTICE_VERSION = "employer-datum-2026-11-28"
MAX_LABEL = 200
MAX_VALUE = 2000
MAX_PURPOSE = 300
MAX_CASES = 200
#: every role that asks for some kind of consent (policy.CONSENT_ASKERS); each request is
#: checked against the askers of its own kind
REQUESTERS = frozenset(role for roles in CONSENT_ASKERS.values() for role in roles)
DATUM_CATEGORIES = str(Category.CONSENTED_DATUM)
#: the kinds the request form offers: the allowed ones first, then those the policy forbids,
#: so that the refusal can say why
OFFERED_KINDS = (*sorted(CONSENT_DATUM_KINDS), *sorted(FORBIDDEN_DATUM_KINDS))


@dataclass(frozen=True, slots=True)
class CaseChoice:
    case_id: int
    name: str
    personnel_number: str
    organisation: str
    #: whose case it is: named in the audit row of the read, never shown
    employee_id: int = 0
    organisation_id: int = 0


@dataclass(frozen=True, slots=True)
class RequestLine:
    consent_id: int
    case_id: int
    name: str
    datum_kind: str
    label: str
    #: requested | granted | refused | withdrawn | expired (a withdrawn or expired consent
    #: can no longer be used)
    state: str
    requested_at: datetime | None
    employee_id: int = 0
    #: the consent's kind (policy.CONSENT_ASKERS), its recipient and period
    kind: str = EMPLOYER_DATUM
    recipient: str = ""
    valid_until: date | None = None
    organisation_id: int = 0
    #: when the employee answered: granted, refused or withdrawn (None while requested)
    answered_at: datetime | None = None


def _require_requester(actor: Actor) -> None:
    require(actor, *REQUESTERS, error=ConsentError)


def _clean(value: str, limit: int, field: str) -> str:
    value = value.replace("\x00", "").strip()
    if not value:
        raise ConsentError(f"consent_req.{field}_required")
    if len(value) > limit:
        raise ConsentError(f"consent_req.{field}_too_long")
    return value


def open_cases(session: Session, actor: Actor) -> tuple[CaseChoice, ...]:
    """Open cases of the employers the actor's team serves, newest first."""
    _require_requester(actor)
    if not actor.employer_ids:
        return ()
    rows = session.execute(
        select_rows(
            col(SickLeaveCase.id),
            col(Employee.first_name),
            col(Employee.last_name),
            col(Employee.personnel_number),
            col(Organisation.name),
            col(SickLeaveCase.employee_id),
            col(SickLeaveCase.organisation_id),
        )
        .join(Employee, col(Employee.id) == col(SickLeaveCase.employee_id))
        .join(Organisation, col(Organisation.id) == col(SickLeaveCase.organisation_id))
        .where(
            col(SickLeaveCase.organisation_id).in_(actor.employer_ids),
            col(SickLeaveCase.recovery_date).is_(None),
        )
        .order_by(col(SickLeaveCase.sick_report_date).desc(), col(SickLeaveCase.id).desc())
        .limit(MAX_CASES)
    ).all()
    return tuple(CaseChoice(r[0], f"{r[1]} {r[2]}", r[3], r[4], r[5], r[6]) for r in rows)


def request_datum(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    datum_kind: str,
    label: str,
    value: str,
    purpose: str,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """Ask the employee of ``case_id`` to allow one datum for his employer; returns the
    consent record's id (status "requested")."""
    require(actor, *consent_askers(CONSENT_EMPLOYER_DATUM), error=ConsentError)
    if datum_kind in FORBIDDEN_DATUM_KINDS:
        raise ConsentError("consent_req.forbidden_kind")
    if not may_request_datum(datum_kind):
        raise ConsentError("consent_req.unknown_kind")
    label = _clean(label, MAX_LABEL, "label")
    value = _clean(value, MAX_VALUE, "value")
    purpose = _clean(purpose, MAX_PURPOSE, "purpose")
    case = session.get(SickLeaveCase, case_id)
    if case is None or not in_scope(actor, Subject(case.employee_id, case.organisation_id)):
        raise ConsentError("consent_req.unknown_case")
    # processing stopped (issue 17 item 3): nothing more to his employer, not even asked
    restriction.refuse_if_restricted(
        session, case.employee_id, "consent_request", error=ConsentError
    )
    # one employee's requests queue here, so a double tap cannot slip past the check
    session.exec(select(Employee.id).where(Employee.id == case.employee_id).with_for_update()).all()
    if _open_duplicate(session, case_id, datum_kind, label, value):
        raise ConsentError("consent_req.duplicate")
    organisation = session.get(Organisation, case.organisation_id)
    record = ConsentRecord(
        employee_id=case.employee_id,
        kind=EMPLOYER_DATUM,
        status=REQUESTED,
        purpose=purpose,
        data_description=label,
        data_categories=DATUM_CATEGORIES,
        recipient=organisation.name if organisation else "",
        recipient_organisation_id=case.organisation_id,
        legal_basis="explicit_consent",
        notice_version=NOTICE_VERSION,
        method="portal",
        case_id=case_id,
        datum_kind=datum_kind,
        datum_label=label,
        datum_value=value,
        requested_at=now,
        requested_by_account_id=actor.account_id,
    )
    session.add(record)
    session.flush()
    # asked, not granted: the insert takes the column's default ("now"), so it is cleared
    # by an update (issue 17 item 7: a pending request showed "granted on")
    record.granted_at = None
    session.add(record)
    session.flush()
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="consent_requested",
        action=audit.Action.CREATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=case.employee_id,
        consent_id=record.id,
        objects=[audit.ObjectRef(str(Category.CONSENT), "consent_record", record.id)],
        details={"datum_kind": datum_kind, "case_id": case_id},
        secret=secret,
        now=now,
    )
    assert record.id is not None
    return record.id


def tell_of_request(ctx: Ctx, actor: Actor, consent_id: int) -> None:
    """Tell the employee *that* a consent is asked of him (services/employee/telling.py):
    a mail with a link to his consents page, to his account or else to the address on
    file, or else a letter for the case manager; never what is asked (the datum may be
    private)."""
    record = ctx.session.get(ConsentRecord, consent_id)
    assert record is not None
    tell_employee(
        ctx, actor, employee_id=record.employee_id, case_id=record.case_id, kind=CONSENT_REQUEST
    )


def _open_duplicate(session: Session, case_id: int, kind: str, label: str, value: str) -> bool:
    return (
        session.exec(
            select(ConsentRecord.id).where(
                ConsentRecord.case_id == case_id,
                ConsentRecord.status == REQUESTED,
                ConsentRecord.datum_kind == kind,
                ConsentRecord.datum_label == label,
                ConsentRecord.datum_value == value,
            )
        ).first()
        is not None
    )


def requests_in_scope(
    session: Session, actor: Actor, *, limit: int = 100, today: date | None = None
) -> tuple[RequestLine, ...]:
    """The consent requests for cases of the actor's employers, newest first: of the kinds
    his role asks for (a case manager never sees a GP machtiging or the employer datum)."""
    _require_requester(actor)
    kinds = consent_kinds_for(actor.role)
    if not actor.employer_ids or not kinds:
        return ()
    query = (
        select(ConsentRecord, Employee)
        .join(Employee, col(Employee.id) == col(ConsentRecord.employee_id))
        .join(SickLeaveCase, col(SickLeaveCase.id) == col(ConsentRecord.case_id))
        .where(
            col(ConsentRecord.kind).in_(kinds),
            col(SickLeaveCase.organisation_id).in_(actor.employer_ids),
        )
        .order_by(col(ConsentRecord.id).desc())
        .limit(limit)
    )
    return tuple(
        RequestLine(
            consent_id=record.id or 0,
            case_id=record.case_id or 0,
            name=f"{person.first_name} {person.last_name}",
            datum_kind=record.datum_kind,
            label=record.datum_label or record.data_description,
            state=state_of(record, today=today),
            requested_at=record.requested_at,
            employee_id=record.employee_id,
            kind=record.kind,
            recipient=record.recipient,
            valid_until=record.valid_until,
            organisation_id=person.organisation_id,
            answered_at=record.withdrawn_at or record.refused_at or record.granted_at,
        )
        for record, person in session.exec(query)
    )


# --- use cases: one click each (the page hands them to the runner) ---


@dataclass(frozen=True, slots=True)
class RequestsPage:
    """The open cases a request can be about, and the requests made so far."""

    cases: tuple[CaseChoice, ...]
    requests: tuple[RequestLine, ...]
    #: the kinds of consent the actor may ask for (policy.CONSENT_ASKERS)
    kinds: tuple[str, ...] = ()
    #: the employees on the page whose data are restricted (issue 17 item 3): a request
    #: about them is refused; each row says so (one query for the page)
    restricted: frozenset[int] = frozenset()


def requests_page(actor: Actor, ctx: Ctx) -> RequestsPage:
    cases = open_cases(ctx.session, actor)
    requests = requests_in_scope(ctx.session, actor, today=ctx.today)
    people = [Subject(c.employee_id, c.organisation_id) for c in cases]
    people += [Subject(r.employee_id, r.organisation_id) for r in requests]
    page = RequestsPage(
        cases,
        requests,
        consent_kinds_for(actor.role),
        restriction.flags_for(ctx.session, actor, people),
    )
    _audit_page(page, actor, ctx)
    return page


def _audit_page(page: RequestsPage, actor: Actor, ctx: Ctx) -> None:
    """One read event per person the page names (NEN 7513 logs per person, as the
    caseload does), with the cases and requests shown about him; written in one batch."""
    objects: dict[int, list[audit.ObjectRef]] = {}
    for case in page.cases:
        objects.setdefault(case.employee_id, []).append(
            audit.ObjectRef(str(Category.ABSENCE), "sick_leave_case", case.case_id)
        )
    for line in page.requests:
        objects.setdefault(line.employee_id, []).append(
            audit.ObjectRef(str(Category.CONSENT), "consent_record", line.consent_id)
        )
    audit.record_many(
        ctx.session,
        audit.reads("consent_requests_view", objects),
        actor=actor,
        access=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )


@use_case(*sorted(REQUESTERS))
def do_list_requests(actor: Actor, *, ctx: Ctx) -> RequestsPage:
    return requests_page(actor, ctx)


@use_case(Role.COMPANY_DOCTOR, Role.CARE_TEAM)
def do_request_datum(
    actor: Actor,
    case_id: int,
    *,
    datum_kind: str,
    label: str,
    value: str,
    purpose: str,
    ctx: Ctx,
) -> RequestsPage:
    """Ask the employee (``ConsentError`` when refused); he is told so, content-free
    (:func:`tell_of_request`); then the page read again, in the one unit."""
    consent_id = request_datum(
        ctx.session,
        actor,
        case_id=case_id,
        datum_kind=datum_kind,
        label=label,
        value=value,
        purpose=purpose,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
    )
    tell_of_request(ctx, actor, consent_id)
    return requests_page(actor, ctx)
