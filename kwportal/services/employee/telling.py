"""The employee is always told (seed ch. 1: "De werknemer wordt altijd op de hoogte gebracht
van de inhoud van de informatie die KrachtWerkt aan de werkgever verstrekt"; issue 17 item 5).

Every path that lets something about the employee reach his employer, or asks him for
something, tells him through :func:`tell_employee`, which picks the one way that reaches
him (``policy.telling_channel``):

* an **active portal account**: the in-app notice (for a release) and a content-free mail
  to the account, as before;
* **no account, an e-mail address on file**: a content-free mail to that address — *that*
  something was released or asked, and how to read it (ask the case manager for an account
  or for the content by post); never the content itself (services/mail);
* **neither**: a letter queued for the case manager of the employer's team
  (``employee_letter``), who prints it — it holds what the employer received — posts it and
  marks it sent (:mod:`kwportal.services.case.letters`); he hears by a content-free mail
  that a letter waits.

A release, a rectification's outcome and a stop (or its end) always leave their notice
row, also without an account, so the portal shows it once he has one. The e-mail and the
letter are recorded in the audit log in the same transaction (``employee_told``, with the
way he was told).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import TOLD_EMAIL, Actor, telling_channel
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.models import (
    Account,
    Employee,
    EmployeeLetter,
    EmployeeNotice,
    SickLeaveCase,
    TeamAssignment,
    TeamMember,
)
from kwportal.services import audit
from kwportal.services.auth.notices import notice as mail_notice
from kwportal.services.mail import Mail
from kwportal.services.unit import Ctx

#: what the employee is told of: a release to his employer (employer feedback, the problem
#: analysis's employer part), a plan of action or evaluation his employer sent him, a
#: request for his consent, the outcome of his request to correct his data (seed ch. 3 B),
#: and that the use of his data stopped or starts again (seed ch. 3 E)
RELEASE, PLAN_SENT, CONSENT_REQUEST = "release", "plan_submitted", "consent_request"
RECTIFICATION = "rectification"
RESTRICTION_STARTED, RESTRICTION_LIFTED = "restriction_started", "restriction_lifted"
#: his running case goes to his employer's new arbodienst (services/case/handover.py), and a
#: breach touched his data (AVG art. 34; services/privacy/breaches.py): those paths keep
#: their own notice and mail and queue a letter here only when nothing else reaches him
#: (:func:`letter_if_unreachable`)
HANDOVER, BREACH = "handover", "breach"
KINDS = (
    RELEASE,
    PLAN_SENT,
    CONSENT_REQUEST,
    RECTIFICATION,
    RESTRICTION_STARTED,
    RESTRICTION_LIFTED,
    HANDOVER,
    BREACH,
)
#: per kind: the page of his portal that shows it
PAGES = {
    RELEASE: "/my-disclosures",
    PLAN_SENT: "/my-plan",
    CONSENT_REQUEST: "/my-consents",
    RECTIFICATION: "/my-details",
    RESTRICTION_STARTED: "/portal",
    RESTRICTION_LIFTED: "/portal",
    HANDOVER: "/my-disclosures",
    BREACH: "/my-incidents",
}
#: the in-app notice a release leaves (``employee_notice.kind``)
NOTICE_KIND = "disclosure"
#: the kinds that leave an in-app notice (with or without an account: the portal shows it
#: once he has one), and its ``employee_notice.kind``; a plan and a consent request are
#: shown on their own pages
NOTICE_KINDS = {
    RELEASE: NOTICE_KIND,
    RECTIFICATION: RECTIFICATION,
    RESTRICTION_STARTED: RESTRICTION_STARTED,
    RESTRICTION_LIFTED: RESTRICTION_LIFTED,
}
#: the case manager's page where a queued letter waits
LETTERS_PATH = "/case-letters"
#: the mail to the address on file is in Dutch: the person has chosen no language
LETTER_LANGUAGE = "nl"


@dataclass(frozen=True, slots=True)
class Told:
    """How he was told: ``channel`` is portal | email | letter."""

    channel: str
    notice_id: int | None = None
    letter_id: int | None = None


def active_account(session: Session, employee_id: int) -> Account | None:
    return session.exec(
        select(Account).where(Account.employee_id == employee_id, Account.is_active == True)  # noqa: E712
    ).first()


def tell_employee(
    ctx: Ctx,
    actor: Actor,
    *,
    employee_id: int,
    case_id: int | None,
    kind: str,
    disclosure_id: int | None = None,
) -> Told:
    """Tell the employee of ``kind`` in the one way that reaches him; mail goes to the
    unit's outbox (sent after the commit), the rows are written in its transaction."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of telling: {kind!r}")
    session = ctx.session
    account = active_account(session, employee_id)
    # with an account he is told in the portal: the address on file is not needed
    person = session.get(Employee, employee_id) if account is None else None
    address = person.email.strip() if person is not None else ""
    channel = telling_channel(has_account=account is not None, has_email=bool(address))
    notice_id = (
        _notice(ctx, employee_id, account, disclosure_id, NOTICE_KINDS[kind])
        if kind in NOTICE_KINDS
        else None
    )
    if account is not None:
        mail = mail_notice(account, kind, ctx.origin, link=f"{ctx.origin}{PAGES[kind]}")
        if mail is not None:
            ctx.send(mail)
        return Told(channel, notice_id)
    letter_id = None
    if channel == TOLD_EMAIL and person is not None:
        ctx.send(_mail_on_file(person, address, kind, ctx.origin))
    else:
        letter_id = _letter(ctx, employee_id, case_id, disclosure_id, kind)
    _record(ctx, actor, employee_id, kind, channel, letter_id, disclosure_id)
    return Told(channel, notice_id, letter_id)


