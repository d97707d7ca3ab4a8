"""The employee is always told (issue 17 item 5; seed ch. 1: "De werknemer wordt altijd op
de hoogte gebracht van de inhoud van de informatie die KrachtWerkt aan de werkgever
verstrekt"). A release — here the problem analysis's employer part — and a plan of action
his employer sends him reach an employee without an active portal account: by a
content-free e-mail to the address on file, or else by a letter the case manager of the
employer's team prints (what the employer received, nothing medical), posts and marks sent,
each recorded in the audit log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import (
    Account,
    Disclosure,
    Employee,
    EmployeeLetter,
    EmployeeNotice,
    TeamMember,
)
from kwportal.services.auth.actors import actor_for
from kwportal.services.case import letters
from kwportal.services.case import problem_analysis as pa
from kwportal.services.employer import plan as plans
from kwportal.services.employer.plan_form import ActionInput, PlanInput
from kwportal.services.feedback import workspace
from kwportal.services.feedback.editor import FeedbackForm
from kwportal.services.mail import Mail
from kwportal.services.unit import RoleRefused
from kwportal.ui.pages.care.letters import CaseLettersState
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.care_world import ORIGIN
from tests.integration.plan_world import (
    ADVICE,
    GOALS,
    MEDICAL_CANARY,
    WEEK_13,
    World,
    act_as,
    build_world,
    events,
)
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

ADDRESS_ON_FILE = "eva.prive@example.test"
PAGE = "http://localhost:3000"


def _without_account(engine: Engine, world: World, *, email: str) -> int:
    """The employee's account is ended; ``email`` is the address on file (or none)."""
    with transaction(engine) as session:
        account = session.get(Account, world.employee)
        person = session.get(Employee, world.a.employees[0])
        assert account is not None and person is not None
        account.is_active = False
        person.email = email
        person.street, person.postal_code, person.city = "Dorpsstraat 1", "1234 AB", "Ons Dorp"
        return person.id or 0


def _release(engine: Engine, world: World) -> list[Mail]:
    doctor, case = world.a.doctor, world.case
    page, _ = act_as(engine, doctor, pa.do_save_problem_analysis, case, 0, "", MEDICAL_CANARY)
    assert page.current is not None and page.current.feedback_id is not None
    form = FeedbackForm(levels={"working_hours": "limited"}, advice=ADVICE)
    saved, _ = act_as(
        engine, doctor, workspace.do_save_draft, case, page.current.feedback_id, 0, form
    )
    assert saved.draft is not None
    _, mails = act_as(
        engine,
        doctor,
        workspace.do_release,
        case,
        page.current.feedback_id,
        saved.draft.version,
    )
    return mails


def _send_plan(engine: Engine, world: World) -> list[Mail]:
    boss, case = world.boss, world.case
    started, _ = act_as(
        engine, boss, plans.do_start_plan, case, "plan_of_action", "2026-03-01", now=WEEK_13
    )
    assert started.draft is not None
    action = ActionInput("Rooster aanpassen", "Teamleider", "2026-03-10", 0)
    form = PlanInput(GOALS, "VISIE-werkgever: aangepast rooster.", (action,))
    _, mails = act_as(
        engine, boss, plans.do_save_plan, case, started.draft.plan_id, 0, form, True, now=WEEK_13
    )
    return mails


def _told(engine: Engine) -> list[dict[str, object]]:
    return [json.loads(e.details or "{}") for e in events(engine, "employee_told")]


def test_without_an_account_the_address_on_file_is_mailed_that_never_what(
    engine: Engine,
) -> None:
    world = build_world(engine)
    employee_id = _without_account(engine, world, email=ADDRESS_ON_FILE)
    [released] = _release(engine, world)
    [plan_sent] = _send_plan(engine, world)
    for mail in (released, plan_sent):
        assert mail.to == ADDRESS_ON_FILE and ORIGIN in mail.body
        for private in (ADVICE, GOALS, MEDICAL_CANARY, "limited", "halve dagen"):
            assert private not in mail.body and private not in mail.subject
    with Session(engine) as session:
        notice = session.exec(select(EmployeeNotice)).one()
        assert session.exec(select(EmployeeLetter)).all() == []
    # the release's notice waits for an account; both tellings are in the audit log
    assert (notice.employee_id, notice.account_id) == (employee_id, None)
    assert _told(engine) == [
        {"kind": "release", "channel": "email"},
        {"kind": "plan_submitted", "channel": "email"},
    ]
    assert {e.subject_employee_id for e in events(engine, "employee_told")} == {employee_id}


