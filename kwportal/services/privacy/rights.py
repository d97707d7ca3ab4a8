"""Rights requests (seed ch. 3, A–E): the employee files one for himself and sees its due
date, status and answer; the privacy desk works the queue — overdue first, with the days
past the term, then those due within a week — and answers. The seed allows no extension
("uiterlijk binnen vier weken"; issue 17 item 4): a request past its term is escalated to
the administrator once (escalation.py). Answering an access request delivers the
employee's export to his own page (access_export.py). A rectification request carries one
item per field (rectification.py). The desk sees who asked (name and personnel number) and
what he wrote, never anything from the medical file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from kwportal.domain import rights as rules
from kwportal.domain.policy import Actor, require
from kwportal.domain.rights import RequestStatus, RightsKind
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import local_date
from kwportal.models import Employee, RightsRequest
from kwportal.services import audit
from kwportal.services.mail import Mail
from kwportal.services.privacy import access_export

MAX_TEXT = 10_000
MAX_REASON = 2_000
#: a second identical request this soon is a double tap, not a new request
DUPLICATE_WINDOW = timedelta(seconds=60)
QUEUE_READ = "rights_queue_read"
#: each audit event of this module and its action
AUDIT_EVENTS = {
    QUEUE_READ: audit.Action.READ,
    "rights_request_submitted": audit.Action.CREATE,
    "rights_request_answered": audit.Action.UPDATE,
}


class RightsError(ValueError):
    """A refused request or desk action; ``code`` is a translation key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class MyRequest:
    request_id: int
    kind: RightsKind
    text: str
    received_at: datetime
    due_on: date
    status: RequestStatus
    answer: str
    answered_at: datetime | None
    #: history only: a term extended before issue 17 (the seed allows none now)
    extended_to: date | None = None
    extension_reason: str = ""


@dataclass(frozen=True, slots=True)
class QueueLine:
    request_id: int
    kind: RightsKind
    personnel_number: str
    name: str
    text: str
    received_at: datetime
    due_on: date
    overdue: bool
    status: RequestStatus
    #: never shown; lets the desk page ask for the transfer status of the requester
    employee_id: int = 0
    #: whole days past the four weeks (0 while the term runs)
    days_overdue: int = 0
    #: the term ends within a week
    due_soon: bool = False
    #: when the administrator was told the request is overdue
    escalated_at: datetime | None = None


def _clean(value: str, limit: int, *, required: bool, field: str) -> str:
    """Trimmed text without NUL (PostgreSQL refuses it); refused when empty or too long."""
    value = value.replace("\x00", "").strip()
    if required and not value:
        raise RightsError(f"rights.{field}_required")
    if len(value) > limit:
        raise RightsError(f"rights.{field}_too_long")
    return value


def _own(actor: Actor) -> int:
    return require(actor, Role.EMPLOYEE, has="employee_id", error=RightsError)


def _require_desk(actor: Actor) -> None:
    require(actor, Role.PRIVACY_OFFICER, error=RightsError)


def _kind(value: str) -> RightsKind:
    try:
        return RightsKind(value)
    except ValueError:
        raise RightsError("rights.unknown_kind") from None


def _log(
    session: Session,
    actor: Actor,
    event: str,
    subject: int | None,
    request_ids: list[int],
    *,
    access: audit.AccessPoint,
    secret: str,
    now: datetime,
    details: dict[str, object] | None = None,
) -> None:
    """Ground: the AVG obliges us to handle the request (art. 12); the subject is the
    employee whose request it is."""
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type=event,
        action=AUDIT_EVENTS[event],
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=subject,
        objects=[audit.ObjectRef("rights_request", "rights_request", i) for i in request_ids],
        details=details,
        secret=secret,
        now=now,
    )


