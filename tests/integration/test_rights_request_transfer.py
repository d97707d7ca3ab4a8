"""Transfer to a new arbodienst (seed ch. 3 D; ch. 1: "dragen wij persoonsgegevens die
verband houden met lopende ziektegevallen over aan de nieuwe bedrijfsarts of arbodienst,
waarna KrachtWerkt deze gegevens niet meer zal bewaren"). Issue 16 item 1: the COMPANY
DOCTOR builds the signed package of the open cases of his employers and releases it
encrypted (age format) to the receiving arbodienst, recorded as a disclosure by him and
audited; the privacy desk cannot build it, sees that and when the doctor released it, and
confirms receipt, after which the retention engine applies Rule.TRANSFERRED."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pyrage
import pytest
from pyrage import passphrase, x25519
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.retention import Rule, decide
from kwportal.domain.roles import Role
from kwportal.models import (
    AuditEvent,
    CareTeam,
    Disclosure,
    EmployerFeedback,
    ExposureRecord,
    MedicalNote,
    SickLeaveCase,
    TeamAssignment,
)
from kwportal.services import audit, signing
from kwportal.services.case import transfer as release
from kwportal.services.case import transfer_package as packing
from kwportal.services.case import transfer_requests
from kwportal.services.privacy import rights, transfer
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
IDENTITY = x25519.Identity.generate()
PHRASE = "correct paard batterij nietje"
#: stands for the identity's secret key in test parameters (their ids must not vary)
SECRET_KEY = "<the recipient's secret key>"


@dataclass(frozen=True)
class World:
    desk: Actor
    doctor: Actor
    other_doctor: Actor
    employee: Actor
    employee_id: int
    open_case: int
    request_id: int


def _doctor(session: Session, org_id: int | None, name: str) -> Actor:
    account = factories.account(session, Role.COMPANY_DOCTOR, display_name=name)
    team = CareTeam(name=f"Team {name}", doctor_account_id=account.id)
    session.add(team)
    session.flush()
    if org_id is not None:
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org_id))
    employers = frozenset({org_id}) if org_id is not None else frozenset()
    return Actor(account.id, Role.COMPANY_DOCTOR, employer_ids=employers)


def _world(session: Session, *, closed_case: bool = False, exposure: bool = False) -> World:
    org = factories.organisation(session, contract_end=date(2026, 10, 31))
    other_org = factories.organisation(session)
    person = factories.employee(session, org, date_of_birth=date(1980, 5, 1))
    account = factories.account(session, Role.EMPLOYEE, employee_id=person.id)
    desk = factories.account(session, Role.PRIVACY_OFFICER)
    doctor = _doctor(session, org.id, "Dr. Jansen")
    other = _doctor(session, other_org.id, "Dr. Elders")
    case = factories.sick_case(session, person, care_address="ZORGADRES-T1 De Linde")
    session.add(
        MedicalNote(
            case_id=case.id,
            employee_id=person.id,
            author_account_id=doctor.account_id,
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
    return World(
        Actor(desk.id, Role.PRIVACY_OFFICER),
        doctor,
        other,
        employee,
        person.id,
        case.id,
        request_id,
    )


def _key() -> release.Target:
    return release.Target(release.BY_KEY, key=str(IDENTITY.to_public()))


def _release(
    session: Session, world: World, *, to: release.Target | None = None, **kwargs: object
) -> release.Sealed:
    values: dict[str, object] = {"recipient": RECIPIENT, "actor": world.doctor, **kwargs}
    actor = values["actor"]
    assert isinstance(actor, Actor)
    return release.release(
        actor,
        world.request_id,
        str(values["recipient"]),
        to or _key(),
        session=session,
        origin=ORIGIN,
        pem=PEM,
        **WHERE,
    )


def _opened(sealed: release.Sealed) -> bytes:
    return pyrage.decrypt(sealed.content, [IDENTITY])


def _files(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_doctor_releases_the_open_case_encrypted_to_the_recipients_key(
    engine: Engine,
) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        sealed = _release(session, world)

    assert sealed.content.startswith(b"age-encryption.org/v1\n-> X25519 ")
    assert b"MEDISCH" not in sealed.content and b"PK\x03\x04" not in sealed.content
    assert sealed.filename.endswith(".zip.age")
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(sealed.content, [x25519.Identity.generate()])
    content = _opened(sealed)
    files = _files(content)
    assert set(files) == {"dossier.json", "samenvatting.txt", "manifest.json", "manifest.jws"}
    document = json.loads(files["dossier.json"])
    assert document["recipient"] == RECIPIENT
    (entry,) = document["cases"]
    assert entry["case"]["id"] == world.open_case
    assert entry["medical_notes"][0]["body"] == "MEDISCH-T1 rugklachten"
    assert "Dr. Jansen" in json.dumps(document["staff"])
    assert "MEDISCH-T1" in files["samenvatting.txt"].decode()

    manifest = packing.verify(content, signing.public_jwk(PEM))
    assert manifest["signing_key"] == ORIGIN + signing.WELL_KNOWN_PATH
    assert {f["name"] for f in manifest["files"]} == {"dossier.json", "samenvatting.txt"}
    header, payload = signing.verify(files["manifest.jws"].decode(), signing.public_jwk(PEM))
    assert header["typ"] == packing.MANIFEST_TYP and payload == manifest


def test_a_passphrase_opens_the_package_and_nothing_else_does(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        target = release.target(release.BY_PHRASE, "", PHRASE, PHRASE)
        sealed = _release(session, world, to=target)
    assert sealed.content.startswith(b"age-encryption.org/v1\n-> scrypt ")
    with pytest.raises(pyrage.DecryptError):
        passphrase.decrypt(sealed.content, PHRASE + "x")
    packing.verify(passphrase.decrypt(sealed.content, PHRASE), signing.public_jwk(PEM))
    with Session(engine) as session:
        (event,) = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == release.RELEASED)
        ).all()
    assert PHRASE not in event.details and json.loads(event.details)["encryption"] == "age-scrypt"


def test_altered_or_foreign_packages_do_not_verify(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        content = _opened(_release(session, _world(session)))
    with pytest.raises(signing.SignatureError):
        packing.verify(content, signing.public_jwk(OTHER_PEM))

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in _files(content).items():
            archive.writestr(name, body.replace(b"MEDISCH-T1", b"MEDISCH-XX"))
    with pytest.raises(signing.SignatureError, match="does not match its hash"):
        packing.verify(buffer.getvalue(), signing.public_jwk(PEM))


def test_releasing_records_a_disclosure_by_the_doctor_and_marks_the_case_sent(
    engine: Engine,
) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        sealed = _release(session, world)
    with Session(engine) as session:
        case = session.get(SickLeaveCase, world.open_case)
        assert case is not None and case.transferred_at is not None
        assert case.transfer_confirmed_on is None
        (disclosure,) = session.exec(select(Disclosure)).all()
        assert disclosure.recipient_kind == "arbodienst"
        assert disclosure.recipient_name == RECIPIENT
        assert disclosure.case_id == world.open_case
        assert disclosure.disclosed_by_account_id == world.doctor.account_id
        assert "medical" in disclosure.categories.split(",")
        (event,) = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == release.RELEASED)
        ).all()
        assert event.action == "disclose" and event.ground == "legal_duty"
        assert event.actor_account_id == world.doctor.account_id
        assert event.actor_role == "company_doctor"
        assert event.subject_employee_id == world.employee_id
        details = json.loads(event.details)
        assert details["sha256"] == sealed.package_sha256
        assert details["encrypted_sha256"] == sealed.sha256
        assert details["encryption"] == "age-x25519"
        assert details["recipient_key"] == str(IDENTITY.to_public())
        assert details["cases"] == [world.open_case]
        assert "MEDISCH" not in event.details + event.objects
        assert audit.verify_chain(session, secret=TEST_SECRET).ok


def test_closed_cases_stay_out_of_the_package(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session, closed_case=True)
        document = json.loads(_files(_opened(_release(session, world)))["dossier.json"])
    assert [e["case"]["id"] for e in document["cases"]] == [world.open_case]


@pytest.mark.parametrize(
    ("recipient", "code"),
    [("", "transfer.recipient_required"), ("x" * 201, "transfer.recipient_too_long")],
)
def test_recipient_is_required_and_bounded(engine: Engine, recipient: str, code: str) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        with pytest.raises(transfer.TransferError) as refused:
            _release(session, world, recipient=recipient)
    assert refused.value.code == code


def _stable_id(value: object) -> str:
    """Test ids that are the same in every worker (a generated key is not)."""
    text = str(value)
    return text if len(text) <= 24 and not text.startswith("AGE-SECRET") else f"{len(text)}chars"


@pytest.mark.parametrize(
    ("method", "key", "phrase", "again", "code"),
    [
        ("", "", "", "", "care_transfer.choose_method"),
        ("other", "", PHRASE, PHRASE, "care_transfer.choose_method"),
        ("age_key", "", "", "", "care_transfer.key_required"),
        ("age_key", "ssh-ed25519 AAAAC3Nza", "", "", "care_transfer.not_an_age_key"),
        ("age_key", "age1xyz", "", "", "care_transfer.not_an_age_key"),
        ("age_key", "age1" + "q" * 300, "", "", "care_transfer.not_an_age_key"),
        (
            "age_key",
            SECRET_KEY,
            "",
            "",
            "care_transfer.secret_key_given",
        ),
        ("passphrase", "", "", "", "care_transfer.passphrase_required"),
        ("passphrase", "", "   ", "   ", "care_transfer.passphrase_required"),
        ("passphrase", "", "elf tekens!", "elf tekens!", "care_transfer.passphrase_too_short"),
        ("passphrase", "", "x" * 1001, "x" * 1001, "care_transfer.passphrase_too_long"),
        ("passphrase", "", PHRASE, PHRASE + " ", "care_transfer.passphrase_mismatch"),
    ],
    ids=_stable_id,
)
def test_bad_encryption_input_is_refused_with_its_message(
    method: str, key: str, phrase: str, again: str, code: str
) -> None:
    key = str(IDENTITY) if key == SECRET_KEY else key
    with pytest.raises(transfer.TransferError) as refused:
        release.target(method, key, phrase, again)
    assert refused.value.code == code


def test_a_twelve_character_passphrase_and_a_public_key_are_accepted() -> None:
    assert release.target("passphrase", "", "twaalf teken", "twaalf teken").passphrase
    public = str(IDENTITY.to_public())
    assert release.target("age_key", f"  {public}\n", "", "").key == public


def test_only_the_doctor_serving_the_employer_and_only_for_a_transfer_request(
    engine: Engine,
) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        access_request = rights.submit(world.employee, "access", "", session=session, **WHERE)
        refused_roles = (
            world.desk,
            world.employee,
            Actor(None, Role.SYSTEM),
            Actor(1, Role.ADMIN),
            Actor(1, Role.CARE_TEAM, employer_ids=world.doctor.employer_ids),
            Actor(1, Role.CASE_MANAGER, employer_ids=world.doctor.employer_ids),
        )
        for actor in refused_roles:
            with pytest.raises(transfer.TransferError, match=r"auth\.not_allowed"):
                _release(session, world, actor=actor)
        with pytest.raises(transfer.TransferError, match=r"transfer\.not_a_transfer"):
            _release(session, world, actor=world.other_doctor)
        with pytest.raises(transfer.TransferError, match=r"transfer\.not_a_transfer"):
            release.release(
                world.doctor,
                access_request,
                RECIPIENT,
                _key(),
                session=session,
                origin=ORIGIN,
                **WHERE,
            )
        assert session.exec(select(Disclosure)).all() == []


def test_the_desk_sees_who_released_and_when_then_confirms_receipt(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        before = decide(dossiers(session, [world.employee_id])[world.employee_id][1])
        assert before.rule is Rule.NOT_YET
        with pytest.raises(transfer.TransferError, match=r"transfer\.nothing_sent"):
            transfer.confirm_receipt(world.desk, world.request_id, session=session, **WHERE)
        assert transfer.statuses(world.desk, [world.employee_id], session=session) == {}
        _release(session, world)
        _release(session, world)  # a lost file may be released again until confirmed
        assert transfer.statuses(world.desk, [world.employee_id], session=session)[
            world.employee_id
        ] == transfer.TransferStatus(sent_on=NOW.date(), awaiting=True, released_by="Dr. Jansen")
        with pytest.raises(transfer.TransferError, match=r"auth\.not_allowed"):
            transfer.confirm_receipt(world.doctor, world.request_id, session=session, **WHERE)
        assert transfer.confirm_receipt(world.desk, world.request_id, session=session, **WHERE)
        after = decide(dossiers(session, [world.employee_id])[world.employee_id][1])
        assert (after.rule, after.destroy_from) == (Rule.TRANSFERRED, NOW.date())
        status = transfer.statuses(world.desk, [world.employee_id], session=session)
        assert status[world.employee_id].confirmed_on == NOW.date()
        assert not status[world.employee_id].awaiting
        with pytest.raises(transfer.TransferError, match=r"transfer\.no_open_case"):
            _release(session, world)
        assert len(session.exec(select(Disclosure)).all()) == 2


def test_the_doctors_list_names_the_request_and_its_last_release(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
        (line,) = transfer_requests.transfer_lines(world.doctor, session=session, **WHERE)
        assert (line.request_id, line.open_cases, line.released_on) == (world.request_id, 1, None)
        assert transfer_requests.transfer_lines(world.other_doctor, session=session, **WHERE) == ()
        _release(session, world)
        (line,) = transfer_requests.transfer_lines(world.doctor, session=session, **WHERE)
        assert (line.released_on, line.awaiting) == (NOW.date(), True)
        reads = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == transfer_requests.LISTED)
        ).all()
        assert {e.subject_employee_id for e in reads} == {world.employee_id}
        with pytest.raises(transfer.TransferError, match=r"auth\.not_allowed"):
            transfer_requests.transfer_lines(world.desk, session=session, **WHERE)


@pytest.mark.parametrize("other", ["closed_case", "exposure"])
def test_what_was_not_transferred_keeps_its_own_term(engine: Engine, other: str) -> None:
    """A closed case was not handed over, and an exposure's statutory term outranks the
    transfer (seed: "wettelijk verplicht … langer te bewaren"): the file stays."""
    with Session(engine) as session, session.begin():
        world = _world(session, **{other: True})
        _release(session, world)
        transfer.confirm_receipt(world.desk, world.request_id, session=session, **WHERE)
        decision = decide(dossiers(session, [world.employee_id])[world.employee_id][1])
    assert decision.rule is not Rule.TRANSFERRED


def test_a_failed_release_leaves_nothing_half_done(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        world = _world(session)
    with pytest.raises(RuntimeError), Session(engine) as session, session.begin():
        _release(session, world)
        raise RuntimeError("download interrupted before commit")
    with Session(engine) as session:
        case = session.get(SickLeaveCase, world.open_case)
        assert case is not None and case.transferred_at is None
        assert session.exec(select(Disclosure)).all() == []
        built = select(AuditEvent).where(col(AuditEvent.event_type) == release.RELEASED)
        assert session.exec(built).all() == []
