"""The employee's "my rights" page as use cases: his own requests (seed ch. 3, A–E), each
rectification request with the outcome per field (issue 17 item 2), and filing a new one.
The requests themselves, their terms and the desk's side live in
:mod:`kwportal.services.privacy.rights`; this module only puts one click of his into one
unit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.services.privacy import rectification, rights
from kwportal.services.privacy.rectification import ItemView
from kwportal.services.privacy.rights import MAX_TEXT, MyRequest, RightsError
from kwportal.services.unit import Ctx, use_case

__all__ = [
    "MAX_TEXT",
    "ItemView",
    "Mine",
    "MyRequest",
    "MyRequestLine",
    "RightsError",
    "do_file",
    "do_list_mine",
]


@dataclass(frozen=True, slots=True)
class MyRequestLine:
    """A request of his and, for a rectification, its items with their outcome."""

    request: MyRequest
    items: tuple[ItemView, ...] = ()


#: his requests, newest first
Mine = tuple[MyRequestLine, ...]


def _mine(actor: Actor, ctx: Ctx) -> Mine:
    per_request: dict[int, list[ItemView]] = defaultdict(list)
    for item in rectification.mine(ctx.session, actor):
        per_request[item.request_id].append(item)
    return tuple(
        MyRequestLine(request, tuple(per_request.get(request.request_id, ())))
        for request in rights.my_requests(actor, session=ctx.session)
    )


@use_case(Role.EMPLOYEE, person=True)
def do_list_mine(actor: Actor, *, ctx: Ctx) -> Mine:
    return _mine(actor, ctx)


@use_case(Role.EMPLOYEE, person=True)
def do_file(actor: Actor, kind: str, text: str, *, ctx: Ctx) -> Mine:
    """File a request of ``kind`` (``RightsError`` when refused), then his requests read
    again, in the one unit."""
    rights.submit(
        actor, kind, text, session=ctx.session, now=ctx.now, access=ctx.access, secret=ctx.secret
    )
    return _mine(actor, ctx)
