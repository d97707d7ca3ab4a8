"""The privacy desk answers an access request (seed ch. 3 A: "Op uw verzoek worden de
gegevens met u gedeeld") with the same export the employee downloads himself
(kwportal/services/export.py): a ZIP built into a spooled file on the server and streamed as
the HTTP answer, so none of it passes through the officer's Reflex state or page. The desk
hands it over without opening it. ``write_export`` audits the export (ground: legal duty);
a second audit row here links it to the request it answers. Only open access requests; only
the signed-in privacy officer with a fresh TOTP code (``desk_actor``); same origin only."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO

from sqlmodel import Session, select
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.rights import OPEN_STATUSES, RightsKind
from kwportal.models import Account, RightsRequest
from kwportal.services import audit
from kwportal.services.auth.common import Context
from kwportal.services.employee import export
from kwportal.ui.api.auth import post_only_same_origin
from kwportal.ui.api.desk import DESK, desk_actor
from kwportal.ui.api.http import context, form_fields, in_transaction, redirect, token_of

ACCESS_EXPORT_PATH = "/api/desk/access-export"
PRIVATE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def _subject(session: Session, request_id: int | None) -> tuple[int, str]:
    """(employee, his language) of the open access request ``request_id``."""
    request = session.get(RightsRequest, request_id) if request_id is not None else None
    if request is None or request.kind != str(RightsKind.ACCESS):
        raise export.ExportError("desk_export.not_an_access_request")
    if request.status not in {str(s) for s in OPEN_STATUSES}:
        raise export.ExportError("rights.already_answered")
    account = session.exec(
        select(Account).where(Account.employee_id == request.employee_id)
    ).first()
    return request.employee_id, account.language if account else "nl"


def _request_id(raw: str) -> int | None:
    raw = raw.strip()[:12]
    return int(raw) if raw.isdigit() else None


def _prepare(
    session: Session, ctx: Context, token: str, request_id: int | None
) -> tuple[Actor, int] | Response:
    """The desk's actor and the employee, or where to send the browser."""
    found = desk_actor(session, ctx, token)
    if isinstance(found, Response):
        return found
    try:
        employee_id, _lang = _subject(session, request_id)
    except export.ExportError as error:
        return redirect(DESK, e=error.code)
    return found, employee_id


def _build(
    actor: Actor, employee_id: int, request_id: int, out: IO[bytes], ctx: Context
) -> export.ExportSummary:
    with export.export_lock(employee_id), transaction() as session:
        # checked again under the lock: the request may have been answered meanwhile
        subject, lang = _subject(session, request_id)
        if subject != employee_id:
            raise export.ExportError("desk_export.not_an_access_request")
        summary = export.write_export(
            session,
            employee_id,
            out,  # type: ignore[arg-type]
            lang=lang,
            now=ctx.now,
            actor=actor,
            access=ctx.access,
            secret=ctx.secret,
        )
        audit.record(
            session,
            actor=actor,
            access=ctx.access,
            event_type="access_request_export",
            action=audit.Action.EXPORT,
            ground=audit.Ground.LEGAL_DUTY,
            subject_employee_id=employee_id,
            objects=[audit.ObjectRef("rights_request", "rights_request", request_id)],
            details={"records": summary.records, "sha256": summary.files},
            secret=ctx.secret,
            now=ctx.now,
        )
        return summary


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    while chunk := spool.read(export.CHUNK):
        yield chunk


@post_only_same_origin
async def access_export(request: Request) -> Response:
    fields = await form_fields(request, ("request_id",))
    ctx = context(request)
    request_id = _request_id(fields["request_id"])
    found = await in_transaction(_prepare, ctx, token_of(request), request_id)
    if isinstance(found, Response):
        return found
    assert request_id is not None
    actor, employee_id = found
    spool = tempfile.SpooledTemporaryFile(max_size=export.SPOOL_BYTES)  # noqa: SIM115
    try:
        summary = await run_in_threadpool(_build, actor, employee_id, request_id, spool, ctx)
    except export.ExportBusyError:
        spool.close()
        return redirect(DESK, e="desk_export.busy")
    except export.ExportError as error:
        spool.close()
        return redirect(DESK, e=error.code)
    spool.seek(0)
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{summary.filename}"'}
    return StreamingResponse(
        _chunks(spool),
        media_type="application/zip",
        headers=headers,
        background=BackgroundTask(spool.close),
    )


def routes() -> list[BaseRoute]:
    return [Route(ACCESS_EXPORT_PATH, access_export, methods=["POST"])]
