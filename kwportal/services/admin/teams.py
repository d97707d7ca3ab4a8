"""Care teams: a company doctor, the members of his team, and the employers the team
serves. The assignments *are* the scope of doctor, members and case managers
(kwportal/services/actors.py reads them fresh on every event), so a change here widens or
narrows what they reach at once (seed ch. 1: "alleen toegankelijk voor de bedrijfsarts en
leden van zijn behandelteam")."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account, CareTeam, Organisation, TeamAssignment, TeamMember
from kwportal.services import audit
from kwportal.services.admin.common import AdminError, clean, log, parse_id, require_admin
from kwportal.services.auth.common import Context
from kwportal.services.unit import Ctx, use_case

MEMBER_ROLES = frozenset({Role.CARE_TEAM, Role.CASE_MANAGER})


@dataclass(frozen=True, slots=True)
class TeamLine:
    team_id: int
    name: str
    doctor: str
    members: tuple[tuple[int, str, str], ...]  # (account id, name, role)
    employers: tuple[tuple[int, str], ...]  # (organisation id, name)


@dataclass(frozen=True, slots=True)
class Choice:
    value: int
    label: str


def teams(actor: Actor, *, session: Session) -> tuple[TeamLine, ...]:
    require_admin(actor)
    names = {a.id: a for a in session.exec(select(Account).where(Account.role != "employee"))}
    members: dict[int, list[tuple[int, str, str]]] = {}
    for row in session.exec(select(TeamMember).order_by(col(TeamMember.id))):
        account = names.get(row.account_id)
        if account is not None:
            members.setdefault(row.care_team_id, []).append(
                (row.account_id, account.display_name, account.role)
            )
    employers: dict[int, list[tuple[int, str]]] = {}
    for assignment, org in session.exec(
        select(TeamAssignment, Organisation)
        .join(Organisation, col(Organisation.id) == col(TeamAssignment.organisation_id))
        .order_by(col(Organisation.name))
    ):
        employers.setdefault(assignment.care_team_id, []).append((org.id or 0, org.name))
    found = []
    for team in session.exec(select(CareTeam).order_by(col(CareTeam.name))):
        doctor = names.get(team.doctor_account_id)
        team_id = team.id or 0
        found.append(
            TeamLine(
                team_id=team_id,
                name=team.name,
                doctor=doctor.display_name if doctor else "",
                members=tuple(members.get(team_id, ())),
                employers=tuple(employers.get(team_id, ())),
            )
        )
    return tuple(found)


def choices(actor: Actor, *, session: Session) -> dict[str, tuple[Choice, ...]]:
    """What the forms offer: doctors without a team, possible members, organisations."""
    require_admin(actor)
    with_team = select(CareTeam.doctor_account_id)
    doctors = session.exec(
        select(Account)
        .where(
            Account.role == str(Role.COMPANY_DOCTOR),
            col(Account.is_active),
            col(Account.id).not_in(with_team),
        )
        .order_by(col(Account.display_name))
    ).all()
    staff = session.exec(
        select(Account)
        .where(col(Account.role).in_([str(r) for r in MEMBER_ROLES]), col(Account.is_active))
        .order_by(col(Account.display_name))
    ).all()
    orgs = session.exec(select(Organisation).order_by(col(Organisation.name))).all()
    return {
        "doctors": tuple(Choice(a.id or 0, f"{a.display_name} ({a.username})") for a in doctors),
        "staff": tuple(Choice(a.id or 0, f"{a.display_name} ({a.username})") for a in staff),
        "organisations": tuple(Choice(o.id or 0, f"{o.name} ({o.kvk_number})") for o in orgs),
    }


def _team(session: Session, team_id: int) -> CareTeam:
    team = session.exec(select(CareTeam).where(CareTeam.id == team_id).with_for_update()).first()
    if team is None:
        raise AdminError("admin.unknown_team")
    return team


def create_team(
    actor: Actor, name: str, doctor_account_id: int, *, session: Session, ctx: Context
) -> int:
    require_admin(actor)
    name = clean(name, 150, "team_name")
    doctor = session.get(Account, doctor_account_id)
    if doctor is None or doctor.role != str(Role.COMPANY_DOCTOR) or not doctor.is_active:
        raise AdminError("admin.not_a_doctor")
    taken = session.exec(select(CareTeam.id).where(CareTeam.doctor_account_id == doctor.id))
    if taken.first() is not None:
        raise AdminError("admin.doctor_has_team")
    team = CareTeam(name=name, doctor_account_id=doctor_account_id, created_at=ctx.now)
    session.add(team)
    session.flush()
    log(
        session,
        ctx,
        actor,
        "care_team_created",
        audit.Action.CREATE,
        "care_team",
        team.id,
        details={"name": name, "doctor": doctor_account_id},
    )
    assert team.id is not None
    return team.id


def assign_employer(
    actor: Actor, team_id: int, organisation_id: int, *, session: Session, ctx: Context
) -> None:
    """The team serves the employer from now on; a team that served it before no longer
    does (one team per employer)."""
    require_admin(actor)
    team = _team(session, team_id)
    if session.get(Organisation, organisation_id) is None:
        raise AdminError("admin.unknown_organisation")
    row = session.exec(
        select(TeamAssignment)
        .where(TeamAssignment.organisation_id == organisation_id)
        .with_for_update()
    ).first()
    old = row.care_team_id if row else None
    if old == team.id:
        raise AdminError("admin.already_assigned")
    if row is None:
        row = TeamAssignment(care_team_id=team_id, organisation_id=organisation_id)
    row.care_team_id, row.created_at = team_id, ctx.now
    session.add(row)
    session.flush()
    log(
        session,
        ctx,
        actor,
        "team_assignment_set",
        audit.Action.UPDATE if old else audit.Action.CREATE,
        "team_assignment",
        row.id,
        details={"organisation": organisation_id, "old_team": old, "new_team": team_id},
    )


def unassign_employer(
    actor: Actor, organisation_id: int, *, session: Session, ctx: Context
) -> None:
    require_admin(actor)
    row = session.exec(
        select(TeamAssignment)
        .where(TeamAssignment.organisation_id == organisation_id)
        .with_for_update()
    ).first()
    if row is None:
        raise AdminError("admin.not_assigned")
    session.delete(row)
    log(
        session,
        ctx,
        actor,
        "team_assignment_removed",
        audit.Action.DELETE,
        "team_assignment",
        row.id,
        details={"organisation": organisation_id, "old_team": row.care_team_id},
    )


def add_member(
    actor: Actor, team_id: int, account_id: int, *, session: Session, ctx: Context
) -> None:
    """A team member or case manager joins the team (leaving the one she was in)."""
    require_admin(actor)
    _team(session, team_id)
    account = session.get(Account, account_id)
    if account is None or Role(account.role) not in MEMBER_ROLES:
        raise AdminError("admin.not_a_member_role")
    row = session.exec(
        select(TeamMember).where(TeamMember.account_id == account_id).with_for_update()
    ).first()
    old = row.care_team_id if row else None
    if old == team_id:
        raise AdminError("admin.already_member")
    if row is None:
        row = TeamMember(care_team_id=team_id, account_id=account_id)
    row.care_team_id, row.created_at = team_id, ctx.now
    session.add(row)
    session.flush()
    log(
        session,
        ctx,
        actor,
        "team_member_set",
        audit.Action.UPDATE if old else audit.Action.CREATE,
        "team_member",
        row.id,
        details={"account": account_id, "old_team": old, "new_team": team_id},
    )


def remove_member(actor: Actor, account_id: int, *, session: Session, ctx: Context) -> None:
    require_admin(actor)
    row = session.exec(
        select(TeamMember).where(TeamMember.account_id == account_id).with_for_update()
    ).first()
    if row is None:
        raise AdminError("admin.not_member")
    session.delete(row)
    log(
        session,
        ctx,
        actor,
        "team_member_removed",
        audit.Action.DELETE,
        "team_member",
        row.id,
        details={"account": account_id, "old_team": row.care_team_id},
    )


# --- use cases: one click each (the page hands them to the runner) ---
# Ids arrive as the text the form sent; a bad one is refused inside the unit.


@dataclass(frozen=True, slots=True)
class TeamsView:
    """The teams with their members and employers, and what the forms offer."""

    teams: tuple[TeamLine, ...]
    doctors: tuple[Choice, ...]
    staff: tuple[Choice, ...]
    organisations: tuple[Choice, ...]


def _view(actor: Actor, ctx: Ctx) -> TeamsView:
    lines = teams(actor, session=ctx.session)
    offered = choices(actor, session=ctx.session)
    return TeamsView(lines, offered["doctors"], offered["staff"], offered["organisations"])


@use_case(Role.ADMIN)
def do_list(actor: Actor, *, ctx: Ctx) -> TeamsView:
    return _view(actor, ctx)


@use_case(Role.ADMIN)
def do_create_team(actor: Actor, name: str, doctor_id: str, *, ctx: Ctx) -> TeamsView:
    doctor = parse_id(doctor_id, "admin.not_a_doctor")
    create_team(actor, name, doctor, session=ctx.session, ctx=ctx)
    return _view(actor, ctx)


@use_case(Role.ADMIN)
def do_assign_employer(actor: Actor, team_id: str, organisation_id: str, *, ctx: Ctx) -> TeamsView:
    assign_employer(
        actor,
        parse_id(team_id, "admin.unknown_team"),
        parse_id(organisation_id, "admin.unknown_organisation"),
        session=ctx.session,
        ctx=ctx,
    )
    return _view(actor, ctx)


@use_case(Role.ADMIN)
def do_unassign_employer(actor: Actor, organisation_id: str, *, ctx: Ctx) -> TeamsView:
    unassign_employer(
        actor,
        parse_id(organisation_id, "admin.unknown_organisation"),
        session=ctx.session,
        ctx=ctx,
    )
    return _view(actor, ctx)


@use_case(Role.ADMIN, step_up=True)
def do_add_member(actor: Actor, team_id: str, account_id: str, *, ctx: Ctx) -> TeamsView:
    add_member(
        actor,
        parse_id(team_id, "admin.unknown_team"),
        parse_id(account_id, "admin.unknown_account"),
        session=ctx.session,
        ctx=ctx,
    )
    return _view(actor, ctx)


@use_case(Role.ADMIN)
def do_remove_member(actor: Actor, account_id: str, *, ctx: Ctx) -> TeamsView:
    remove_member(
        actor, parse_id(account_id, "admin.unknown_account"), session=ctx.session, ctx=ctx
    )
    return _view(actor, ctx)
