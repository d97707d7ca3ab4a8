"""A case's two message threads (issue 15 item 5): ``care`` between the employee and his
doctor's team (medical: seed ch. 1, "alleen toegankelijk voor de bedrijfsarts en leden van
zijn behandelteam") and ``employer`` between the employer and the case manager, whose every
message passes the medical-term check (seed ch. 1, "Aan werkgever": the employer hears the
four items only). Who reads and writes which thread is the policy's word
(``policy.may_read_thread`` / ``may_write_thread``); opening a thread marks it read for the
unread counts on /portal, in the same unit. Mail to the other side says only that there is
a message (:mod:`kwportal.services.case.message_notices`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case as when
from sqlalchemy import select as select_rows
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from kwportal.domain.medical_terms import find_terms
from kwportal.domain.policy import (
    THREAD_CARE,
    THREADS,
    Actor,
    Subject,
    in_scope,
    may_read_thread,
    may_write_thread,
    thread_category,
    thread_is_checked,
    threads_readable_by,
)
from kwportal.domain.roles import Role
from kwportal.models import Account, CaseMessage, Employee, MessageRead, SickLeaveCase
from kwportal.services import audit
from kwportal.services.case import message_notices
from kwportal.services.case.message_notices import UnreadThread
from kwportal.services.case.scope import CaseRef
from kwportal.services.employee.my_case import latest_case
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project

#: the longest message (the page shows the limit and a counter; longer is refused, not cut)
MAX_MESSAGE = 5_000
#: the newest messages a thread shows
LIMIT = 200
NAME_COLUMNS = {"first_name": "employee.first_name", "last_name": "employee.last_name"}
MESSAGE_ROLES = (
    Role.EMPLOYEE,
    Role.EMPLOYER_CONTACT,
    Role.COMPANY_DOCTOR,
    Role.CARE_TEAM,
    Role.CASE_MANAGER,
)


class MessageError(ValueError):
    """The message was refused (nothing written); ``code`` is a catalog key, ``terms`` the
    medical terms found in a message for the employer thread."""

    def __init__(self, code: str, terms: tuple[str, ...] = ()) -> None:
        super().__init__(code)
        self.code, self.terms = code, terms


@dataclass(frozen=True, slots=True)
class MessageLine:
    message_id: int
    author_name: str
    #: the author's function (a Role value)
    author_role: str
    mine: bool
    #: not the reader's own and newer than what he had read before this opening
    new: bool
    created_at: datetime
    body: str


@dataclass(frozen=True, slots=True)
class ThreadView:
    case_id: int
    thread: str
    #: the employee's name for everyone but the employee himself
    subject_name: str
    #: the threads the reader may open on the messages page, in order
    threads: tuple[str, ...]
    may_write: bool
    lines: tuple[MessageLine, ...]
    #: the use of the employee's data stopped, as the reader is told (issue 17 item 3)
    restriction: restriction.RestrictionNotice | None = None


@dataclass(frozen=True, slots=True)
class MessagesPage:
    """One thread, or (staff and employer without a case) the threads with unread
    messages in their scope."""

    thread: ThreadView | None = None
    inbox: tuple[UnreadThread, ...] = ()
    #: an employee without any case: nothing to write about yet
    no_case: bool = False


def clean_body(raw: str) -> str:
    """The text as stored: NUL removed, surrounding whitespace stripped; refused when empty
    or over the limit (never cut)."""
    text = str(raw).replace("\x00", "").strip()
    if not text:
        raise MessageError("messages.required")
    if len(text) > MAX_MESSAGE:
        raise MessageError("messages.too_long")
    return text


def case_for(session: Session, actor: Actor, case_id: int | None) -> CaseRef:
    """The case the actor may reach: an employee his own (the latest without ``case_id``),
    anyone else a case in scope. Unknown and out-of-reach cases are refused alike."""
    if actor.role is Role.EMPLOYEE and case_id is None:
        latest = latest_case(session, actor.employee_id) if actor.employee_id else None
        case_id = latest.id if latest else None
    row = session.get(SickLeaveCase, case_id) if case_id else None
    if row is None or row.id is None:
        raise PolicyDeniedError("no such case")
    subject = Subject(row.employee_id, row.organisation_id)
    if actor.role not in MESSAGE_ROLES or not in_scope(actor, subject):
        raise PolicyDeniedError("case outside the actor's scope")
    return CaseRef(row.id, subject)


def page_threads(actor: Actor) -> tuple[str, ...]:
    """The threads the messages page offers: the employee reads the employer thread on
    "what my employer sees" instead, where it stands beside everything else his employer
    sees."""
    if actor.role is Role.EMPLOYEE:
        return (THREAD_CARE,)
    return threads_readable_by(actor.role)


def default_thread(actor: Actor) -> str:
    """The thread the actor takes part in (the doctor's team: care; employer and case
    manager: employer)."""
    readable = page_threads(actor)
    return THREAD_CARE if THREAD_CARE in readable else (readable[0] if readable else "")


def _subject_name(session: Session, actor: Actor, subject: Subject) -> str:
    if actor.employee_id == subject.employee_id:
        return ""
    person = session.get(Employee, subject.employee_id)
    if person is None:
        return ""
    names = project(actor, subject, person, NAME_COLUMNS)
    return f"{names['first_name']} {names['last_name']}".strip()


def _last_read(session: Session, account_id: int | None, case_id: int, thread: str) -> int:
    if account_id is None:
        return 0
    last = session.exec(
        select(MessageRead.last_read_message_id).where(
            MessageRead.account_id == account_id,
            MessageRead.case_id == case_id,
            MessageRead.thread == thread,
        )
    ).first()
    return last or 0


def mark_read(
    session: Session, account_id: int, case_id: int, thread: str, last_id: int, now: datetime
) -> None:
    """Upsert how far the account has read (never backwards), race-free on both databases:
    two tabs opening the thread at once leave one row."""
    table = MessageRead.metadata.tables[MessageRead.__tablename__]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(table).values(
        account_id=account_id,
        case_id=case_id,
        thread=thread,
        last_read_message_id=last_id,
        read_at=now,
    )
    stored = table.c.last_read_message_id
    newer = stmt.excluded.last_read_message_id
    stmt = stmt.on_conflict_do_update(
        index_elements=["account_id", "case_id", "thread"],
        set_={
            "last_read_message_id": when((newer > stored, newer), else_=stored),
            "read_at": stmt.excluded.read_at,
        },
    )
    session.execute(stmt)


def _lines(
    session: Session, actor: Actor, case_id: int, thread: str, last_read: int
) -> tuple[MessageLine, ...]:
    rows = session.execute(
        select_rows(
            col(CaseMessage.id),
            col(CaseMessage.author_account_id),
            col(CaseMessage.author_role),
            col(CaseMessage.created_at),
            col(CaseMessage.body),
            col(Account.display_name),
        )
        .outerjoin(Account, col(Account.id) == col(CaseMessage.author_account_id))
        .where(col(CaseMessage.case_id) == case_id, col(CaseMessage.thread) == thread)
        .order_by(col(CaseMessage.id).desc())
        .limit(LIMIT)
    ).all()
    return tuple(
        MessageLine(
            message_id=row.id,
            author_name=row.display_name or "",
            author_role=row.author_role,
            mine=row.author_account_id is not None and row.author_account_id == actor.account_id,
            new=row.id > last_read and row.author_account_id != actor.account_id,
            created_at=row.created_at,
            body=row.body,
        )
        for row in reversed(rows)
    )


def read_thread(
    session: Session,
    actor: Actor,
    ref: CaseRef,
    thread: str,
    *,
    access: audit.AccessPoint,
    secret: str,
    now: datetime,
) -> ThreadView:
    """The thread oldest → newest, marked read, its reading audited (medical for the care
    thread), all in the caller's transaction; PolicyDeniedError when the actor may not."""
    if not may_read_thread(actor, thread, ref.subject):
        raise PolicyDeniedError(f"{actor.role} may not read the {thread} thread")
    last_read = _last_read(session, actor.account_id, ref.case_id, thread)
    lines = _lines(session, actor, ref.case_id, thread, last_read)
    newest = lines[-1].message_id if lines else 0
    if actor.account_id is not None and newest > last_read:
        mark_read(session, actor.account_id, ref.case_id, thread, newest, now)
    if actor.employee_id != ref.subject.employee_id:
        # the page names the person even before the first message: that is a read too
        _audit(session, actor, access, ref, thread, audit.Action.READ, None, secret, now)
    return ThreadView(
        case_id=ref.case_id,
        thread=thread,
        subject_name=_subject_name(session, actor, ref.subject),
        threads=page_threads(actor),
        may_write=may_write_thread(actor, thread, ref.subject),
        lines=lines,
        restriction=restriction.notice_for(session, actor, ref.subject),
    )


