"""Processing stopped (seed ch. 3 E: "U heeft recht op het stoppen van het gebruiken van de
gegevens"; "het gebruik van die persoonsgegevens te stoppen"; AVG art. 18/21; issue 17
item 3).

The privacy desk grants an employee's stop request — the restriction starts and the request
is answered (``rights.answer``) in the one unit — or starts a restriction on its own
initiative, and lifts it with a reason. Each of these is audited and the employee is told.

While a restriction runs, every write path that would let something about him reach his
employer or another party asks this module first (:func:`check`): an act the policy refuses
(``domain.policy.RESTRICTION_REFUSED`` — and any act it does not name) is refused with a
clear message and the unit rolls back; an act the law requires (the Poortwachter steps, UWV,
a transfer at his own request: ``RESTRICTION_EXCEPTIONS``) goes on, and the exception is
recorded with its ground and audited. The employer's anonymised reports leave him out. The
screens that touch him show a notice (:func:`notice_for`); how much each role is told is the
policy's word (``restriction_shown``): the employer only *that* the use stopped, never why.

The desk sees who, since when, why, and which exceptions were made — never anything from the
medical file.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from kwportal.domain.policy import (
    RESTRICTION_DESK,
    RESTRICTION_GROUNDS,
    RESTRICTION_MESSAGE_ACTS,
    RESTRICTION_UPLOAD_ACTS,
    Actor,
    RestrictionShown,
    Subject,
    require,
    restriction_blocks_consent,
    restriction_ground,
    restriction_shown,
)
from kwportal.domain.rights import OPEN_STATUSES, RightsKind, is_overdue
from kwportal.domain.roles import Role
from kwportal.models import (
    CaseDocument,
    Employee,
    ProcessingRestriction,
    RestrictionException,
    RightsRequest,
    SickLeaveCase,
)
from kwportal.models.base import utcnow
from kwportal.services import audit
from kwportal.services.employee import telling
from kwportal.services.privacy import rights
from kwportal.services.unit import Ctx, Refusal, use_case

MAX_REASON = 2_000
MAX_NUMBER = 40
MAX_NAME = 150
#: the exceptions a desk line shows, newest first
MAX_EXCEPTIONS = 50
#: the page the employee's mail points to (the notice is on his start page)
PORTAL_PATH = "/portal"
#: the kinds of telling this module does (services/employee/telling.py)
STARTED, LIFTED = telling.RESTRICTION_STARTED, telling.RESTRICTION_LIFTED
#: a problem analysis's document kind (services/case/problem_analysis.py ``KIND``)
PROBLEM_ANALYSIS = "problem_analysis"
READ_EVENT = "restrictions_read"
AUDIT_EVENTS = {
    READ_EVENT: audit.Action.READ,
    "processing_restriction_started": audit.Action.CREATE,
    "processing_restriction_lifted": audit.Action.UPDATE,
    "restriction_exception_recorded": audit.Action.CREATE,
    "stop_request_refused": audit.Action.UPDATE,
}


class RestrictionError(ValueError):
    """A refused desk action, or an act refused because processing stopped; ``code`` is a
    translation key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class ProcessingStopped(Refusal):
    """An act refused because the employee asked to stop the use of his data: the unit
    rolls back, and the page's guard shows ``message_key`` where the page shows its
    messages (kwportal/ui/guard.py). A service that has its own error type passes it to
    :func:`check` instead, so its page shows the message the way it shows its others."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
        self.message_key = code


def refused_key(act: str) -> str:
    """The message of a refused ``act`` ("Deze werknemer heeft gevraagd … kan niet")."""
    return f"restriction.refused.{act}"


# --- the library other services call ---


def active(session: Session, employee_id: int) -> ProcessingRestriction | None:
    """The employee's running restriction, or None."""
    return session.exec(
        select(ProcessingRestriction)
        .where(
            ProcessingRestriction.employee_id == employee_id,
            col(ProcessingRestriction.lifted_at).is_(None),
        )
        .order_by(col(ProcessingRestriction.started_at).desc(), col(ProcessingRestriction.id))
    ).first()


