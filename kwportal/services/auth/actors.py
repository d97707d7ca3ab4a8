"""From an account row to the Actor the policy reasons about."""

from __future__ import annotations

from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account, CareTeam, TeamAssignment, TeamMember

TEAM_ROLES = frozenset({Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER})


def actor_for(session: Session, account: Account) -> Actor:
    role = Role(account.role)
    employer_ids: frozenset[int] = frozenset()
    if role in TEAM_ROLES and account.id is not None:
        employer_ids = _team_employers(session, account.id, role)
    return Actor(
        account_id=account.id,
        role=role,
        organisation_id=account.organisation_id,
        employee_id=account.employee_id,
        employer_ids=employer_ids,
    )


def _team_employers(session: Session, account_id: int, role: Role) -> frozenset[int]:
    """A doctor reaches the employers assigned to his team; a member those of the team
    she belongs to (seed ch. 1: "de bedrijfsarts en leden van zijn behandelteam")."""
    if role is Role.COMPANY_DOCTOR:
        team_ids = select(CareTeam.id).where(CareTeam.doctor_account_id == account_id)
    else:
        team_ids = select(TeamMember.care_team_id).where(TeamMember.account_id == account_id)
    rows = session.exec(
        select(TeamAssignment.organisation_id).where(col(TeamAssignment.care_team_id).in_(team_ids))
    )
    return frozenset(rows)