def post_message(
    session: Session, actor: Actor, ref: CaseRef, thread: str, body: str, *, ctx: Ctx
) -> int:
    """Write one message after every check (nothing is written on a refusal), audit it and
    queue the content-free notice to the other side."""
    if not may_write_thread(actor, thread, ref.subject):
        raise PolicyDeniedError(f"{actor.role} may not write in the {thread} thread")
    restriction.refuse_message_if_restricted(  # processing stopped (issue 17 item 3)
        session, actor.role, thread, ref.subject.employee_id, error=MessageError
    )
    text = clean_body(body)
    if thread_is_checked(thread):
        terms = find_terms(text)
        if terms:
            raise MessageError("messages.medical_term", terms)
    message = CaseMessage(
        case_id=ref.case_id,
        employee_id=ref.subject.employee_id,
        thread=thread,
        author_account_id=actor.account_id,
        author_role=str(actor.role),
        body=text,
        created_at=ctx.now,
    )
    session.add(message)
    session.flush()
    assert message.id is not None
    _audit(
        session,
        actor,
        ctx.access,
        ref,
        thread,
        audit.Action.CREATE,
        message.id,
        ctx.secret,
        ctx.now,
    )
    ctx.send(*message_notices.notice_mails(session, actor, ref, thread, message.id, ctx.origin))
    return message.id


