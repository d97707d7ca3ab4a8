"""The employee's downloads over plain HTTP (never through a state var): consent receipts.
Each resolves the session from the HttpOnly cookie and serves only the signed-in
employee's own file; anything else reads as not found."""

from __future__ import annotations

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kwportal.domain.roles import Role
from kwportal.models import Account
from kwportal.services import receipts
from kwportal.services.actors import actor_for
from kwportal.services.auth import sessions
from kwportal.services.auth.common import Context
from kwportal.ui.api.http import context, in_transaction, token_of

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


def routes() -> list[BaseRoute]:
    return [Route(RECEIPT_PATH, consent_receipt, methods=["GET"])]
