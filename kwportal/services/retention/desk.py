"""The privacy desk's view of retention, legal holds, and an employee's own retention line.
No medical content: names, personnel numbers, dates, rules and reasons only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import HANDOVER_CONFIRMERS, Actor, NotAllowedError, require
from kwportal.domain.retention import Decision, Rule, decide
from kwportal.domain.roles import Role
from kwportal.models import Employee, LegalHold, RetentionRun
from kwportal.services import audit
from kwportal.services.privacy import handover as handing_over
from kwportal.services.retention.plan import dossiers, plan
from kwportal.services.unit import Ctx, use_case

MAX_REASON = 1000
UPCOMING_DAYS = 90
#: rules that would tell the desk about an exposure (health data): shown as one neutral rule
EXPOSURE_RULES = frozenset(
    {Rule.HAZARDOUS_40Y, Rule.RADIATION_AGE_75, Rule.RADIATION_30Y_AFTER_WORK}
)
STATUTORY_LONGER = "statutory_longer"


def desk_rule(rule: Rule) -> str:
    """The rule as the privacy desk may see it: never a hint of an exposure."""
    return STATUTORY_LONGER if rule in EXPOSURE_RULES else str(rule)


class DeskError(ValueError):
    """A refused desk action; ``code`` is a translation key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class UpcomingLine:
    personnel_number: str
    name: str
    destroy_from: date
    rule: str
    #: whose file it is: named in the audit row of the read, never shown
    employee_id: int = 0


@dataclass(frozen=True, slots=True)
class HoldLine:
    hold_id: int
    personnel_number: str
    name: str
    reason: str
    set_at: datetime
    employee_id: int = 0


@dataclass(frozen=True, slots=True)
class RunLine:
    run_id: int
    started_at: datetime
    reference_date: date
    destroyed: int
    status: str


@dataclass(frozen=True, slots=True)
class DeskView:
    upcoming: tuple[UpcomingLine, ...]
    holds: tuple[HoldLine, ...]
    runs: tuple[RunLine, ...]
    due_now: int
    #: employers handed over to a new arbodienst, in numbers (issue 17 item 6)
    handovers: tuple[handing_over.HandoverStatus, ...] = ()


def _require_desk(actor: Actor) -> None:
    require(actor, Role.PRIVACY_OFFICER, error=DeskError)


def _log(
    session: Session,
    actor: Actor,
    access: audit.AccessPoint,
    secret: str,
    event: str,
    action: audit.Action,
    subject: int | None,
    details: dict[str, object],
) -> None:
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type=event,
        action=action,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=subject,
        details=details,
        secret=secret,
    )


def desk_view(
    session: Session, actor: Actor, *, today: date, access: audit.AccessPoint, secret: str
) -> DeskView:
    _require_desk(actor)
    result = plan(session, today=today, horizon_days=UPCOMING_DAYS)
    people = {
        p.id: p
        for p in session.exec(
            select(Employee).where(col(Employee.id).in_([e.employee_id for e in result.upcoming]))
        )
    }
    upcoming = tuple(
        UpcomingLine(
            e.personnel_number,
            _name(people.get(e.employee_id)),
            e.decision.destroy_from or today,
            desk_rule(e.decision.rule),
            e.employee_id,
        )
        for e in sorted(result.upcoming, key=lambda e: e.decision.destroy_from or today)
    )
    holds = _holds(session)
    _log_read(session, actor, access, secret, upcoming, holds)
    return DeskView(
        upcoming,
        holds,
        _runs(session),
        len(result.due),
        handing_over.statuses(actor, session=session),
    )


def _log_read(
    session: Session,
    actor: Actor,
    access: audit.AccessPoint,
    secret: str,
    upcoming: tuple[UpcomingLine, ...],
    holds: tuple[HoldLine, ...],
) -> None:
    """One read event per person the desk sees (NEN 7513 logs per person), naming the
    retention decision or legal hold shown; one event when nobody is listed. One batch."""
    objects: dict[int, list[audit.ObjectRef]] = {}
    for line in upcoming:
        objects.setdefault(line.employee_id, []).append(
            audit.ObjectRef(str(Category.IDENTITY), "employee", line.employee_id)
        )
    for hold in holds:
        objects.setdefault(hold.employee_id, []).append(
            audit.ObjectRef(str(Category.IDENTITY), "legal_hold", hold.hold_id)
        )
    entries = audit.reads(
        "retention_desk_read", objects, details={"upcoming": len(upcoming), "holds": len(holds)}
    ) or [
        audit.Entry(
            event_type="retention_desk_read",
            action=audit.Action.READ,
            ground=audit.Ground.LEGAL_DUTY,
            details={"upcoming": 0, "holds": 0},
        )
    ]
    audit.record_many(session, entries, actor=actor, access=access, secret=secret)


