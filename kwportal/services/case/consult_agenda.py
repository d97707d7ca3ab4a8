"""What the consult page (``/care-consults``) shows, read in the unit of the click: whose
agenda the actor may keep, that person's slots with the bookings in them, the team's open
move requests and, for ``?case=N``, the case's consults and the team's free slots. Every
person shown is one audited read (NEN 7513); the reason of a move request is medical and
reaches only the doctor and his team (``policy.visible``), never the case manager."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    AGENDA_OWNER_ROLES,
    BOOKING_ROLES,
    Actor,
    Subject,
    may_keep_agenda,
    may_record_attendance,
    visible,
)
from kwportal.models import (
    Account,
    Appointment,
    CareTeam,
    ConsultSlot,
    Employee,
    SickLeaveCase,
    TeamAssignment,
    TeamMember,
)
from kwportal.services import audit
from kwportal.services.case.scope import case_in_scope
from kwportal.services.unit import Ctx
from kwportal.services.views import PolicyDeniedError

#: how far back the agenda reaches (attendance is recorded after the consult) and ahead
PAST_DAYS = 14
AHEAD_DAYS = 90
LIMIT = 200
#: the free slots a booking form offers: the next ones, soonest first (a phone shows a short
#: list; the whole agenda made every booking reply ~75 KB: benchmarks/case_flow.py)
FREE_SHOWN = 30
CANCELLED = "cancelled"
MOVE_REQUESTED = "move_requested"


@dataclass(frozen=True, slots=True)
class OwnerLine:
    account_id: int
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class BookingLine:
    appointment_id: int
    case_id: int
    employee_id: int
    slot_id: int | None
    employee_name: str
    starts_at: datetime
    minutes: int
    place_kind: str
    place: str
    with_name: str
    status: str
    attendance: str
    #: medical: filled for the doctor and his team only
    move_reason: str
    can_attend: bool
    can_cancel: bool


@dataclass(frozen=True, slots=True)
class SlotLine:
    slot_id: int
    starts_at: datetime
    minutes: int
    place_kind: str
    place: str
    owner_name: str
    booking: BookingLine | None = None


@dataclass(frozen=True, slots=True)
class CaseSection:
    case_id: int
    employee_name: str
    appointments: tuple[BookingLine, ...]
    free_slots: tuple[SlotLine, ...]
    may_book: bool


@dataclass(frozen=True, slots=True)
class ConsultsPage:
    owners: tuple[OwnerLine, ...]
    #: whose agenda is shown (0: none the actor may keep)
    owner_id: int
    slots: tuple[SlotLine, ...]
    move_requests: tuple[BookingLine, ...]
    case: CaseSection | None = None
    #: a case was asked for that is unknown or outside the actor's reach (alike)
    case_refused: bool = False


# --- the team around an account or a case ---


def team_of_account(session: Session, account_id: int) -> int | None:
    """The care team the account leads (doctor) or belongs to (member, case manager)."""
    led = session.exec(select(CareTeam.id).where(CareTeam.doctor_account_id == account_id))
    found = led.first()
    if found is not None:
        return found
    return session.exec(
        select(TeamMember.care_team_id).where(TeamMember.account_id == account_id)
    ).first()


def team_of_organisation(session: Session, organisation_id: int) -> int | None:
    return session.exec(
        select(TeamAssignment.care_team_id).where(TeamAssignment.organisation_id == organisation_id)
    ).first()


def agenda_owners(session: Session, team_id: int | None) -> tuple[OwnerLine, ...]:
    """The doctor and the care-team members of a team: the people with slots."""
    if team_id is None:
        return ()
    doctor = select(CareTeam.doctor_account_id).where(CareTeam.id == team_id)
    members = select(TeamMember.account_id).where(TeamMember.care_team_id == team_id)
    rows = session.exec(
        select(Account)
        .where(
            col(Account.id).in_(doctor) | col(Account.id).in_(members),
            col(Account.role).in_([str(r) for r in AGENDA_OWNER_ROLES]),
            col(Account.is_active).is_(True),
        )
        .order_by(col(Account.role), col(Account.display_name), col(Account.id))
    ).all()
    return tuple(OwnerLine(a.id or 0, a.display_name, a.role) for a in rows)


def keepable_owners(session: Session, actor: Actor) -> tuple[OwnerLine, ...]:
    """The agendas the actor may keep: his own, or his team's on their behalf."""
    if actor.account_id is None:
        return ()
    team = team_of_account(session, actor.account_id)
    return tuple(
        o
        for o in agenda_owners(session, team)
        if may_keep_agenda(actor, o.account_id, o.role, same_team=True)
    )


