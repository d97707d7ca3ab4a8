"""Transfer to a new arbodienst (seed ch. 3 D; ch. 1: "dragen wij persoonsgegevens die
verband houden met lopende ziektegevallen over aan de nieuwe bedrijfsarts of arbodienst,
waarna KrachtWerkt deze gegevens niet meer zal bewaren"): the desk builds a signed package
of the open cases, recorded as a disclosure; once receipt is confirmed the retention engine
applies Rule.TRANSFERRED."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.retention import Rule, decide
from kwportal.domain.roles import Role
from kwportal.models import (
    AuditEvent,
    Disclosure,
    EmployerFeedback,
    ExposureRecord,
    MedicalNote,
    SickLeaveCase,
)
from kwportal.services import audit, signing
from kwportal.services.privacy import rights, transfer
from kwportal.services.privacy import transfer_package as packing
from kwportal.services.retention.plan import dossiers
from kwportal.settings import _new_signing_key
from tests import factories
from tests.conftest import TEST_SECRET

PEM = _new_signing_key()
OTHER_PEM = _new_signing_key()
WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
WHERE = {"now": NOW, "access": WEB, "secret": TEST_SECRET}
ORIGIN = "https://portal.example"
RECIPIENT = "Arbo Oost BV"


@dataclass(frozen=True)
class World:
    desk: Actor
    employee: Actor
    employee_id: int
    open_case: int
    request_id: int


def _world(session: Session, *, closed_case: bool = False, exposure: bool = False) -> World:
    org = factories.organisation(session, contract_end=date(2026, 10, 31))
    person = factories.employee(session, org, date_of_birth=date(1980, 5, 1))
    account = factories.account(session, Role.EMPLOYEE, employee_id=person.id)
    desk = factories.account(session, Role.PRIVACY_OFFICER)
    doctor = factories.account(session, Role.COMPANY_DOCTOR, display_name="Dr. Jansen")
    case = factories.sick_case(session, person, care_address="ZORGADRES-T1 De Linde")
    session.add(
        MedicalNote(
            case_id=case.id,
            employee_id=person.id,
            author_account_id=doctor.id,
            body="MEDISCH-T1 rugklachten",
        )
    )
    session.add(EmployerFeedback(case_id=case.id, advice="CONCEPT-T1 aangepast werk"))
    if closed_case:
        factories.sick_case(
            session, person, sick_report_date=date(2025, 1, 6), recovery_date=date(2025, 2, 1)
        )
    if exposure:
        session.add(
            ExposureRecord(
                employee_id=person.id, kind="hazardous_substance", agent="x", started_on=NOW.date()
            )
        )
    employee = Actor(account.id, Role.EMPLOYEE, org.id, person.id)
    request_id = rights.submit(
        employee,
        "transfer",
        "Naar Arbo Oost BV",
        session=session,
        now=NOW - timedelta(days=2),
        access=WEB,
        secret=TEST_SECRET,
    )
    assert person.id is not None and case.id is not None
    return World(Actor(desk.id, Role.PRIVACY_OFFICER), employee, person.id, case.id, request_id)


def _build(session: Session, world: World, **kwargs: object) -> packing.Package:
    values: dict[str, object] = {"recipient": RECIPIENT, **kwargs}
    return transfer.build_package(
        world.desk,
        world.request_id,
        str(values["recipient"]),
        session=session,
        origin=ORIGIN,
        pem=PEM,
        **WHERE,
    )


def _files(package: packing.Package) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package.content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_package_holds_the_open_case_and_a_signed_manifest(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        package = _build(session, world)

    files = _files(package)
    assert set(files) == {"dossier.json", "samenvatting.txt", "manifest.json", "manifest.jws"}
    document = json.loads(files["dossier.json"])
    assert document["recipient"] == RECIPIENT
    (entry,) = document["cases"]
    assert entry["case"]["id"] == world.open_case
    assert entry["medical_notes"][0]["body"] == "MEDISCH-T1 rugklachten"
    assert "Dr. Jansen" in json.dumps(document["staff"])
    assert "MEDISCH-T1" in files["samenvatting.txt"].decode()

    manifest = packing.verify(package.content, signing.public_jwk(PEM))
    assert manifest["signing_key"] == ORIGIN + signing.WELL_KNOWN_PATH
    assert {f["name"] for f in manifest["files"]} == {"dossier.json", "samenvatting.txt"}
    header, payload = signing.verify(files["manifest.jws"].decode(), signing.public_jwk(PEM))
    assert header["typ"] == packing.MANIFEST_TYP and payload == manifest


def test_altered_or_foreign_packages_do_not_verify(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        package = _build(session, _world(session))
    with pytest.raises(signing.SignatureError):
        packing.verify(package.content, signing.public_jwk(OTHER_PEM))

    files = _files(package)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body.replace(b"MEDISCH-T1", b"MEDISCH-XX"))
    with pytest.raises(signing.SignatureError, match="does not match its hash"):
        packing.verify(buffer.getvalue(), signing.public_jwk(PEM))


def test_building_records_disclosure_audit_and_marks_the_case_sent(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        package = _build(session, world)
    with Session(engine) as session:
        case = session.get(SickLeaveCase, world.open_case)
        assert case is not None and case.transferred_at is not None
        assert case.transfer_confirmed_on is None
        (disclosure,) = session.exec(select(Disclosure)).all()
        assert disclosure.recipient_kind == "arbodienst"
        assert disclosure.recipient_name == RECIPIENT
        assert disclosure.case_id == world.open_case
        assert disclosure.disclosed_by_account_id == world.desk.account_id
        assert "medical" in disclosure.categories.split(",")
        (event,) = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == transfer.BUILT)
        ).all()
        assert event.action == "disclose" and event.ground == "legal_duty"
        assert event.subject_employee_id == world.employee_id
        details = json.loads(event.details)
        assert details["sha256"] == package.sha256 and details["cases"] == [world.open_case]
        assert "MEDISCH" not in event.details + event.objects
        assert audit.verify_chain(session, secret=TEST_SECRET).ok


def test_closed_cases_stay_out_of_the_package(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session, closed_case=True)
        document = json.loads(_files(_build(session, world))["dossier.json"])
    assert [e["case"]["id"] for e in document["cases"]] == [world.open_case]


@pytest.mark.parametrize(
    ("recipient", "code"),
    [("", "transfer.recipient_required"), ("x" * 201, "transfer.recipient_too_long")],
)
def test_recipient_is_required_and_bounded(engine: Engine, recipient: str, code: str) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        with pytest.raises(transfer.TransferError) as refused:
            _build(session, world, recipient=recipient)
    assert refused.value.code == code


def test_only_the_desk_and_only_for_a_transfer_request(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        access_request = rights.submit(world.employee, "access", "", session=session, **WHERE)
        for actor in (world.employee, Actor(None, Role.SYSTEM), Actor(1, Role.ADMIN)):
            with pytest.raises(transfer.TransferError, match=r"auth\.not_allowed"):
                transfer.build_package(
                    actor, world.request_id, RECIPIENT, session=session, origin=ORIGIN, **WHERE
                )
        with pytest.raises(transfer.TransferError, match=r"transfer\.not_a_transfer"):
            transfer.build_package(
                world.desk, access_request, RECIPIENT, session=session, origin=ORIGIN, **WHERE
            )
        assert session.exec(select(Disclosure)).all() == []


def test_receipt_confirmed_brings_the_transferred_rule(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        before = decide(dossiers(session, [world.employee_id])[world.employee_id][1])
        assert before.rule is Rule.NOT_YET
        with pytest.raises(transfer.TransferError, match=r"transfer\.nothing_sent"):
            transfer.confirm_receipt(world.desk, world.request_id, session=session, **WHERE)
        _build(session, world)
        _build(session, world)  # a lost download may be built again until confirmed
        assert transfer.statuses(world.desk, [world.employee_id], session=session)[
            world.employee_id
        ] == transfer.TransferStatus(sent_on=NOW.date(), awaiting=True)
        assert transfer.confirm_receipt(world.desk, world.request_id, session=session, **WHERE)
        after = decide(dossiers(session, [world.employee_id])[world.employee_id][1])
        assert (after.rule, after.destroy_from) == (Rule.TRANSFERRED, NOW.date())
        status = transfer.statuses(world.desk, [world.employee_id], session=session)
        assert status[world.employee_id].confirmed_on == NOW.date()
        assert not status[world.employee_id].awaiting
        with pytest.raises(transfer.TransferError, match=r"transfer\.no_open_case"):
            _build(session, world)
        assert len(session.exec(select(Disclosure)).all()) == 2


@pytest.mark.parametrize("other", ["closed_case", "exposure"])
def test_what_was_not_transferred_keeps_its_own_term(engine: Engine, other: str) -> None:
    """A closed case was not handed over, and an exposure's statutory term outranks the
    transfer (seed: "wettelijk verplicht … langer te bewaren"): the file stays."""
    with Session(engine) as session, session.begin():
        world = _world(session, **{other: True})
        _build(session, world)
        transfer.confirm_receipt(world.desk, world.request_id, session=session, **WHERE)
        decision = decide(dossiers(session, [world.employee_id])[world.employee_id][1])
    assert decision.rule is not Rule.TRANSFERRED


def test_a_failed_build_leaves_nothing_half_done(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
    with pytest.raises(RuntimeError), Session(engine) as session, session.begin():
        _build(session, world)
        raise RuntimeError("download interrupted before commit")
    with Session(engine) as session:
        case = session.get(SickLeaveCase, world.open_case)
        assert case is not None and case.transferred_at is None
        assert session.exec(select(Disclosure)).all() == []
        built = select(AuditEvent).where(col(AuditEvent.event_type) == transfer.BUILT)
        assert session.exec(built).all() == []
