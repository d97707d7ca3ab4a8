"""Consults (spreekuur, issue 15 item 1): the doctor and his team members offer bookable
slots; the case manager or the doctor books one for a case; staff cancel or rebook; the one
who held the consult (or the doctor) records whether the employee attended.

A slot holds one booking: ``appointment.slot_id`` is unique, and that constraint is the
final word when two people book the same slot at the same moment (the loser gets the same
clear refusal as one who booked after). The employee gets a content-free mail with an
iCalendar file (``consult_mail``); the employer later sees only the date, time and
attendance (``employer/case_view.py``). Every change is audited in its own unit; the audit
rows are written after the booking's insert, so racing bookings never wait on each other
in two places at once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    BOOKING_ROLES,
    CONSULT_STAFF_ROLES,
    Actor,
    may_record_attendance,
    require,
)
from kwportal.domain.roles import Role
from kwportal.models import Account, Appointment, ConsultSlot
from kwportal.models.base import MAX_ROW_ID
from kwportal.services import audit
from kwportal.services.case import consult_mail
from kwportal.services.case.consult_agenda import (
    CANCELLED,
    ConsultsPage,
    agenda_owners,
    consults_page,
    keepable_owners,
    team_of_organisation,
)
from kwportal.services.case.scope import CaseRef, case_in_scope
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError

MIN_MINUTES = 10
MAX_MINUTES = 120
PLACE_KINDS = ("location", "phone", "video")
MAX_PLACE = 200
ATTENDANCE = ("attended", "not_attended")
#: the fields of the new-slot form, in the order the page shows them
SLOT_FIELDS = ("date", "time", "minutes", "place_kind", "place")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ConsultError(ValueError):
    """A refusal with a message per field: ``errors`` holds ``(field, i18n key)``."""

    def __init__(self, *errors: tuple[str, str]) -> None:
        super().__init__(errors[0][1])
        self.errors = errors
        self.code = errors[0][1]


@dataclass(frozen=True, slots=True)
class SlotForm:
    starts_at: datetime
    minutes: int
    place_kind: str
    place: str


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip()[:10])
    except ValueError:
        return None


def _clock(raw: str) -> time | None:
    found = _TIME.match(raw.strip()[:5])
    return time(int(found[1]), int(found[2])) if found else None


def _minutes(raw: str) -> int | None:
    text = raw.strip()[:4]
    value = int(text) if text.isdigit() else 0
    return value if MIN_MINUTES <= value <= MAX_MINUTES else None


def parse_slot(raw: Mapping[str, Any], *, now: datetime) -> SlotForm:
    """The new-slot form checked field by field (Europe/Amsterdam date and time); every
    problem is reported at its field, and nothing is written."""
    values = {name: str(raw.get(name, ""))[:300] for name in SLOT_FIELDS}
    day, clock, minutes = _day(values["date"]), _clock(values["time"]), _minutes(values["minutes"])
    kind = values["place_kind"].strip()
    place = values["place"].replace("\x00", "").strip()
    errors: list[tuple[str, str]] = []
    if day is None:
        errors.append(("date", "consults.error.date"))
    if clock is None:
        errors.append(("time", "consults.error.time"))
    if minutes is None:
        errors.append(("minutes", "consults.error.minutes"))
    if kind not in PLACE_KINDS:
        errors.append(("place_kind", "consults.error.place_kind"))
    if len(place) > MAX_PLACE:
        errors.append(("place", "consults.error.place_long"))
    elif kind == "location" and not place:
        errors.append(("place", "consults.error.place_required"))
    starts_at = None
    if day is not None and clock is not None:
        starts_at = datetime.combine(day, clock, tzinfo=consult_mail.LOCAL).astimezone(UTC)
        if starts_at <= now:
            errors.append(("date", "consults.error.past"))
    if errors or starts_at is None or minutes is None:
        raise ConsultError(*errors)
    return SlotForm(starts_at, minutes, kind, place)


# --- slots ---


def add_slot(actor: Actor, owner_id: int, form: SlotForm, *, ctx: Ctx) -> ConsultSlot:
    """A slot in an agenda the actor keeps; one overlapping another slot of the same person
    is refused (the owner's row is locked, so two at once cannot both slip in)."""
    session = ctx.session
    if owner_id not in {o.account_id for o in keepable_owners(session, actor)}:
        raise ConsultError(("owner", "consults.error.owner"))
    session.get(Account, owner_id, with_for_update=True)
    ends_at = form.starts_at + timedelta(minutes=form.minutes)
    nearby = session.exec(
        select(ConsultSlot).where(
            ConsultSlot.account_id == owner_id,
            col(ConsultSlot.starts_at) > form.starts_at - timedelta(minutes=MAX_MINUTES),
            col(ConsultSlot.starts_at) < ends_at,
        )
    ).all()
    if any(
        consult_mail.as_utc(s.starts_at) + timedelta(minutes=s.minutes) > form.starts_at
        for s in nearby
    ):
        raise ConsultError(("time", "consults.error.overlap"))
    slot = ConsultSlot(
        account_id=owner_id,
        starts_at=form.starts_at,
        minutes=form.minutes,
        place_kind=form.place_kind,
        place=form.place,
        created_by_account_id=actor.account_id,
        created_at=ctx.now,
    )
    session.add(slot)
    try:
        session.flush()
    except IntegrityError:
        raise ConsultError(("time", "consults.error.overlap")) from None
    audit.record(
        session,
        actor=actor,
        access=ctx.access,
        event_type="consult_slot_created",
        action=audit.Action.CREATE,
        ground=audit.Ground.CONTRACT,
        objects=[audit.ObjectRef(str(Category.ORGANISATION), "consult_slot", slot.id)],
        details={"owner_account_id": owner_id},
        secret=ctx.secret,
        now=ctx.now,
    )
    return slot


# --- bookings ---


def _staff_appointment(
    session: Session, actor: Actor, appointment_id: int
) -> tuple[Appointment, CaseRef]:
    """An appointment of a case in the actor's scope, locked; anything else reads as
    unknown (ids from the browser are hostile)."""
    require(actor, *CONSULT_STAFF_ROLES, error=PolicyDeniedError)
    if not 0 < appointment_id <= MAX_ROW_ID:
        raise PolicyDeniedError("no such appointment")
    row = session.get(Appointment, appointment_id, with_for_update=True)
    if row is None:
        raise PolicyDeniedError("no such appointment")
    return row, case_in_scope(session, actor, row.case_id)


def _free_slot(session: Session, ref: CaseRef, slot_id: int, now: datetime) -> ConsultSlot:
    slot = session.get(ConsultSlot, slot_id) if 0 < slot_id <= MAX_ROW_ID else None
    if slot is None:
        raise ConsultError(("slot", "consults.error.no_slot"))
    team = team_of_organisation(session, ref.subject.organisation_id)
    if slot.account_id not in {o.account_id for o in agenda_owners(session, team)}:
        raise ConsultError(("slot", "consults.error.not_team_slot"))
    if consult_mail.as_utc(slot.starts_at) <= now:
        raise ConsultError(("slot", "consults.error.past"))
    taken = session.exec(select(Appointment.id).where(Appointment.slot_id == slot_id)).first()
    if taken is not None:
        raise ConsultError(("slot", "consults.error.taken"))
    return slot


def _let_go(row: Appointment) -> None:
    """Cancel: the slot is free again for someone else."""
    row.status, row.slot_id = CANCELLED, None


def book(actor: Actor, case_id: int, slot_id: int, replaces_id: int, *, ctx: Ctx) -> Appointment:
    """Book ``slot_id`` for the case (and, with ``replaces_id``, cancel that consult of the
    same case in the same unit: a rebooking). The employee is mailed after the commit."""
    require(actor, *BOOKING_ROLES, error=PolicyDeniedError)
    session = ctx.session
    ref = case_in_scope(session, actor, case_id)
    slot = _free_slot(session, ref, slot_id, ctx.now)
    old = None
    if replaces_id:
        old, old_ref = _staff_appointment(session, actor, replaces_id)
        if old_ref.case_id != case_id or old.status == CANCELLED:
            raise ConsultError(("slot", "consults.error.not_replaceable"))
        _let_go(old)
        session.add(old)
    row = Appointment(
        case_id=case_id,
        employee_id=ref.subject.employee_id,
        with_account_id=slot.account_id,
        starts_at=slot.starts_at,
        minutes=slot.minutes,
        place_kind=slot.place_kind,
        location=slot.place,
        slot_id=slot.id,
        status="booked",
        booked_by_account_id=actor.account_id,
        created_at=ctx.now,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise ConsultError(("slot", "consults.error.taken")) from None
    _audit(ctx, actor, row, "consult_booked", audit.Action.CREATE, {"replaces": replaces_id})
    if old is not None:
        _audit(ctx, actor, old, "consult_cancelled", audit.Action.UPDATE, {"rebooked": row.id})
        ctx.send(*consult_mail.cancellation(session, old, origin=ctx.origin, now=ctx.now))
    ctx.send(*consult_mail.invitation(session, row, origin=ctx.origin, now=ctx.now))
    return row


def cancel(actor: Actor, appointment_id: int, *, ctx: Ctx) -> None:
    """Staff cancel a consult that has not started; the slot is free again and the
    employee is told (with a calendar cancellation)."""
    row, _ref = _staff_appointment(ctx.session, actor, appointment_id)
    if row.status == CANCELLED:
        raise ConsultError(("appointment", "consults.error.cancelled"))
    if consult_mail.as_utc(row.starts_at) <= ctx.now:
        raise ConsultError(("appointment", "consults.error.started"))
    _let_go(row)
    ctx.session.add(row)
    _audit(ctx, actor, row, "consult_cancelled", audit.Action.UPDATE, {})
    ctx.send(*consult_mail.cancellation(ctx.session, row, origin=ctx.origin, now=ctx.now))


def record_attendance(actor: Actor, appointment_id: int, attendance: str, *, ctx: Ctx) -> None:
    """Attended or not, once the consult has begun; a correction is a new audited change."""
    if attendance not in ATTENDANCE:
        raise ConsultError(("attendance", "consults.error.attendance"))
    row, _ref = _staff_appointment(ctx.session, actor, appointment_id)
    if not may_record_attendance(actor, row.with_account_id):
        raise PolicyDeniedError("not the one who held it")
    if row.status == CANCELLED:
        raise ConsultError(("appointment", "consults.error.cancelled"))
    if consult_mail.as_utc(row.starts_at) > ctx.now:
        raise ConsultError(("appointment", "consults.error.not_yet"))
    before = row.attendance
    row.attendance, row.attendance_recorded_at = attendance, ctx.now
    ctx.session.add(row)
    details = {"attendance": attendance, "before": before}
    _audit(ctx, actor, row, "consult_attendance_recorded", audit.Action.UPDATE, details)


def _audit(
    ctx: Ctx,
    actor: Actor,
    row: Appointment,
    event_type: str,
    action: audit.Action,
    details: dict[str, Any],
) -> None:
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type=event_type,
        action=action,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=row.employee_id,
        objects=[audit.ObjectRef(str(Category.ABSENCE), "appointment", row.id)],
        details=details,
        secret=ctx.secret,
        now=ctx.now,
    )


# --- use cases: one click each (the page hands them to the runner) ---

STAFF = (Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER)


@use_case(*STAFF)
def do_show_consults(actor: Actor, owner_id: int, case_id: int | None, *, ctx: Ctx) -> ConsultsPage:
    """The agenda (``owner_id`` 0: his own or the first he keeps) and, with ``case_id``,
    that case's consults and the team's free slots; the reads are audited."""
    return consults_page(actor, owner_id, case_id, ctx)


@use_case(*STAFF)
def do_add_slot(
    actor: Actor, owner_id: int, raw: Mapping[str, Any], case_id: int | None, *, ctx: Ctx
) -> ConsultsPage:
    form = parse_slot(raw, now=ctx.now)
    add_slot(actor, owner_id, form, ctx=ctx)
    return consults_page(actor, owner_id, case_id, ctx)


@use_case(Role.COMPANY_DOCTOR, Role.CASE_MANAGER)
def do_book_consult(
    actor: Actor, case_id: int, slot_id: int, replaces_id: int, owner_id: int, *, ctx: Ctx
) -> ConsultsPage:
    book(actor, case_id, slot_id, replaces_id, ctx=ctx)
    return consults_page(actor, owner_id, case_id, ctx)


@use_case(*STAFF)
def do_cancel_consult(
    actor: Actor, appointment_id: int, owner_id: int, case_id: int | None, *, ctx: Ctx
) -> ConsultsPage:
    cancel(actor, appointment_id, ctx=ctx)
    return consults_page(actor, owner_id, case_id, ctx)


@use_case(Role.COMPANY_DOCTOR, Role.CARE_TEAM)
def do_record_attendance(
    actor: Actor,
    appointment_id: int,
    attendance: str,
    owner_id: int,
    case_id: int | None,
    *,
    ctx: Ctx,
) -> ConsultsPage:
    record_attendance(actor, appointment_id, attendance, ctx=ctx)
    return consults_page(actor, owner_id, case_id, ctx)
