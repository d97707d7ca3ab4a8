"""Consults (issue 15 item 1): slots, booking (a clear refusal for a past, foreign or taken
slot and a case out of scope; nothing written), the content-free invitation with its
iCalendar file through the real outbox, the employee's answer, cancelling, attendance, and
what the employer sees — on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import Account, Appointment, AuditEvent, ConsultSlot
from kwportal.services.auth.actors import actor_for
from kwportal.services.case import consults
from kwportal.services.case.consults import ConsultError
from kwportal.services.employee import employer_view, my_case
from kwportal.services.employer.case_view import employer_case_view
from kwportal.services.jobs import outbox
from kwportal.services.unit import Ctx, RoleRefused, gate_of
from kwportal.services.views import PolicyDeniedError
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.care_world import ACCESS, NOW, ORIGIN, Team, build
from tests.integration.outbox_helpers import Outbox

#: Tuesday 3 November 2026, 10:00 in Amsterdam = 09:00 UTC (NOW is Monday 10:00 UTC)
SLOT = {
    "date": "2026-11-03",
    "time": "10:00",
    "minutes": "30",
    "place_kind": "location",
    "place": "Spreekkamer 1",
}
SLOT_AT = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
REASON = "MEDISCH-VERZET ik heb dan een behandeling"


def act(engine: Engine, account_id: int, work: Callable[..., Any], *args: Any, now=NOW) -> Any:
    """Run a use case as the account, as the runner would: its gate, one transaction, and
    the mail it queued written to the real outbox."""
    with transaction(engine) as session:
        account = session.get(Account, account_id)
        assert account is not None
        if account.role not in {str(r) for r in gate_of(work).roles}:
            raise RoleRefused()
        ctx = Ctx(access=ACCESS, now=now, secret=TEST_SECRET, origin=ORIGIN, session=session)
        value = work(actor_for(session, account), *args, ctx=ctx)
        outbox.enqueue(session, ctx.outbox, now=now, secret=TEST_SECRET)
    return value


def slot(engine: Engine, account_id: int, owner_id: int, **changes: str) -> int:
    """A new slot in ``owner_id``'s agenda, made by ``account_id``; its id."""
    act(engine, account_id, consults.do_add_slot, owner_id, {**SLOT, **changes}, None)
    with Session(engine) as session:
        return session.exec(
            select(func.max(ConsultSlot.id)).where(ConsultSlot.account_id == owner_id)
        ).one()


def give_mail(engine: Engine, account_id: int, address: str) -> None:
    with transaction(engine) as session:
        account = session.get(Account, account_id)
        assert account is not None
        account.email = address
        session.add(account)


def count(engine: Engine, table: type) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def codes(error: pytest.ExceptionInfo[ConsultError]) -> list[tuple[str, str]]:
    return list(error.value.errors)


def appointment(engine: Engine, appointment_id: int) -> Appointment:
    with Session(engine, expire_on_commit=False) as session:
        row = session.get(Appointment, appointment_id)
        assert row is not None
        return row


def booked(engine: Engine, team: Team, case_index: int = 0, **changes: str) -> int:
    slot_id = slot(engine, team.doctor, team.doctor, **changes)
    act(engine, team.case_manager, consults.do_book_consult, team.cases[case_index], slot_id, 0, 0)
    with Session(engine) as session:
        found = session.exec(select(Appointment.id).where(Appointment.slot_id == slot_id)).one()
    return found


