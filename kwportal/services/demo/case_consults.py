"""Demo consults made the way the pages make them (issue 15 items 1 and 9): the doctor opens
slots, the case manager books them, the doctor records attendance afterwards, and the
employee confirms a consult or asks to move one (his reason carries a ``MEDISCH-`` canary:
it is medical, and the e2e leak tests look for it on every employer frame). Every record
goes through the use cases of ``services/case/consults.py`` and ``employee/my_case.py``
via :func:`kwportal.services.demo.acting.act`, each at the moment it would have happened."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from kwportal.domain.roles import Role
from kwportal.models import Account, Appointment, ConsultSlot, SickLeaveCase
from kwportal.services.case import consult_mail, consults
from kwportal.services.demo.acting import act
from kwportal.services.employee import my_case

#: slots are opened this long before they start (a slot cannot be made in the past)
OPENED_BEFORE = timedelta(days=10)
FREE_SLOTS = 4
SLOT_STEP = timedelta(minutes=30)


def _local(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=consult_mail.LOCAL).astimezone(UTC)


def _start(index: int, today: date, *, past: bool) -> datetime:
    """The ``index``-th consult's start, never twice the same: five days of twenty
    half-hour slots from 08:00, then the five days after those."""
    days = index % 5 + 5 * (index // 100)
    day = today - timedelta(days=7 + days) if past else today + timedelta(days=2 + days)
    return _local(day, 8) + (index // 5) % 20 * SLOT_STEP


def _slot(session: Session, doctor: Account, starts: datetime, secret: str) -> int:
    local = starts.astimezone(consult_mail.LOCAL)
    form = {
        "date": local.date().isoformat(),
        "time": f"{local:%H:%M}",
        "minutes": "30",
        "place_kind": "location",
        "place": "Beatrixstraat 2, Oldenzaal",
    }
    act(
        session,
        doctor,
        consults.do_add_slot,
        doctor.id,
        form,
        None,
        now=starts - OPENED_BEFORE,
        secret=secret,
    )
    found = session.exec(
        select(ConsultSlot.id).where(
            ConsultSlot.account_id == doctor.id, ConsultSlot.starts_at == starts
        )
    ).one()
    assert found is not None
    return found


def _book(
    session: Session, manager: Account, case_id: int, slot_id: int, at: datetime, secret: str
) -> int:
    act(session, manager, consults.do_book_consult, case_id, slot_id, 0, 0, now=at, secret=secret)
    booked = session.exec(select(Appointment.id).where(Appointment.slot_id == slot_id)).one()
    assert booked is not None
    return booked


def _employee_account(session: Session, case_id: int) -> Account | None:
    case = session.get(SickLeaveCase, case_id)
    if case is None:
        return None
    return session.exec(
        select(Account)
        .where(Account.employee_id == case.employee_id, Account.role == str(Role.EMPLOYEE))
        .order_by(col(Account.id))
    ).first()


def seed_consults(
    session: Session,
    *,
    doctor: Account,
    case_manager: Account,
    case_ids: Sequence[int],
    today: date,
    secret: str,
) -> Counter[str]:
    """One consult per case — held a week or more ago (attended or not) or coming up
    (confirmed or asked to move) — and a few free slots tomorrow, a day no consult above
    uses. ``doctor`` leads the team assigned to the cases' employers and ``case_manager``
    is a member of it."""
    counts: Counter[str] = Counter()
    for n, case_id in enumerate(case_ids):
        past = n % 2 == 0
        starts = _start(n // 2, today, past=past)
        slot_id = _slot(session, doctor, starts, secret)
        appointment_id = _book(
            session, case_manager, case_id, slot_id, starts - OPENED_BEFORE, secret
        )
        counts["appointment"] += 1
        if past:
            attended = "attended" if n % 4 == 0 else "not_attended"
            after = starts + timedelta(minutes=45)
            act(
                session,
                doctor,
                consults.do_record_attendance,
                appointment_id,
                attended,
                0,
                None,
                now=after,
                secret=secret,
            )
            counts[attended] += 1
            continue
        employee = _employee_account(session, case_id)
        if employee is None:
            continue
        answered = starts - OPENED_BEFORE + timedelta(days=1)
        if n % 4 == 1:
            reason = f"MEDISCH-VERZET-{case_id} dan heb ik een behandeling in het ziekenhuis"
            act(
                session,
                employee,
                my_case.do_ask_move,
                appointment_id,
                reason,
                now=answered,
                secret=secret,
            )
            counts["move_requested"] += 1
        else:
            act(
                session,
                employee,
                my_case.do_confirm_consult,
                appointment_id,
                now=answered,
                secret=secret,
            )
            counts["confirmed"] += 1
    for k in range(FREE_SLOTS):
        _slot(session, doctor, _local(today + timedelta(days=1), 14) + k * SLOT_STEP, secret)
        counts["consult_slot_free"] += 1
    return counts
