"""The employee's downloads over plain HTTP (never through a state var): consent receipts
and the export of all his data. Each resolves the session from the HttpOnly cookie and
serves only the signed-in employee's own file; anything else reads as not found."""

from __future__ import annotations

import html
import tempfile
from collections.abc import Iterator
from typing import IO

from sqlmodel import Session
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.i18n import normalise_language, t
from kwportal.models import Account
from kwportal.services.auth import sessions
from kwportal.services.auth.actors import actor_for
from kwportal.services.auth.common import Context
from kwportal.services.employee import export, my_case, my_details, receipts
from kwportal.ui.api.auth import post_only_same_origin
from kwportal.ui.api.http import context, form_fields, in_transaction, redirect, token_of

CARE_ADDRESS_PATH = "/api/my/care-address"
DOCUMENT_PATH = "/api/my/case-document/{document_id:int}"
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


def _care_addresses(session: Session, ctx: Context, token: str, lang: str) -> Response:
    """The employee's own care addresses as a tiny framed page: medical-adjacent data that
    stays out of every websocket frame (like the enrolment secret)."""
    signed_in = sessions.resolve(session, ctx, token)
    account = session.get(Account, signed_in.account_id) if signed_in else None
    if signed_in is None or account is None or signed_in.role is not Role.EMPLOYEE:
        return Response("Not found", status_code=404, media_type="text/plain")
    _, addresses = my_details.my_details(session, actor_for(session, account))
    items = (
        "".join(
            f"<li>{html.escape(t('details.case_of', lang))} {a.sick_since.isoformat()}: "
            f"{html.escape(a.address)}</li>"
            for a in addresses
        )
        or f"<li>{html.escape(t('details.no_care', lang))}</li>"
    )
    body = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(t('details.field.care_address', lang))}</title>"
        '<link rel="stylesheet" href="/kwportal.css"></head>'
        f'<body class="frame-body"><ul class="plain">{items}</ul></body></html>'
    )
    return HTMLResponse(body, headers={**PRIVATE, "Referrer-Policy": "same-origin"})


async def care_addresses(request: Request) -> Response:
    lang = normalise_language(request.query_params.get("lang"))
    return await in_transaction(_care_addresses, context(request), token_of(request), lang)


def document_href(document_id: int) -> str:
    return DOCUMENT_PATH.replace("{document_id:int}", str(document_id))


def _document(session: Session, ctx: Context, token: str, document_id: int) -> Response:
    signed_in = sessions.resolve(session, ctx, token)
    if signed_in is None:
        return Response("Not signed in", status_code=401, media_type="text/plain")
    account = session.get(Account, signed_in.account_id)
    if account is None or signed_in.role is not Role.EMPLOYEE:
        return Response("Not found", status_code=404, media_type="text/plain")
    try:
        found = my_case.download_document(
            session,
            actor_for(session, account),
            document_id,
            now=ctx.now,
            access=ctx.access,
            secret=ctx.secret,
        )
    except my_case.MyCaseError:
        return Response("Not found", status_code=404, media_type="text/plain")
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{found.filename}"'}
    return Response(found.text, media_type="text/plain; charset=utf-8", headers=headers)


async def case_document(request: Request) -> Response:
    document_id = int(request.path_params["document_id"])
    return await in_transaction(_document, context(request), token_of(request), document_id)


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
        Route(DOCUMENT_PATH, case_document, methods=["GET"]),
        Route(CARE_ADDRESS_PATH, care_addresses, methods=["GET"]),
        Route(EXPORT_PATH, post_only_same_origin(my_export), methods=["POST"]),
    ]
