"""The fixed demo accounts: one per role per demo employer, plus the privacy desk and the
administrator. Passwords and TOTP secrets are public on purpose; they exist only in a
database seeded with ``KWPORTAL_DEMO=1``."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import asdict, dataclass
from typing import Any

from kwportal.domain.roles import Role


@dataclass(frozen=True, slots=True)
class OrgSpec:
    slug: str
    name: str
    kvk: str
    employees: int
    cases: int


@dataclass(frozen=True, slots=True)
class DemoAccount:
    role: str
    username: str
    password: str
    totp_secret: str
    organisation: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


DEMO_ORGS = (
    OrgSpec("metaal", "Twentse Metaalwerken BV", "75000001", 2100, 30),
    OrgSpec("zorg", "Zorggroep Dinkelland", "75000002", 180, 12),
    OrgSpec("logistiek", "Logistiek Oldenzaal BV", "75000003", 60, 8),
)
KRACHTWERKT = "KrachtWerkt BV"
PER_ORG_ROLES = (
    Role.EMPLOYEE,
    Role.EMPLOYER_CONTACT,
    Role.COMPANY_DOCTOR,
    Role.CARE_TEAM,
    Role.CASE_MANAGER,
)
GLOBAL_ROLES = (Role.PRIVACY_OFFICER, Role.ADMIN)
_USER_PREFIX = {
    Role.EMPLOYEE: "werknemer",
    Role.EMPLOYER_CONTACT: "werkgever",
    Role.COMPANY_DOCTOR: "arts",
    Role.CARE_TEAM: "team",
    Role.CASE_MANAGER: "casemanager",
    Role.PRIVACY_OFFICER: "privacy",
    Role.ADMIN: "beheer",
}


def demo_totp_secret(username: str) -> str:
    digest = hashlib.sha256(f"kwportal-demo-totp:{username}".encode()).digest()
    return base64.b32encode(digest[:20]).decode()


def _account(role: Role, slug: str, organisation: str) -> DemoAccount:
    username = f"{_USER_PREFIX[role]}.{slug}"
    return DemoAccount(
        role=str(role),
        username=username,
        password=f"Demo-{slug}-{_USER_PREFIX[role]}-2026",
        totp_secret=demo_totp_secret(username),
        organisation=organisation,
    )


def demo_accounts() -> list[DemoAccount]:
    accounts = [_account(role, org.slug, org.name) for org in DEMO_ORGS for role in PER_ORG_ROLES]
    accounts += [_account(role, "krachtwerkt", KRACHTWERKT) for role in GLOBAL_ROLES]
    return accounts