def test_slots_bad_input_is_refused_at_the_field_and_nothing_is_written(engine: Engine) -> None:
    a, b = build(engine)
    bad = [
        ({"date": "2026-13-40"}, [("date", "consults.error.date")]),
        ({"time": "25:00"}, [("time", "consults.error.time")]),
        ({"minutes": "5"}, [("minutes", "consults.error.minutes")]),
        ({"minutes": "abc"}, [("minutes", "consults.error.minutes")]),
        ({"place_kind": "moon"}, [("place_kind", "consults.error.place_kind")]),
        ({"place": ""}, [("place", "consults.error.place_required")]),
        ({"place": "x" * 201}, [("place", "consults.error.place_long")]),
        ({"date": "2026-11-02", "time": "10:59"}, [("date", "consults.error.past")]),
    ]
    for changes, expected in bad:
        with pytest.raises(ConsultError) as error:
            slot(engine, a.doctor, a.doctor, **changes)
        assert codes(error) == expected, changes
    assert count(engine, ConsultSlot) == 0
    slot(engine, a.doctor, a.doctor)
    # the same person, overlapping: refused; the next half hour is fine
    for changes in ({"time": "10:15"}, {"time": "09:45"}, {"time": "10:00"}):
        with pytest.raises(ConsultError) as error:
            slot(engine, a.doctor, a.doctor, **changes)
        assert codes(error) == [("time", "consults.error.overlap")]
    slot(engine, a.doctor, a.doctor, time="10:30", place_kind="phone", place="")
    # the case manager keeps the doctor's and the member's agenda; the member only her own
    slot(engine, a.case_manager, a.doctor, time="11:00")
    slot(engine, a.member, a.member)
    for who, owner in ((a.member, a.doctor), (b.case_manager, a.doctor), (a.doctor, b.doctor)):
        with pytest.raises(ConsultError) as error:
            slot(engine, who, owner, time="14:00")
        assert codes(error) == [("owner", "consults.error.owner")]
    with pytest.raises(ConsultError):  # a case manager has no agenda of his own
        slot(engine, a.case_manager, a.case_manager, time="15:00")
    assert count(engine, ConsultSlot) == 4
    with Session(engine) as session:
        stored = session.exec(select(ConsultSlot).order_by(ConsultSlot.id)).first()  # type: ignore[arg-type]
        assert stored is not None and stored.starts_at.replace(tzinfo=UTC) == SLOT_AT


def _attachment(message: EmailMessage) -> Calendar:
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return Calendar.from_ical(parts[0].get_content())


def test_a_booking_mails_a_content_free_invitation_with_an_ics_file(engine: Engine) -> None:
    a, _ = build(engine)
    appointment_id = booked(engine, a)
    row = appointment(engine, appointment_id)
    assert (row.case_id, row.employee_id, row.with_account_id) == (
        a.cases[0],
        a.employees[0],
        a.doctor,
    )
    assert (row.status, row.minutes, row.place_kind, row.location) == (
        "booked",
        30,
        "location",
        "Spreekkamer 1",
    )
    assert row.subject == "" and row.booked_by_account_id == a.case_manager
    mails = Outbox(engine)
    sent = mails.drain(NOW)
    assert [m.to for m in sent] == ["wA0@example.test"]
    assert "dinsdag 3 november 2026, 10:00" in sent[0].body and "Spreekkamer 1" in sent[0].body
    assert "MEDISCH" not in sent[0].body
    event = _attachment(mails.messages[0]).walk("VEVENT")[0]
    assert str(event["summary"]) == "Afspraak KrachtWerkt"
    assert event.decoded("dtstart") == SLOT_AT
    assert event.decoded("duration") == timedelta(minutes=30)
    assert "Spreekkamer 1" in str(event["location"])
    assert set(event) <= {
        "SUMMARY",
        "DTSTART",
        "DURATION",
        "DTSTAMP",
        "UID",
        "SEQUENCE",
        "LOCATION",
    }
    with Session(engine) as session:
        logged = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "consult_booked")
        ).one()
    assert logged.subject_employee_id == a.employees[0]
    assert logged.actor_account_id == a.case_manager


def test_bookings_that_must_fail_say_why_and_write_nothing(engine: Engine) -> None:
    a, b = build(engine)
    mine = slot(engine, a.doctor, a.doctor)
    theirs = slot(engine, b.doctor, b.doctor)
    act(engine, a.doctor, consults.do_book_consult, a.cases[0], mine, 0, 0)
    refused: list[tuple[int, int, int, datetime, str]] = [
        (a.case_manager, a.cases[1], mine, NOW, "consults.error.taken"),
        (a.case_manager, a.cases[1], theirs, NOW, "consults.error.not_team_slot"),
        (a.case_manager, a.cases[1], 987654, NOW, "consults.error.no_slot"),
    ]
    later = slot(engine, a.doctor, a.doctor, time="11:00")
    before = count(engine, Appointment), count(engine, AuditEvent)
    refused.append((a.case_manager, a.cases[1], later, SLOT_AT + timedelta(hours=3), "past"))
    for who, case_id, slot_id, at, code in refused:
        with pytest.raises(ConsultError, match=re.escape(code)):
            act(engine, who, consults.do_book_consult, case_id, slot_id, 0, 0, now=at)
    # a case outside the actor's team, and roles that do not book
    with pytest.raises(PolicyDeniedError):
        act(engine, b.case_manager, consults.do_book_consult, a.cases[1], later, 0, 0)
    for who in (a.member, a.employee_accounts[0]):
        with pytest.raises(RoleRefused):
            act(engine, who, consults.do_book_consult, a.cases[1], later, 0, 0)
    assert (count(engine, Appointment), count(engine, AuditEvent)) == before
    # the page of a case out of reach shows no case (and says so), like an unknown one
    for case_id in (a.cases[1], 987654):
        page = act(engine, b.case_manager, consults.do_show_consults, 0, case_id)
        assert page.case is None and page.case_refused


