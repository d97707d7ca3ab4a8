"""One click, one unit of work (STYLE.md, "The application boundary").

A page state or an HTTP route hands a use case and its arguments to :func:`run`. In ONE
transaction it resolves the session from the cookie token, builds the actor, checks the
role, the link to a person and the fresh code that the use case (and the handler's guard)
declare, runs the use case, writes the mail it queued to the outbox and commits; then it
wakes the task queue's worker, which sends it (never the click itself). A refusal (not
signed in, another role, no person, a fresh code needed) is raised after the commit, so an
idle session ended on the way is recorded; a use case's own error rolls the whole unit back
and reaches the caller to be mapped to a message.

A use case is ``do_<verb>(actor, ..., *, ctx)``: ``ctx`` carries the transaction, the time,
where the request came from, the server secret and the outbox. Pages and states never
import the database; this module is their only way to it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.models import Account
from kwportal.services import audit
from kwportal.services.auth import sessions
from kwportal.services.auth.actors import actor_for
from kwportal.services.jobs import outbox
from kwportal.services.jobs.queue import nudge
from kwportal.services.mail import Mail
from kwportal.services.unit import (
    Ctx,
    Gate,
    NoPerson,
    NotSignedIn,
    Refusal,
    RoleRefused,
    StepUpNeeded,
    Unavailable,
    gate_of,
    use_case,
)
from kwportal.settings import get_settings

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Caller:
    """Who knocks: the session cookie's token and where the request came from."""

    token: str
    access: audit.AccessPoint


@dataclass(frozen=True, slots=True)
class Done(Generic[T]):
    value: T
    signed_in: sessions.SignedIn


def _context(session: Session, access: audit.AccessPoint) -> Ctx:
    settings = get_settings()
    return Ctx(
        access=access,
        now=datetime.now(UTC),
        secret=settings.secret_key,
        origin=settings.public_origin,
        session=session,
    )


def _refusal(signed_in: sessions.SignedIn | None, gate: Gate, now: datetime) -> Refusal | None:
    if signed_in is None:
        return NotSignedIn()
    if signed_in.role not in gate.roles:
        return RoleRefused()
    if gate.person and signed_in.employee_id is None:
        return NoPerson()
    if gate.step_up and sessions.needs_step_up(signed_in, now):
        return StepUpNeeded()
    return None


def run(
    caller: Caller,
    work: Callable[..., T],
    *args: Any,
    guard: Gate | None = None,
    **kwargs: Any,
) -> Done[T]:
    """Run ``work(actor, *args, ctx=ctx, **kwargs)`` as the caller, in one transaction.

    ``guard`` is the handler's own gate (its roles), checked beside the use case's."""
    declared = gate_of(work)
    refusal: Refusal | None = None
    queued = 0
    with _reachable(), transaction() as session:
        audit.defer_until_commit(session)  # the chain's head locked only at the commit
        ctx = _context(session, caller.access)
        signed_in = sessions.resolve(session, ctx, caller.token)
        for gate in (guard, declared):
            if refusal is None and gate is not None:
                refusal = _refusal(signed_in, gate, ctx.now)
        if refusal is None:
            assert signed_in is not None
            ctx = replace(ctx, signed_in=signed_in)
            value = work(_actor(session, signed_in), *args, ctx=ctx, **kwargs)
            queued = _queue_mail(ctx, value)
    if isinstance(refusal, StepUpNeeded) and signed_in is not None:
        act = f"{work.__module__.rsplit('.', 1)[-1]}.{getattr(work, '__name__', '')}"
        refusal = StepUpNeeded(act, signed_in.session_id)
    if refusal is not None:
        raise refusal
    _wake_sender(queued)
    assert signed_in is not None
    return Done(value, signed_in)


def run_public(access: audit.AccessPoint, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """An act that needs no session (sign-in steps, the public site): ``work(*args,
    ctx=ctx)`` in one transaction, its mail queued in it."""
    with _reachable(), transaction() as session:
        audit.defer_until_commit(session)
        ctx = _context(session, access)
        value = work(*args, ctx=ctx, **kwargs)
        queued = _queue_mail(ctx, value)
    _wake_sender(queued)
    return value


@contextmanager
def _reachable() -> Iterator[None]:
    """A lost or refused database connection becomes :class:`Unavailable`. The log names
    the error's class only: a driver's message may quote the statement's values."""
    try:
        yield
    except (OperationalError, InterfaceError, PoolTimeout) as error:
        log.warning("database unreachable: %s", type(error).__name__)
        raise Unavailable() from None


def _queue_mail(ctx: Ctx, value: object) -> int:
    """Write the unit's mail to the outbox in its own transaction: what the use case
    passed to ``ctx.send``, and what it hands back in its value's ``mails`` (the sign-in
    and public-site outcomes, whose routes never wait on mail). The worker sends it; SMTP
    being slow or down never holds up the click, and never loses the mail."""
    sent_ids = {id(mail) for mail in ctx.outbox}
    handed_back = getattr(value, "mails", None)
    extra = [
        mail
        for mail in (handed_back if isinstance(handed_back, list | tuple) else ())
        if isinstance(mail, Mail) and id(mail) not in sent_ids
    ]
    mails = [*ctx.outbox, *extra]
    if not mails:
        return 0
    return outbox.enqueue(ctx.session, mails, now=ctx.now, secret=ctx.secret)


def _wake_sender(queued: int) -> None:
    """After the commit: wake the queue's worker (returns at once; never sends here)."""
    if queued:
        nudge()


def _actor(session: Session, signed_in: sessions.SignedIn) -> Actor:
    """The account as the policy sees it, with the employers its team serves, read in the
    same transaction (an assignment withdrawn a moment ago no longer counts)."""
    account = session.get(Account, signed_in.account_id)
    if account is None:
        raise NotSignedIn()
    return actor_for(session, account)


@use_case()
def do_touch(actor: Actor, *, ctx: Ctx) -> None:
    """Nothing but the session check (and its "last seen"): for a handler that reads no
    data, so a call without a session is still refused."""


@use_case(step_up=True)
def do_confirm_fresh_code(actor: Actor, *, ctx: Ctx) -> None:
    """Nothing but the session check with a fresh code: for an act the browser then does
    itself (a download link), so a stale code is sent to the step-up page first."""


def session_of(caller: Caller) -> int | None:
    """The id of the active session the caller's cookie resolves to, or None: one small
    read (an idle session is ended on the way) for an event that runs no use case of its
    own, so a tab bound to a session can tell it ended (kwportal/ui/middleware.py). A
    public event is no sign of activity: "last seen" stays as it is."""
    with transaction() as session:
        ctx = _context(session, caller.access)
        signed_in = sessions.resolve(session, ctx, caller.token, touch=False)
    return signed_in.session_id if signed_in is not None else None


__all__ = [
    "Caller",
    "Ctx",
    "Done",
    "Gate",
    "NoPerson",
    "NotSignedIn",
    "Refusal",
    "RoleRefused",
    "StepUpNeeded",
    "do_confirm_fresh_code",
    "do_touch",
    "run",
    "run_public",
    "session_of",
    "use_case",
]