def submit(
    actor: Actor,
    kind: str,
    text: str,
    *,
    session: Session,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """File a request for oneself; due four weeks after receipt (seed ch. 3)."""
    employee_id = _own(actor)
    chosen = _kind(kind)
    text = _clean(text, MAX_TEXT, required=chosen not in rules.TEXT_OPTIONAL, field="text")
    lock_person(session, employee_id)
    duplicate = session.exec(
        select(RightsRequest.id).where(
            RightsRequest.employee_id == employee_id,
            RightsRequest.kind == str(chosen),
            RightsRequest.text == text,
            col(RightsRequest.received_at) >= now - DUPLICATE_WINDOW,
        )
    ).first()
    if duplicate is not None:
        raise RightsError("rights.duplicate")
    return file_request(session, actor, chosen, text, now=now, access=access, secret=secret)


def lock_person(session: Session, employee_id: int) -> None:
    """One employee's submissions queue here, so a double tap cannot slip past a check."""
    session.exec(select(Employee.id).where(Employee.id == employee_id).with_for_update()).all()


def file_request(
    session: Session,
    actor: Actor,
    kind: RightsKind,
    text: str,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """Store a checked request of the employee ``actor`` and audit it; due in four weeks."""
    employee_id = _own(actor)
    chosen = kind
    request = RightsRequest(
        employee_id=employee_id,
        kind=str(chosen),
        text=text,
        received_at=now,
        due_at=rules.due_date(local_date(now)),
        status=str(RequestStatus.RECEIVED),
    )
    session.add(request)
    session.flush()
    assert request.id is not None
    _log(
        session,
        actor,
        "rights_request_submitted",
        employee_id,
        [request.id],
        access=access,
        secret=secret,
        now=now,
        details={"kind": str(chosen), "due": request.due_at},
    )
    return request.id


def my_requests(actor: Actor, *, session: Session) -> tuple[MyRequest, ...]:
    """The employee's own requests, newest first."""
    employee_id = _own(actor)
    rows = session.exec(
        select(RightsRequest)
        .where(RightsRequest.employee_id == employee_id)
        .order_by(col(RightsRequest.received_at).desc(), col(RightsRequest.id).desc())
    ).all()
    return tuple(
        MyRequest(
            request_id=r.id or 0,
            kind=_kind(r.kind),
            text=r.text,
            received_at=r.received_at,
            due_on=r.due_at,
            status=_status(r.status),
            answer=r.answer,
            answered_at=r.answered_at,
            extended_to=r.extended_due_at,
            extension_reason=r.extension_reason,
        )
        for r in rows
    )


def queue(
    actor: Actor,
    today: date,
    *,
    session: Session,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> tuple[QueueLine, ...]:
    """Open requests, overdue first (the longest overdue on top), then by due date; the
    read is logged per employee."""
    _require_desk(actor)
    rows = session.exec(
        select(RightsRequest, Employee)
        .join(Employee, col(Employee.id) == col(RightsRequest.employee_id))
        .where(col(RightsRequest.status).in_([str(s) for s in rules.OPEN_STATUSES]))
    ).all()
    lines = sorted(
        (_queue_line(request, person, today) for request, person in rows),
        key=lambda line: (not line.overdue, line.due_on, line.request_id),
    )
    subjects: dict[int, list[int]] = {}
    for request, _person in rows:
        subjects.setdefault(request.employee_id, []).append(request.id or 0)
    for employee_id, ids in sorted(subjects.items()):
        _log(
            session,
            actor,
            QUEUE_READ,
            employee_id,
            sorted(ids),
            access=access,
            secret=secret,
            now=now,
        )
    if not subjects:
        _log(session, actor, QUEUE_READ, None, [], access=access, secret=secret, now=now)
    return tuple(lines)


def _status(value: str) -> RequestStatus:
    """An ``extended`` row left by an old database reads as received (migration 0017)."""
    try:
        return RequestStatus(value)
    except ValueError:
        return RequestStatus.RECEIVED


def _queue_line(request: RightsRequest, person: Employee, today: date) -> QueueLine:
    due_on = request.due_at
    return QueueLine(
        request_id=request.id or 0,
        kind=_kind(request.kind),
        personnel_number=person.personnel_number,
        name=f"{person.first_name} {person.last_name}",
        text=request.text,
        received_at=request.received_at,
        due_on=due_on,
        overdue=rules.is_overdue(due_on, today),
        status=_status(request.status),
        employee_id=request.employee_id,
        days_overdue=rules.days_overdue(due_on, today),
        due_soon=rules.due_soon(due_on, today),
        escalated_at=request.escalated_at,
    )


def _open_request(session: Session, request_id: int) -> RightsRequest:
    """Lock the row and re-read it: two desk officers cannot both act on it."""
    request = session.exec(
        select(RightsRequest).where(RightsRequest.id == request_id).with_for_update()
    ).first()
    if request is None:
        raise RightsError("rights.unknown_request")
    if request.status not in rules.OPEN_STATUSES:
        raise RightsError("rights.already_answered")
    return request


def answer(
    actor: Actor,
    request_id: int,
    answer_text: str,
    *,
    session: Session,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
    origin: str = "",
) -> Mail | None:
    """Answer an open request. An access request is answered by delivering the export to
    the employee's own page (access_export.deliver): the desk never receives it. Returns
    the content-free mail that tells him, to be sent after the commit."""
    _require_desk(actor)
    text = _clean(answer_text, MAX_TEXT, required=True, field="answer")
    request = _open_request(session, request_id)
    mail: Mail | None = None
    if access_export.is_access(request):
        try:
            mail = access_export.deliver(session, actor, request, now=now, origin=origin)
        except access_export.DeliveryError as error:
            raise RightsError(error.code) from None
        access_export.log_delivery(session, actor, request, access=access, secret=secret, now=now)
    old_status = request.status
    request.answer, request.answered_at = text, now
    request.status = str(RequestStatus.ANSWERED)
    request.handled_by_account_id = actor.account_id
    session.add(request)
    _log(
        session,
        actor,
        "rights_request_answered",
        request.employee_id,
        [request_id],
        access=access,
        secret=secret,
        now=now,
        details={"kind": request.kind, "old_status": old_status},
    )
    return mail
