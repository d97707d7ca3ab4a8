"""The employee's downloads over plain HTTP (never through a state var): consent receipts
and the export of all his data. Each resolves the session from the HttpOnly cookie and
serves only the signed-in employee's own file; anything else reads as not found."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO

from sqlmodel import Session
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account
from kwportal.services import export, receipts
from kwportal.services.actors import actor_for
from kwportal.services.auth import sessions
from kwportal.services.auth.common import Context
from kwportal.ui.api.auth import post_only_same_origin
from kwportal.ui.api.http import context, form_fields, in_transaction, redirect, token_of

EXPORT_PATH = "/api/my/export"
EXPORT_PAGE = "/my-export"

RECEIPT_PATH = "/api/my/consent-receipt/{receipt_id:int}"
PRIVATE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def receipt_href(receipt_id: int) -> str:
    return RECEIPT_PATH.replace("{receipt_id:int}", str(receipt_id))


def _receipt(session: Session, ctx: Context, token: str, receipt_id: int) -> Response:
    signed_in = sessions.resolve(session, ctx, token)
    if signed_in is None:
        return Response("Not signed in", status_code=401, media_type="text/plain")
    account = session.get(Account, signed_in.account_id)
    if account is None or signed_in.role is not Role.EMPLOYEE:
        return Response("Not found", status_code=404, media_type="text/plain")
    try:
        found = receipts.own_receipt(session, actor_for(session, account), receipt_id)
    except receipts.ReceiptError:
        return Response("Not found", status_code=404, media_type="text/plain")
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{found.filename}"'}
    return Response(found.token + "\n", media_type="application/jose", headers=headers)


async def consent_receipt(request: Request) -> Response:
    receipt_id = int(request.path_params["receipt_id"])
    return await in_transaction(_receipt, context(request), token_of(request), receipt_id)


def _employee(session: Session, ctx: Context, token: str) -> Actor | Response:
    signed_in = sessions.resolve(session, ctx, token)
    if signed_in is None:
        return redirect("/login", e="auth.session_expired")
    account = session.get(Account, signed_in.account_id)
    if account is None or signed_in.role is not Role.EMPLOYEE or account.employee_id is None:
        return redirect("/portal", e="auth.not_allowed")
    if sessions.needs_step_up(signed_in, ctx.now):
        return redirect("/stepup", next=EXPORT_PAGE)
    return actor_for(session, account)


def _build(actor: Actor, out: IO[bytes], lang: str, ctx: Context) -> export.ExportSummary:
    assert actor.employee_id is not None
    with export.export_lock(actor.employee_id), transaction() as session:
        return export.write_export(
            session,
            actor.employee_id,
            out,  # type: ignore[arg-type]
            lang=lang,
            now=ctx.now,
            actor=actor,
            access=ctx.access,
            secret=ctx.secret,
        )


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    while chunk := spool.read(export.CHUNK):
        yield chunk


async def my_export(request: Request) -> Response:
    """One tap: the ZIP, built into a spooled temporary file and streamed; a second
    request while one runs is sent back with a message."""
    fields = await form_fields(request, ("lang",))
    ctx = context(request)
    found = await in_transaction(_employee, ctx, token_of(request))
    if isinstance(found, Response):
        return found
    spool = tempfile.SpooledTemporaryFile(max_size=export.SPOOL_BYTES)  # noqa: SIM115
    try:
        summary = await run_in_threadpool(_build, found, spool, fields["lang"], ctx)
    except export.ExportError as error:
        spool.close()
        return redirect(EXPORT_PAGE, e=error.code)
    spool.seek(0)
    headers = {
        **PRIVATE,
        "Content-Disposition": f'attachment; filename="{summary.filename}"',
    }
    return StreamingResponse(
        _chunks(spool),
        media_type="application/zip",
        headers=headers,
        background=BackgroundTask(spool.close),
    )


def routes() -> list[BaseRoute]:
    return [
        Route(RECEIPT_PATH, consent_receipt, methods=["GET"]),
        Route(EXPORT_PATH, post_only_same_origin(my_export), methods=["POST"]),
    ]