def is_restricted(session: Session, employee_id: int) -> bool:
    return active(session, employee_id) is not None


def restricted_among(session: Session, employee_ids: Collection[int]) -> set[int]:
    """Which of ``employee_ids`` are restricted now (one query; for lists and reports)."""
    ids = sorted(set(employee_ids))
    if not ids:
        return set()
    rows = session.exec(
        select(ProcessingRestriction.employee_id).where(
            col(ProcessingRestriction.employee_id).in_(ids),
            col(ProcessingRestriction.lifted_at).is_(None),
        )
    ).all()
    return set(rows)


def restricted_in_organisation(session: Session, organisation_id: int) -> set[int]:
    """The employees of one employer whose data are restricted now (for its reports)."""
    rows = session.exec(
        select(ProcessingRestriction.employee_id)
        .join(Employee, col(Employee.id) == col(ProcessingRestriction.employee_id))
        .where(
            Employee.organisation_id == organisation_id,
            col(ProcessingRestriction.lifted_at).is_(None),
        )
    ).all()
    return set(rows)


def refuse_if_restricted(
    session: Session,
    employee_id: int,
    act: str,
    *,
    error: Callable[[str], Exception] | None = None,
) -> None:
    """Raise ``error`` (default :class:`ProcessingStopped`) with the act's message when the
    employee's data are restricted; nothing happens otherwise."""
    if is_restricted(session, employee_id):
        raise (error or ProcessingStopped)(refused_key(act))


def refuse_consent_if_restricted(
    session: Session,
    employee_id: int,
    kind: str,
    act: str,
    *,
    error: Callable[[str], Exception] | None = None,
) -> None:
    """Refuse asking or granting a consent of ``kind`` that would let his data reach
    someone (``policy.restriction_blocks_consent``) while his data are restricted."""
    if restriction_blocks_consent(kind):
        refuse_if_restricted(session, employee_id, act, error=error)


def refuse_message_if_restricted(
    session: Session,
    role: Role,
    thread: str,
    employee_id: int,
    *,
    error: Callable[[str], Exception] | None = None,
) -> None:
    """Refuse a message that would tell the employer about a restricted employee
    (``policy.RESTRICTION_MESSAGE_ACTS``: the case manager in the employer thread)."""
    act = RESTRICTION_MESSAGE_ACTS.get((role, thread))
    if act is not None:
        refuse_if_restricted(session, employee_id, act, error=error)


def refuse_upload_if_restricted(
    session: Session,
    role: Role,
    employee_id: int,
    *,
    error: Callable[[str], Exception] | None = None,
) -> None:
    """Refuse a file the employer would read about a restricted employee
    (``policy.RESTRICTION_UPLOAD_ACTS``: the case manager's uploads)."""
    act = RESTRICTION_UPLOAD_ACTS.get(role)
    if act is not None:
        refuse_if_restricted(session, employee_id, act, error=error)


def record_exception(
    session: Session,
    actor: Actor,
    employee_id: int,
    act: str,
    *,
    case_id: int | None,
    access: audit.AccessPoint,
    secret: str,
    now: datetime | None = None,
    ground: str | None = None,
) -> int | None:
    """Record that ``act`` was done for a restricted employee because the law requires it,
    with the policy's ground, and audit it; returns the exception's id (None when he is not
    restricted). An act the policy names no ground for is a programming error here: use
    :func:`check`, which refuses it."""
    restriction = active(session, employee_id)
    if restriction is None:
        return None
    return _record(session, actor, restriction, act, case_id, now, access, secret, ground)


