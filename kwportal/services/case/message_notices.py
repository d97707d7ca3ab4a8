"""Telling people about messages without telling them anything else (issue 15 item 5): the
unread counts of /portal and of the messages page's list, each ONE indexed query
(``ix_case_message_thread``: case, thread, id) whatever the caseload, and the e-mail to the
other side of a thread, which says only that there is a new message in the portal — no
text, no name, no case (services/mail: mail never carries medical content). A recipient
who has an unread message in the thread already is not mailed again until he reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, func, or_
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain.policy import THREAD_CARE, THREAD_EMPLOYER, THREAD_WRITERS, Actor
from kwportal.domain.roles import Role
from kwportal.models import (
    Account,
    CareTeam,
    CaseMessage,
    Employee,
    MessageRead,
    SickLeaveCase,
    TeamAssignment,
    TeamMember,
)
from kwportal.services.auth.notices import notice
from kwportal.services.case.scope import CaseRef
from kwportal.services.mail import Mail

#: the page the notice links to: it lists the reader's threads with unread messages
MESSAGES_PATH = "/messages"
MAIL_KIND = "message"
#: the threads with unread messages the list on the messages page shows at most
INBOX_LIMIT = 50


@dataclass(frozen=True, slots=True)
class UnreadThread:
    case_id: int
    thread: str
    count: int
    #: the employee the case is about (every reader here may see his name)
    first_name: str = ""
    last_name: str = ""


def counted_threads(role: Role) -> tuple[str, ...]:
    """The threads whose unread messages an account is shown: those it takes part in, and
    for the employee also the employer thread — it is about him (BRIEF.md: he sees all his
    employer sees). The doctor's team reads the employer thread without being counted in."""
    taking_part = tuple(t for t, roles in THREAD_WRITERS.items() if role in roles)
    if role is Role.EMPLOYEE:
        return (*taking_part, THREAD_EMPLOYER)
    return taking_part


def _unread_query(actor: Actor, *columns: Any) -> Any | None:
    """``columns`` of the actor's unread messages (not his own, newer than what he read),
    within his scope; None when he has none to count."""
    threads = counted_threads(actor.role)
    scope = _scope(actor)
    if not threads or scope is None or actor.account_id is None:
        return None
    read = and_(
        col(MessageRead.account_id) == actor.account_id,
        col(MessageRead.case_id) == col(CaseMessage.case_id),
        col(MessageRead.thread) == col(CaseMessage.thread),
    )
    return (
        select_rows(*columns)
        .select_from(CaseMessage)
        .join(SickLeaveCase, col(SickLeaveCase.id) == col(CaseMessage.case_id))
        .outerjoin(MessageRead, read)
        .where(
            scope,
            col(CaseMessage.thread).in_(threads),
            or_(
                col(CaseMessage.author_account_id).is_(None),
                col(CaseMessage.author_account_id) != actor.account_id,
            ),
            col(CaseMessage.id) > func.coalesce(col(MessageRead.last_read_message_id), 0),
        )
    )


def _scope(actor: Actor) -> Any | None:
    if actor.role is Role.EMPLOYEE:
        return col(CaseMessage.employee_id) == actor.employee_id if actor.employee_id else None
    if actor.role is Role.EMPLOYER_CONTACT:
        org = actor.organisation_id
        return col(SickLeaveCase.organisation_id) == org if org else None
    if actor.role in (Role.COMPANY_DOCTOR, Role.CARE_TEAM, Role.CASE_MANAGER):
        ids = sorted(actor.employer_ids)
        return col(SickLeaveCase.organisation_id).in_(ids) if ids else None
    return None


def unread_totals(session: Session, actor: Actor) -> tuple[tuple[str, int], ...]:
    """``(thread, unread)`` per thread with unread messages: the /portal counts."""
    query = _unread_query(actor, col(CaseMessage.thread), func.count(col(CaseMessage.id)))
    if query is None:
        return ()
    rows = session.execute(
        query.group_by(col(CaseMessage.thread)).order_by(col(CaseMessage.thread))
    ).all()
    return tuple((row[0], int(row[1])) for row in rows)


