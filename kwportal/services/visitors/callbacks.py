"""Callback requests (seed ch. 2: "Om contact op te nemen en te onderhouden naar aanleiding
van ingediende terugbelverzoeken"). A short form; the staff queue belongs to the case
managers, who already call employers and employees back in their daily work (README,
"Public site")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kwportal.domain import visitors as rules
from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, access
from kwportal.domain.roles import Role
from kwportal.i18n import normalise_language
from kwportal.models import CallbackRequest
from kwportal.services import audit
from kwportal.services.auth.common import Context
from kwportal.services.unit import Ctx, use_case
from kwportal.services.visitors.common import Result, log_visitor

QUEUE_LIMIT = 200


def callback_problems(
    *, name: str, phone: str, preferred_time: str, topic: str, message: str
) -> list[str]:
    problems = [
        rules.name_problem(name),
        rules.phone_problem(phone),
        ""
        if preferred_time in rules.PreferredTime.__members__.values()
        else "visitor.choice_invalid",
        "" if topic in rules.Topic.__members__.values() else "visitor.choice_invalid",
        rules.text_problem(message, rules.MAX_MESSAGE),
    ]
    return [p for p in problems if p]


def submit(
    session: Session,
    ctx: Context,
    *,
    name: str,
    phone: str,
    preferred_time: str,
    topic: str,
    message: str,
    language: str,
) -> Result:
    problems = callback_problems(
        name=name, phone=phone, preferred_time=preferred_time, topic=topic, message=message
    )
    if problems:
        return Result(problems[0], ok=False)
    row = CallbackRequest(
        name=name.strip(),
        phone=phone.strip(),
        phone_digits=rules.phone_digits(phone),
        preferred_time=preferred_time,
        topic=topic,
        message=message.strip(),
        language=normalise_language(language),
        created_at=ctx.now,
    )
    session.add(row)
    session.flush()
    log_visitor(
        session,
        ctx,
        "callback_requested",
        action=audit.Action.CREATE,
        ground=audit.Ground.CONTRACT,
        details={"callback": row.id},
    )
    return Result("visitor.callback_received")


@dataclass(frozen=True, slots=True)
class CallbackLine:
    callback_id: int
    name: str
    phone: str
    preferred_time: str
    topic: str
    message: str
    status: str
    received_at: datetime


def may_handle(actor: Actor) -> bool:
    """Case managers answer callback requests (policy: the visitor category)."""
    return actor.role is Role.CASE_MANAGER and access(actor, Category.VISITOR) is not None


def queue(
    session: Session, actor: Actor, *, access_point: audit.AccessPoint, secret: str, now: datetime
) -> list[CallbackLine]:
    """Open requests first (new, then in progress), oldest first; the read is audited."""
    if not may_handle(actor):
        raise PermissionError("callback queue is for case managers")
    rows = session.exec(
        select(CallbackRequest)
        .where(col(CallbackRequest.status) != rules.CallbackStatus.DONE)
        .order_by(col(CallbackRequest.created_at))
        .limit(QUEUE_LIMIT)
    ).all()
    lines = [
        CallbackLine(
            r.id or 0, r.name, r.phone, r.preferred_time, r.topic, r.message, r.status, r.created_at
        )
        for r in rows
    ]
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="callback_queue_viewed",
        action=audit.Action.READ,
        ground=audit.Ground.CONTRACT,
        objects=[
            audit.ObjectRef("visitor", "callback_request", line.callback_id) for line in lines
        ],
        secret=secret,
        now=now,
    )
    return lines


def change_status(
    session: Session,
    actor: Actor,
    callback_id: int,
    status: str,
    *,
    access_point: audit.AccessPoint,
    secret: str,
    now: datetime,
) -> str:
    """'' or a catalog key. Done closes the request; its retention term starts then."""
    if not may_handle(actor):
        return "auth.not_allowed"
    if status not in rules.CallbackStatus.__members__.values():
        return "visitor.choice_invalid"
    row = session.get(CallbackRequest, callback_id)
    if row is None:
        return "visitor.callback_gone"
    old = row.status
    row.status, row.updated_at, row.handled_by_account_id = status, now, actor.account_id
    row.closed_at = now if status == rules.CallbackStatus.DONE else None
    session.add(row)
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="callback_status_changed",
        action=audit.Action.UPDATE,
        ground=audit.Ground.CONTRACT,
        objects=[audit.ObjectRef("visitor", "callback_request", callback_id)],
        details={"old": old, "new": status},
        secret=secret,
        now=now,
    )
    return ""


# --- staff use cases: one click each (the case managers' queue hands them to the runner) ---

Queue = tuple[CallbackLine, ...]


@dataclass(frozen=True, slots=True)
class Changed:
    """After a status change: '' or the catalog key of the refusal, and the queue."""

    problem: str
    queue: Queue


@use_case(Role.CASE_MANAGER)
def do_queue(actor: Actor, *, ctx: Ctx) -> Queue:
    return tuple(queue(ctx.session, actor, access_point=ctx.access, secret=ctx.secret, now=ctx.now))


@use_case(Role.CASE_MANAGER)
def do_change_status(actor: Actor, callback_id: int, status: str, *, ctx: Ctx) -> Changed:
    """Set a request in progress or done, then the refreshed queue, in the one unit."""
    problem = change_status(
        ctx.session,
        actor,
        callback_id,
        status,
        access_point=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return Changed(problem, do_queue(actor, ctx=ctx))