def _record(
    session: Session,
    actor: Actor,
    restriction: ProcessingRestriction,
    act: str,
    case_id: int | None,
    now: datetime | None,
    access: audit.AccessPoint,
    secret: str,
    ground: str | None = None,
) -> int:
    now = now or utcnow()
    legal = restriction_ground(act)
    if legal is None or (ground is not None and ground != legal):
        raise ValueError(f"{act!r} is no legal exception to a restriction")
    assert restriction.id is not None
    row = RestrictionException(
        restriction_id=restriction.id,
        employee_id=restriction.employee_id,
        case_id=case_id,
        act=act,
        ground=legal,
        actor_account_id=actor.account_id,
        recorded_at=now,
    )
    session.add(row)
    session.flush()
    _log(
        session,
        actor,
        "restriction_exception_recorded",
        restriction.employee_id,
        [audit.ObjectRef("rights_request", "restriction_exception", row.id)],
        access=access,
        secret=secret,
        now=now,
        details={"act": act, "ground": legal, "case_id": case_id},
    )
    assert row.id is not None
    return row.id


def check(
    session: Session,
    actor: Actor,
    employee_id: int,
    act: str,
    *,
    case_id: int | None,
    access: audit.AccessPoint,
    secret: str,
    now: datetime | None = None,
    error: Callable[[str], Exception] | None = None,
) -> None:
    """The one call of a write path that touches the employee: nothing when his data are
    not restricted; the act recorded as an exception when the law requires it; otherwise
    refused with its message (``error``, default :class:`ProcessingStopped`), so the unit
    writes nothing."""
    restriction = active(session, employee_id)
    if restriction is None:
        return
    if restriction_ground(act) is None:
        raise (error or ProcessingStopped)(refused_key(act))
    _record(session, actor, restriction, act, case_id, now, access, secret)


def feedback_act(session: Session, feedback_id: int, *, share: bool = False) -> str:
    """Releasing (or sharing) employer feedback is a Poortwachter step when the feedback is
    the employer part of a problem analysis; any other feedback is a plain release."""
    linked = session.exec(
        select(CaseDocument.id).where(
            CaseDocument.feedback_id == feedback_id, CaseDocument.kind == PROBLEM_ANALYSIS
        )
    ).first()
    if linked is not None:
        return "problem_analysis_share" if share else "problem_analysis_release"
    return "feedback_draft_share" if share else "feedback_release"


# --- what the screens that touch him show ---


@dataclass(frozen=True, slots=True)
class RestrictionNotice:
    """A running restriction as ``shown`` to the reader: the employer learns only that it
    runs (``since`` None, no grounds); the employee and the care team since when and which
    legal duties still go on; the desk the reason too."""

    shown: RestrictionShown
    since: datetime | None
    grounds: tuple[str, ...]
    reason: str = ""


def notice_for(session: Session, actor: Actor, subject: Subject) -> RestrictionNotice | None:
    """The notice a screen about ``subject`` shows ``actor`` (None: nothing to show)."""
    shown = restriction_shown(actor, subject)
    if shown is RestrictionShown.NONE:
        return None
    restriction = active(session, subject.employee_id)
    if restriction is None:
        return None
    if shown is RestrictionShown.FLAG:
        return RestrictionNotice(shown, None, ())
    reason = restriction.reason if shown is RestrictionShown.FULL else ""
    return RestrictionNotice(shown, restriction.started_at, RESTRICTION_GROUNDS, reason)


def flags_for(session: Session, actor: Actor, subjects: Iterable[Subject]) -> frozenset[int]:
    """For a list of people (the employer's overview, the consent requests): the employees
    among ``subjects`` whose data are restricted and whom ``actor`` is told of — a flag per
    row, nothing more. One query for the whole list, never one per row."""
    told = {
        s.employee_id for s in subjects if restriction_shown(actor, s) is not RestrictionShown.NONE
    }
    return frozenset(restricted_among(session, told))


def own_notice(session: Session, actor: Actor) -> RestrictionNotice | None:
    """The employee's own notice ("Het gebruik van uw gegevens is gestopt sinds …")."""
    if actor.role is not Role.EMPLOYEE or actor.employee_id is None:
        return None
    subject = Subject(actor.employee_id, actor.organisation_id or 0)
    return notice_for(session, actor, subject)


# --- the desk ---