def test_the_employee_confirms_or_asks_to_move_only_his_own_future_consult(
    engine: Engine,
) -> None:
    a, _ = build(engine)
    first = booked(engine, a, 0)
    other = booked(engine, a, 1, time="11:00")
    me = a.employee_accounts[0]
    give_mail(engine, a.doctor, "dokter@example.test")
    Outbox(engine).drain(NOW)
    for bad, code in (("", "my_case.move_reason_required"), ("x" * 501, "move_reason_long")):
        with pytest.raises(my_case.MyCaseError, match=code):
            act(engine, me, my_case.do_ask_move, first, bad)
    for work, args in ((my_case.do_confirm_consult, ()), (my_case.do_ask_move, (REASON,))):
        with pytest.raises(my_case.MyCaseError, match="unknown_appointment"):
            act(engine, me, work, other, *args)
        with pytest.raises(my_case.MyCaseError, match="appointment_past"):
            act(engine, me, work, first, *args, now=SLOT_AT)
        with pytest.raises(RoleRefused):
            act(engine, a.case_manager, work, first, *args)
    assert appointment(engine, first).status == "booked"
    shown = act(engine, me, my_case.do_confirm_consult, first)
    assert [(x.status, x.can_answer) for x in shown.appointments] == [("confirmed", True)]
    shown = act(engine, me, my_case.do_ask_move, first, f"  {REASON} ")
    row = appointment(engine, first)
    assert (row.status, row.move_reason, row.slot_id is not None) == (
        "move_requested",
        REASON,
        True,
    )
    notices = Outbox(engine).drain(NOW)
    assert [m.to for m in notices] == ["dokter@example.test"]
    assert "MEDISCH" not in notices[0].body and "Persoon" not in notices[0].body
    # the doctor's team reads the reason on the agenda; the case manager does not
    for who, sees in ((a.doctor, True), (a.member, True), (a.case_manager, False)):
        page = act(engine, who, consults.do_show_consults, a.doctor, a.cases[0])
        assert page.case is not None
        reasons = {line.move_reason for line in page.move_requests + page.case.appointments}
        assert (REASON in reasons) is sees, who
        assert ("MEDISCH" in repr(page)) is sees
    with Session(engine) as session:
        kinds = set(session.exec(select(AuditEvent.event_type)).all())
    assert {"consult_confirmed", "consult_move_requested", "consult_agenda_read"} <= kinds


def test_staff_cancel_or_rebook_and_the_slot_is_free_again(engine: Engine) -> None:
    a, _ = build(engine)
    first = booked(engine, a, 0)
    act(engine, a.employee_accounts[0], my_case.do_ask_move, first, REASON)
    Outbox(engine).drain(NOW)
    freed = appointment(engine, first).slot_id
    new_slot = slot(engine, a.doctor, a.doctor, time="12:00")
    page = act(engine, a.case_manager, consults.do_book_consult, a.cases[0], new_slot, first, 0)
    assert page.case is not None
    assert [(x.status, x.slot_id) for x in page.case.appointments] == [
        ("cancelled", None),
        ("booked", new_slot),
    ]
    assert freed in {s.slot_id for s in page.case.free_slots}
    mails = Outbox(engine)
    sent = mails.drain(NOW)
    assert sorted(m.subject for m in sent) == [
        "Afspraak KrachtWerkt",
        "Afspraak KrachtWerkt vervalt",
    ]
    methods = sorted(str(_attachment(m)["method"]) for m in mails.messages)
    assert methods == ["CANCEL", "PUBLISH"]
    # cancelling: not twice, not once begun; someone else's team: unknown
    _, b = build(engine)
    second = next(x.appointment_id for x in page.case.appointments if x.status == "booked")
    with pytest.raises(PolicyDeniedError):
        act(engine, b.doctor, consults.do_cancel_consult, second, 0, None)
    with pytest.raises(ConsultError, match="started"):
        act(
            engine,
            a.member,
            consults.do_cancel_consult,
            second,
            0,
            None,
            now=SLOT_AT + timedelta(hours=4),
        )
    act(engine, a.member, consults.do_cancel_consult, second, 0, None)
    assert appointment(engine, second).slot_id is None
    with pytest.raises(ConsultError, match="cancelled"):
        act(engine, a.member, consults.do_cancel_consult, second, 0, None)


