"""Only employees in care (issue 17 item 1; seed ch. 1: "alleen noodzakelijke
persoonsgegevens worden verwerkt van werknemers waarop de zorgverlening start. Indien er geen
zorg wordt verleend, krijgt KrachtWerkt dus geen beschikking over persoonsgegevens van
werknemers"): a person comes in with his sick report — by personnel number and name when he
is new —, and ``kwportal roster-cleanup`` removes the people an earlier roster import stored
without a case, keeping (and counting) everyone something else must keep, audited, idempotent,
with a dry run that changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal import cli
from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import (
    AuditEvent,
    Employee,
    LegalHold,
    RetentionTombstone,
    RightsRequest,
    RosterUpload,
    SickLeaveCase,
)
from kwportal.services import audit
from kwportal.services.employer import roster_cleanup
from kwportal.services.employer.sick_report import ReportError, parse_form, report_sick
from kwportal.services.retention.plan import pseudonym
from kwportal.ui.pages.employer.sick_report import SickReportState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
TODAY = date(2026, 3, 10)
FORM = {
    "personnel_number": "NIEUW-1",
    "first_sick_day": "2026-03-09",
    "contact_phone": "+31 6 1234 5678",
    "expected_duration": "days",
    "safety_net": "no",
    "work_accident": "no",
    "traffic_accident": "no",
}


def _report(session: Session, actor: Actor, **changes: str) -> int:
    form = parse_form({**FORM, **changes}, today=TODAY)
    done = report_sick(
        actor, form, session=session, access=WEB, secret=TEST_SECRET, origin="https://p"
    )
    return done.case_id


def test_the_sick_report_brings_someone_new_in_by_number_and_name(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, other = factories.organisation(session), factories.organisation(session)
        factories.employee(session, other, personnel_number="NIEUW-1", first_name="Elders")
        account = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=org.id)
        actor = Actor(account.id, Role.EMPLOYER_CONTACT, organisation_id=org.id)
        with pytest.raises(ReportError) as nameless:
            _report(session, actor, last_name="Nieuw")
        case_id = _report(session, actor, first_name=" Sanne ", last_name="Nieuw")
        person = session.exec(
            select(Employee).where(
                Employee.organisation_id == org.id, Employee.personnel_number == "NIEUW-1"
            )
        ).one()
        case = session.get(SickLeaveCase, case_id)
        registered = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "employee_registered")
        ).all()
        numbered = session.exec(
            select(Employee.first_name).where(Employee.personnel_number == "NIEUW-1")
        ).all()
    assert [(e.field, e.code) for e in nameless.value.errors] == [
        ("first_name", "sick.error.name_needed")
    ]
    assert (person.first_name, person.last_name) == ("Sanne", "Nieuw")
    assert case is not None and case.employee_id == person.id
    assert [(e.subject_employee_id, e.action) for e in registered] == [(person.id, "create")]
    assert "Sanne" not in registered[0].details
    assert sorted(numbered) == ["Elders", "Sanne"]  # the other employer's person untouched


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _world(engine: Engine) -> dict[str, int]:
    """Who is stored: one in care, one with nothing (goes), and one each that an account, a
    rights request and a legal hold keep; plus a staged roster file of two days ago."""
    with transaction(engine) as session:
        org = factories.organisation(session)
        made = {
            name: factories.employee(session, org, first_name=name.title()).id or 0
            for name in ("care", "nothing", "account", "request", "hold")
        }
        factories.sick_case(session, session.get(Employee, made["care"]))
        factories.account(session, Role.EMPLOYEE, employee_id=made["account"])
        session.add(
            RightsRequest(employee_id=made["request"], kind="access", due_at=date(2026, 12, 31))
        )
        session.add(LegalHold(employee_id=made["hold"], reason="procedure"))
        contact = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=org.id)
        session.add(
            RosterUpload(
                organisation_id=org.id,
                account_id=contact.id,
                filename="oud.csv",
                content=b"personeelsnummer;voornaam;achternaam\r\nX;Oud;Bestand\r\n",
                uploaded_at=datetime.now(UTC) - timedelta(days=2),
            )
        )
    return made


def _stored(engine: Engine) -> set[int]:
    with Session(engine) as session:
        return {i for i in session.exec(select(Employee.id)).all() if i is not None}


def test_roster_cleanup_removes_only_people_without_case_or_keeper(
    portal: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    made = _world(portal)
    assert cli.main(["roster-cleanup", "--dry-run"]) == 0
    dry = capsys.readouterr().out
    assert _stored(portal) == set(made.values())  # a dry run changes nothing
    assert cli.main(["roster-cleanup"]) == 0
    real = capsys.readouterr().out
    assert cli.main(["roster-cleanup"]) == 0
    second = capsys.readouterr().out
    with Session(portal) as session:
        removals = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == roster_cleanup.EVENT)
        ).all()
        stones = session.exec(select(RetentionTombstone)).all()
        uploads = session.exec(select(RosterUpload)).all()
        chain = audit.verify_chain(session, secret=TEST_SECRET)
    assert "4 stored people without a case; 1 would be removed, 3 kept" in dry
    for keeper in ("account", "legal_hold", "rights_request"):
        assert f"kept ({keeper}): 1" in dry and f"kept ({keeper}): 1" in real
    assert "1 staged roster files older than a day would be deleted" in dry
    assert "4 stored people without a case; 1 removed, 3 kept" in real
    assert "1 staged roster files older than a day deleted" in real
    assert "0 removed" in second and "0 staged roster files" in second  # idempotent
    assert _stored(portal) == set(made.values()) - {made["nothing"]}
    assert [(e.subject_employee_id, e.action) for e in removals] == [(made["nothing"], "delete")]
    details = json.loads(removals[0].details)
    assert set(details) == {"organisation", "rule"} and "Nothing" not in removals[0].details
    assert [s.pseudonym for s in stones] == [pseudonym(TEST_SECRET, made["nothing"])]
    assert uploads == [] and chain.ok


def test_a_person_reported_meanwhile_is_kept(portal: Engine) -> None:
    """The batch re-checks under its lock: a case opened after the candidates were read
    keeps the person (the sick report wins)."""
    made = _world(portal)
    with transaction(portal) as session:
        ids = [made["nothing"]]
        factories.sick_case(session, session.get(Employee, made["nothing"]))
        removed, kept, _people = roster_cleanup._batch(
            session, ids, dry_run=False, secret=TEST_SECRET, now=datetime.now(UTC)
        )
    assert (removed, dict(kept)) == (0, {})
    assert made["nothing"] in _stored(portal)
    with Session(portal) as session:
        assert (
            session.exec(
                select(AuditEvent).where(col(AuditEvent.event_type) == roster_cleanup.EVENT)
            ).first()
            is None
        )


@pytest.mark.usefixtures("cheap_argon2")
def test_the_sick_report_page_reports_someone_new(portal: Engine) -> None:
    with transaction(portal) as session:
        org_id = factories.organisation(session).id
    _id, username, secret = new_enrolled(
        portal, CHEAP_HASH, role=Role.EMPLOYER_CONTACT, organisation_id=org_id
    )
    token = sign_in(portal, username, secret, datetime.now(UTC))
    state = page_state(SickReportState, token, url="http://localhost:3000/employer-sick-report")
    call(state, "load")
    form = {**FORM, "first_sick_day": state.today, "personnel_number": "N-77"}
    call(state, "submit_report", form)
    assert state.error_keys == [
        ["first_name", "sick.error.name_needed"],
        ["last_name", "sick.error.name_needed"],
    ]
    call(state, "submit_report", {**form, "first_name": "Nina", "last_name": "Nieuw"})
    assert state.notice_key == "sick.done" and state.error_keys == []
    with Session(portal) as session:
        person = session.exec(select(Employee).where(Employee.personnel_number == "N-77")).one()
        session.exec(select(SickLeaveCase).where(SickLeaveCase.employee_id == person.id)).one()
    assert (person.organisation_id, person.first_name) == (org_id, "Nina")