def test_without_an_account_or_address_a_letter_is_printed_posted_and_recorded(
    engine: Engine,
) -> None:
    world = build_world(engine)
    employee_id = _without_account(engine, world, email="")
    # no mail reaches him; the team's case manager hears that a letter waits, never what
    with transaction(engine) as session:
        manager = session.get(Account, world.a.case_manager)
        assert manager is not None
        manager.email = "casemanager@krachtwerkt.example"
    mails = _release(engine, world) + _send_plan(engine, world)
    assert [m.to for m in mails] == ["casemanager@krachtwerkt.example"] * 2
    for mail in mails:
        assert "/case-letters" in mail.body
        for private in (ADVICE, GOALS, MEDICAL_CANARY, "Persoon A0"):
            assert private not in mail.body and private not in mail.subject
    with Session(engine) as session:
        queued = session.exec(select(EmployeeLetter).order_by(EmployeeLetter.id)).all()  # type: ignore[arg-type]
        disclosure = session.exec(select(Disclosure)).one()
    assert [(x.employee_id, x.case_id, x.kind) for x in queued] == [
        (employee_id, world.case, "release"),
        (employee_id, world.case, "plan_submitted"),
    ]
    assert queued[0].disclosure_id == disclosure.id and queued[0].sent_at is None
    assert [t["channel"] for t in _told(engine)] == ["letter", "letter"]

    manager = world.a.case_manager
    page, _ = act_as(engine, manager, letters.do_list_letters, now=WEEK_13)
    assert [(line.kind, line.has_address) for line in page.waiting] == [
        ("release", True),
        ("plan_submitted", True),
    ]
    assert {e.subject_employee_id for e in events(engine, "employee_letters_view")} == {employee_id}
    # the other team's case manager sees none of them and may touch none
    other, _ = act_as(engine, world.b.case_manager, letters.do_list_letters, now=WEEK_13)
    assert other.waiting == () and other.sent == ()
    for letter in queued:
        with pytest.raises(letters.LetterError, match=r"letters\.unknown"):
            act_as(engine, world.b.case_manager, letters.do_mark_sent, letter.id, now=WEEK_13)
    # only the case manager prints and posts: the doctor and the employer may not
    for who in (world.a.doctor, world.boss):
        with pytest.raises(RoleRefused):
            act_as(engine, who, letters.do_print_letter, queued[0].id, "nl", now=WEEK_13)

    printed, _ = act_as(engine, manager, letters.do_print_letter, queued[0].id, "nl", now=WEEK_13)
    assert printed.content.startswith(b"%PDF")
    text = {letter.kind: _letter_text(engine, manager, letter) for letter in queued}
    assert ADVICE in text["release"] and GOALS in text["plan_submitted"]
    assert "Dorpsstraat 1" in text["release"]
    for body in text.values():
        assert MEDICAL_CANARY not in body
    [export] = events(engine, "employee_letter_printed")
    assert (export.action, export.subject_employee_id) == ("export", employee_id)

    after, _ = act_as(engine, manager, letters.do_mark_sent, queued[0].id, now=WEEK_13)
    assert [line.kind for line in after.waiting] == ["plan_submitted"]
    assert [line.kind for line in after.sent] == ["release"]
    with pytest.raises(letters.LetterError, match=r"letters\.already_sent"):
        act_as(engine, manager, letters.do_mark_sent, queued[0].id, now=WEEK_13)
    [sent] = events(engine, "employee_letter_sent")
    assert (sent.action, sent.subject_employee_id) == ("disclose", employee_id)
    assert f'"id": {disclosure.id}' in (sent.objects or "")
    with Session(engine) as session:
        row = session.get(EmployeeLetter, queued[0].id)
        assert row is not None and row.sent_at is not None
        assert row.sent_by_account_id == manager


def _letter_text(engine: Engine, manager: int, letter: EmployeeLetter) -> str:
    with Session(engine) as session:
        account = session.get(Account, manager)
        assert account is not None and letter.id is not None
        actor = actor_for(session, account)
        row, subject = letters._letter(session, actor, letter.id)
        return letters.compose(session, actor, row, subject, "nl").content.text()


def test_with_an_account_he_is_told_in_the_portal_as_before(engine: Engine) -> None:
    world = build_world(engine)
    [released] = _release(engine, world)
    [plan_sent] = _send_plan(engine, world)
    assert released.to == plan_sent.to == "wA0@example.test"
    with Session(engine) as session:
        notice = session.exec(select(EmployeeNotice)).one()
        assert session.exec(select(EmployeeLetter)).all() == []
    assert notice.account_id == world.employee
    assert events(engine, "employee_told") == []


# --- the pages, through their real handlers ---------------------------------------------


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def signed_in_case_manager(engine: Engine, world: World) -> str:
    """An enrolled case manager in team A (the world's own has no TOTP), signed in."""
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH, role=Role.CASE_MANAGER)
    with transaction(engine) as session:
        member = session.exec(
            select(TeamMember).where(TeamMember.account_id == world.a.case_manager)
        ).one()
        session.add(TeamMember(care_team_id=member.care_team_id, account_id=account_id))
    return sign_in(engine, username, secret, datetime.now(UTC))


@pytest.mark.usefixtures("cheap_argon2")
def test_the_case_manager_posts_the_letter_from_his_page(portal: Engine) -> None:
    world = build_world(portal)
    _without_account(portal, world, email="")
    _release(portal, world)
    token = signed_in_case_manager(portal, world)
    state = page_state(CaseLettersState, token, url=f"{PAGE}/case-letters")
    call(state, "load")
    [row] = state.waiting
    assert row.kind == "release" and not row.no_address and row.href.startswith("/api/")
    assert ADVICE not in repr(state.dict())  # the page lists letters, not their content
    call(state, "mark_sent", {"letter_id": "999999"})
    assert state.notice_key == "letters.unknown" and len(state.waiting) == 1
    call(state, "mark_sent", {"letter_id": row.letter_id})
    assert state.notice_key == "letters.marked_sent"
    assert state.waiting == [] and [r.letter_id for r in state.sent] == [row.letter_id]
    call(state, "mark_sent", {"letter_id": row.letter_id})
    assert state.notice_key == "letters.already_sent"
