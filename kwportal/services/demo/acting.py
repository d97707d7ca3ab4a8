"""The demo seed acts through the same use cases the pages call (issue 15 item 9): each
demo record is made by ``act(session, account, do_x, ...)`` as the account that would make
it on a page, at the moment it would have been made. The gate the runner checks is the
use case's own ``kw_gate``; it is checked here too, so the demo cannot do what a page
could not. Mail the use case queues is dropped: demo addresses receive nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlmodel import Session

from kwportal.models import Account
from kwportal.services import audit
from kwportal.services.auth.actors import actor_for
from kwportal.services.unit import Ctx

T = TypeVar("T")
DEMO_ACCESS = audit.AccessPoint(ip="cli", agent="demo-seed")
DEMO_ORIGIN = "http://localhost"


def act(
    session: Session,
    account: Account,
    work: Callable[..., T],
    *args: Any,
    now: datetime,
    secret: str,
    **kwargs: Any,
) -> T:
    """Run ``work`` as ``account`` in the seed's transaction, at ``now``."""
    gate = getattr(work, "kw_gate", None)
    if gate is not None and account.role not in {str(r) for r in gate.roles}:
        raise PermissionError(f"{work.__name__} is not open to {account.role}")
    ctx = Ctx(access=DEMO_ACCESS, now=now, secret=secret, origin=DEMO_ORIGIN, session=session)
    return work(actor_for(session, account), *args, ctx=ctx, **kwargs)