@dataclass(frozen=True, slots=True)
class StopRequestLine:
    request_id: int
    personnel_number: str
    name: str
    text: str
    received_at: datetime
    due_on: date
    overdue: bool
    #: his data are restricted already (the desk started it on its own initiative)
    restricted: bool
    #: never shown; the subject of the read's audit row
    employee_id: int = 0


@dataclass(frozen=True, slots=True)
class ExceptionLine:
    recorded_at: datetime
    act: str
    ground: str
    case_id: int | None


@dataclass(frozen=True, slots=True)
class RestrictionLine:
    restriction_id: int
    personnel_number: str
    name: str
    started_at: datetime
    reason: str
    #: the stop request it grants, if any
    request_id: int | None
    exceptions: tuple[ExceptionLine, ...]
    employee_id: int = 0


@dataclass(frozen=True, slots=True)
class RestrictionsPage:
    requests: tuple[StopRequestLine, ...]
    restrictions: tuple[RestrictionLine, ...]


def _require_desk(actor: Actor) -> None:
    require(actor, *RESTRICTION_DESK, error=RestrictionError)


def _clean(value: str, limit: int, field: str) -> str:
    value = str(value or "").replace("\x00", "").strip()
    if not value:
        raise RestrictionError(f"restriction.{field}_required")
    if len(value) > limit:
        raise RestrictionError(f"restriction.{field}_too_long")
    return value


def _name(person: Employee) -> str:
    return f"{person.first_name} {person.last_name}".strip()


def _stop_requests(session: Session, today: date) -> tuple[StopRequestLine, ...]:
    rows = session.exec(
        select(RightsRequest, Employee)
        .join(Employee, col(Employee.id) == col(RightsRequest.employee_id))
        .where(
            RightsRequest.kind == str(RightsKind.STOP),
            col(RightsRequest.status).in_([str(s) for s in OPEN_STATUSES]),
        )
    ).all()
    restricted = restricted_among(session, [r.employee_id for r, _p in rows])
    lines = []
    for request, person in rows:
        due_on = request.due_at  # four weeks, no extension (issue 17 item 4)
        lines.append(
            StopRequestLine(
                request_id=request.id or 0,
                personnel_number=person.personnel_number,
                name=_name(person),
                text=request.text,
                received_at=request.received_at,
                due_on=due_on,
                overdue=is_overdue(due_on, today),
                restricted=request.employee_id in restricted,
                employee_id=request.employee_id,
            )
        )
    return tuple(sorted(lines, key=lambda x: (not x.overdue, x.due_on, x.request_id)))


def _restrictions(session: Session) -> tuple[RestrictionLine, ...]:
    rows = session.exec(
        select(ProcessingRestriction, Employee)
        .join(Employee, col(Employee.id) == col(ProcessingRestriction.employee_id))
        .where(col(ProcessingRestriction.lifted_at).is_(None))
        .order_by(col(ProcessingRestriction.started_at).desc(), col(ProcessingRestriction.id))
    ).all()
    return tuple(
        RestrictionLine(
            restriction_id=restriction.id or 0,
            personnel_number=person.personnel_number,
            name=_name(person),
            started_at=restriction.started_at,
            reason=restriction.reason,
            request_id=restriction.request_id,
            exceptions=_exceptions(session, restriction.id or 0),
            employee_id=restriction.employee_id,
        )
        for restriction, person in rows
    )


def _exceptions(session: Session, restriction_id: int) -> tuple[ExceptionLine, ...]:
    rows = session.exec(
        select(RestrictionException)
        .where(RestrictionException.restriction_id == restriction_id)
        .order_by(col(RestrictionException.recorded_at).desc(), col(RestrictionException.id))
        .limit(MAX_EXCEPTIONS)
    ).all()
    return tuple(ExceptionLine(r.recorded_at, r.act, r.ground, r.case_id) for r in rows)


