"""Rights requests (seed ch. 3, A–E): the employee files them, the privacy desk answers them
within four weeks — never extended (seed: "uiterlijk binnen vier weken"; issue 17 item 4) —
seeing overdue requests first with their days past the term, and those due within a week."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.rights import RightsKind
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, RightsRequest
from kwportal.services import audit
from kwportal.services.privacy import rights
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
WHERE = {"now": NOW, "access": WEB, "secret": TEST_SECRET}


@dataclass(frozen=True)
class People:
    anna: Actor
    bert: Actor
    desk: Actor


def _employee(session: Session, **overrides: object) -> Actor:
    org = factories.organisation(session)
    person = factories.employee(session, org, **overrides)
    account = factories.account(session, Role.EMPLOYEE, employee_id=person.id)
    return Actor(account.id, Role.EMPLOYEE, org.id, person.id)


def _people(session: Session) -> People:
    desk = factories.account(session, Role.PRIVACY_OFFICER)
    return People(
        anna=_employee(session, personnel_number="A001", first_name="Anna", last_name="Aalders"),
        bert=_employee(session, personnel_number="B002", first_name="Bert", last_name="Bos"),
        desk=Actor(desk.id, Role.PRIVACY_OFFICER),
    )


def _submit(session: Session, actor: Actor, kind: str, text: str, now: datetime = NOW) -> int:
    return rights.submit(
        actor, kind, text, session=session, now=now, access=WEB, secret=TEST_SECRET
    )


def _queue(session: Session, actor: Actor, today: date = TODAY) -> tuple[rights.QueueLine, ...]:
    return rights.queue(actor, today, session=session, **WHERE)


def _events(session: Session, event_type: str) -> list[AuditEvent]:
    return list(
        session.exec(
            select(AuditEvent)
            .where(AuditEvent.event_type == event_type)
            .order_by(col(AuditEvent.id))
        )
    )


def _rights_events(session: Session) -> list[AuditEvent]:
    return [e for e in session.exec(select(AuditEvent)) if e.event_type in rights.AUDIT_EVENTS]


@pytest.mark.parametrize("kind", list(RightsKind), ids=str)
def test_each_kind_is_received_with_a_due_date_four_weeks_on(
    engine: Engine, kind: RightsKind
) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        request_id = _submit(session, people.anna, str(kind), "  Graag binnen de termijn.  ")
        row = session.get(RightsRequest, request_id)
        assert row is not None
        assert (row.kind, row.status) == (str(kind), "received")
        assert row.text == "Graag binnen de termijn."
        assert row.received_at == NOW
        assert row.due_at == date(2026, 12, 26) == TODAY + timedelta(days=28)
        assert row.employee_id == people.anna.employee_id
        [mine] = rights.my_requests(people.anna, session=session)
        assert (mine.kind, mine.due_on, mine.status, mine.extended_to) == (
            kind,
            date(2026, 12, 26),
            "received",
            None,
        )
        [event] = _events(session, "rights_request_submitted")
        assert event.subject_employee_id == people.anna.employee_id
        assert (event.action, event.ground) == ("create", "legal_duty")
        assert event.actor_account_id == people.anna.account_id
        assert json.loads(event.details)["kind"] == str(kind)


def test_an_access_request_needs_no_text(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        request_id = _submit(session, people.anna, "access", "   ")
        row = session.get(RightsRequest, request_id)
        assert row is not None and row.text == ""


def test_text_of_exactly_the_limit_is_accepted(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        text = "é" * rights.MAX_TEXT
        request_id = _submit(session, people.anna, "rectification", f" {text}\n")
        row = session.get(RightsRequest, request_id)
        assert row is not None and row.text == text


@pytest.mark.parametrize(
    ("kind", "text", "code"),
    [
        ("rectification", "", "rights.text_required"),
        ("complaint", "   \n\t", "rights.text_required"),
        ("transfer", "\x00", "rights.text_required"),
        ("stop", "x" * 100_000, "rights.text_too_long"),
        ("access", "x" * 100_000, "rights.text_too_long"),
        ("rectification", "x" * (rights.MAX_TEXT + 1), "rights.text_too_long"),
        ("erase", "graag", "rights.unknown_kind"),
        ("", "", "rights.unknown_kind"),
    ],
    ids=["empty", "blank", "nul", "100kb-stop", "100kb-access", "one-over", "kind", "no-kind"],
)
def test_bad_input_is_refused_and_nothing_written(
    engine: Engine, kind: str, text: str, code: str
) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        with pytest.raises(rights.RightsError) as refused:
            _submit(session, people.anna, kind, text)
        assert refused.value.code == code
        assert session.exec(select(RightsRequest)).all() == []
        assert _rights_events(session) == []


def test_a_double_submit_within_a_minute_is_refused(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        _submit(session, people.anna, "complaint", "Mijn gegevens zijn gedeeld.")
        for seconds in (0, 1, 59, 60):
            with pytest.raises(rights.RightsError, match=r"rights\.duplicate"):
                _submit(
                    session,
                    people.anna,
                    "complaint",
                    " Mijn gegevens zijn gedeeld. ",
                    NOW + timedelta(seconds=seconds),
                )
        assert len(session.exec(select(RightsRequest)).all()) == 1
        # another kind, another text, another person or a minute later: a new request
        _submit(session, people.anna, "stop", "Mijn gegevens zijn gedeeld.", NOW)
        _submit(session, people.anna, "complaint", "Nog iets anders.", NOW)
        _submit(session, people.bert, "complaint", "Mijn gegevens zijn gedeeld.", NOW)
        later = NOW + timedelta(seconds=61)
        _submit(session, people.anna, "complaint", "Mijn gegevens zijn gedeeld.", later)
        assert len(session.exec(select(RightsRequest)).all()) == 5
        assert len(_events(session, "rights_request_submitted")) == 5


def test_my_requests_are_mine_only_newest_first(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        first = _submit(session, people.anna, "access", "", NOW - timedelta(days=3))
        second = _submit(session, people.anna, "transfer", "Naar Arbo Oost", NOW)
        _submit(session, people.bert, "complaint", "Van Bert", NOW)
        mine = rights.my_requests(people.anna, session=session)
        assert [m.request_id for m in mine] == [second, first]
        assert mine[1].due_on == date(2026, 12, 23)
        assert all("Bert" not in m.text for m in mine)


def test_the_desk_answers(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        request_id = _submit(session, people.anna, "access", "")
        answered_at = NOW + timedelta(days=2)
        rights.answer(
            people.desk,
            request_id,
            "  U vindt uw gegevens in de bijlage.  ",
            session=session,
            now=answered_at,
            access=WEB,
            secret=TEST_SECRET,
        )
        row = session.get(RightsRequest, request_id)
        assert row is not None
        assert (row.status, row.answer) == ("answered", "U vindt uw gegevens in de bijlage.")
        assert row.answered_at == answered_at
        assert row.handled_by_account_id == people.desk.account_id
        [mine] = rights.my_requests(people.anna, session=session)
        assert (mine.status, mine.answer, mine.answered_at) == (
            "answered",
            "U vindt uw gegevens in de bijlage.",
            answered_at,
        )
        assert _queue(session, people.desk) == ()
        [event] = _events(session, "rights_request_answered")
        assert event.subject_employee_id == people.anna.employee_id
        assert (event.action, event.ground) == ("update", "legal_duty")
        assert event.actor_account_id == people.desk.account_id
        with pytest.raises(rights.RightsError, match=r"rights\.already_answered"):
            rights.answer(people.desk, request_id, "nogmaals", session=session, **WHERE)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "rights.answer_required"),
        ("  ", "rights.answer_required"),
        ("x" * 100_000, "rights.answer_too_long"),
    ],
    ids=["empty", "blank", "100kb"],
)
def test_a_bad_answer_is_refused_and_nothing_changes(engine: Engine, text: str, code: str) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        request_id = _submit(session, people.anna, "access", "")
        with pytest.raises(rights.RightsError) as refused:
            rights.answer(people.desk, request_id, text, session=session, **WHERE)
        assert refused.value.code == code
        row = session.get(RightsRequest, request_id)
        assert row is not None and (row.status, row.answer) == ("received", "")
        assert _events(session, "rights_request_answered") == []


def test_unknown_request_is_refused(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        with pytest.raises(rights.RightsError, match=r"rights\.unknown_request"):
            rights.answer(people.desk, 999_999, "antwoord", session=session, **WHERE)


def test_there_is_no_extension_anywhere(engine: Engine) -> None:
    """Seed ch. 3: "uiterlijk binnen vier weken" — the desk cannot extend a term: the service
    has no such act, the desk's unit neither, and its page has no such handler."""
    from kwportal.services.privacy import desk
    from kwportal.ui.pages.privacy.rights import RightsDeskState

    assert not hasattr(rights, "extend") and not hasattr(desk, "do_extend")
    assert not {h for h in RightsDeskState.event_handlers if "extend" in h}
    assert "rights_request_extended" not in rights.AUDIT_EVENTS
    with Session(engine) as session, session.begin():
        people = _people(session)
        request_id = _submit(session, people.anna, "stop", "Niet meer gebruiken")
        [line] = _queue(session, people.desk, TODAY + timedelta(days=40))
        assert (line.request_id, line.due_on) == (request_id, date(2026, 12, 26))