def _name(person: Employee | None) -> str:
    return f"{person.first_name} {person.last_name}" if person else ""


def _holds(session: Session) -> tuple[HoldLine, ...]:
    rows = session.exec(
        select(LegalHold, Employee)
        .join(Employee, col(Employee.id) == col(LegalHold.employee_id))
        .where(col(LegalHold.lifted_at).is_(None))
        .order_by(col(LegalHold.set_at).desc())
    ).all()
    return tuple(
        HoldLine(
            hold.id or 0,
            person.personnel_number,
            _name(person),
            hold.reason,
            hold.set_at,
            hold.employee_id,
        )
        for hold, person in rows
    )


def _runs(session: Session, limit: int = 20) -> tuple[RunLine, ...]:
    rows = session.exec(
        select(RetentionRun).order_by(col(RetentionRun.started_at).desc()).limit(limit)
    ).all()
    return tuple(
        RunLine(r.id or 0, r.started_at, r.reference_date, r.destroyed, r.status) for r in rows
    )


def set_hold(
    session: Session,
    actor: Actor,
    *,
    personnel_number: str,
    reason: str,
    access: audit.AccessPoint,
    secret: str,
) -> None:
    """A legal hold keeps the whole file, whatever its term, until lifted with a reason."""
    _require_desk(actor)
    reason = reason.strip()
    if not reason:
        raise DeskError("desk.reason_required")
    if len(reason) > MAX_REASON:
        raise DeskError("desk.reason_too_long")
    people = session.exec(
        select(Employee).where(Employee.personnel_number == personnel_number.strip()[:40])
    ).all()
    employee_id = people[0].id if len(people) == 1 else None
    if employee_id is None:
        raise DeskError("desk.unknown_employee")
    hold = LegalHold(employee_id=employee_id, reason=reason, set_by_account_id=actor.account_id)
    session.add(hold)
    session.flush()
    _log(
        session,
        actor,
        access,
        secret,
        "legal_hold_set",
        audit.Action.CREATE,
        employee_id,
        {"hold": hold.id},
    )


def lift_hold(
    session: Session,
    actor: Actor,
    *,
    hold_id: int,
    reason: str,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> None:
    _require_desk(actor)
    reason = reason.strip()
    if not reason:
        raise DeskError("desk.reason_required")
    hold = session.get(LegalHold, hold_id)
    if hold is None or hold.lifted_at is not None:
        raise DeskError("desk.unknown_hold")
    hold.lifted_at, hold.lifted_by_account_id = now, actor.account_id
    hold.lift_reason = reason[:MAX_REASON]
    session.add(hold)
    _log(
        session,
        actor,
        access,
        secret,
        "legal_hold_lifted",
        audit.Action.UPDATE,
        hold.employee_id,
        {"hold": hold_id},
    )


def own_retention(session: Session, actor: Actor) -> Decision | None:
    """The employee's own line: until when his file is kept, and why (None for anyone
    else: only an employee has a line of his own)."""
    try:
        employee_id = require(actor, Role.EMPLOYEE, has="employee_id")
    except NotAllowedError:
        return None
    found = dossiers(session, [employee_id]).get(employee_id)
    return decide(found[1]) if found else None


# --- use cases: one click each (the privacy desk's retention page hands them to the runner) ---


@use_case(Role.PRIVACY_OFFICER)
def do_view(actor: Actor, *, ctx: Ctx) -> DeskView:
    """What falls due, the legal holds and the earlier runs; the read is logged."""
    return desk_view(ctx.session, actor, today=ctx.today, access=ctx.access, secret=ctx.secret)


@use_case(Role.PRIVACY_OFFICER)
def do_set_hold(actor: Actor, personnel_number: str, reason: str, *, ctx: Ctx) -> DeskView:
    """Place a legal hold, then the refreshed view, in the one unit."""
    set_hold(
        ctx.session,
        actor,
        personnel_number=personnel_number,
        reason=reason,
        access=ctx.access,
        secret=ctx.secret,
    )
    return do_view(actor, ctx=ctx)


@use_case(Role.PRIVACY_OFFICER)
def do_lift_hold(actor: Actor, hold_id: int, reason: str, *, ctx: Ctx) -> DeskView:
    lift_hold(
        ctx.session,
        actor,
        hold_id=hold_id,
        reason=reason,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
    )
    return do_view(actor, ctx=ctx)


@use_case(*HANDOVER_CONFIRMERS)
def do_confirm_handover(actor: Actor, handover_id: int, *, ctx: Ctx) -> tuple[int, DeskView]:
    """The new arbodienst confirmed receipt of the packages the doctor released for a
    handed-over employer (issue 17 item 6): from today the retention run destroys them."""
    confirmed = handing_over.confirm_receipt(actor, handover_id, ctx=ctx)
    return confirmed, do_view(actor, ctx=ctx)
