"""An employer changes arbodienst (issue 17 item 6; seed ch. 1, Bewaartermijn: "dragen wij
persoonsgegevens die verband houden met lopende ziektegevallen over aan de nieuwe
bedrijfsarts of arbodienst, waarna KrachtWerkt deze gegevens niet meer zal bewaren").

The administrator ends the contract naming the successor: the contract end is set and every
running case of the employer is handed over (``handover_id``), the employer and each
employee with a running case are told. The company doctor of the team serving the employer
releases one package per case, encrypted, recorded as a disclosure to the successor; an
employee with a running and a closed case is handled case by case. The administrator
confirms receipt, and the retention run destroys the handed-over case while the closed case
of the same person keeps its own term. Bad input writes nothing."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyrage
import pytest
from pyrage import x25519
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.retention import Rule, decide
from kwportal.domain.roles import Role
from kwportal.models import (
    AuditEvent,
    CareTeam,
    Disclosure,
    Employee,
    EmployeeNotice,
    MedicalNote,
    Organisation,
    OrganisationHandover,
    RetentionTombstone,
    SickLeaveCase,
    TeamAssignment,
)
from kwportal.services import audit
from kwportal.services.admin import handover as admin_handover
from kwportal.services.admin import organisations as admin_orgs
from kwportal.services.admin.common import AdminError
from kwportal.services.case import handover
from kwportal.services.case.transfer import BY_KEY, Target
from kwportal.services.privacy.transfer import TransferError
from kwportal.services.retention import desk as retention_desk
from kwportal.services.retention import run as retention_run
from kwportal.services.retention.plan import dossiers, plan
from kwportal.services.unit import Ctx
from kwportal.settings import _new_signing_key
from kwportal.ui import routes as paths
from kwportal.ui.api import care_transfer
from kwportal.ui.pages.admin.organisations import AdminOrgsState
from kwportal.ui.pages.care.transfer import CareTransferState
from kwportal.ui.pages.privacy.retention import RetentionDeskState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import CHEAP_HASH, cheap_argon2, new_enrolled, sign_in  # noqa: F401
from tests.integration.served import portal_database, post_form, route_client
from tests.integration.state_driver import call, page_state

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
WEB = audit.AccessPoint("192.0.2.50", "pytest")
ORIGIN = "https://portal.example"
PEM = _new_signing_key()
IDENTITY = x25519.Identity.generate()
SUCCESSOR = "Arbo Nieuw BV"


@dataclass(frozen=True)
class World:
    admin: Actor
    doctor: Actor
    other_doctor: Actor
    org_id: int
    other_org_id: int
    #: the employee with an account: a running and a closed case
    mixed: int
    running: int
    closed: int
    #: an employee without an account, an address on file, a running case
    address_only: int
    address_case: int
    other_case: int


def _doctor(session: Session, org_id: int, name: str) -> Actor:
    account = factories.account(session, Role.COMPANY_DOCTOR, display_name=name)
    team = CareTeam(name=f"Team {name}", doctor_account_id=account.id)
    session.add(team)
    session.flush()
    session.add(TeamAssignment(care_team_id=team.id, organisation_id=org_id))
    return Actor(account.id, Role.COMPANY_DOCTOR, employer_ids=frozenset({org_id}))


def _build(session: Session) -> World:
    org = factories.organisation(session, name="Overstap BV", contract_start=date(2021, 1, 1))
    other = factories.organisation(session, name="Blijft BV")
    assert org.id and other.id
    mixed = factories.employee(
        session, org, email="", date_of_birth=date(1980, 1, 1), employment_end=date(2026, 12, 31)
    )
    factories.account(session, Role.EMPLOYEE, employee_id=mixed.id, email="mixed@example.test")
    running = factories.sick_case(session, mixed, sick_report_date=date(2026, 10, 1))
    closed = factories.sick_case(
        session, mixed, sick_report_date=date(2025, 3, 1), recovery_date=date(2025, 4, 1)
    )
    session.add(MedicalNote(case_id=running.id, employee_id=mixed.id, body="MEDISCH-H1 lopend"))
    session.add(MedicalNote(case_id=closed.id, employee_id=mixed.id, body="MEDISCH-H2 gesloten"))
    second = factories.employee(session, org, email="thuis@example.test")
    second_case = factories.sick_case(session, second)
    elsewhere = factories.employee(session, other)
    other_case = factories.sick_case(session, elsewhere)
    factories.account(
        session, Role.EMPLOYER_CONTACT, organisation_id=org.id, email="hr@overstap.test"
    )
    admin = factories.account(session, Role.ADMIN)
    assert mixed.id and second.id and running.id and closed.id and second_case.id
    assert other_case.id
    return World(
        Actor(admin.id, Role.ADMIN),
        _doctor(session, org.id, "Dr. Over"),
        _doctor(session, other.id, "Dr. Blijf"),
        org.id,
        other.id,
        mixed.id,
        running.id,
        closed.id,
        second.id,
        second_case.id,
        other_case.id,
    )


def _world(engine: Engine) -> World:
    with transaction(engine) as session:
        return _build(session)


def _run(engine: Engine, actor: Actor, work: Any, *args: Any, now: datetime = NOW) -> Any:
    with transaction(engine) as session:
        ctx = Ctx(access=WEB, now=now, secret=TEST_SECRET, origin=ORIGIN, session=session)
        return work(actor, *args, ctx=ctx), list(ctx.outbox)


def _start(engine: Engine, world: World, **changes: str) -> Any:
    values = {"successor": SUCCESSOR, "email": "intake@nieuw.test", "end": "2026-12-31"}
    values.update(changes)
    return _run(
        engine,
        world.admin,
        admin_orgs.do_start_handover,
        str(changes.get("organisation_id", world.org_id)),
        values["successor"],
        values["email"],
        values["end"],
    )


def _release(session: Session, world: World, case_id: int, actor: Actor | None = None) -> Any:
    return handover.release_case(
        actor or world.doctor,
        case_id,
        Target(BY_KEY, key=str(IDENTITY.to_public())),
        session=session,
        now=NOW,
        access=WEB,
        secret=TEST_SECRET,
        origin=ORIGIN,
        pem=PEM,
    )


def _desk(engine: Engine) -> Actor:
    with transaction(engine) as session:
        return Actor(factories.account(session, Role.PRIVACY_OFFICER).id, Role.PRIVACY_OFFICER)


def _handover_id(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(OrganisationHandover.id)).one() or 0


def _dossier_cases(sealed: Any) -> list[int]:
    content = pyrage.decrypt(sealed.content, [IDENTITY])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        document = json.loads(archive.read("dossier.json"))
    assert document["recipient"] == SUCCESSOR
    return [entry["case"]["id"] for entry in document["cases"]]


def test_ending_the_contract_hands_over_every_running_case_and_tells_everyone(
    engine: Engine,
) -> None:
    world = _world(engine)
    (started, lines), mails = _start(engine, world)
    assert (started.cases, started.employees_told) == (2, 2)
    with Session(engine) as session:
        org = session.get(Organisation, world.org_id)
        assert org is not None and org.contract_end == date(2026, 12, 31)
        (row,) = session.exec(select(OrganisationHandover)).all()
        assert (row.successor, row.successor_email) == (SUCCESSOR, "intake@nieuw.test")
        marked = dict(session.exec(select(SickLeaveCase.id, SickLeaveCase.handover_id)).all())
        assert marked[world.running] == marked[world.address_case] == row.id
        assert marked[world.closed] is None and marked[world.other_case] is None
        notices = session.exec(select(EmployeeNotice.employee_id, EmployeeNotice.kind)).all()
        assert sorted(notices) == sorted(
            [(world.mixed, "handover"), (world.address_only, "handover")]
        )
        events = session.exec(
            select(AuditEvent.event_type, AuditEvent.subject_employee_id).where(
                col(AuditEvent.event_type).in_([admin_handover.STARTED, handover.CASE_HANDED_OVER])
            )
        ).all()
        assert sorted(events, key=str) == sorted(
            [
                (admin_handover.STARTED, None),
                (handover.CASE_HANDED_OVER, world.mixed),
                (handover.CASE_HANDED_OVER, world.address_only),
            ],
            key=str,
        )
    assert sorted(m.to for m in mails) == [
        "hr@overstap.test",
        "mixed@example.test",
        "thuis@example.test",
    ]
    for mail in mails:
        assert SUCCESSOR in mail.body and "MEDISCH" not in mail.body
    line = next(x for x in lines if x.organisation_id == world.org_id)
    assert line.handover is not None and line.handover.successor == SUCCESSOR


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"successor": "  "}, "handover.successor_required"),
        ({"end": "2020-12-31"}, "handover.end_before_start"),
        ({"end": ""}, "handover.end_required"),
        ({"end": "31-12-2026"}, "admin.bad_date"),
        ({"email": "geen adres"}, "handover.bad_email"),
        ({"organisation_id": "999999"}, "admin.unknown_organisation"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    engine: Engine, changes: dict[str, str], code: str
) -> None:
    world = _world(engine)
    with Session(engine) as session:
        audit_rows = session.exec(select(func.count()).select_from(AuditEvent)).one()
    with pytest.raises(AdminError) as refused:
        _start(engine, world, **changes)
    assert refused.value.code == code
    with Session(engine) as session:
        assert session.exec(select(OrganisationHandover)).all() == []
        org = session.get(Organisation, world.org_id)
        assert org is not None and org.contract_end is None
        assert (
            session.exec(
                select(SickLeaveCase.id).where(col(SickLeaveCase.handover_id).is_not(None))
            ).all()
            == []
        )
        assert session.exec(select(EmployeeNotice)).all() == []
        assert session.exec(select(func.count()).select_from(AuditEvent)).one() == audit_rows


def test_an_employer_is_handed_over_once_and_only_by_the_admin(engine: Engine) -> None:
    world = _world(engine)
    for actor in (world.doctor, Actor(1, Role.PRIVACY_OFFICER), Actor(1, Role.EMPLOYER_CONTACT)):
        with (
            pytest.raises(AdminError, match=r"auth\.not_allowed"),
            transaction(engine) as session,
        ):
            ctx = Ctx(access=WEB, now=NOW, secret=TEST_SECRET, origin=ORIGIN, session=session)
            admin_handover.start(actor, world.org_id, SUCCESSOR, "", date(2026, 12, 31), ctx=ctx)
    _start(engine, world)
    with pytest.raises(AdminError) as refused:
        _start(engine, world, successor="Nog een arbodienst")
    assert refused.value.code == "handover.already_started"
    with Session(engine) as session:
        assert len(session.exec(select(OrganisationHandover)).all()) == 1


def test_the_doctor_releases_each_case_on_its_own_to_the_successor(engine: Engine) -> None:
    world = _world(engine)
    _start(engine, world)
    with transaction(engine) as session:
        lines = handover.handover_cases(
            world.doctor, session=session, now=NOW, access=WEB, secret=TEST_SECRET
        )
        assert {line.case_id for line in lines} == {world.running, world.address_case}
        assert {line.successor for line in lines} == {SUCCESSOR}
        assert (
            handover.handover_cases(
                world.other_doctor, session=session, now=NOW, access=WEB, secret=TEST_SECRET
            )
            == ()
        )
        sealed = _release(session, world, world.running)
        for case_id, actor in (
            (world.closed, world.doctor),  # closed: never handed over
            (world.other_case, world.doctor),  # another employer, not handed over
            (world.address_case, world.other_doctor),  # not his employer
        ):
            with pytest.raises(TransferError, match=r"handover\.not_a_handover_case"):
                _release(session, world, case_id, actor)
        for role in (Role.ADMIN, Role.PRIVACY_OFFICER, Role.CARE_TEAM, Role.CASE_MANAGER):
            actor = Actor(world.doctor.account_id, role, employer_ids=world.doctor.employer_ids)
            with pytest.raises(TransferError, match=r"auth\.not_allowed"):
                _release(session, world, world.address_case, actor)
    assert _dossier_cases(sealed) == [world.running]
    assert b"MEDISCH" not in sealed.content
    with Session(engine) as session:
        (disclosure,) = session.exec(select(Disclosure)).all()
        assert (disclosure.case_id, disclosure.recipient_name) == (world.running, SUCCESSOR)
        assert disclosure.recipient_kind == "arbodienst"
        assert disclosure.disclosed_by_account_id == world.doctor.account_id
        case = session.get(SickLeaveCase, world.running)
        assert case is not None and case.transferred_at is not None
        (event,) = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == handover.RELEASED)
        ).all()
        assert event.subject_employee_id == world.mixed and event.action == "disclose"
        assert json.loads(event.details)["cases"] == [world.running]
        assert "MEDISCH" not in event.details + event.objects


def test_confirmed_cases_are_destroyed_and_the_closed_case_keeps_its_own_term(
    engine: Engine,
) -> None:
    world = _world(engine)
    (started, _lines), _mails = _start(engine, world)
    desk = _desk(engine)
    with pytest.raises(TransferError, match=r"handover\.nothing_released"):
        _run(engine, desk, retention_desk.do_confirm_handover, started.handover_id)
    with pytest.raises(TransferError, match=r"auth\.not_allowed"):
        _run(engine, world.admin, retention_desk.do_confirm_handover, started.handover_id)
    with transaction(engine) as session:
        _release(session, world, world.running)
    (confirmed, view), _mails = _run(
        engine, desk, retention_desk.do_confirm_handover, started.handover_id
    )
    assert confirmed == 1
    (status,) = view.handovers
    assert (status.successor, status.cases, status.released, status.confirmed) == (
        SUCCESSOR,
        2,
        1,
        1,
    )

    today = NOW.date()
    with Session(engine) as session:
        planned = plan(session, today=today)
        assert [(c.case_id, c.employee_id) for c in planned.cases_due] == [
            (world.running, world.mixed)
        ]
        assert world.mixed not in {entry.employee_id for entry in planned.due}
    result = retention_run.run(engine, today=today, run_by="pytest", secret=TEST_SECRET)
    assert (result.cases_destroyed, result.destroyed) == (1, 0)
    with Session(engine) as session:
        assert session.get(SickLeaveCase, world.running) is None
        assert session.get(SickLeaveCase, world.closed) is not None
        assert session.get(SickLeaveCase, world.address_case) is not None  # not confirmed
        assert session.get(Employee, world.mixed) is not None
        bodies = session.exec(select(MedicalNote.body)).all()
        assert bodies == ["MEDISCH-H2 gesloten"]
        (disclosure,) = session.exec(select(Disclosure)).all()  # what went where stays
        assert (disclosure.recipient_name, disclosure.case_id) == (SUCCESSOR, None)
        assert session.exec(select(RetentionTombstone)).all() == []
        (event,) = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "transferred_case_destroyed")
        ).all()
        assert event.subject_employee_id == world.mixed
        # the closed case of the same person follows its own term: 20 years after the end
        # of his employment (2026-12-31), not the transfer
        decision = decide(dossiers(session, [world.mixed])[world.mixed][1])
        assert decision.rule is Rule.MEDICAL_FILE_20Y
        assert decision.destroy_from == date(2047, 1, 1)
        assert audit.verify_chain(session, secret=TEST_SECRET).ok
    again = retention_run.run(engine, today=today, run_by="pytest", secret=TEST_SECRET)
    assert again.cases_destroyed == 0


def test_a_legal_hold_keeps_a_confirmed_case(engine: Engine) -> None:
    from kwportal.models import LegalHold

    world = _world(engine)
    _start(engine, world)
    with transaction(engine) as session:
        _release(session, world, world.running)
        session.add(LegalHold(employee_id=world.mixed, reason="rechtszaak"))
    handover_id = _handover_id(engine)
    _run(engine, _desk(engine), retention_desk.do_confirm_handover, handover_id)
    with Session(engine) as session:
        assert plan(session, today=NOW.date() + timedelta(days=1)).cases_due == []


# --- the pages and the release route, as the browsers drive them ----------------------------


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_argon2: None) -> Iterator[Engine]:  # noqa: F811
    with portal_database(tmp_path, monkeypatch, signing_key=PEM) as engine:
        yield engine


def test_the_admin_starts_it_and_the_doctor_releases_through_the_route(portal: Engine) -> None:
    world = _world(portal)
    _admin_id, admin_name, admin_secret = new_enrolled(portal, CHEAP_HASH, role=Role.ADMIN)
    admin = page_state(
        AdminOrgsState,
        sign_in(portal, admin_name, admin_secret, datetime.now(UTC)),
        url="http://localhost:3000/admin-organisations",
    )
    call(admin, "load")
    form = {"organisation_id": str(world.org_id), "successor": "", "end": "2026-12-31"}
    call(admin, "start_handover", form)
    assert admin.notice_key == "handover.successor_required"
    call(admin, "start_handover", {**form, "successor": SUCCESSOR})
    assert admin.notice_key == "handover.started"
    assert admin.handover_line.startswith("2 lopende ziektegevallen")
    item = next(o for o in admin.organisations if o.organisation_id == str(world.org_id))
    assert (item.handed_over, item.successor, item.handover_end) == (True, SUCCESSOR, "31-12-2026")

    doctor_id, doctor_name, doctor_secret = new_enrolled(
        portal, CHEAP_HASH, role=Role.COMPANY_DOCTOR
    )
    with transaction(portal) as session:  # the employer's team gets this signed-in doctor
        team = session.exec(
            select(CareTeam)
            .join(TeamAssignment, col(TeamAssignment.care_team_id) == col(CareTeam.id))
            .where(TeamAssignment.organisation_id == world.org_id)
        ).one()
        team.doctor_account_id = doctor_id
        session.add(team)
    token = sign_in(portal, doctor_name, doctor_secret, datetime.now(UTC))
    page = page_state(CareTransferState, token, url="http://localhost:3000/care-transfer")
    call(page, "load")
    assert {row.case_id for row in page.handovers} == {str(world.running), str(world.address_case)}
    with route_client(care_transfer.routes()) as client:
        fields = {
            "case_id": str(world.running),
            "method": "age_key",
            "age_key": str(IDENTITY.to_public()),
        }
        response = post_form(client, paths.API_CARE_TRANSFER, token, fields)
        assert response.status_code == 200, response.text[:300]
        assert _dossier_cases(response) == [world.running]
        refused = post_form(client, paths.API_CARE_TRANSFER, token, {**fields, "case_id": "1x"})
        assert refused.status_code == 303
        assert "handover.not_a_handover_case" in refused.headers["location"]
    _did, desk_name, desk_secret = new_enrolled(portal, CHEAP_HASH, role=Role.PRIVACY_OFFICER)
    desk = page_state(
        RetentionDeskState,
        sign_in(portal, desk_name, desk_secret, datetime.now(UTC)),
        url="http://localhost:3000/retention-desk",
    )
    call(desk, "load")
    (row,) = desk.handovers
    assert (row.successor, row.cases, row.released, row.awaiting) == (SUCCESSOR, "2", "1", True)
    call(desk, "confirm_handover", {"handover_id": row.handover_id})
    assert desk.notice_key == "handover.confirmed"
    assert (desk.handovers[0].confirmed, desk.handovers[0].awaiting) == ("1", False)


def test_a_case_reported_after_the_start_is_handed_over_when_the_doctor_opens_his_list(
    engine: Engine,
) -> None:
    world = _world(engine)
    _start(engine, world)
    with transaction(engine) as session:
        org = session.get(Organisation, world.org_id)
        assert org is not None
        late = factories.sick_case(session, factories.employee(session, org, email="l@x.test"))
        late_id = late.id
    page, mails = _run(engine, world.doctor, handover.do_transfer_page)
    assert late_id in {line.case_id for line in page.handovers}
    assert [m.to for m in mails] == ["l@x.test"]
    _page, again = _run(engine, world.doctor, handover.do_transfer_page)
    assert again == []  # told once


def test_a_stop_of_processing_lets_the_hand_over_go_on_as_a_recorded_legal_exception(
    engine: Engine,
) -> None:
    from kwportal.models import ProcessingRestriction, RestrictionException

    world = _world(engine)
    _start(engine, world)
    with transaction(engine) as session:
        session.add(ProcessingRestriction(employee_id=world.mixed, reason="bezwaar"))
    with transaction(engine) as session:
        _release(session, world, world.running)
    with Session(engine) as session:
        (row,) = session.exec(select(RestrictionException)).all()
        assert (row.act, row.ground, row.case_id) == (
            handover.RESTRICTION_ACT,
            "arbodienst_handover",
            world.running,
        )
