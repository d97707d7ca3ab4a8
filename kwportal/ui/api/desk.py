"""The privacy desk's downloads: the transfer package for a new arbodienst.

A plain form on /rights-desk posts here (same origin only); the answer is the signed ZIP as
an attachment, built and committed in one unit of work (``run_unit``: session, role, fresh
code and the use case in one transaction) on a worker thread. The package goes from the
database to the browser's download without passing through any Reflex state, so the
medical content never sits in the officer's session or page (kwportal/domain/policy.py:
the privacy officer has no access to the medical category). A fresh TOTP code is asked
first (step-up), as before every download (BRIEF.md, Security): the use case declares it.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kwportal.services import runner
from kwportal.services.privacy import transfer
from kwportal.ui import routes as paths
from kwportal.ui.api.auth import post_only_same_origin
from kwportal.ui.api.http import form_fields, redirect, run_unit

#: kept for the tests that name it here
TRANSFER_PATH = paths.API_TRANSFER


def refused(refusal: runner.Refusal) -> Response:
    """Where a refused desk download sends the browser: sign in again, the start page, or
    a fresh code first and back to the desk."""
    if isinstance(refusal, runner.NotSignedIn):
        return redirect(paths.LOGIN, e="auth.session_expired")
    if isinstance(refusal, runner.StepUpNeeded):
        return redirect(paths.STEP_UP, next=paths.RIGHTS_DESK)
    return redirect(paths.PORTAL, e="auth.not_allowed")


def request_id(raw: str) -> int | None:
    """The request named in the form, or None when it is no number."""
    raw = raw.strip()[:12]
    return int(raw) if raw.isdigit() else None


@post_only_same_origin
async def transfer_package(request: Request) -> Response:
    fields = await form_fields(request, ("request_id", "recipient"))
    try:
        package = await run_unit(
            request,
            transfer.do_build_package,
            request_id(fields["request_id"]),
            fields["recipient"],
        )
    except runner.Refusal as refusal:
        return refused(refusal)
    except transfer.TransferError as error:
        return redirect(paths.RIGHTS_DESK, e=error.code)
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


def routes() -> list[BaseRoute]:
    return [Route(paths.API_TRANSFER, transfer_package, methods=["POST"])]
