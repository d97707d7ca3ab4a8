"""Files attached to a case over real HTTP (kwportal/ui/api/case_files.py, issue 15 item 4):
the employee, the employer's contact and the care team attach PDF, JPEG and PNG files; the
type comes from the bytes (a lying name is refused), an image loses its metadata, a file
over the limit, an empty one or none at all is refused at the field and nothing is written;
what the employee sends the care team reaches nobody else (the employer's GET of its id is
"not found"); a download needs a fresh code and is audited by its category. A Starlette app
with the routes against a migrated SQLite database named in the environment (real clock);
the audience rules run on PostgreSQL too in test_case_uploads_service.py."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from PIL import Image
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.domain.uploads import MAX_UPLOAD_BYTES
from kwportal.models import (
    AuditEvent,
    CareTeam,
    CaseUpload,
    LoginSession,
    TeamAssignment,
    TeamMember,
)
from kwportal.services.case import uploads
from kwportal.ui import routes as paths
from kwportal.ui.api import all_routes, case_files
from kwportal.ui.api.http import SESSION_COOKIE
from tests import factories
from tests.integration.auth_helpers import (
    CHEAP_HASH,
    ORIGIN,
    cheap_argon2,  # noqa: F401 - fixture
    new_enrolled,
    sign_in,
)
from tests.integration.served import portal_database, redirect_target, route_client

pytestmark = pytest.mark.usefixtures("cheap_argon2")
CANARY = b"MEDISCH-EXIF-canary"


@dataclass(frozen=True)
class World:
    """Organisation A (a case of P, served by a care team) and organisation B; tokens."""

    case: int
    other_case: int
    b_case: int
    employee: str
    other_employee: str
    employer: str
    b_employer: str
    doctor: str
    member: str
    manager: str
    b_doctor: str
    desk: str


@pytest.fixture
def engine(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with route_client(case_files.routes()) as test_client:
        yield test_client


def _token(engine: Engine, role: Role, **links: int) -> str:
    _id, username, secret = new_enrolled(engine, CHEAP_HASH, role=role, **links)
    return sign_in(engine, username, secret, datetime.now(UTC))


def _team(engine: Engine, organisation_id: int) -> tuple[str, str, str]:
    """A doctor, a member and a case manager of a team serving the organisation."""
    ids = []
    for role in (Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER):
        account_id, username, secret = new_enrolled(engine, CHEAP_HASH, role=role)
        ids.append((account_id, username, secret))
    with transaction(engine) as session:
        team = CareTeam(name=f"Team {organisation_id}", doctor_account_id=ids[0][0])
        session.add(team)
        session.flush()
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=organisation_id))
        for account_id, _, _ in ids[1:]:
            session.add(TeamMember(care_team_id=team.id, account_id=account_id))
    now = datetime.now(UTC)
    doctor, member, manager = (sign_in(engine, u, s, now) for _, u, s in ids)
    return doctor, member, manager


@pytest.fixture
def world(engine: Engine) -> World:
    return build_world(engine)


def build_world(engine: Engine) -> World:
    """Cases of P and a colleague at A and of a stranger at B, and a signed-in account of
    every role that touches them (also for test_case_uploads_page.py)."""
    with transaction(engine) as session:
        org, other_org = factories.organisation(session), factories.organisation(session)
        person, colleague = factories.employee(session, org), factories.employee(session, org)
        stranger = factories.employee(session, other_org)
        cases = [factories.sick_case(session, p) for p in (person, colleague, stranger)]
        ids = (org.id, other_org.id, person.id, colleague.id)
        case_ids = [c.id for c in cases]
    org_id, other_id, person_id, colleague_id = ids
    doctor, member, manager = _team(engine, org_id)
    b_doctor, _, _ = _team(engine, other_id)
    return World(
        case=case_ids[0],
        other_case=case_ids[1],
        b_case=case_ids[2],
        employee=_token(engine, Role.EMPLOYEE, employee_id=person_id, organisation_id=org_id),
        other_employee=_token(
            engine, Role.EMPLOYEE, employee_id=colleague_id, organisation_id=org_id
        ),
        employer=_token(engine, Role.EMPLOYER_CONTACT, organisation_id=org_id),
        b_employer=_token(engine, Role.EMPLOYER_CONTACT, organisation_id=other_id),
        doctor=doctor,
        member=member,
        manager=manager,
        b_doctor=b_doctor,
        desk=_token(engine, Role.PRIVACY_OFFICER),
    )


def photo(fmt: str = "PNG", *, orientation: int = 1) -> bytes:
    """A small picture with EXIF (a canary in its description), as a phone sends it."""
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = CANARY.decode()
    exif[0x0112] = orientation
    out = io.BytesIO()
    extra = {"comment": CANARY} if fmt == "JPEG" else {}
    image.save(out, fmt, exif=exif.tobytes(), **extra)
    assert CANARY in out.getvalue()
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload(
    client: TestClient,
    token: str,
    name: str,
    content: bytes,
    *,
    case: int | None = None,
    content_type: str = "application/octet-stream",
    origin: str = ORIGIN,
) -> httpx.Response:
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, token)
    path = paths.API_CASE_UPLOAD + (f"?case={case}" if case else "")
    return client.post(
        path, files={"file": (name, content, content_type)}, headers={"Origin": origin}
    )


def fetch(client: TestClient, token: str, upload_id: int) -> httpx.Response:
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, token)
    return client.get(paths.case_file_href(upload_id))


def uploaded(response: httpx.Response) -> int:
    path, query = redirect_target(response)
    assert path == paths.CASE_FILES and "e" not in query, query
    return int(query["done"][0])


def refused(response: httpx.Response) -> str:
    path, query = redirect_target(response)
    assert path == paths.CASE_FILES and "done" not in query, query
    return query["e"][0]


def rows(engine: Engine) -> list[CaseUpload]:
    with Session(engine) as session:
        return list(session.exec(select(CaseUpload)))


def events(engine: Engine, event_type: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.event_type == event_type)))


def test_the_routes_are_mounted() -> None:
    mounted = {getattr(r, "path", "") for r in all_routes()}
    assert {paths.API_CASE_UPLOAD, paths.API_CASE_FILE} <= mounted


def test_the_employees_photo_loses_its_metadata_and_goes_to_the_care_team(
    engine: Engine, client: TestClient, world: World
) -> None:
    upload_id = uploaded(upload(client, world.employee, "Brief arts.PNG", photo(), case=None))
    (row,) = rows(engine)
    assert (row.id, row.case_id, row.audience) == (upload_id, world.case, "care")
    assert (row.filename, row.content_type, row.uploader_role) == (
        "Brief arts.png",
        "image/png",
        "employee",
    )
    assert CANARY not in row.content
    reopened = Image.open(io.BytesIO(row.content))
    assert dict(reopened.getexif()) == {} and "exif" not in reopened.info
    (created,) = events(engine, uploads.UPLOADED)
    assert created.action == "create"
    assert json.loads(created.objects) == [
        {"category": "medical", "table": "case_upload", "id": upload_id}
    ]
    assert "Brief" not in created.details  # the name is medical: not in the log


def test_a_jpeg_is_turned_upright_and_written_anew_without_exif_or_comment(
    engine: Engine, client: TestClient, world: World
) -> None:
    uploaded(
        upload(client, world.doctor, "scan.jpeg", photo("JPEG", orientation=6), case=world.case)
    )
    (row,) = rows(engine)
    assert row.filename == "scan.jpg" and CANARY not in row.content
    reopened = Image.open(io.BytesIO(row.content))
    assert reopened.size == (20, 40)  # orientation 6 applied
    assert dict(reopened.getexif()) == {} and "comment" not in reopened.info


#: (name, bytes, the message at the field); the browser's content type claims a PDF each time
BAD_FILES = (
    ("brief.pdf", photo(), "case_files.error.lying_name"),  # a PNG named .pdf
    ("brief.pdf", b"MZ\x90\x00" + b"\x00" * 64, "case_files.error.lying_name"),  # a program
    ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64, "case_files.error.type"),
    ("leeg.pdf", b"", "case_files.error.empty"),
    ("kapot.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "case_files.error.damaged"),
    ("script.pdf", b"%PDF-1.7\n<< /S /JavaScript /JS (x) >>", "case_files.error.pdf_active"),
)


def test_bad_files_are_refused_at_the_field_and_nothing_is_written(
    engine: Engine, client: TestClient, world: World
) -> None:
    for name, content, code in BAD_FILES:
        answer = upload(client, world.employee, name, content, content_type="application/pdf")
        assert refused(answer) == code, name
    assert rows(engine) == [] and events(engine, uploads.UPLOADED) == []


def test_a_file_over_the_limit_is_refused_while_it_streams_in(
    engine: Engine, client: TestClient, world: World
) -> None:
    big = b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES
    assert refused(upload(client, world.employer, "groot.pdf", big, case=world.case)) == (
        "case_files.error.too_large"
    )

    def chunks() -> Iterator[bytes]:  # no Content-Length: the cap counts the chunks
        yield b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
        for _ in range(12):
            yield b"0" * (1024 * 1024)

    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, world.employer)
    streamed = client.post(
        f"{paths.API_CASE_UPLOAD}?case={world.case}",
        content=chunks(),
        headers={"Origin": ORIGIN, "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert refused(streamed) == "case_files.error.too_large"
    assert rows(engine) == []


def test_a_decompression_bomb_is_refused_before_it_is_decoded(
    engine: Engine, client: TestClient, world: World
) -> None:
    out = io.BytesIO()
    Image.new("1", (10_000, 5_000)).save(out, "PNG")  # 50 megapixels in a few kB
    assert len(out.getvalue()) < 100_000
    assert refused(upload(client, world.employee, "bom.png", out.getvalue())) == (
        "case_files.error.image_too_big"
    )
    assert rows(engine) == []


def test_no_file_a_foreign_page_and_no_session_are_refused(
    engine: Engine, client: TestClient, world: World
) -> None:
    client.cookies.set(SESSION_COOKIE, world.employee)
    empty_form = client.post(
        paths.API_CASE_UPLOAD,
        data={"x": "1"},
        files={"other": ("a", b"b")},
        headers={"Origin": ORIGIN},
    )
    assert refused(empty_form) == "case_files.error.no_file"
    plain = client.post(paths.API_CASE_UPLOAD, data={"x": "1"}, headers={"Origin": ORIGIN})
    assert refused(plain) == "case_files.error.no_file"
    foreign = upload(client, world.employee, "a.pdf", PDF, origin="https://evil.example")
    assert foreign.status_code == 403
    nobody = upload(client, "", "a.pdf", PDF)
    assert redirect_target(nobody)[0] == paths.LOGIN
    desk = upload(client, world.desk, "a.pdf", PDF, case=world.case)
    assert redirect_target(desk) == (paths.PORTAL, {"e": ["auth.not_allowed"]})
    assert rows(engine) == []


#: (who, whose case): another organisation's contact, a contact naming another
#: organisation's case, another employee naming P's case, another team's doctor, a case
#: manager naming a case outside his team's employers
STRANGERS = (
    ("b_employer", "case"),
    ("employer", "b_case"),
    ("other_employee", "case"),
    ("b_doctor", "case"),
    ("manager", "b_case"),
)


def test_nobody_attaches_a_file_to_a_case_outside_his_reach(
    engine: Engine, client: TestClient, world: World
) -> None:
    for who, case in STRANGERS:
        answer = upload(client, getattr(world, who), "a.pdf", PDF, case=getattr(world, case))
        assert refused(answer) == "case_files.unknown_case", who
    assert rows(engine) == [] and events(engine, uploads.UPLOADED) == []


def test_an_employer_may_not_name_a_shared_file_after_a_diagnosis(
    engine: Engine, client: TestClient, world: World
) -> None:
    answer = upload(client, world.employer, "verklaring depressie.pdf", PDF, case=world.case)
    assert refused(answer) == "case_files.error.medical_name"
    assert rows(engine) == []


def test_the_employees_care_file_reaches_the_care_team_and_nobody_else(
    engine: Engine, client: TestClient, world: World
) -> None:
    care = uploaded(upload(client, world.employee, "MEDISCH-brief.png", photo()))
    shared = uploaded(upload(client, world.employer, "afspraken.pdf", PDF, case=world.case))
    for token in (world.employee, world.doctor, world.member):
        assert fetch(client, token, care).status_code == 200
        assert fetch(client, token, shared).status_code == 200
    assert fetch(client, world.employer, shared).status_code == 200
    assert fetch(client, world.manager, shared).status_code == 200
    for token in (world.employer, world.manager, world.b_employer, world.b_doctor, world.desk):
        denied = fetch(client, token, care)
        assert denied.status_code == 404 and b"MEDISCH" not in denied.content
    for token in (world.b_employer, world.other_employee, world.b_doctor, world.desk):
        assert fetch(client, token, shared).status_code == 404
    assert fetch(client, world.employer, 999_999).status_code == 404
    assert fetch(client, world.employer, 2**70).status_code == 404
    assert fetch(client, "", care).status_code == 401


def test_a_download_is_an_attachment_audited_by_its_category(
    engine: Engine, client: TestClient, world: World
) -> None:
    care = uploaded(upload(client, world.employee, "brief.png", photo()))
    answer = fetch(client, world.doctor, care)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/png"
    assert answer.headers["content-disposition"] == 'attachment; filename="brief.png"'
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "no-store"
    assert "sandbox" in answer.headers["content-security-policy"]
    assert Image.open(io.BytesIO(answer.content)).size == (40, 20)
    (read,) = events(engine, uploads.DOWNLOADED)
    assert (read.action, read.actor_role, read.ground) == ("read", "company_doctor", "legal_duty")
    assert json.loads(read.objects) == [{"category": "medical", "table": "case_upload", "id": care}]
    shared = uploaded(upload(client, world.employer, "afspraken.pdf", PDF, case=world.case))
    assert fetch(client, world.employee, shared).content == PDF  # a PDF is kept as sent
    mine = events(engine, uploads.DOWNLOADED)[-1]
    assert (mine.ground, json.loads(mine.objects)[0]["category"]) == ("own_data", "employer_record")


def test_a_download_needs_a_fresh_code(engine: Engine, client: TestClient, world: World) -> None:
    care = uploaded(upload(client, world.employee, "brief.png", photo()))
    with transaction(engine) as session:
        session.execute(
            update(LoginSession).values(last_totp_at=datetime.now(UTC) - timedelta(minutes=10))
        )
    stale = fetch(client, world.doctor, care)
    assert redirect_target(stale) == (paths.STEP_UP, {"next": [paths.CASE_FILES]})
    assert events(engine, uploads.DOWNLOADED) == []