def _page(actor: Actor, ctx: Ctx) -> RestrictionsPage:
    """The desk's page, its read logged per person it names (NEN 7513), one event when it
    names nobody."""
    _require_desk(actor)
    page = RestrictionsPage(_stop_requests(ctx.session, ctx.today), _restrictions(ctx.session))
    objects: dict[int, list[audit.ObjectRef]] = {}
    for line in page.requests:
        objects.setdefault(line.employee_id, []).append(
            audit.ObjectRef("rights_request", "rights_request", line.request_id)
        )
    for held in page.restrictions:
        objects.setdefault(held.employee_id, []).append(
            audit.ObjectRef("rights_request", "processing_restriction", held.restriction_id)
        )
    entries = audit.reads(READ_EVENT, objects) or [
        audit.Entry(event_type=READ_EVENT, action=audit.Action.READ, ground=audit.Ground.LEGAL_DUTY)
    ]
    audit.record_many(
        ctx.session, entries, actor=actor, access=ctx.access, secret=ctx.secret, now=ctx.now
    )
    return page


def _log(
    session: Session,
    actor: Actor,
    event: str,
    subject: int | None,
    objects: list[audit.ObjectRef],
    *,
    access: audit.AccessPoint,
    secret: str,
    now: datetime,
    details: dict[str, object] | None = None,
) -> None:
    """Ground: the AVG obliges us to honour the stop (art. 18/21) and to keep to the legal
    duties that remain."""
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type=event,
        action=AUDIT_EVENTS[event],
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=subject,
        objects=objects,
        details=details,
        secret=secret,
        now=now,
    )


def _start(
    actor: Actor, employee_id: int, reason: str, request_id: int | None, ctx: Ctx
) -> ProcessingRestriction:
    """Start the restriction (one employee's starts queue on his row, so two desk officers
    cannot both start one), audited; the employee is told."""
    ctx.session.exec(select(Employee.id).where(Employee.id == employee_id).with_for_update()).all()
    if active(ctx.session, employee_id) is not None:
        raise RestrictionError("restriction.already_restricted")
    row = ProcessingRestriction(
        employee_id=employee_id,
        request_id=request_id,
        reason=reason,
        started_at=ctx.now,
        started_by_account_id=actor.account_id,
    )
    ctx.session.add(row)
    ctx.session.flush()
    _log(
        ctx.session,
        actor,
        "processing_restriction_started",
        employee_id,
        [audit.ObjectRef("rights_request", "processing_restriction", row.id)],
        access=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
        details={"request": request_id},
    )
    _tell(ctx, actor, employee_id, STARTED)
    return row


def _tell(ctx: Ctx, actor: Actor, employee_id: int, kind: str) -> None:
    """Tell the employee *that* the use of his data stopped or restarts, never why, the one
    way services/employee/telling.py picks: a notice on his start page and a content-free
    mail to his account, else a content-free mail to the address on file, else a letter the
    case manager of his latest case posts."""
    case_id = ctx.session.exec(
        select(SickLeaveCase.id)
        .where(SickLeaveCase.employee_id == employee_id)
        .order_by(col(SickLeaveCase.sick_report_date).desc(), col(SickLeaveCase.id).desc())
    ).first()
    telling.tell_employee(ctx, actor, employee_id=employee_id, case_id=case_id, kind=kind)


def _person(session: Session, personnel_number: str, last_name: str) -> Employee:
    """The one employee with this personnel number and last name; anybody else, or more
    than one, is "unknown" and nothing is written."""
    number = _clean(personnel_number, MAX_NUMBER, "personnel_number")
    name = _clean(last_name, MAX_NAME, "last_name")
    people = session.exec(
        select(Employee).where(
            Employee.personnel_number == number,
            func.lower(Employee.last_name) == name.lower(),
        )
    ).all()
    if len(people) != 1:
        raise RestrictionError("restriction.unknown_person")
    return people[0]


# --- use cases: one click each (the desk's page hands them to the runner) ---


@use_case(Role.PRIVACY_OFFICER)
def do_open(actor: Actor, *, ctx: Ctx) -> RestrictionsPage:
    """The open stop requests, overdue first, and the running restrictions."""
    return _page(actor, ctx)


