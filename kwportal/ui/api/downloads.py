"""The employee's downloads over plain HTTP (never through a state var): consent receipts,
case documents, his care addresses and the export of all his data. Each hands its use case
(in ``services/employee``) to the runner, which resolves the session from the HttpOnly
cookie; each serves only the signed-in employee's own file, and anything else reads as
not found."""

from __future__ import annotations

import html
import tempfile
from collections.abc import Iterator
from typing import IO

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from kwportal.i18n import normalise_language, t
from kwportal.i18n.fmt import fmt_date
from kwportal.services import runner
from kwportal.services.employee import export, my_case, my_details, receipts
from kwportal.ui.api.auth import post_only_same_origin
from kwportal.ui.api.http import caller, form_fields, redirect, run_unit
from kwportal.ui.routes import (
    API_CARE_ADDRESS,
    API_DOCUMENT,
    API_EXPORT,
    API_RECEIPT,
    LOGIN,
    MY_CASE,
    MY_CONSENTS,
    MY_EXPORT,
    PORTAL,
    STEP_UP,
    receipt_href,
)

#: the names the tests know (the paths themselves live in ``ui/routes.py``)
EXPORT_PATH = API_EXPORT
__all__ = ["EXPORT_PATH", "receipt_href", "routes"]

PRIVATE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def _not_found() -> Response:
    return Response("Not found", status_code=404, media_type="text/plain")


def _refused(refusal: runner.Refusal, page: str) -> Response:
    """Not signed in: 401; a code older than five minutes: a fresh code first, then back
    to ``page`` (where the link was); any other refusal (another role, no person) reads
    as not found."""
    if isinstance(refusal, runner.NotSignedIn):
        return Response("Not signed in", status_code=401, media_type="text/plain")
    if isinstance(refusal, runner.StepUpNeeded):
        return redirect(STEP_UP, next=page)
    return _not_found()


def _attachment(filename: str) -> dict[str, str]:
    return {**PRIVATE, "Content-Disposition": f'attachment; filename="{filename}"'}


async def consent_receipt(request: Request) -> Response:
    receipt_id = int(request.path_params["receipt_id"])
    try:
        found = await run_unit(request, receipts.do_download_receipt, receipt_id)
    except runner.Refusal as refusal:
        return _refused(refusal, MY_CONSENTS)
    except receipts.ReceiptError:
        return _not_found()
    return Response(
        found.token + "\n", media_type="application/jose", headers=_attachment(found.filename)
    )


async def case_document(request: Request) -> Response:
    document_id = int(request.path_params["document_id"])
    try:
        found = await run_unit(request, my_case.do_download_document, document_id)
    except runner.Refusal as refusal:
        return _refused(refusal, MY_CASE)
    except my_case.MyCaseError:
        return _not_found()
    return Response(
        found.text, media_type="text/plain; charset=utf-8", headers=_attachment(found.filename)
    )


async def care_addresses(request: Request) -> Response:
    """The employee's own care addresses as a tiny framed page: medical-adjacent data that
    stays out of every websocket frame (like the enrolment secret)."""
    lang = normalise_language(request.query_params.get("lang"))
    try:
        addresses = await run_unit(request, my_details.do_care_addresses)
    except runner.Refusal:
        return _not_found()
    items = (
        "".join(
            f"<li>{html.escape(t('details.case_of', lang))} {fmt_date(a.sick_since, lang)}: "
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


def _export_refused(refusal: runner.Refusal) -> Response:
    """The export is a form post from a page: a refusal sends the browser on, as a page
    guard would (sign in again, not allowed, a fresh code first)."""
    if isinstance(refusal, runner.NotSignedIn):
        return redirect(LOGIN, e="auth.session_expired")
    if isinstance(refusal, runner.StepUpNeeded):
        return redirect(STEP_UP, next=MY_EXPORT)
    return redirect(PORTAL, e="auth.not_allowed")


def _locked_export(
    who: runner.Caller, employee_id: int, out: IO[bytes], lang: str
) -> export.ExportSummary:
    """The export's own unit, under the person's one export slot (its own short
    transactions, so it is held around the unit, never inside it)."""
    with export.export_lock(employee_id):
        return runner.run(who, export.do_export, out, lang).value


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    while chunk := spool.read(export.CHUNK):
        yield chunk


async def my_export(request: Request) -> Response:
    """One tap: the ZIP, built into a spooled temporary file and streamed; a second
    request while one runs is sent back with a message."""
    fields = await form_fields(request, ("lang",))
    try:
        employee_id = await run_unit(request, export.do_begin_export)
    except runner.Refusal as refusal:
        return _export_refused(refusal)
    spool = tempfile.SpooledTemporaryFile(max_size=export.SPOOL_BYTES)  # noqa: SIM115
    try:
        summary = await run_in_threadpool(
            _locked_export, caller(request), employee_id, spool, fields["lang"]
        )
    except runner.Refusal as refusal:
        spool.close()
        return _export_refused(refusal)
    except export.ExportError as error:
        spool.close()
        return redirect(MY_EXPORT, e=error.code)
    spool.seek(0)
    return StreamingResponse(
        _chunks(spool),
        media_type="application/zip",
        headers=_attachment(summary.filename),
        background=BackgroundTask(spool.close),
    )


def routes() -> list[BaseRoute]:
    return [
        Route(API_RECEIPT, consent_receipt, methods=["GET"]),
        Route(API_DOCUMENT, case_document, methods=["GET"]),
        Route(API_CARE_ADDRESS, care_addresses, methods=["GET"]),
        Route(API_EXPORT, post_only_same_origin(my_export), methods=["POST"]),
    ]