def _audit(
    session: Session,
    actor: Actor,
    access: audit.AccessPoint,
    ref: CaseRef,
    thread: str,
    action: audit.Action,
    message_id: int | None,
    secret: str,
    now: datetime,
) -> None:
    own = actor.employee_id == ref.subject.employee_id
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="case_message_sent" if action is audit.Action.CREATE else "case_messages_read",
        action=action,
        ground=audit.Ground.OWN_DATA if own else audit.Ground.LEGAL_DUTY,
        subject_employee_id=ref.subject.employee_id,
        objects=[audit.ObjectRef(str(thread_category(thread)), "case_message", message_id)],
        details={"thread": thread, "case_id": ref.case_id},
        secret=secret,
        now=now,
    )


# --- use cases: one click each (the page hands them to the runner) ---


def _thread_asked(actor: Actor, thread: str | None) -> str:
    """The thread in the URL when it is one, else the actor's own; the policy decides."""
    return thread if thread in THREADS else default_thread(actor)


@use_case(*MESSAGE_ROLES)
def do_open_messages(
    actor: Actor, case_id: int | None, thread: str | None, *, ctx: Ctx
) -> MessagesPage:
    """The thread of ``case_id`` (the employee: his own case's care thread), or for staff
    and employer without a case the threads with unread messages in their scope."""
    if case_id is None and actor.role is not Role.EMPLOYEE:
        return MessagesPage(inbox=message_notices.unread_threads(ctx.session, actor))
    try:
        ref = case_for(ctx.session, actor, case_id)
    except PolicyDeniedError:
        if actor.role is Role.EMPLOYEE and case_id is None:
            return MessagesPage(no_case=True)
        raise
    asked = _thread_asked(actor, thread)
    if asked not in page_threads(actor):
        raise PolicyDeniedError(f"{actor.role} reads no {asked} thread here")
    view = read_thread(
        ctx.session, actor, ref, asked, access=ctx.access, secret=ctx.secret, now=ctx.now
    )
    return MessagesPage(thread=view)


@use_case(*MESSAGE_ROLES)
def do_send_message(
    actor: Actor, case_id: int | None, thread: str, body: str, *, ctx: Ctx
) -> ThreadView:
    """Post a message (``MessageError`` / ``PolicyDeniedError`` when refused), then the
    thread read again, in the one unit."""
    ref = case_for(ctx.session, actor, case_id)
    post_message(ctx.session, actor, ref, thread, body, ctx=ctx)
    return read_thread(
        ctx.session, actor, ref, thread, access=ctx.access, secret=ctx.secret, now=ctx.now
    )
