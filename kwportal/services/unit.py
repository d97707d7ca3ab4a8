"""What a use case is: ``do_<verb>(actor, ..., *, ctx)`` declared with :func:`use_case`
(who may run it), run by :mod:`kwportal.services.runner` with a :class:`Ctx` (the one
transaction, its time and caller, the outbox). Refusals are typed, so the interface maps
each to its one answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from sqlmodel import Session

from kwportal.domain.roles import Role
from kwportal.services.auth.common import Context
from kwportal.services.mail import Mail

if TYPE_CHECKING:
    from kwportal.services.auth.sessions import SignedIn

T = TypeVar("T")
SIGNED_IN_ROLES = tuple(r for r in Role if r is not Role.SYSTEM)


@dataclass(frozen=True, slots=True)
class Ctx(Context):
    """One unit of work: the open transaction, its time and caller, and the outbox whose
    mail goes out only after the commit."""

    session: Session
    signed_in: SignedIn | None = None
    outbox: list[Mail] = field(default_factory=list)

    def send(self, *mails: Mail) -> None:
        self.outbox.extend(mails)


@dataclass(frozen=True, slots=True)
class Gate:
    """What a use case (or a handler's guard) demands of the signed-in account."""

    roles: tuple[Role, ...] = SIGNED_IN_ROLES
    #: the account must be linked to the person it belongs to (every employee use case)
    person: bool = False
    #: a fresh code (step-up) is needed (BRIEF.md: sensitive acts)
    step_up: bool = False


class Refusal(Exception):  # noqa: N818 - a refusal is an outcome, not a fault
    """The unit did not run its use case; the subclass says why."""


class NotSignedIn(Refusal):
    """No active session for the cookie (none, ended, idle or expired)."""


class RoleRefused(Refusal):
    """The account's role may not take this act."""


class NoPerson(Refusal):
    """An employee account not (yet) linked to the person it belongs to."""


class Unavailable(Refusal):
    """The database could not be reached (restarted, failed over, out of connections): the
    unit rolled back, nothing changed, and the page says to try again in a moment (issue 19
    item 4). SQLAlchemy then replaces the pool's dropped connections,
    so the next click works without a restart."""

    message_key = "errors.unavailable"


class StepUpNeeded(Refusal):
    """The act needs a fresh code first; ``act`` names the use case that asked (the step-up
    page says what the code is for, issue 18 item 2) and ``session_id`` the session it was
    asked in (the act waits for that session alone)."""

    def __init__(self, act: str = "", session_id: int | None = None) -> None:
        super().__init__(act)
        self.act, self.session_id = act, session_id


def use_case(
    *roles: Role, person: bool = False, step_up: bool = False
) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Declare who may run a use case; :func:`run` checks it before calling."""

    def mark(fn: Callable[..., T]) -> Callable[..., T]:
        fn.kw_gate = Gate(roles or SIGNED_IN_ROLES, person, step_up)  # type: ignore[attr-defined]
        return fn

    return mark


def gate_of(fn: Callable[..., Any]) -> Gate:
    gate = getattr(fn, "kw_gate", None)
    if not isinstance(gate, Gate):
        raise TypeError(f"{getattr(fn, '__qualname__', fn)} is not a declared use case")
    return gate