def unread_threads(session: Session, actor: Actor) -> tuple[UnreadThread, ...]:
    """The threads with unread messages, the most recently active first."""
    query = _unread_query(
        actor,
        col(CaseMessage.case_id),
        col(CaseMessage.thread),
        func.count(col(CaseMessage.id)),
        col(Employee.first_name),
        col(Employee.last_name),
    )
    if query is None:
        return ()
    rows = session.execute(
        query.join(Employee, col(Employee.id) == col(CaseMessage.employee_id))
        .group_by(
            col(CaseMessage.case_id),
            col(CaseMessage.thread),
            col(Employee.first_name),
            col(Employee.last_name),
        )
        .order_by(func.max(col(CaseMessage.id)).desc())
        .limit(INBOX_LIMIT)
    ).all()
    return tuple(UnreadThread(row[0], row[1], int(row[2]), row[3], row[4]) for row in rows)


# --- mail to the other side ---


def _team_accounts(organisation_id: int, *roles: Role) -> Any:
    """Ids of the accounts of ``roles`` in the care team serving the employer."""
    team = select(TeamAssignment.care_team_id).where(
        col(TeamAssignment.organisation_id) == organisation_id
    )
    doctors = select(CareTeam.doctor_account_id).where(col(CareTeam.id).in_(team))
    members = select(TeamMember.account_id).where(col(TeamMember.care_team_id).in_(team))
    return and_(
        or_(col(Account.id).in_(doctors), col(Account.id).in_(members)),
        col(Account.role).in_([str(r) for r in roles]),
    )


def _other_side(actor: Actor, ref: CaseRef, thread: str) -> Any | None:
    """Who hears of a message: in the care thread the employee or his doctor's team, in
    the employer thread the employer's contacts or the case manager."""
    org, person = ref.subject.organisation_id, ref.subject.employee_id
    if thread == THREAD_CARE:
        if actor.role is Role.EMPLOYEE:
            return _team_accounts(org, Role.COMPANY_DOCTOR, Role.CARE_TEAM)
        return and_(col(Account.employee_id) == person, col(Account.role) == str(Role.EMPLOYEE))
    if thread == THREAD_EMPLOYER:
        if actor.role is Role.EMPLOYER_CONTACT:
            return _team_accounts(org, Role.CASE_MANAGER)
        return and_(
            col(Account.organisation_id) == org,
            col(Account.role) == str(Role.EMPLOYER_CONTACT),
        )
    return None


def notice_mails(
    session: Session, actor: Actor, ref: CaseRef, thread: str, message_id: int, origin: str
) -> list[Mail]:
    """The content-free notice to each active account on the other side with an address,
    except those who had an unread message in the thread before this one."""
    who = _other_side(actor, ref, thread)
    if who is None:
        return []
    last_read = (
        select(MessageRead.last_read_message_id)
        .where(
            col(MessageRead.account_id) == col(Account.id),
            col(MessageRead.case_id) == ref.case_id,
            col(MessageRead.thread) == thread,
        )
        .correlate(Account)
        .scalar_subquery()
    )
    waiting = exists().where(
        col(CaseMessage.case_id) == ref.case_id,
        col(CaseMessage.thread) == thread,
        col(CaseMessage.id) < message_id,
        col(CaseMessage.id) > func.coalesce(last_read, 0),
        or_(
            col(CaseMessage.author_account_id).is_(None),
            col(CaseMessage.author_account_id) != col(Account.id),
        ),
    )
    accounts = session.exec(
        select(Account)
        .where(
            who,
            col(Account.is_active).is_(True),
            col(Account.email) != "",
            col(Account.id) != actor.account_id,
            ~waiting,
        )
        .order_by(col(Account.id))
    ).all()
    link = f"{origin}{MESSAGES_PATH}"
    return [mail for a in accounts if (mail := notice(a, MAIL_KIND, origin, link=link))]