def test_attendance_after_the_start_by_the_doctor_or_who_held_it(engine: Engine) -> None:
    a, b = build(engine)
    held_by_doctor = booked(engine, a, 0)
    member_slot = slot(engine, a.member, a.member)
    page = act(engine, a.doctor, consults.do_book_consult, a.cases[1], member_slot, 0, 0)
    assert page.case is not None
    held_by_member = page.case.appointments[0].appointment_id
    after = SLOT_AT + timedelta(minutes=5)
    with pytest.raises(ConsultError, match="not_yet"):
        act(engine, a.doctor, consults.do_record_attendance, held_by_doctor, "attended", 0, None)
    with pytest.raises(ConsultError, match=re.escape("consults.error.attendance")):
        act(
            engine,
            a.doctor,
            consults.do_record_attendance,
            held_by_doctor,
            "maybe",
            0,
            None,
            now=after,
        )
    with pytest.raises(PolicyDeniedError):  # the member did not hold the doctor's consult
        act(
            engine,
            a.member,
            consults.do_record_attendance,
            held_by_doctor,
            "attended",
            0,
            None,
            now=after,
        )
    with pytest.raises(PolicyDeniedError):
        act(
            engine,
            b.doctor,
            consults.do_record_attendance,
            held_by_doctor,
            "attended",
            0,
            None,
            now=after,
        )
    with pytest.raises(RoleRefused):
        act(
            engine,
            a.case_manager,
            consults.do_record_attendance,
            held_by_doctor,
            "attended",
            0,
            None,
            now=after,
        )
    act(
        engine,
        a.doctor,
        consults.do_record_attendance,
        held_by_doctor,
        "not_attended",
        0,
        None,
        now=after,
    )
    act(
        engine,
        a.member,
        consults.do_record_attendance,
        held_by_member,
        "attended",
        0,
        None,
        now=after,
    )
    assert appointment(engine, held_by_doctor).attendance == "not_attended"
    assert appointment(engine, held_by_member).attendance == "attended"
    with Session(engine) as session:
        logged = session.exec(
            select(AuditEvent.details).where(AuditEvent.event_type == "consult_attendance_recorded")
        ).all()
    assert len(logged) == 2


def test_the_employer_sees_date_time_and_attendance_and_the_employee_the_same(
    engine: Engine,
) -> None:
    a, _ = build(engine)
    attended = booked(engine, a, 0)
    act(engine, a.employee_accounts[0], my_case.do_ask_move, attended, REASON)
    cancelled = booked(engine, a, 0, time="12:00")
    act(engine, a.case_manager, consults.do_cancel_consult, cancelled, 0, None)
    act(engine, a.doctor, consults.do_record_attendance, attended, "attended", 0, None, now=SLOT_AT)
    with transaction(engine) as session:
        org = a.employers[0]
        contact = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=org)
        employer = actor_for(session, contact)
        seen = employer_case_view(
            employer, a.cases[0], session=session, access=ACCESS, secret=TEST_SECRET
        )
        me = actor_for(session, session.get(Account, a.employee_accounts[0]))
        mine = employer_view.my_employer_view(
            me, session=session, access=ACCESS, secret=TEST_SECRET
        )
    assert [(x.starts_at.astimezone(UTC), x.attendance) for x in seen.appointments] == [
        (SLOT_AT, "attended")
    ]
    assert mine is not None and mine.view.appointments == seen.appointments
    text = repr(seen)
    for hidden in ("Spreekkamer", "MEDISCH", "move_requested", "location", "booked"):
        assert hidden not in text
