"""The privacy desk's rights queue as one click each (seed ch. 3): the open requests, overdue
first, each transfer request with the status of the package the company doctor released
and each rectification request with its items; answer (an access request: by delivering
the export to the employee's own page), apply or refuse an identity item of a
rectification (issue 17 item 2; no extension of the four weeks, item 4), or confirm that
the new arbodienst received the package. Beside the queue, the
delivered exports: when each was delivered and downloaded. Each use case returns the
refreshed page, so a click is one unit (kwportal/services/runner.py). Who asked and what he
wrote; nothing from the medical file (rights.py, access_export.py, transfer.py)."""

from __future__ import annotations

from dataclasses import dataclass

from kwportal.domain.policy import Actor
from kwportal.domain.rights import OPEN_STATUSES, RightsKind
from kwportal.domain.roles import Role
from kwportal.models import RightsRequest
from kwportal.services.privacy import access_export, rectification, rights, transfer
from kwportal.services.unit import Ctx, use_case


@dataclass(frozen=True, slots=True)
class DeskItem:
    """A request in the queue; ``transfer`` only for a transfer request."""

    line: rights.QueueLine
    transfer: transfer.TransferStatus | None = None
    #: a rectification request's items, as the desk may see them (no health datum)
    items: tuple[rectification.ItemView, ...] = ()


@dataclass(frozen=True, slots=True)
class DeskPage:
    """The open requests, and the exports delivered lately."""

    queue: tuple[DeskItem, ...] = ()
    delivered: tuple[access_export.DeliveredLine, ...] = ()


def _page(actor: Actor, ctx: Ctx) -> DeskPage:
    delivered = access_export.desk_deliveries(
        actor, session=ctx.session, now=ctx.now, access=ctx.access, secret=ctx.secret
    )
    return DeskPage(_queue(actor, ctx), delivered)


def _queue(actor: Actor, ctx: Ctx) -> tuple[DeskItem, ...]:
    """The queue (its read logged per employee) and the transfer status of each requester
    of a transfer."""
    lines = rights.queue(
        actor,
        ctx.today,
        session=ctx.session,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
    )
    transfers = {line.employee_id for line in lines if line.kind is RightsKind.TRANSFER}
    found = transfer.statuses(actor, transfers, session=ctx.session)
    items = rectification.desk_items(
        ctx.session,
        actor,
        [line.request_id for line in lines if line.kind is RightsKind.RECTIFICATION],
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
    )
    return tuple(
        DeskItem(
            line,
            found.get(line.employee_id, transfer.TransferStatus())
            if line.kind is RightsKind.TRANSFER
            else None,
            items.get(line.request_id, ()),
        )
        for line in lines
    )


@use_case(Role.PRIVACY_OFFICER)
def do_queue(actor: Actor, *, ctx: Ctx) -> DeskPage:
    return _page(actor, ctx)


@use_case(Role.PRIVACY_OFFICER)
def do_answer(actor: Actor, request_id: int, answer_text: str, *, ctx: Ctx) -> DeskPage:
    """Answer a request, then the refreshed page, in the one unit. An access request is
    answered by delivering the export to the employee's page; the content-free mail that
    tells him goes out after the commit. An open request to stop is not answered here: on
    /restrictions it is granted (the stop starts and the request is answered in one unit)
    or refused with its reason, so no answer leaves him unrestricted by accident."""
    _not_a_stop(ctx, request_id)
    mail = rights.answer(
        actor,
        request_id,
        answer_text,
        session=ctx.session,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
        origin=ctx.origin,
    )
    if mail is not None:
        ctx.send(mail)
    return _page(actor, ctx)


def _not_a_stop(ctx: Ctx, request_id: int) -> None:
    request = ctx.session.get(RightsRequest, request_id)
    if (
        request is not None
        and request.kind == str(RightsKind.STOP)
        and request.status in {str(s) for s in OPEN_STATUSES}
    ):
        raise rights.RightsError("rights_desk.stop_elsewhere")


@use_case(Role.PRIVACY_OFFICER)
def do_decide(actor: Actor, item_id: int, apply: bool, reason: str, *, ctx: Ctx) -> DeskPage:
    """Apply or refuse one item of a rectification request (the policy decides which
    fields the desk may), then the refreshed page; the mail that tells the employee goes
    out after the commit."""
    mails = rectification.decide(
        ctx.session,
        actor,
        item_id,
        apply=apply,
        reason=reason,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
        origin=ctx.origin,
    )
    ctx.send(*mails)
    return _page(actor, ctx)


@use_case(Role.PRIVACY_OFFICER)
def do_confirm_transfer(actor: Actor, request_id: int, *, ctx: Ctx) -> DeskPage:
    """The new arbodienst confirmed receipt of the package of the request named."""
    transfer.confirm_receipt(
        actor,
        request_id,
        session=ctx.session,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
    )
    return _page(actor, ctx)
