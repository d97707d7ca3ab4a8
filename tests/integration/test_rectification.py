"""Rectification ends in a change (seed ch. 3 B: "Op uw verzoek worden de gegevens aangepast";
issue 17 item 2). The employee asks per field with the value he wants; an identity field is
applied by the privacy desk or the case manager (old and new value in the audit row), an
employment field by the case manager, the care address by the doctor's team, never by the
desk; for the medical file his own statement is added next to the disputed text by the
doctor (WGBO art. 7:454), and the desk never reads it. A bad value is refused at its field
and nothing is stored; a refusal needs a reason he reads; he is told by a content-free mail
and sees the outcome per field."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import (
    AuditEvent,
    Employee,
    MedicalNote,
    MedicalStatement,
    RectificationItem,
    RightsRequest,
    SickLeaveCase,
)
from kwportal.services import audit
from kwportal.services.employee import my_details, my_rights
from kwportal.services.mail import Mail
from kwportal.services.privacy import desk, rectification
from kwportal.services.privacy.rectification import RectificationError
from kwportal.services.unit import Ctx
from kwportal.services.views import PolicyDeniedError
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration import care_world
from tests.integration.auth_helpers import CHEAP_HASH, cheap_argon2, new_enrolled, sign_in  # noqa: F401
from tests.integration.served import portal_database, signed_in_token
from tests.integration.state_driver import call, page_state

NOW = care_world.NOW
WEB = audit.AccessPoint("192.0.2.40", "pytest")
ORIGIN = "https://portal.example"
STATEMENT = "MEDISCH-verklaring: ik heb nooit gezegd dat ik rugklachten heb."
NEW_CARE_ADDRESS = "ZORGADRES-nieuw Zorglaan 9, Almelo"


def _run(engine: Engine, actor: Actor, work: Callable[..., Any], *args: Any) -> tuple[Any, Ctx]:
    with transaction(engine) as session:
        ctx = Ctx(access=WEB, now=NOW, secret=TEST_SECRET, origin=ORIGIN, session=session)
        return work(actor, *args, ctx=ctx), ctx


def _service(engine: Engine, work: Callable[..., Any], actor: Actor, *args: Any, **kw: Any) -> Any:
    with transaction(engine) as session:
        return work(session, actor, *args, **kw)


def _desk(engine: Engine) -> Actor:
    with transaction(engine) as session:
        officer = factories.account(session, Role.PRIVACY_OFFICER)
    return care_world.actor(engine, officer.id or 0)


def _rows(engine: Engine, model: Any) -> list[Any]:
    with Session(engine) as session:
        return list(session.exec(select(model).order_by(col(model.id))))


def _events(engine: Engine, event_type: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(AuditEvent)
                .where(AuditEvent.event_type == event_type)
                .order_by(col(AuditEvent.id))
            )
        )


def _employee(engine: Engine, employee_id: int) -> Employee:
    with Session(engine) as session:
        person = session.get(Employee, employee_id)
        assert person is not None
        return person


def _desk_items(engine: Engine, officer: Actor) -> list[rectification.ItemView]:
    page, _ctx = _run(engine, officer, desk.do_queue)
    return [item for found in page.queue for item in found.items]


def _content_free(mail: Mail, *secrets: str) -> None:
    assert "/my-details" in mail.body
    for secret in secrets:
        assert secret not in mail.body and secret not in mail.subject


def test_an_identity_field_is_applied_by_the_desk_with_old_and_new_audited(
    engine: Engine,
) -> None:
    team, _other = care_world.build(engine)
    me = care_world.actor(engine, team.employee_accounts[0])
    officer = _desk(engine)
    before = _employee(engine, team.employees[0]).last_name
    page, _ctx = _run(engine, me, my_details.do_ask_correction, "last_name", "  de Vries  ")
    [mine] = page.items
    assert (mine.field, mine.requested_value, mine.status) == ("last_name", "de Vries", "open")
    [request] = _rows(engine, RightsRequest)
    assert (request.kind, request.due_at) == ("rectification", date(2026, 11, 30))
    assert request.text == "Verbetering gevraagd van: Achternaam."

    [item] = _desk_items(engine, officer)
    assert (item.requested_value, item.current_value, item.may_decide) == (
        "de Vries",
        before,
        True,
    )
    _page, ctx = _run(engine, officer, desk.do_decide, item.item_id, True, "")
    assert _employee(engine, team.employees[0]).last_name == "de Vries"
    [row] = _rows(engine, RectificationItem)
    assert (row.status, row.decided_by_account_id) == ("applied", officer.account_id)
    [event] = _events(engine, "rectification_applied")
    assert json.loads(event.details) == {
        "new": "de Vries",
        "old": before,
        "target": "employee.last_name",
    }
    assert (event.subject_employee_id, event.action) == (team.employees[0], "update")
    [mail] = ctx.outbox
    assert mail.to == "wA0@example.test"
    _content_free(mail, "de Vries", before)

    page, _ctx = _run(engine, me, my_details.do_show_details)
    assert [(i.field, i.status) for i in page.items] == [("last_name", "applied")]
    assert dict((d.field, d.value) for d in page.details)["last_name"] == "de Vries"
    with pytest.raises(RectificationError, match=r"rectification\.already_decided"):
        _run(engine, officer, desk.do_decide, item.item_id, False, "te laat")


def test_a_refusal_needs_a_reason_the_employee_reads(engine: Engine) -> None:
    team, _other = care_world.build(engine)
    me = care_world.actor(engine, team.employee_accounts[0])
    officer = _desk(engine)
    _run(engine, me, my_details.do_ask_correction, "city", "Enschede")
    [item] = _desk_items(engine, officer)
    for reason in ("", "   "):
        with pytest.raises(RectificationError) as refused:
            _run(engine, officer, desk.do_decide, item.item_id, False, reason)
        assert refused.value.code == "rectification.error.reason_required"
    assert _rows(engine, RectificationItem)[0].status == "open"
    _run(engine, officer, desk.do_decide, item.item_id, False, "Uw werkgever meldt Hengelo.")
    assert _employee(engine, team.employees[0]).city == ""
    lines, _ctx = _run(engine, me, my_rights.do_list_mine)
    [line] = lines
    [outcome] = line.items
    assert (outcome.status, outcome.reason) == ("refused", "Uw werkgever meldt Hengelo.")
    assert [e.details for e in _events(engine, "rectification_refused")] == [
        json.dumps({"target": "employee.city"})
    ]


def test_an_employment_field_is_the_case_managers_in_scope(engine: Engine) -> None:
    team, other = care_world.build(engine)
    me = care_world.actor(engine, team.employee_accounts[0])
    officer = _desk(engine)
    _run(engine, me, my_details.do_ask_correction, "hours_per_week", "24,5")
    [item] = _desk_items(engine, officer)
    # the matrix gives the desk no employment data: no value, no decision
    assert (item.requested_value, item.current_value, item.may_decide) == ("", "", False)
    with pytest.raises(RectificationError, match=r"auth\.not_allowed"):
        _run(engine, officer, desk.do_decide, item.item_id, True, "")
    stranger = care_world.actor(engine, other.case_manager)
    with pytest.raises(PolicyDeniedError):
        _run(
            engine,
            stranger,
            rectification.do_decide_on_case,
            team.cases[0],
            item.item_id,
            True,
            "",
        )
    manager = care_world.actor(engine, team.case_manager)
    shown, _ctx = _run(engine, manager, rectification.do_case_items, team.cases[0])
    [view] = shown.items
    assert (view.requested_value, view.may_decide, shown.statements) == ("24.5", True, ())
    _run(engine, manager, rectification.do_decide_on_case, team.cases[0], item.item_id, True, "")
    assert _employee(engine, team.employees[0]).hours_per_week == 24.5
    [event] = _events(engine, "rectification_applied")
    assert json.loads(event.details)["new"] == "24.5"
    assert {e.actor_role for e in _events(engine, "rectification_items_read")} == {
        "privacy_officer",
        "case_manager",
    }


def test_the_care_address_is_the_care_teams_and_never_the_desks(engine: Engine) -> None:
    team, _other = care_world.build(engine)
    me = care_world.actor(engine, team.employee_accounts[0])
    officer = _desk(engine)
    page, _ctx = _run(
        engine, me, my_details.do_ask_correction, "care_address", NEW_CARE_ADDRESS, team.cases[0]
    )
    # his own page carries no care address (it shows them in its frame only)
    assert "ZORGADRES" not in repr(page)
    desk_page, _ctx = _run(engine, officer, desk.do_queue)
    assert "ZORGADRES" not in repr(desk_page)
    [item] = _desk_items(engine, officer)
    assert (item.field, item.may_decide) == ("care_address", False)
    with pytest.raises(RectificationError, match=r"auth\.not_allowed"):
        _run(engine, officer, desk.do_decide, item.item_id, True, "")
    manager = care_world.actor(engine, team.case_manager)
    shown, _ctx = _run(engine, manager, rectification.do_case_items, team.cases[0])
    assert shown.items == () and "ZORGADRES" not in repr(shown)
    with pytest.raises(RectificationError, match=r"auth\.not_allowed"):
        _run(
            engine, manager, rectification.do_decide_on_case, team.cases[0], item.item_id, True, ""
        )
    nurse = care_world.actor(engine, team.member)
    shown, _ctx = _run(engine, nurse, rectification.do_case_items, team.cases[0])
    [view] = shown.items
    assert (view.requested_value, view.current_value) == (NEW_CARE_ADDRESS, "ZORGADRES-A0")
    with pytest.raises(RectificationError, match=r"rectification\.unknown_item"):
        # the item is of case 0: the page of case 1 cannot act on it
        _run(engine, nurse, rectification.do_decide_on_case, team.cases[1], item.item_id, True, "")
    _run(engine, nurse, rectification.do_decide_on_case, team.cases[0], item.item_id, True, "")
    with Session(engine) as session:
        case = session.get(SickLeaveCase, team.cases[0])
        assert case is not None and case.care_address == NEW_CARE_ADDRESS
        details = session.exec(select(AuditEvent.details)).all()
    assert not any("ZORGADRES" in d for d in details)  # an audit row holds no health data


def test_a_medical_statement_is_added_next_to_the_disputed_note_by_the_doctor(
    engine: Engine,
) -> None:
    team, _other = care_world.build(engine)
    me = care_world.actor(engine, team.employee_accounts[0])
    officer = _desk(engine)
    with Session(engine) as session:
        note = session.exec(select(MedicalNote).where(MedicalNote.case_id == team.cases[0])).one()
    page, _ctx = _run(
        engine, me, my_details.do_add_statement, team.cases[0], f"#{note.id}", STATEMENT
    )
    assert "MEDISCH" not in repr(page)  # his statement does not travel back to his page
    [item] = _rows(engine, RectificationItem)
    assert (item.target, item.requested_value) == (f"medical_note:{note.id}", "")
    [statement] = _rows(engine, MedicalStatement)
    assert (statement.note_id, statement.body, statement.added_at) == (note.id, STATEMENT, None)

    # the desk sees that a statement waits for the doctor, never what it says
    desk_page, _ctx = _run(engine, officer, desk.do_queue)
    assert "MEDISCH" not in repr(desk_page)
    [view] = _desk_items(engine, officer)
    assert (view.field, view.may_decide, view.may_add) == ("medical_note", False, False)
    manager = care_world.actor(engine, team.case_manager)
    shown, _ctx = _run(engine, manager, rectification.do_case_items, team.cases[0])
    assert shown == rectification.CaseItems(team.cases[0])
    doctor = care_world.actor(engine, team.doctor)
    where = {"now": NOW, "access": WEB, "secret": TEST_SECRET, "origin": ORIGIN}
    for actor, apply in ((officer, True), (manager, False), (doctor, True), (doctor, False)):
        with pytest.raises(RectificationError, match=r"auth\.not_allowed"):
            _service(
                engine, rectification.decide, actor, item.id, apply=apply, reason="nee", **where
            )
    with pytest.raises(RectificationError, match=r"auth\.not_allowed"):
        _service(engine, rectification.add_statement, manager, item.id, **where)

    shown, _ctx = _run(engine, doctor, rectification.do_case_items, team.cases[0])
    [pair] = shown.statements
    assert (pair.body, pair.note_body, pair.added_at) == (STATEMENT, "MEDISCH-A0", None)
    shown, ctx = _run(engine, doctor, rectification.do_add_statement, team.cases[0], item.id)
    [pair] = shown.statements
    assert pair.added_at == NOW and pair.note_body == "MEDISCH-A0"  # the disputed text stays
    assert [n.body for n in _rows(engine, MedicalNote) if n.case_id == team.cases[0]] == [
        "MEDISCH-A0"
    ]
    [mail] = ctx.outbox
    _content_free(mail, "MEDISCH")
    assert _rows(engine, RectificationItem)[0].status == "statement_added"
    mine, _ctx = _run(engine, me, my_details.do_show_details)
    assert [(i.field, i.status, i.sick_since) for i in mine.items] == [
        ("medical_note", "statement_added", date(2026, 10, 1))
    ]
    with pytest.raises(RectificationError, match=r"rectification\.already_decided"):
        _run(engine, doctor, rectification.do_add_statement, team.cases[0], item.id)
    with Session(engine) as session:
        details = session.exec(select(AuditEvent.details)).all()
    assert not any("MEDISCH" in d for d in details)
    assert [e.action for e in _events(engine, "medical_statement_added")] == ["update"]


def test_a_bad_statement_is_refused_at_its_field_and_nothing_stored(engine: Engine) -> None:
    team, _other = care_world.build(engine)
    me = care_world.actor(engine, team.employee_accounts[0])
    with Session(engine) as session:
        foreign = session.exec(
            select(MedicalNote).where(MedicalNote.case_id == team.cases[1])
        ).one()
    for note, body, field, code in (
        ("", "  ", "statement", "rectification.error.statement_required"),
        ("", "x" * 5001, "statement", "rectification.error.statement_too_long"),
        ("999999", "Klopt niet.", "note", "rectification.error.unknown_note"),
        ("abc", "Klopt niet.", "note", "rectification.error.unknown_note"),
        (str(foreign.id), "Klopt niet.", "note", "rectification.error.unknown_note"),
    ):
        with pytest.raises(RectificationError) as refused:
            _run(engine, me, my_details.do_add_statement, team.cases[0], note, body)
        assert (refused.value.field, refused.value.code) == (field, code)
    assert _rows(engine, MedicalStatement) == [] and _rows(engine, RightsRequest) == []


def test_a_statement_about_the_file_as_a_whole_and_only_for_his_own_case(engine: Engine) -> None:
    team, _other = care_world.build(engine)
    me = care_world.actor(engine, team.employee_accounts[0])
    with pytest.raises(RectificationError) as refused:
        _run(engine, me, my_details.do_add_statement, team.cases[1], "", "Klopt niet.")
    assert refused.value.code == "rectification.error.unknown_case"
    _run(engine, me, my_details.do_add_statement, team.cases[0], "", "Klopt niet.")
    [item] = _rows(engine, RectificationItem)
    assert item.target == f"medical_file:{team.cases[0]}"


def test_a_bad_value_is_refused_at_its_field_and_nothing_is_stored(engine: Engine) -> None:
    """Each field's own check is proved in tests/unit/domain/test_rectification.py; here a
    refusal reaches the page at its field and leaves nothing behind."""
    team, _other = care_world.build(engine)
    with transaction(engine) as session:
        person = session.get(Employee, team.employees[0])
        assert person is not None
        person.city, person.employment_start = "Hengelo", date(2010, 5, 1)
        session.add(person)
    me = care_world.actor(engine, team.employee_accounts[0])
    for field, value, code in (
        ("postal_code", "7511", "rectification.error.postal_code"),
        ("email", "geen-adres", "rectification.error.email"),
        ("date_of_birth", "2030-01-01", "date.birth_in_future"),
        ("employment_end", "2000-01-01", "rectification.error.end_before_start"),
        ("city", "x" * 100_000, "rectification.error.too_long"),
        ("city", "Hengelo", "rectification.error.unchanged"),
        ("password_hash", "x", "details.unknown_field"),
        ("care_address", "Zorglaan 1", "rectification.error.unknown_case"),
    ):
        with pytest.raises(RectificationError) as refused:
            _run(engine, me, my_details.do_ask_correction, field, value)
        assert refused.value.code == code
        assert refused.value.field == ("" if field == "password_hash" else field)
    assert _rows(engine, RightsRequest) == [] and _rows(engine, RectificationItem) == []
    assert _events(engine, "rights_request_submitted") == []
    page, _ctx = _run(engine, me, my_details.do_ask_correction, "postal_code", "7511ab")
    assert [(i.field, i.requested_value) for i in page.items] == [("postal_code", "7511 AB")]


def test_a_double_tap_files_one_request(engine: Engine) -> None:
    team, _other = care_world.build(engine)
    me = care_world.actor(engine, team.employee_accounts[0])
    _run(engine, me, my_details.do_ask_correction, "city", "Enschede")
    with pytest.raises(RectificationError, match=r"rights\.duplicate"):
        _run(engine, me, my_details.do_ask_correction, "city", "Enschede")
    _run(engine, me, my_details.do_ask_correction, "city", "Enschede-Noord")
    assert len(_rows(engine, RightsRequest)) == 2


def test_a_personnel_number_taken_by_a_colleague_is_not_applied(engine: Engine) -> None:
    team, _other = care_world.build(engine)
    with transaction(engine) as session:
        person = session.get(Employee, team.employees[0])
        assert person is not None
        org = factories.organisation(session)
        person.organisation_id = org.id or 0
        factories.employee(session, org, personnel_number="TAKEN1")
    me = care_world.actor(engine, team.employee_accounts[0])
    officer = _desk(engine)
    _run(engine, me, my_details.do_ask_correction, "personnel_number", "TAKEN1")
    [item] = _desk_items(engine, officer)
    with pytest.raises(RectificationError, match=r"rectification\.error\.number_taken"):
        _run(engine, officer, desk.do_decide, item.item_id, True, "")
    assert _rows(engine, RectificationItem)[0].status == "open"


# --- the pages, driven as the websocket would ---


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_argon2: None) -> Iterator[Engine]:  # noqa: F811
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def test_the_pages_ask_decide_and_add_and_the_desk_never_holds_a_statement(
    portal: Engine,
) -> None:
    from kwportal.models import TeamMember
    from kwportal.ui.pages.care.rectification_parts import CareRectificationState
    from kwportal.ui.pages.employee.details import MyDetailsState
    from kwportal.ui.pages.privacy.rights import RightsDeskState

    team, _other = care_world.build(portal)
    now = datetime.now(UTC)
    employee_id, name, secret = new_enrolled(
        portal,
        CHEAP_HASH,
        role=Role.EMPLOYEE,
        employee_id=team.employees[0],
        organisation_id=team.employers[0],
    )
    me = page_state(MyDetailsState, sign_in(portal, name, secret, now))
    call(me, "load")
    call(me, "ask_correction", {"field": "postal_code", "correction": "7511"})
    assert (me.error_field, me.error_key) == ("postal_code", "rectification.error.postal_code")
    call(me, "ask_correction", {"field": "postal_code", "correction": "7511 ab"})
    assert me.notice_key == "details.sent" and me.error_field == ""
    assert [(i.field, i.requested, i.status) for i in me.items] == [
        ("postal_code", "7511 AB", "open")
    ]
    case = str(team.cases[0])
    call(me, "add_statement", {"statement_case": case, "note": "", "statement": ""})
    assert me.error_field == "statement"
    call(me, "add_statement", {"statement_case": case, "note": "", "statement": STATEMENT})
    assert me.notice_key == "rectification.statement_sent"
    assert "MEDISCH" not in json.dumps(me.dict(), default=str)

    officer = page_state(RightsDeskState, signed_in_token(portal, Role.PRIVACY_OFFICER))
    call(officer, "load")
    shown = json.dumps(officer.dict(), default=str)
    assert "MEDISCH" not in shown and "7511 AB" in shown
    postal = next(i for q in officer.queue for i in q.corrections if i.field == "postal_code")
    call(officer, "apply_item", {"item_id": postal.item_id})
    assert officer.notice_key == "rectification.applied_done"
    assert _employee(portal, team.employees[0]).postal_code == "7511 AB"

    nurse_id, name, secret = new_enrolled(portal, CHEAP_HASH, role=Role.CARE_TEAM)
    with transaction(portal) as session:
        member = session.exec(select(TeamMember).where(TeamMember.account_id == team.member)).one()
        session.add(TeamMember(care_team_id=member.care_team_id, account_id=nurse_id))
    url = f"http://localhost:3000/care-case?case={case}"
    nurse = page_state(CareRectificationState, sign_in(portal, name, secret, now), url=url)
    call(nurse, "load")
    assert nurse.rect_case_id == case
    [pair] = nurse.statements
    assert (pair.body, pair.note_body, pair.may_add) == (STATEMENT, "", "1")
    call(nurse, "add_statement", pair.item_id)
    assert nurse.rect_notice_key == "rectification.statement_added_done"
    assert nurse.statements[0].added != "" and nurse.statements[0].may_add == ""
    call(me, "load")
    assert sorted((i.field, i.status) for i in me.items) == [
        ("medical_file", "statement_added"),
        ("postal_code", "applied"),
    ]
    assert employee_id
