"""The privacy desk's downloads: the transfer package for a new arbodienst.

A plain form on /rights-desk posts here (same origin only); the answer is the signed ZIP as
an attachment, built and committed in one transaction on a worker thread. The package goes
from the database to the browser's download without passing through any Reflex state, so
the medical content never sits in the officer's session or page (kwportal/domain/policy.py:
the privacy officer has no access to the medical category). A fresh TOTP code is asked
first (step-up), as before every download (BRIEF.md, Security).
"""

from __future__ import annotations

from urllib.parse import quote

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account
from kwportal.services.auth import sessions
from kwportal.services.auth.actors import actor_for
from kwportal.services.auth.common import Context
from kwportal.services.privacy import transfer
from kwportal.ui.api.auth import post_only_same_origin
from kwportal.ui.api.http import context, form_fields, in_transaction, redirect, token_of

DESK = "/rights-desk"
TRANSFER_PATH = "/api/desk/transfer"


def desk_actor(session: Session, ctx: Context, token: str) -> Actor | Response:
    """The signed-in privacy officer with a fresh TOTP code, or where to send the browser."""
    signed_in = sessions.resolve(session, ctx, token)
    if signed_in is None:
        return redirect("/login", e="auth.session_expired")
    if signed_in.role is not Role.PRIVACY_OFFICER:
        return redirect("/portal", e="auth.not_allowed")
    if sessions.needs_step_up(signed_in, ctx.now):
        return redirect("/stepup", next=DESK)
    account = session.get(Account, signed_in.account_id)
    assert account is not None
    return actor_for(session, account)


def _build(session: Session, ctx: Context, token: str, fields: dict[str, str]) -> Response:
    actor = desk_actor(session, ctx, token)
    if isinstance(actor, Response):
        return actor
    raw_id = fields["request_id"].strip()[:12]
    try:
        if not raw_id.isdigit():
            raise transfer.TransferError("transfer.not_a_transfer")
        package = transfer.build_package(
            actor,
            int(raw_id),
            fields["recipient"],
            session=session,
            now=ctx.now,
            access=ctx.access,
            secret=ctx.secret,
            origin=ctx.origin,
            lang="nl",
        )
    except transfer.TransferError as error:
        return redirect(DESK, e=error.code)
    return Response(
        package.content,
        media_type="application/zip",
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(package.filename)}",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "X-Package-SHA256": package.sha256,
        },
    )


@post_only_same_origin
async def transfer_package(request: Request) -> Response:
    fields = await form_fields(request, ("request_id", "recipient"))
    return await in_transaction(_build, context(request), token_of(request), fields)


def routes() -> list[BaseRoute]:
    return [Route(TRANSFER_PATH, transfer_package, methods=["POST"])]
