"""The world the questionnaire and exposure tests act in: one employer served by a care team
(doctor, team member, case manager), two sick employees with an account each, an employer
contact, and a second team's doctor serving another employer. Every account can sign in
(password and TOTP); ``token`` signs one in and returns its session cookie."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import Engine

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import Appointment, CareTeam, TeamAssignment, TeamMember
from tests import factories
from tests.dutch_time import dutch_today
from tests.integration.auth_helpers import CHEAP_HASH, enrolled, sign_in

PAGE = "http://localhost:3000"
BIRTH = date(1980, 5, 10)


@dataclass
class World:
    engine: Engine
    org: int
    case: int
    employee: int
    other_case: int
    other_employee: int
    #: role name → (username, TOTP secret)
    logins: dict[str, tuple[str, str]]
    accounts: dict[str, int]

    tokens: dict[str, str] = field(default_factory=dict)

    def token(self, who: str) -> str:
        """One sign-in per account (a second one in the same 30 seconds would reuse its
        code, which the portal refuses)."""
        if who not in self.tokens:
            username, secret = self.logins[who]
            self.tokens[who] = sign_in(self.engine, username, secret, datetime.now(UTC))
        return self.tokens[who]


def _login(session, world_logins, world_accounts, who: str, role: Role, **links) -> int:
    account, secret = enrolled(session, CHEAP_HASH, role=role, **links)
    world_logins[who] = (account.username, secret)
    world_accounts[who] = account.id
    return account.id


def build(engine: Engine) -> World:
    logins: dict[str, tuple[str, str]] = {}
    accounts: dict[str, int] = {}
    today = dutch_today()
    with transaction(engine) as session:
        org = factories.organisation(session)
        other_org = factories.organisation(session)
        people = []
        for label in ("employee", "other"):
            person = factories.employee(session, org, date_of_birth=BIRTH)
            case = factories.sick_case(session, person, sick_report_date=today - timedelta(days=9))
            _login(
                session,
                logins,
                accounts,
                label,
                Role.EMPLOYEE,
                employee_id=person.id,
                organisation_id=org.id,
            )
            people.append((person.id, case.id))
        doctor = _login(session, logins, accounts, "doctor", Role.COMPANY_DOCTOR)
        team = CareTeam(name="Team Q", doctor_account_id=doctor)
        session.add(team)
        session.flush()
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org.id))
        for who, role in (("member", Role.CARE_TEAM), ("manager", Role.CASE_MANAGER)):
            member = _login(session, logins, accounts, who, role)
            session.add(TeamMember(care_team_id=team.id, account_id=member))
        _login(session, logins, accounts, "contact", Role.EMPLOYER_CONTACT, organisation_id=org.id)
        _login(session, logins, accounts, "privacy", Role.PRIVACY_OFFICER)
        _login(session, logins, accounts, "admin", Role.ADMIN)
        stranger = _login(session, logins, accounts, "stranger", Role.COMPANY_DOCTOR)
        far = CareTeam(name="Team Far", doctor_account_id=stranger)
        session.add(far)
        session.flush()
        session.add(TeamAssignment(care_team_id=far.id, organisation_id=other_org.id))
        org_id = org.id
    (employee, case), (other_employee, other_case) = people
    return World(engine, org_id, case, employee, other_case, other_employee, logins, accounts)


def appointment(
    engine: Engine,
    world: World,
    starts_at: datetime,
    *,
    status: str = "booked",
    attendance: str = "",
) -> None:
    """A consult of the world's first case (the consult pages make these; here only the
    facts the questionnaire looks at)."""
    with transaction(engine) as session:
        session.add(
            Appointment(
                case_id=world.case,
                employee_id=world.employee,
                with_account_id=world.accounts["doctor"],
                starts_at=starts_at,
                location="Spreekuur",
                status=status,
                attendance=attendance,
            )
        )
