"""Employers (arboklanten) and their service contracts. The contract's end starts the
retention term of every file of the employer's employees (seed ch. 1, Bewaartermijn), so
it is checked and its old value kept in the audit row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from kwportal.domain.policy import HANDOVER_STARTERS, Actor
from kwportal.domain.roles import Role
from kwportal.models import CareTeam, Organisation, TeamAssignment
from kwportal.services import audit
from kwportal.services.admin import handover as handing_over
from kwportal.services.admin.common import (
    AdminError,
    clean,
    log,
    parse_date,
    parse_id,
    require_admin,
    required_date,
)
from kwportal.services.auth.common import Context
from kwportal.services.unit import Ctx, use_case

MAX_NAME = 200
KVK = re.compile(r"^[0-9]{8}$")


@dataclass(frozen=True, slots=True)
class OrganisationLine:
    organisation_id: int
    name: str
    kvk_number: str
    contract_start: date
    contract_end: date | None
    team: str
    #: its employees may report themselves sick and recovered (issue 15 item 7)
    employee_self_report: bool = False
    #: its contract ended with a named successor: the hand-over, in numbers (issue 17 item 6)
    handover: handing_over.HandoverLine | None = None


def organisations(actor: Actor, *, session: Session) -> tuple[OrganisationLine, ...]:
    """Every employer with its contract and the care team that serves it, by name."""
    require_admin(actor)
    rows = session.exec(
        select(Organisation, CareTeam)
        .join(
            TeamAssignment,
            col(TeamAssignment.organisation_id) == col(Organisation.id),
            isouter=True,
        )
        .join(CareTeam, col(CareTeam.id) == col(TeamAssignment.care_team_id), isouter=True)
        .order_by(col(Organisation.name), col(Organisation.id))
    ).all()
    handed_over = handing_over.handovers(session)
    return tuple(
        OrganisationLine(
            organisation_id=org.id or 0,
            name=org.name,
            kvk_number=org.kvk_number,
            contract_start=org.contract_start,
            contract_end=org.contract_end,
            team=team.name if team else "",
            employee_self_report=org.employee_self_report,
            handover=handed_over.get(org.id or 0),
        )
        for org, team in rows
    )


def create_organisation(
    actor: Actor,
    *,
    name: str,
    kvk_number: str,
    contract_start: date,
    session: Session,
    ctx: Context,
) -> int:
    require_admin(actor)
    name = clean(name, MAX_NAME, "name")
    kvk_number = "".join(str(kvk_number).split())
    if not KVK.match(kvk_number):
        raise AdminError("admin.bad_kvk")
    taken = session.exec(select(Organisation.id).where(Organisation.kvk_number == kvk_number))
    if taken.first() is not None:
        raise AdminError("admin.kvk_taken")
    org = Organisation(name=name, kvk_number=kvk_number, contract_start=contract_start)
    session.add(org)
    session.flush()
    log(
        session,
        ctx,
        actor,
        "organisation_created",
        audit.Action.CREATE,
        "organisation",
        org.id,
        details={"name": name, "kvk": kvk_number, "contract_start": contract_start},
    )
    assert org.id is not None
    return org.id


def set_contract_end(
    actor: Actor,
    organisation_id: int,
    contract_end: date | None,
    *,
    session: Session,
    ctx: Context,
) -> None:
    """Set (or clear, when entered by mistake) the end of the service contract."""
    require_admin(actor)
    org = session.exec(
        select(Organisation).where(Organisation.id == organisation_id).with_for_update()
    ).first()
    if org is None:
        raise AdminError("admin.unknown_organisation")
    if contract_end is not None and contract_end < org.contract_start:
        raise AdminError("admin.end_before_start")
    if org.contract_end == contract_end:
        return
    old, org.contract_end = org.contract_end, contract_end
    session.add(org)
    log(
        session,
        ctx,
        actor,
        "organisation_contract_end_set",
        audit.Action.UPDATE,
        "organisation",
        org.id,
        details={"old": old, "new": contract_end},
    )


def set_self_report(
    actor: Actor, organisation_id: int, allowed: bool, *, session: Session, ctx: Context
) -> None:
    """Let the employer's employees report themselves sick and recovered, or stop it (the
    employer's choice, in its absence protocol); audited with the old and new value."""
    require_admin(actor)
    org = session.exec(
        select(Organisation).where(Organisation.id == organisation_id).with_for_update()
    ).first()
    if org is None:
        raise AdminError("admin.unknown_organisation")
    if org.employee_self_report == allowed:
        return
    old, org.employee_self_report = org.employee_self_report, allowed
    session.add(org)
    log(
        session,
        ctx,
        actor,
        "organisation_self_report_set",
        audit.Action.UPDATE,
        "organisation",
        org.id,
        details={"old": old, "new": allowed},
    )


# --- use cases: one click each (the page hands them to the runner) ---
# Form fields arrive as the text the browser sent; they are read here, so a bad date or id
# is refused inside the unit like any other admin error.

Organisations = tuple[OrganisationLine, ...]


@use_case(Role.ADMIN)
def do_list(actor: Actor, *, ctx: Ctx) -> Organisations:
    return organisations(actor, session=ctx.session)


@use_case(Role.ADMIN)
def do_create(actor: Actor, name: str, kvk_number: str, start: str, *, ctx: Ctx) -> Organisations:
    """Add an employer, then the refreshed list, in the one unit."""
    create_organisation(
        actor,
        name=name,
        kvk_number=kvk_number,
        contract_start=required_date(start),
        session=ctx.session,
        ctx=ctx,
    )
    return organisations(actor, session=ctx.session)


@use_case(Role.ADMIN)
def do_set_contract_end(actor: Actor, organisation_id: str, end: str, *, ctx: Ctx) -> Organisations:
    set_contract_end(
        actor,
        parse_id(organisation_id, "admin.unknown_organisation"),
        parse_date(end, required=False),
        session=ctx.session,
        ctx=ctx,
    )
    return organisations(actor, session=ctx.session)


SELF_REPORT_VALUES = {"on": True, "off": False}


@use_case(Role.ADMIN)
def do_set_self_report(
    actor: Actor, organisation_id: str, value: str, *, ctx: Ctx
) -> Organisations:
    """Switch the employees' own sick and recovery report on ("on") or off ("off")."""
    if value not in SELF_REPORT_VALUES:
        raise AdminError("admin.orgs.bad_self_report")
    set_self_report(
        actor,
        parse_id(organisation_id, "admin.unknown_organisation"),
        SELF_REPORT_VALUES[value],
        session=ctx.session,
        ctx=ctx,
    )
    return organisations(actor, session=ctx.session)


# --- issue 17 item 6: the contract ends with a named successor (services/admin/handover.py)


@use_case(*HANDOVER_STARTERS)
def do_start_handover(
    actor: Actor, organisation_id: str, successor: str, email: str, end: str, *, ctx: Ctx
) -> tuple[handing_over.Started, Organisations]:
    """End the contract naming the successor and start the hand-over of every running
    case, then the refreshed list, in the one unit."""
    started = handing_over.start(
        actor,
        parse_id(organisation_id, "admin.unknown_organisation"),
        successor,
        email,
        parse_date(end, required=False),
        ctx=ctx,
    )
    return started, organisations(actor, session=ctx.session)