def _answer_stop(actor: Actor, request_id: int, answer: str, ctx: Ctx) -> RightsRequest:
    """Answer the stop request ``request_id`` through the rights desk's own answer (the
    employee's mail queued in the unit); any other id is no stop request."""
    request = ctx.session.get(RightsRequest, request_id)
    if request is None or request.kind != str(RightsKind.STOP):
        raise RestrictionError("restriction.not_a_stop_request")
    mail = rights.answer(
        actor,
        request_id,
        answer,
        session=ctx.session,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
        origin=ctx.origin,
    )
    if mail is not None:
        ctx.send(mail)
    return request


@use_case(Role.PRIVACY_OFFICER)
def do_grant(
    actor: Actor, request_id: int, reason: str, answer: str, *, ctx: Ctx
) -> RestrictionsPage:
    """Grant a stop request: the restriction starts (the reason is kept for the register)
    and the request is answered with ``answer`` (the employee reads it), in the one unit.
    A person already restricted keeps his restriction; the request is answered."""
    _require_desk(actor)
    reason = _clean(reason, MAX_REASON, "reason")
    request = _answer_stop(actor, request_id, answer, ctx)
    running = active(ctx.session, request.employee_id)
    if running is None:
        _start(actor, request.employee_id, reason, request_id, ctx)
    elif running.request_id is None:
        running.request_id = request_id
        ctx.session.add(running)
    return _page(actor, ctx)


@use_case(Role.PRIVACY_OFFICER)
def do_refuse(actor: Actor, request_id: int, answer: str, *, ctx: Ctx) -> RestrictionsPage:
    """Refuse a stop request: it is answered with ``answer``, which must give the reason
    (the employee reads it; AVG art. 12(4)), and the use of his data goes on. Audited as a
    refusal of its own, beside the answer. (The rights desk answers no open stop request:
    granting and refusing are both here.)"""
    _require_desk(actor)
    request = _answer_stop(actor, request_id, answer, ctx)
    _log(
        ctx.session,
        actor,
        "stop_request_refused",
        request.employee_id,
        [audit.ObjectRef("rights_request", "rights_request", request_id)],
        access=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return _page(actor, ctx)


@use_case(Role.PRIVACY_OFFICER)
def do_start(
    actor: Actor, personnel_number: str, last_name: str, reason: str, *, ctx: Ctx
) -> RestrictionsPage:
    """Stop the use of one person's data on the desk's own initiative (e.g. a stop asked
    by letter, or while a rectification is disputed: AVG art. 18(1)(a))."""
    _require_desk(actor)
    reason = _clean(reason, MAX_REASON, "reason")
    person = _person(ctx.session, personnel_number, last_name)
    assert person.id is not None
    _start(actor, person.id, reason, None, ctx)
    return _page(actor, ctx)


@use_case(Role.PRIVACY_OFFICER, step_up=True)
def do_lift(actor: Actor, restriction_id: int, reason: str, *, ctx: Ctx) -> RestrictionsPage:
    """Lift a running restriction with a reason (audited; the employee is told). It asks
    for a fresh code: from then on disclosures about him may go out again."""
    _require_desk(actor)
    reason = _clean(reason, MAX_REASON, "reason")
    row = ctx.session.exec(
        select(ProcessingRestriction)
        .where(ProcessingRestriction.id == restriction_id)
        .with_for_update()
    ).first()
    if row is None or row.lifted_at is not None:
        raise RestrictionError("restriction.unknown")
    row.lifted_at, row.lifted_by_account_id, row.lift_reason = ctx.now, actor.account_id, reason
    ctx.session.add(row)
    _log(
        ctx.session,
        actor,
        "processing_restriction_lifted",
        row.employee_id,
        [audit.ObjectRef("rights_request", "processing_restriction", row.id)],
        access=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
        details={"started": row.started_at.isoformat(), "request": row.request_id},
    )
    _tell(ctx, actor, row.employee_id, LIFTED)
    return _page(actor, ctx)
