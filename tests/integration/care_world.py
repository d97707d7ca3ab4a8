"""Two care teams serving two employers each, with a case at every employer: the world
the care-workspace tests act in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account, CareTeam, MedicalNote, TeamAssignment, TeamMember
from kwportal.services import audit
from kwportal.services.auth.actors import actor_for
from tests import factories

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
ACCESS = audit.AccessPoint(ip="192.0.2.20", agent="pytest")
ORIGIN = "https://portal.example"


@dataclass
class Team:
    doctor: int
    member: int
    case_manager: int
    employers: list[int] = field(default_factory=list)
    cases: list[int] = field(default_factory=list)
    employees: list[int] = field(default_factory=list)
    employee_accounts: list[int] = field(default_factory=list)


def _team(session: Session, label: str) -> Team:
    doctor = factories.account(session, Role.COMPANY_DOCTOR, display_name=f"Dr {label}")
    member = factories.account(session, Role.CARE_TEAM, display_name=f"Verpleeg {label}")
    manager = factories.account(session, Role.CASE_MANAGER, display_name=f"Casem {label}")
    team = CareTeam(name=f"Team {label}", doctor_account_id=doctor.id)
    session.add(team)
    session.flush()
    for account in (member, manager):
        session.add(TeamMember(care_team_id=team.id, account_id=account.id))
    result = Team(doctor.id or 0, member.id or 0, manager.id or 0)
    for n in range(2):
        org = factories.organisation(session, name=f"Werkgever {label}{n}")
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org.id))
        person = factories.employee(session, org, last_name=f"Persoon {label}{n}")
        case = factories.sick_case(session, person, care_address=f"ZORGADRES-{label}{n}")
        session.add(
            MedicalNote(
                case_id=case.id,
                employee_id=person.id,
                author_account_id=doctor.id,
                body=f"MEDISCH-{label}{n}",
                created_at=NOW,
            )
        )
        login = factories.account(
            session,
            Role.EMPLOYEE,
            employee_id=person.id,
            organisation_id=org.id,
            email=f"w{label}{n}@example.test",
            display_name=f"Werknemer {label}{n}",
        )
        result.employers.append(org.id or 0)
        result.cases.append(case.id or 0)
        result.employees.append(person.id or 0)
        result.employee_accounts.append(login.id or 0)
    session.flush()
    return result


def build(engine: Engine) -> tuple[Team, Team]:
    with transaction(engine) as session:
        return _team(session, "A"), _team(session, "B")


def actor(engine: Engine, account_id: int) -> Actor:
    with Session(engine) as session:
        account = session.get(Account, account_id)
        assert account is not None
        return actor_for(session, account)