def letter_if_unreachable(
    ctx: Ctx,
    actor: Actor,
    *,
    employee_id: int,
    account: Account | None,
    person: Employee,
    case_id: int,
    kind: str,
) -> int | None:
    """For a path that tells him itself (notice + mail to his account or the address on
    file): when he has neither an active account nor an address, queue the letter that
    reaches him, through :func:`tell_employee` (its ``employee_told`` audit row and the
    case manager's "a letter waits" mail). Returns the letter's id, or None."""
    if account is not None or person.email.strip():
        return None
    return tell_employee(ctx, actor, employee_id=employee_id, case_id=case_id, kind=kind).letter_id


def _notice(
    ctx: Ctx, employee_id: int, account: Account | None, disclosure_id: int | None, kind: str
) -> int:
    notice = EmployeeNotice(
        employee_id=employee_id,
        account_id=account.id if account else None,
        kind=kind,
        disclosure_id=disclosure_id,
        created_at=ctx.now,
    )
    ctx.session.add(notice)
    ctx.session.flush()
    assert notice.id is not None
    return notice.id


def _mail_on_file(person: Employee, address: str, kind: str, origin: str) -> Mail:
    """Content-free: *that* something happened and how he gets to read it."""
    lang = LETTER_LANGUAGE
    name = f"{person.first_name} {person.last_name}".strip()
    body = t(f"told.mail.{kind}.body", lang).format(name=name, origin=origin)
    return Mail(to=address, subject=t(f"told.mail.{kind}.subject", lang), body=body)


def _letter(
    ctx: Ctx, employee_id: int, case_id: int | None, disclosure_id: int | None, kind: str
) -> int:
    letter = EmployeeLetter(
        employee_id=employee_id,
        case_id=case_id,
        disclosure_id=disclosure_id,
        kind=kind,
        created_at=ctx.now,
    )
    ctx.session.add(letter)
    ctx.session.flush()
    assert letter.id is not None
    for manager in _case_managers(ctx.session, case_id):
        mail = mail_notice(manager, "letter_queued", ctx.origin, link=f"{ctx.origin}{LETTERS_PATH}")
        if mail is not None:
            ctx.send(mail)
    return letter.id


def _case_managers(session: Session, case_id: int | None) -> list[Account]:
    """The active case managers of the team serving the case's employer: each hears that
    a letter waits (content-free: no name, no case)."""
    case = session.get(SickLeaveCase, case_id) if case_id is not None else None
    if case is None:
        return []
    teams = select(TeamAssignment.care_team_id).where(
        TeamAssignment.organisation_id == case.organisation_id
    )
    members = select(TeamMember.account_id).where(col(TeamMember.care_team_id).in_(teams))
    return list(
        session.exec(
            select(Account).where(
                col(Account.id).in_(members),
                Account.role == str(Role.CASE_MANAGER),
                Account.is_active == True,  # noqa: E712
            )
        )
    )


def _record(
    ctx: Ctx,
    actor: Actor,
    employee_id: int,
    kind: str,
    channel: str,
    letter_id: int | None,
    disclosure_id: int | None,
) -> None:
    objects = []
    if letter_id is not None:
        objects.append(audit.ObjectRef(str(Category.AUDIT), "employee_letter", letter_id))
    if disclosure_id is not None:
        objects.append(audit.ObjectRef(str(Category.AUDIT), "disclosure", disclosure_id))
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type="employee_told",
        action=audit.Action.CREATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=employee_id,
        objects=objects,
        details={"kind": kind, "channel": channel},
        secret=ctx.secret,
        now=ctx.now,
    )
