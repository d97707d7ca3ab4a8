"""The employee's "my rights" page as use cases: his own requests (seed ch. 3, A–E) and
filing a new one. The requests themselves, their terms and the desk's side live in
:mod:`kwportal.services.privacy.rights`; this module only puts one click of his into one
unit."""

from __future__ import annotations

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.services.privacy import rights
from kwportal.services.privacy.rights import MAX_TEXT, MyRequest, RightsError
from kwportal.services.unit import Ctx, use_case

__all__ = ["MAX_TEXT", "Mine", "MyRequest", "RightsError", "do_file", "do_list_mine"]

#: his requests, newest first
Mine = tuple[MyRequest, ...]


@use_case(Role.EMPLOYEE, person=True)
def do_list_mine(actor: Actor, *, ctx: Ctx) -> Mine:
    return rights.my_requests(actor, session=ctx.session)


@use_case(Role.EMPLOYEE, person=True)
def do_file(actor: Actor, kind: str, text: str, *, ctx: Ctx) -> Mine:
    """File a request of ``kind`` (``RightsError`` when refused), then his requests read
    again, in the one unit."""
    rights.submit(
        actor, kind, text, session=ctx.session, now=ctx.now, access=ctx.access, secret=ctx.secret
    )
    return rights.my_requests(actor, session=ctx.session)
