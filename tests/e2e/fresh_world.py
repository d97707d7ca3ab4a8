"""A new arbodienst's portal: migrated, never seeded with demo data, run as production runs
(``KWPORTAL_DEMO=0``, its own keys). Its people arrive the way real people do: the admin by
``kwportal create-user`` and the invitation mail, enrolling password and authenticator over
the real routes; the employer and care team by the admin's use cases; the employee from the
employer's sick report (only people in care are stored: issue 17 item 1) and then his own
invitation (:func:`enrol_employee`, tests/e2e/fresh_setup.py)."""

from __future__ import annotations

import base64
import json
import re
import secrets
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from kwportal.settings import _new_signing_key
from tests.e2e.accounts import NewPerson, TotpCodes, create_user, http_client
from tests.e2e.harness import BIN, ROOT, Portal, start_portal
from tests.e2e.mailcatcher import MailCatcher, link_in

PASSWORD = "Groene kikker springt over de sloot 9"
SESSION_COOKIE = "kw_session"


@dataclass(frozen=True)
class Member:
    """A signed-up person of the fresh portal (the shape ``sign_in`` takes)."""

    role: str
    username: str
    password: str
    totp_secret: str
    email: str


@dataclass(frozen=True)
class World:
    portal: Portal
    admin: Member
    employer: Member
    doctor: Member
    case_manager: Member
    organisation_id: int
    personnel_number: str
    #: invited once the employer's sick report brought him in (:func:`enrol_employee`)
    employee: Member | None = None
    employee_id: int = 0
    employee_name: tuple[str, str] = ("Sanne", "Nieuw")
    employee_email: str = "sanne.nieuw@nieuw.example"
    #: the privacy desk, for the journeys that need it (:func:`enrol_privacy_officer`)
    privacy_officer: Member | None = None


def production_env(web_dir: str) -> dict[str, str]:
    """What an operator sets outside demo mode: the keys, and nothing demo."""
    return {
        "KWPORTAL_DEMO": "0",
        "KWPORTAL_SECRET_KEY": secrets.token_urlsafe(48),
        "KWPORTAL_SIGNING_KEY": _new_signing_key(),
        "KWPORTAL_TOTP_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "REFLEX_WEB_WORKDIR": web_dir,
    }


def start_fresh_portal(data_dir: Path, smtp_port: int, web_dir: str) -> Portal:
    return start_portal(
        data_dir, smtp_port=smtp_port, extra_env=production_env(web_dir), demo_data=False
    )


def _enrol(
    portal: Portal, mailbox: MailCatcher, codes: TotpCodes, person: NewPerson, extra: list[str]
) -> Member:
    """Invitation by the CLI → mail → password → authenticator key → first code."""
    before = len(mailbox.to(person.email))
    create_user(portal, person, *extra)
    link = link_in(mailbox.wait_for(person.email, after=before), "/invite")
    token = link.split("token=", 1)[1]
    with http_client(portal) as client:
        reply = client.post(
            "/api/auth/invite", data={"token": token, "password": PASSWORD, "repeated": PASSWORD}
        )
        assert (reply.status_code, reply.headers.get("location")) == (303, "/enrol"), reply.text
        page = client.get("/api/auth/enrol/secret")
        found = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.text)
        assert found, page.text[:500]
        secret = found.group(1).replace(" ", "")
        reply = client.post(
            "/api/auth/enrol", data={"code": codes.next(person.username, secret), "lang": "nl"}
        )
        assert reply.status_code == 200, reply.text[:500]
    return Member(person.role, person.username, PASSWORD, secret, person.email)


def _setup(portal: Portal, step: str, *args: str) -> dict[str, int]:
    done = subprocess.run(
        [str(BIN / "python"), "-m", "tests.e2e.fresh_setup", step, *args],
        env=portal.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def build_world(portal: Portal, mailbox: MailCatcher, codes: TotpCodes) -> World:
    def person(role: str, username: str, name: str) -> NewPerson:
        return NewPerson(username, name, f"{username}@nieuw.example", role)

    admin = _enrol(portal, mailbox, codes, person("admin", "beheer.nieuw", "Beheer Nieuw"), [])
    doctor = _enrol(portal, mailbox, codes, person("company_doctor", "arts.nieuw", "Dr. Nieuw"), [])
    manager = _enrol(
        portal, mailbox, codes, person("case_manager", "casemanager.nieuw", "Casus Nieuw"), []
    )
    made = _setup(
        portal,
        "organisation",
        admin.username,
        doctor.username,
        manager.username,
        "Bakkerij Nieuw",
        "87654321",
    )
    org = str(made["organisation_id"])
    employer = _enrol(
        portal,
        mailbox,
        codes,
        person("employer_contact", "hr.nieuw", "HR Nieuw"),
        ["--organisation", org],
    )
    return World(portal, admin, employer, doctor, manager, int(org), "N-001")


def enrol_employee(world: World, mailbox: MailCatcher, codes: TotpCodes) -> World:
    """After the employer reported him sick: his record is found and he is invited."""
    row = _setup(world.portal, "employee", str(world.organisation_id), world.personnel_number)
    first, last = world.employee_name
    person = NewPerson("sanne.nieuw", f"{first} {last}", world.employee_email, "employee")
    member = _enrol(
        world.portal,
        mailbox,
        codes,
        person,
        ["--organisation", str(world.organisation_id), "--employee", str(row["employee_id"])],
    )
    return replace(world, employee=member, employee_id=row["employee_id"])


def enrol_privacy_officer(world: World, mailbox: MailCatcher, codes: TotpCodes) -> World:
    """The privacy officer, invited by the CLI like the care team (no organisation: the
    desk serves every employer)."""
    person = NewPerson(
        "privacy.nieuw", "Privacy Nieuw", "privacy.nieuw@nieuw.example", "privacy_officer"
    )
    return replace(world, privacy_officer=_enrol(world.portal, mailbox, codes, person, []))


__all__ = [
    "Member",
    "TotpCodes",
    "World",
    "build_world",
    "enrol_employee",
    "enrol_privacy_officer",
    "start_fresh_portal",
]
