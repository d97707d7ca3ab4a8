"""The demo's consults are made by the pages' own use cases (issue 15 item 9)."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.models import Account, Appointment, AuditEvent, ConsultSlot
from kwportal.services.demo.case_consults import FREE_SLOTS, seed_consults
from tests.conftest import TEST_SECRET
from tests.integration.care_world import NOW, build


def test_the_demo_books_attends_and_answers_through_the_use_cases(engine: Engine) -> None:
    a, _ = build(engine)
    with transaction(engine) as session:
        doctor, manager = session.get(Account, a.doctor), session.get(Account, a.case_manager)
        assert doctor is not None and manager is not None
        counts = seed_consults(
            session,
            doctor=doctor,
            case_manager=manager,
            case_ids=a.cases,
            today=NOW.date(),
            secret=TEST_SECRET,
        )
    assert counts == {
        "appointment": 2,
        "attended": 1,
        "move_requested": 1,
        "consult_slot_free": FREE_SLOTS,
    }
    with Session(engine) as session:
        rows = session.exec(select(Appointment).order_by(Appointment.case_id)).all()  # type: ignore[arg-type]
        assert [(r.status, r.attendance) for r in rows] == [
            ("booked", "attended"),
            ("move_requested", ""),
        ]
        assert rows[1].move_reason.startswith("MEDISCH-VERZET")
        assert len(session.exec(select(ConsultSlot)).all()) == 2 + FREE_SLOTS
        kinds = set(session.exec(select(AuditEvent.event_type)).all())
    assert {"consult_booked", "consult_attendance_recorded", "consult_move_requested"} <= kinds