# --- lines ---


def _booking(
    actor: Actor,
    row: Appointment,
    employee: Employee,
    case: SickLeaveCase,
    with_name: str,
    now: datetime,
) -> BookingLine:
    subject = Subject(employee_id=row.employee_id, organisation_id=case.organisation_id)
    reason = row.move_reason if visible(actor, "appointment.move_reason", subject) else ""
    open_ = row.status != CANCELLED
    started = row.starts_at <= now
    return BookingLine(
        appointment_id=row.id or 0,
        case_id=row.case_id,
        employee_id=row.employee_id,
        slot_id=row.slot_id,
        employee_name=f"{employee.first_name} {employee.last_name}",
        starts_at=row.starts_at,
        minutes=row.minutes,
        place_kind=row.place_kind,
        place=row.location,
        with_name=with_name,
        status=row.status,
        attendance=row.attendance,
        move_reason=reason,
        can_attend=open_ and started and may_record_attendance(actor, row.with_account_id),
        can_cancel=open_ and not started,
    )


def _bookings(session: Session, actor: Actor, query, now: datetime) -> list[BookingLine]:  # type: ignore[no-untyped-def]
    rows = session.execute(
        query.join(SickLeaveCase, col(SickLeaveCase.id) == col(Appointment.case_id))
        .join(Employee, col(Employee.id) == col(Appointment.employee_id))
        .outerjoin(Account, col(Account.id) == col(Appointment.with_account_id))
        .add_columns(SickLeaveCase, Employee, col(Account.display_name))
        .limit(LIMIT)
    ).all()
    return [
        _booking(actor, appointment, employee, case, name or "", now)
        for appointment, case, employee, name in rows
        if case.organisation_id in actor.employer_ids
    ]


def _agenda(
    session: Session, actor: Actor, owner: OwnerLine, now: datetime
) -> tuple[SlotLine, ...]:
    slots = session.exec(
        select(ConsultSlot)
        .where(
            ConsultSlot.account_id == owner.account_id,
            col(ConsultSlot.starts_at) >= now - timedelta(days=PAST_DAYS),
            col(ConsultSlot.starts_at) < now + timedelta(days=AHEAD_DAYS),
        )
        .order_by(col(ConsultSlot.starts_at))
        .limit(LIMIT)
    ).all()
    query = select_rows(Appointment).where(col(Appointment.slot_id).in_([s.id for s in slots]))
    by_slot = {b.slot_id: b for b in _bookings(session, actor, query, now)}
    return tuple(_slot_line(s, owner.name, by_slot.get(s.id)) for s in slots)


def _slot_line(slot: ConsultSlot, owner_name: str, booking: BookingLine | None) -> SlotLine:
    return SlotLine(
        slot.id or 0, slot.starts_at, slot.minutes, slot.place_kind, slot.place, owner_name, booking
    )


def _move_requests(session: Session, actor: Actor, now: datetime) -> tuple[BookingLine, ...]:
    query = (
        select_rows(Appointment)
        .where(
            col(Appointment.status) == MOVE_REQUESTED,
            col(Appointment.starts_at) > now - timedelta(days=PAST_DAYS),
        )
        .order_by(col(Appointment.starts_at))
    )
    return tuple(_bookings(session, actor, query, now))


