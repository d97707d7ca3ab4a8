"""Accounts for the administrator: list, invite through the one invitation flow
(kwportal/services/auth/enrolment.py, as ``kwportal create-user`` does), deactivate,
reactivate and unlock. No password, TOTP secret or token ever leaves this module."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account, Employee, Organisation
from kwportal.services import audit
from kwportal.services.admin import teams
from kwportal.services.admin.common import AdminError, clean, log, parse_id, require_admin
from kwportal.services.auth import enrolment, sessions
from kwportal.services.auth.common import Context, Outcome
from kwportal.services.unit import Ctx, use_case

MAX_LIST = 200
MAX_QUERY = 100
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,149}$")
INVITABLE = tuple(r for r in Role if r is not Role.SYSTEM)


@dataclass(frozen=True, slots=True)
class AccountLine:
    account_id: int
    username: str
    display_name: str
    email: str
    role: str
    organisation: str
    active: bool
    locked: bool
    enrolled: bool


def accounts(
    actor: Actor, *, session: Session, ctx: Context, query: str = ""
) -> tuple[AccountLine, ...]:
    """Accounts matching ``query`` (username, name or e-mail), at most ``MAX_LIST``; the
    read is logged (names and e-mail addresses are personal data)."""
    require_admin(actor)
    query = clean(query, MAX_QUERY, "query", required=False).lower()
    statement = (
        select(Account, Organisation)
        .join(Organisation, col(Organisation.id) == col(Account.organisation_id), isouter=True)
        .order_by(col(Account.username))
        .limit(MAX_LIST)
    )
    if query:
        statement = statement.where(
            or_(
                *(
                    func.lower(column).contains(query, autoescape=True)
                    for column in (
                        col(Account.username),
                        col(Account.display_name),
                        col(Account.email),
                    )
                )
            )
        )
    rows = session.exec(statement).all()
    _log_listing(session, ctx, actor, [account for account, _org in rows], query)
    return tuple(
        AccountLine(
            account_id=account.id or 0,
            username=account.username,
            display_name=account.display_name,
            email=account.email,
            role=account.role,
            organisation=org.name if org else "",
            active=account.is_active,
            locked=account.locked_at is not None,
            enrolled=account.totp_confirmed_at is not None,
        )
        for account, org in rows
    )


def _log_listing(
    session: Session, ctx: Context, actor: Actor, shown: list[Account], query: str
) -> None:
    """One read event per account on the list (NEN 7513 logs per person, as the caseload
    does), naming the employee an account belongs to; one event for a search that found
    nobody, so the search itself is on record. Written in one batch."""
    entries = [
        audit.Entry(
            event_type="accounts_listed",
            action=audit.Action.READ,
            ground=audit.Ground.CONTRACT,
            subject_employee_id=account.employee_id,
            objects=[audit.ObjectRef(str(Category.IDENTITY), "account", account.id)],
            details={"query": bool(query)},
        )
        for account in shown
    ] or [
        audit.Entry(
            event_type="accounts_listed",
            action=audit.Action.READ,
            ground=audit.Ground.CONTRACT,
            objects=[audit.ObjectRef(str(Category.IDENTITY), "account", None)],
            details={"query": bool(query)},
        )
    ]
    audit.record_many(
        session, entries, actor=actor, access=ctx.access, secret=ctx.secret, now=ctx.now
    )


@dataclass(frozen=True, slots=True)
class Invitation:
    username: str
    display_name: str
    email: str
    role: str
    organisation_id: int | None = None
    personnel_number: str = ""
    language: str = "nl"


def _role(value: str) -> Role:
    try:
        role = Role(value)
    except ValueError:
        raise AdminError("admin.unknown_role") from None
    if role not in INVITABLE:
        raise AdminError("admin.unknown_role")
    return role


def _binding(session: Session, role: Role, new: Invitation) -> tuple[int | None, int | None]:
    """(organisation, employee) the account is bound to: an employer contact to its
    organisation, an employee to his own record, staff to nothing."""
    if role not in (Role.EMPLOYEE, Role.EMPLOYER_CONTACT):
        return None, None
    if new.organisation_id is None or session.get(Organisation, new.organisation_id) is None:
        raise AdminError("admin.organisation_required")
    if role is Role.EMPLOYER_CONTACT:
        return new.organisation_id, None
    number = clean(new.personnel_number, 40, "personnel_number")
    person = session.exec(
        select(Employee).where(
            Employee.organisation_id == new.organisation_id, Employee.personnel_number == number
        )
    ).first()
    if person is None:
        raise AdminError("admin.unknown_employee")
    return new.organisation_id, person.id


def invite(actor: Actor, new: Invitation, *, session: Session, ctx: Context) -> Outcome:
    """Create the account and its invitation; the caller sends ``Outcome.mails`` after the
    commit. The invitation flow itself writes the audit row (``account_invited``)."""
    require_admin(actor)
    role = _role(new.role)
    username = clean(new.username, 150, "username").lower()
    if not USERNAME.match(username):
        raise AdminError("admin.bad_username")
    display_name = clean(new.display_name, 200, "display_name")
    email = clean(new.email, 254, "email")
    if not EMAIL.match(email):
        raise AdminError("admin.bad_email")
    organisation_id, employee_id = _binding(session, role, new)
    outcome = enrolment.invite(
        session,
        ctx,
        actor,
        enrolment.NewAccount(
            username=username,
            display_name=display_name,
            email=email,
            role=role,
            organisation_id=organisation_id,
            employee_id=employee_id,
            language=new.language if new.language in ("nl", "en") else "nl",
        ),
    )
    if not outcome.ok:
        raise AdminError(outcome.error)
    return outcome


def _locked_account(session: Session, account_id: int) -> Account:
    account = session.exec(
        select(Account).where(Account.id == account_id).with_for_update()
    ).first()
    if account is None:
        raise AdminError("admin.unknown_account")
    return account


def set_active(
    actor: Actor, account_id: int, active: bool, *, session: Session, ctx: Context
) -> None:
    """Deactivate (every open session ends at once) or reactivate an account. An admin
    cannot deactivate himself: the portal would be left without one."""
    require_admin(actor)
    if account_id == actor.account_id and not active:
        raise AdminError("admin.not_yourself")
    account = _locked_account(session, account_id)
    if account.is_active == active:
        return
    account.is_active = active
    session.add(account)
    if not active:
        sessions.end_all(session, ctx, account_id, "account_deactivated")
    log(
        session,
        ctx,
        actor,
        "account_reactivated" if active else "account_deactivated",
        audit.Action.UPDATE,
        "account",
        account_id,
        details={"old": not active, "new": active},
        subject_employee_id=account.employee_id,
    )


def unlock(actor: Actor, account_id: int, *, session: Session, ctx: Context) -> None:
    """Lift a lockout and forget earlier failures (as ``kwportal unlock`` does)."""
    require_admin(actor)
    account = _locked_account(session, account_id)
    if account.locked_at is None:
        raise AdminError("admin.not_locked")
    account.locked_at, account.failures_reset_at = None, ctx.now
    session.add(account)
    log(
        session,
        ctx,
        actor,
        "account_unlocked",
        audit.Action.UPDATE,
        "account",
        account_id,
        subject_employee_id=account.employee_id,
    )


# --- use cases: one click each (the page hands them to the runner) ---


@dataclass(frozen=True, slots=True)
class AccountsView:
    """What the accounts page shows after a click: the accounts found for ``query`` and the
    organisations the invitation form offers."""

    accounts: tuple[AccountLine, ...]
    organisations: tuple[teams.Choice, ...]
    query: str


def _view(actor: Actor, ctx: Ctx, query: str) -> AccountsView:
    orgs = teams.choices(actor, session=ctx.session)["organisations"]
    found = accounts(actor, session=ctx.session, ctx=ctx, query=query)
    return AccountsView(found, orgs, query)


@use_case(Role.ADMIN)
def do_list(actor: Actor, query: str = "", *, ctx: Ctx) -> AccountsView:
    return _view(actor, ctx, query)


@use_case(Role.ADMIN, step_up=True)
def do_invite(actor: Actor, new: Invitation, *, ctx: Ctx) -> AccountsView:
    """Invite, then the list found by the new username; the invitation mail goes out after
    the commit."""
    outcome = invite(actor, new, session=ctx.session, ctx=ctx)
    ctx.send(*outcome.mails)
    return _view(actor, ctx, new.username.strip().lower())


def _set_active(actor: Actor, account_id: str, active: bool, query: str, ctx: Ctx) -> AccountsView:
    set_active(
        actor, parse_id(account_id, "admin.unknown_account"), active, session=ctx.session, ctx=ctx
    )
    return _view(actor, ctx, query)


@use_case(Role.ADMIN)
def do_deactivate(actor: Actor, account_id: str, query: str = "", *, ctx: Ctx) -> AccountsView:
    """Switch an account off (its sessions end at once), then the refreshed list."""
    return _set_active(actor, account_id, False, query, ctx)


@use_case(Role.ADMIN)
def do_reactivate(actor: Actor, account_id: str, query: str = "", *, ctx: Ctx) -> AccountsView:
    return _set_active(actor, account_id, True, query, ctx)


@use_case(Role.ADMIN)
def do_unlock(actor: Actor, account_id: str, query: str = "", *, ctx: Ctx) -> AccountsView:
    unlock(actor, parse_id(account_id, "admin.unknown_account"), session=ctx.session, ctx=ctx)
    return _view(actor, ctx, query)
