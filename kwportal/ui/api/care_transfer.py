"""The company doctor's release of the transfer package to a new arbodienst.

A plain form on /care-transfer posts here (same origin only) with the request, the
recipient and how to encrypt: the recipient's age public key, or a passphrase the doctor
hands over another way — or, for a case handed over when its employer changed arbodienst,
the case (its recipient is the successor the administrator named). The passphrase goes
from the form straight to the use case and is kept nowhere. The answer is the
age-encrypted package as an attachment, built, encrypted and recorded as a disclosure in
one unit of work (``run_unit``: session, role, fresh code and the use case in one
transaction) on a worker thread; it passes through no Reflex state. A fresh TOTP code is
asked first (step-up, declared by the use case). Bad input goes back to the page with its
message and writes nothing."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kwportal.services import runner
from kwportal.services.case import handover, transfer
from kwportal.services.privacy.transfer import TransferError
from kwportal.ui import routes as paths
from kwportal.ui.api.auth import post_only_same_origin
from kwportal.ui.api.http import form_fields, redirect, run_unit

FIELDS = (
    "request_id",
    "case_id",
    "recipient",
    "method",
    "age_key",
    "passphrase",
    "passphrase_again",
)


def refused(refusal: runner.Refusal) -> Response:
    """Where a refused release sends the browser: sign in again, a fresh code first and
    back to the page, or the start page."""
    if isinstance(refusal, runner.NotSignedIn):
        return redirect(paths.LOGIN, e="auth.session_expired")
    if isinstance(refusal, runner.StepUpNeeded):
        return redirect(paths.STEP_UP, next=paths.CARE_TRANSFER)
    return redirect(paths.PORTAL, e="auth.not_allowed")


def request_id(raw: str) -> int | None:
    """The request named in the form, or None when it is no number."""
    raw = raw.strip()[:12]
    return int(raw) if raw.isdigit() else None


@post_only_same_origin
async def release_package(request: Request) -> Response:
    fields = await form_fields(request, FIELDS)
    encryption = (fields["method"], fields["age_key"], fields["passphrase"])
    try:
        if fields["case_id"].strip():  # a case handed over on the employer's contract end
            sealed = await run_unit(
                request,
                handover.do_release_case,
                request_id(fields["case_id"]),
                *encryption,
                fields["passphrase_again"],
            )
        else:
            sealed = await run_unit(
                request,
                transfer.do_release_package,
                request_id(fields["request_id"]),
                fields["recipient"],
                *encryption,
                fields["passphrase_again"],
            )
    except runner.Refusal as refusal:
        return refused(refusal)
    except TransferError as error:
        return redirect(paths.CARE_TRANSFER, e=error.code)
    return Response(
        sealed.content,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(sealed.filename)}",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "X-Package-SHA256": sealed.package_sha256,
        },
    )


def routes() -> list[BaseRoute]:
    return [Route(paths.API_CARE_TRANSFER, release_package, methods=["POST"])]
