"""A case's two message threads (issue 15 item 5), on both databases: the care thread is
the employee's and his doctor's team's alone (never the case manager's or the employer's),
the employer thread is the employer's and the case manager's (the team and the employee
read it), every employer-thread message passes the medical-term check, bad input writes
nothing, unread counts are one query and drop after reading, and the notice mail says only
that there is a message."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from kwportal.db import transaction
from kwportal.domain.policy import (
    THREAD_CARE,
    THREAD_EMPLOYER,
    Subject,
    may_read_thread,
    may_write_thread,
)
from kwportal.domain.roles import Role
from kwportal.models import Account, AuditEvent, CaseMessage, MessageRead
from kwportal.services.case import message_notices, messages
from kwportal.services.case.messages import (
    MAX_MESSAGE,
    MessageError,
    do_open_messages,
    do_send_message,
)
from kwportal.services.demo.case_messages import seed_case_messages
from kwportal.services.employee import employer_view
from kwportal.services.mail import Mail
from kwportal.services.unit import Ctx, gate_of
from kwportal.services.views import PolicyDeniedError
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.care_world import ACCESS, NOW, ORIGIN, Team, actor, build

CANARY = "MEDISCH-BERICHT-1 mijn rugklachten"


def run(engine: Engine, account_id: int, work: Callable[..., Any], *args: Any, at=NOW):
    """One unit as ``account_id``: the use case's gate, then the use case in a transaction;
    (value, mails queued)."""
    who = actor(engine, account_id)
    assert who.role in gate_of(work).roles, f"{work.__name__} is closed to {who.role}"
    with transaction(engine) as session:
        ctx = Ctx(access=ACCESS, now=at, secret=TEST_SECRET, origin=ORIGIN, session=session)
        value = work(who, *args, ctx=ctx)
    return value, ctx.outbox


def send(engine, account_id, case_id, thread, body, at=NOW):
    return run(engine, account_id, do_send_message, case_id, thread, body, at=at)


def open_thread(engine, account_id, case_id, thread=None, at=NOW) -> messages.ThreadView:
    page, _ = run(engine, account_id, do_open_messages, case_id, thread, at=at)
    assert page.thread is not None
    return page.thread


def contact(engine: Engine, org_id: int, email: str = "") -> int:
    with transaction(engine) as session:
        account = factories.account(
            session, Role.EMPLOYER_CONTACT, organisation_id=org_id, email=email
        )
        return account.id or 0


def stored(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(CaseMessage)).one()


def give_emails(engine: Engine, team: Team) -> None:
    with transaction(engine) as session:
        for account_id, email in (
            (team.doctor, "arts@team.example"),
            (team.member, "lid@team.example"),
            (team.case_manager, "casemanager@team.example"),
        ):
            row = session.get(Account, account_id)
            assert row is not None
            row.email = email
            session.add(row)


def test_the_care_thread_is_the_employee_and_his_doctors_team(engine: Engine) -> None:
    a, _ = build(engine)
    case, employee = a.cases[0], a.employee_accounts[0]
    send(engine, employee, None, THREAD_CARE, CANARY)
    send(engine, a.doctor, case, THREAD_CARE, "Dank u, tot het spreekuur.", at=NOW + timedelta(1))
    for reader in (a.doctor, a.member):
        view = open_thread(engine, reader, case)
        assert view.thread == THREAD_CARE and view.may_write
        assert [line.body for line in view.lines] == [CANARY, "Dank u, tot het spreekuur."]
        assert view.subject_name == "Test Persoon A0"
        assert view.threads == (THREAD_CARE, THREAD_EMPLOYER)
    own = open_thread(engine, employee, None)
    assert [(line.mine, line.author_role) for line in own.lines] == [
        (True, "employee"),
        (False, "company_doctor"),
    ]
    assert own.lines[1].author_name == "Dr A" and own.subject_name == ""
    assert own.threads == (THREAD_CARE,)


@pytest.mark.parametrize("who", ["employer", "case_manager"])
def test_employer_and_case_manager_never_reach_the_care_thread(engine: Engine, who: str) -> None:
    a, _ = build(engine)
    case = a.cases[0]
    send(engine, a.employee_accounts[0], None, THREAD_CARE, CANARY)
    account = contact(engine, a.employers[0]) if who == "employer" else a.case_manager
    with pytest.raises(PolicyDeniedError):
        run(engine, account, do_open_messages, case, THREAD_CARE)
    with pytest.raises(PolicyDeniedError):
        send(engine, account, case, THREAD_CARE, "Hoe gaat het?")
    who = actor(engine, account)
    with transaction(engine) as session:
        ref = messages.case_for(session, who, case)
        with pytest.raises(PolicyDeniedError):
            messages.read_thread(
                session, who, ref, THREAD_CARE, access=ACCESS, secret=TEST_SECRET, now=NOW
            )
    assert stored(engine) == 1
    # his own thread opens without a word of the care thread in it
    view = open_thread(engine, account, case)
    assert view.thread == THREAD_EMPLOYER and view.lines == ()


def test_another_organisation_team_or_employee_is_refused_alike(engine: Engine) -> None:
    a, b = build(engine)
    case = a.cases[0]
    other_employer = contact(engine, a.employers[1])
    for outsider, thread in (
        (other_employer, THREAD_EMPLOYER),
        (b.doctor, THREAD_CARE),
        (b.case_manager, THREAD_EMPLOYER),
        (a.employee_accounts[1], THREAD_CARE),
    ):
        with pytest.raises(PolicyDeniedError):
            run(engine, outsider, do_open_messages, case, thread)
        with pytest.raises(PolicyDeniedError):
            send(engine, outsider, case, thread, "Goedemorgen")
        with pytest.raises(PolicyDeniedError):  # an unknown case: the same answer
            run(engine, outsider, do_open_messages, 999_999, thread)
    assert stored(engine) == 0


def test_the_employee_reads_the_employer_thread_but_does_not_write_in_it(engine: Engine) -> None:
    a, _ = build(engine)
    case, employee = a.cases[0], a.employee_accounts[0]
    employer = contact(engine, a.employers[0])
    send(engine, employer, case, THREAD_EMPLOYER, "Wanneer kan zij weer halve dagen werken?")
    send(engine, a.case_manager, case, THREAD_EMPLOYER, "Na het spreekuur hoort u het.")
    with pytest.raises(PolicyDeniedError):
        send(engine, employee, None, THREAD_EMPLOYER, "Ik wil ook iets zeggen")
    with pytest.raises(PolicyDeniedError):
        send(engine, employee, case, THREAD_EMPLOYER, "Ik wil ook iets zeggen")
    with pytest.raises(PolicyDeniedError):  # not on the messages page: on his employer view
        run(engine, employee, do_open_messages, None, THREAD_EMPLOYER)
    page, _ = run(engine, employee, employer_view.do_show)
    assert [line.body for line in page.employer_thread] == [
        "Wanneer kan zij weer halve dagen werken?",
        "Na het spreekuur hoort u het.",
    ]
    doctor_view = open_thread(engine, a.doctor, case, THREAD_EMPLOYER)
    assert len(doctor_view.lines) == 2 and not doctor_view.may_write
    assert stored(engine) == 2


@pytest.mark.parametrize("who", ["employer", "case_manager"])
def test_a_medical_term_in_the_employer_thread_is_refused(engine: Engine, who: str) -> None:
    a, _ = build(engine)
    case = a.cases[0]
    account = contact(engine, a.employers[0]) if who == "employer" else a.case_manager
    with pytest.raises(MessageError) as refused:
        send(engine, account, case, THREAD_EMPLOYER, "Is de Burn-out al over? En de griep?")
    assert refused.value.code == "messages.medical_term"
    assert refused.value.terms == ("burn-out", "griep")
    assert stored(engine) == 0
    # the care thread is medical: the employee may write there what he wants
    send(engine, a.employee_accounts[0], None, THREAD_CARE, "Ik heb griep en een burn-out.")
    assert stored(engine) == 1


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("", "messages.required"),
        ("   \n\t  ", "messages.required"),
        ("\x00", "messages.required"),
        ("x" * (MAX_MESSAGE + 1), "messages.too_long"),
        ("x" * 1_000_000, "messages.too_long"),
    ],
)
def test_empty_and_over_long_messages_write_nothing(engine: Engine, body: str, code: str) -> None:
    a, _ = build(engine)
    with pytest.raises(MessageError) as refused:
        send(engine, a.employee_accounts[0], None, THREAD_CARE, body)
    assert refused.value.code == code
    assert stored(engine) == 0
    with Session(engine) as session:
        assert not session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "case_message_sent")
        ).all()


def test_a_message_of_exactly_the_limit_is_kept_whole(engine: Engine) -> None:
    a, _ = build(engine)
    send(engine, a.employee_accounts[0], None, THREAD_CARE, "  " + "y" * MAX_MESSAGE + "  ")
    view = open_thread(engine, a.doctor, a.cases[0])
    assert view.lines[0].body == "y" * MAX_MESSAGE


def totals(engine: Engine, account_id: int) -> dict[str, int]:
    with Session(engine) as session:
        return dict(message_notices.unread_totals(session, actor(engine, account_id)))


def test_unread_counts_per_account_drop_after_reading(engine: Engine) -> None:
    a, b = build(engine)
    case, employee = a.cases[0], a.employee_accounts[0]
    employer = contact(engine, a.employers[0])
    send(engine, employee, None, THREAD_CARE, "een")
    send(engine, employee, None, THREAD_CARE, "twee")
    send(engine, employer, case, THREAD_EMPLOYER, "drie")
    assert totals(engine, a.doctor) == {THREAD_CARE: 2}
    assert totals(engine, a.member) == {THREAD_CARE: 2}
    assert totals(engine, a.case_manager) == {THREAD_EMPLOYER: 1}
    assert totals(engine, employee) == {THREAD_EMPLOYER: 1}
    assert totals(engine, employer) == {}  # his own message
    assert totals(engine, b.doctor) == {} and totals(engine, a.employee_accounts[1]) == {}
    open_thread(engine, a.doctor, case)
    assert totals(engine, a.doctor) == {} and totals(engine, a.member) == {THREAD_CARE: 2}
    run(engine, employee, employer_view.do_show)
    assert totals(engine, employee) == {}
    send(engine, a.case_manager, case, THREAD_EMPLOYER, "vier")
    assert totals(engine, employer) == {THREAD_EMPLOYER: 1}
    with Session(engine) as session:
        inbox = message_notices.unread_threads(session, actor(engine, a.member))
    assert [(t.case_id, t.thread, t.count, t.last_name) for t in inbox] == [
        (case, THREAD_CARE, 2, "Persoon A0")
    ]
    page, _ = run(engine, a.member, do_open_messages, None, None)
    assert page.thread is None and page.inbox == inbox


def test_the_unread_count_is_one_query_whatever_the_caseload(engine: Engine) -> None:
    a, _ = build(engine)
    for employee in a.employee_accounts:
        send(engine, employee, None, THREAD_CARE, "hallo")
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_rest) -> None:
        statements.append(statement)

    doctor = actor(engine, a.doctor)
    event.listen(engine, "before_cursor_execute", seen)
    try:
        with Session(engine) as session:
            counted = message_notices.unread_totals(session, doctor)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert counted == ((THREAD_CARE, 2),)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1


def test_reading_marks_never_go_backwards(engine: Engine) -> None:
    a, _ = build(engine)
    with transaction(engine) as session:
        messages.mark_read(session, a.doctor, a.cases[0], THREAD_CARE, 7, NOW)
        messages.mark_read(session, a.doctor, a.cases[0], THREAD_CARE, 3, NOW)
    with Session(engine) as session:
        rows = session.exec(select(MessageRead)).all()
    assert [(r.account_id, r.last_read_message_id) for r in rows] == [(a.doctor, 7)]


def _assert_content_free(mails: list[Mail], *secrets: str) -> None:
    for mail in mails:
        for secret in secrets:
            assert secret not in mail.body and secret not in mail.subject
        assert f"{ORIGIN}/messages" in mail.body


def test_the_other_side_is_told_once_while_unread_and_never_what(engine: Engine) -> None:
    a, _ = build(engine)
    give_emails(engine, a)
    case, employee = a.cases[0], a.employee_accounts[0]
    _, mails = send(engine, employee, None, THREAD_CARE, CANARY)
    assert sorted(m.to for m in mails) == ["arts@team.example", "lid@team.example"]
    _assert_content_free(mails, CANARY, "MEDISCH", "Persoon", "rug", str(case))
    _, again = send(engine, employee, None, THREAD_CARE, "nog iets")
    assert again == []  # both still have the first one unread
    open_thread(engine, a.doctor, case)
    _, after = send(engine, employee, None, THREAD_CARE, "en nog iets")
    assert [m.to for m in after] == ["arts@team.example"]
    _, reply = send(engine, a.member, case, THREAD_CARE, "MEDISCH-ANTWOORD")
    assert [m.to for m in reply] == ["wA0@example.test"]
    _assert_content_free(reply, "MEDISCH-ANTWOORD")


def test_employer_thread_mail_goes_between_employer_and_case_manager(engine: Engine) -> None:
    a, _ = build(engine)
    give_emails(engine, a)
    case = a.cases[0]
    employer = contact(engine, a.employers[0], "hr@werkgever.example")
    contact(engine, a.employers[1], "hr@andere.example")
    _, mails = send(engine, employer, case, THREAD_EMPLOYER, "Werkplek aanpassen?")
    assert [m.to for m in mails] == ["casemanager@team.example"]
    _, reply = send(engine, a.case_manager, case, THREAD_EMPLOYER, "Ik zoek het uit.")
    assert [m.to for m in reply] == ["hr@werkgever.example"]
    _assert_content_free([*mails, *reply], "Werkplek", "Ik zoek", "Persoon")


def test_sending_and_reading_are_audited_medical_in_the_care_thread(engine: Engine) -> None:
    a, _ = build(engine)
    case = a.cases[0]
    send(engine, a.employee_accounts[0], None, THREAD_CARE, CANARY)
    open_thread(engine, a.doctor, case)
    send(engine, contact(engine, a.employers[0]), case, THREAD_EMPLOYER, "Vraag")
    open_thread(engine, a.case_manager, case)
    with Session(engine) as session:
        rows = session.exec(
            select(AuditEvent)
            .where(AuditEvent.event_type.startswith("case_message"))  # type: ignore[attr-defined]
            .order_by(col(AuditEvent.id))
        ).all()
    seen = [(r.event_type, r.action, json.loads(r.objects)[0]["category"]) for r in rows]
    assert seen == [
        ("case_message_sent", "create", "medical"),
        ("case_messages_read", "read", "medical"),
        ("case_message_sent", "create", "employer_record"),
        ("case_messages_read", "read", "employer_record"),  # the thread shown after sending
        ("case_messages_read", "read", "employer_record"),
    ]
    assert all(r.subject_employee_id == a.employees[0] for r in rows)
    assert all(CANARY not in r.details for r in rows)


def test_the_policy_table() -> None:
    subject = Subject(employee_id=1, organisation_id=10)
    from kwportal.domain.policy import Actor

    cases = {
        Role.EMPLOYEE: Actor(1, Role.EMPLOYEE, employee_id=1),
        Role.EMPLOYER_CONTACT: Actor(2, Role.EMPLOYER_CONTACT, organisation_id=10),
        Role.COMPANY_DOCTOR: Actor(3, Role.COMPANY_DOCTOR, employer_ids=frozenset({10})),
        Role.CARE_TEAM: Actor(4, Role.CARE_TEAM, employer_ids=frozenset({10})),
        Role.CASE_MANAGER: Actor(5, Role.CASE_MANAGER, employer_ids=frozenset({10})),
        Role.PRIVACY_OFFICER: Actor(6, Role.PRIVACY_OFFICER),
        Role.ADMIN: Actor(7, Role.ADMIN),
    }
    reads = {r for r, who in cases.items() if may_read_thread(who, THREAD_CARE, subject)}
    writes = {r for r, who in cases.items() if may_write_thread(who, THREAD_CARE, subject)}
    assert reads == writes == {Role.EMPLOYEE, Role.COMPANY_DOCTOR, Role.CARE_TEAM}
    reads = {r for r, who in cases.items() if may_read_thread(who, THREAD_EMPLOYER, subject)}
    writes = {r for r, who in cases.items() if may_write_thread(who, THREAD_EMPLOYER, subject)}
    assert reads == set(cases) - {Role.PRIVACY_OFFICER, Role.ADMIN}
    assert writes == {Role.EMPLOYER_CONTACT, Role.CASE_MANAGER}
    elsewhere = Subject(employee_id=2, organisation_id=11)
    assert not any(
        may_read_thread(who, t, elsewhere)
        for who in cases.values()
        for t in ("care", "employer")
        if who.role not in (Role.PRIVACY_OFFICER, Role.ADMIN)
    )
    assert not may_read_thread(cases[Role.COMPANY_DOCTOR], "other", subject)


def test_the_demo_posts_through_the_use_case(engine: Engine) -> None:
    a, _ = build(engine)
    employer = contact(engine, a.employers[0])
    with transaction(engine) as session:
        accounts = {
            i: session.get(Account, i)
            for i in (a.employee_accounts[0], a.doctor, a.case_manager, employer)
        }
        posted = seed_case_messages(
            session,
            case_id=a.cases[0],
            employee=accounts[a.employee_accounts[0]],
            doctor=accounts[a.doctor],
            case_manager=accounts[a.case_manager],
            employer_contact=accounts[employer],
            start=NOW,
            secret=TEST_SECRET,
        )
    assert posted == stored(engine) == 5
    assert "MEDISCH" not in " ".join(
        line.body for line in open_thread(engine, employer, a.cases[0]).lines
    )
    assert totals(engine, a.doctor) == {THREAD_CARE: 1}