def free_slots(session: Session, team_id: int | None, now: datetime) -> tuple[SlotLine, ...]:
    """The team's next :data:`FREE_SHOWN` future slots that nobody booked."""
    owners = {o.account_id: o.name for o in agenda_owners(session, team_id)}
    taken = select(Appointment.slot_id).where(col(Appointment.slot_id).is_not(None))
    slots = session.exec(
        select(ConsultSlot)
        .where(
            col(ConsultSlot.account_id).in_(list(owners)),
            col(ConsultSlot.starts_at) > now,
            col(ConsultSlot.starts_at) < now + timedelta(days=AHEAD_DAYS),
            col(ConsultSlot.id).not_in(taken),
        )
        .order_by(col(ConsultSlot.starts_at), col(ConsultSlot.id))
        .limit(FREE_SHOWN)
    ).all()
    return tuple(_slot_line(s, owners.get(s.account_id, ""), None) for s in slots)


def _case_section(session: Session, actor: Actor, case_id: int, now: datetime) -> CaseSection:
    ref = case_in_scope(session, actor, case_id)
    employee = session.get(Employee, ref.subject.employee_id)
    query = (
        select_rows(Appointment)
        .where(col(Appointment.case_id) == case_id)
        .order_by(col(Appointment.starts_at))
    )
    team = team_of_organisation(session, ref.subject.organisation_id)
    return CaseSection(
        case_id=case_id,
        employee_name=f"{employee.first_name} {employee.last_name}" if employee else "",
        appointments=tuple(_bookings(session, actor, query, now)),
        free_slots=free_slots(session, team, now),
        may_book=actor.role in BOOKING_ROLES,
    )


# --- the page ---


def consults_page(actor: Actor, owner_id: int, case_id: int | None, ctx: Ctx) -> ConsultsPage:
    """The page as the actor may see it; ``owner_id`` 0 (or one he may not keep) shows his
    own agenda, else the first he may keep. Every person on it is an audited read."""
    owners = keepable_owners(ctx.session, actor)
    chosen = next((o for o in owners if o.account_id == owner_id), None)
    chosen = chosen or next((o for o in owners if o.account_id == actor.account_id), None)
    chosen = chosen or (owners[0] if owners else None)
    slots = _agenda(ctx.session, actor, chosen, ctx.now) if chosen else ()
    case = None
    if case_id:
        try:
            case = _case_section(ctx.session, actor, case_id, ctx.now)
        except PolicyDeniedError:
            case = None
    page = ConsultsPage(
        owners=owners,
        owner_id=chosen.account_id if chosen else 0,
        slots=slots,
        move_requests=_move_requests(ctx.session, actor, ctx.now),
        case=case,
        case_refused=bool(case_id) and case is None,
    )
    _audit_reads(ctx, actor, page)
    return page


def _shown(page: ConsultsPage) -> list[BookingLine]:
    lines = [s.booking for s in page.slots if s.booking is not None]
    lines += page.move_requests
    lines += page.case.appointments if page.case else ()
    return lines


def _audit_reads(ctx: Ctx, actor: Actor, page: ConsultsPage) -> None:
    per_employee: dict[int, list[audit.ObjectRef]] = {}
    for line in _shown(page):
        refs = per_employee.setdefault(line.employee_id, [])
        shown = [Category.ABSENCE, *([Category.MEDICAL] if line.move_reason else [])]
        for category in shown:
            ref = audit.ObjectRef(str(category), "appointment", line.appointment_id)
            if ref not in refs:
                refs.append(ref)
    if page.case is not None:
        case_ref = audit.ObjectRef(str(Category.IDENTITY), "sick_leave_case", page.case.case_id)
        owner = _case_employee(ctx.session, page.case.case_id)
        per_employee.setdefault(owner, []).insert(0, case_ref)
    entries = audit.reads("consult_agenda_read", dict(sorted(per_employee.items())))
    audit.record_many(
        ctx.session, entries, actor=actor, access=ctx.access, secret=ctx.secret, now=ctx.now
    )


def _case_employee(session: Session, case_id: int) -> int:
    case = session.get(SickLeaveCase, case_id)
    return case.employee_id if case else 0