def test_an_old_extension_reads_as_history_and_the_term_is_four_weeks(engine: Engine) -> None:
    """A request extended before issue 17 (migration 0017 set it back to received) is due on
    its four-week date; the old extension stays readable for the employee."""
    with Session(engine) as session, session.begin():
        people = _people(session)
        request_id = _submit(session, people.anna, "transfer", "Naar Arbo Oost BV")
        row = session.get(RightsRequest, request_id)
        assert row is not None
        row.extended_due_at, row.extension_reason = date(2027, 2, 26), "Omvangrijk dossier"
        session.add(row)
        session.flush()
        [mine] = rights.my_requests(people.anna, session=session)
        assert (mine.due_on, mine.extended_to, mine.extension_reason) == (
            date(2026, 12, 26),
            date(2027, 2, 26),
            "Omvangrijk dossier",
        )
        [line] = _queue(session, people.desk, date(2027, 1, 5))
        assert (line.due_on, line.overdue, line.days_overdue) == (date(2026, 12, 26), True, 10)


def test_queue_is_open_requests_overdue_first_then_by_due_date(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        newest = _submit(session, people.anna, "access", "", NOW)
        old = _submit(session, people.bert, "complaint", "Oud", NOW - timedelta(days=40))
        older = _submit(session, people.anna, "stop", "Ouder", NOW - timedelta(days=50))
        middle = _submit(session, people.bert, "transfer", "Midden", NOW - timedelta(days=10))
        soon = _submit(session, people.anna, "rectification", "Adres", NOW - timedelta(days=22))
        answered = _submit(session, people.bert, "access", "", NOW - timedelta(days=60))
        rights.answer(people.desk, answered, "Gedaan", session=session, **WHERE)

        lines = _queue(session, people.desk)
        assert [line.request_id for line in lines] == [older, old, soon, middle, newest]
        assert [line.overdue for line in lines] == [True, True, False, False, False]
        assert [line.days_overdue for line in lines] == [22, 12, 0, 0, 0]
        assert [line.due_soon for line in lines] == [False, False, True, False, False]
        by_id = {line.request_id: line for line in lines}
        assert (by_id[old].personnel_number, by_id[old].name) == ("B002", "Bert Bos")
        assert (by_id[older].personnel_number, by_id[older].name) == ("A001", "Anna Aalders")
        assert by_id[soon].due_on == date(2026, 12, 4)
        assert by_id[older].text == "Ouder"

        reads = _events(session, "rights_queue_read")
        assert {e.subject_employee_id for e in reads} == {
            people.anna.employee_id,
            people.bert.employee_id,
        }
        assert all((e.action, e.ground) == ("read", "legal_duty") for e in reads)
        anna_read = next(e for e in reads if e.subject_employee_id == people.anna.employee_id)
        assert sorted(o["id"] for o in json.loads(anna_read.objects)) == sorted(
            [newest, older, soon]
        )
        assert audit.verify_chain(session, secret=TEST_SECRET).ok


def test_an_empty_queue_read_is_audited_too(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        assert _queue(session, people.desk) == ()
        [event] = _events(session, "rights_queue_read")
        assert event.subject_employee_id is None and event.actor_role == "privacy_officer"


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.PRIVACY_OFFICER], ids=str)
def test_only_the_privacy_desk_works_the_queue(engine: Engine, role: Role) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        request_id = _submit(session, people.anna, "access", "")
        other = people.anna if role is Role.EMPLOYEE else Actor(people.desk.account_id, role)
        before = len(_rights_events(session))
        with pytest.raises(rights.RightsError, match=r"auth\.not_allowed"):
            _queue(session, other)
        with pytest.raises(rights.RightsError, match=r"auth\.not_allowed"):
            rights.answer(other, request_id, "antwoord", session=session, **WHERE)
        row = session.get(RightsRequest, request_id)
        assert row is not None and (row.status, row.answer) == ("received", "")
        assert len(_rights_events(session)) == before


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.EMPLOYEE], ids=str)
def test_only_an_employee_files_and_lists_requests(engine: Engine, role: Role) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        # even with an employee id on the actor, another role cannot file for him
        other = Actor(people.desk.account_id, role, employee_id=people.anna.employee_id)
        with pytest.raises(rights.RightsError, match=r"auth\.not_allowed"):
            _submit(session, other, "access", "")
        with pytest.raises(rights.RightsError, match=r"auth\.not_allowed"):
            rights.my_requests(other, session=session)
        assert session.exec(select(RightsRequest)).all() == []


def test_an_employee_account_without_a_person_is_refused(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        nobody = Actor(None, Role.EMPLOYEE)
        with pytest.raises(rights.RightsError, match=r"auth\.not_allowed"):
            _submit(session, nobody, "access", "")
        with pytest.raises(rights.RightsError, match=r"auth\.not_allowed"):
            rights.my_requests(nobody, session=session)


def test_another_employees_request_is_out_of_reach(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        people = _people(session)
        annas = _submit(session, people.anna, "rectification", "Mijn adres klopt niet")
        assert rights.my_requests(people.bert, session=session) == ()
        with pytest.raises(rights.RightsError, match=r"auth\.not_allowed"):
            rights.answer(people.bert, annas, "zelf afgehandeld", session=session, **WHERE)
        row = session.get(RightsRequest, annas)
        assert row is not None and (row.status, row.employee_id) == (
            "received",
            people.anna.employee_id,
        )
