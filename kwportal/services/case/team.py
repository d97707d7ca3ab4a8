"""The doctor's own team: who is on it and whom he lets release feedback in his name
(issue 7, item 3: "only the doctor (or the team member he delegated) releases"). Only
care-team members can be delegated: a case manager sees no medical data and so cannot
judge what may reach the employer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.models import Account, CareTeam, TeamMember
from kwportal.services import audit
from kwportal.services.views import PolicyDeniedError


@dataclass(frozen=True, slots=True)
class MemberLine:
    account_id: int
    display_name: str
    role: str
    may_release: bool
    #: the doctor may let this member release in his name (a care-team member, never a
    #: case manager)
    delegable: bool = False


def _own_team(session: Session, actor: Actor) -> CareTeam:
    doctor = require(actor, Role.COMPANY_DOCTOR, has="account_id", error=PolicyDeniedError)
    team = session.exec(select(CareTeam).where(CareTeam.doctor_account_id == doctor))
    found = team.first()
    if found is None:
        raise PolicyDeniedError("no team")
    return found


def my_team(actor: Actor, *, session: Session) -> tuple[MemberLine, ...]:
    team = _own_team(session, actor)
    rows = session.exec(
        select(TeamMember, Account)
        .join(Account, col(Account.id) == col(TeamMember.account_id))
        .where(TeamMember.care_team_id == team.id)
        .order_by(col(Account.display_name), col(Account.id))
    ).all()
    return tuple(
        MemberLine(
            account.id or 0,
            account.display_name,
            account.role,
            member.may_release,
            delegable=account.role == Role.CARE_TEAM,
        )
        for member, account in rows
    )


def delegate_release(
    actor: Actor,
    member_account_id: int,
    *,
    allowed: bool,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
    now: datetime,
) -> bool:
    """Returns whether anything changed; a member of another team reads as unknown."""
    team = _own_team(session, actor)
    row = session.exec(
        select(TeamMember)
        .where(TeamMember.care_team_id == team.id, TeamMember.account_id == member_account_id)
        .with_for_update()
    ).first()
    account = session.get(Account, member_account_id)
    if row is None or account is None:
        raise PolicyDeniedError("not a member of the doctor's team")
    if allowed and account.role != Role.CARE_TEAM:
        raise PolicyDeniedError("only care-team members can release")
    if row.may_release == allowed:
        return False
    row.may_release = allowed
    session.add(row)
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="release_delegated" if allowed else "release_delegation_withdrawn",
        action=audit.Action.UPDATE,
        ground=audit.Ground.CONTRACT,
        objects=[audit.ObjectRef(str(Category.ORGANISATION), "team_member", row.id)],
        details={"member_account_id": member_account_id},
        secret=secret,
        now=now,
    )
    return True
