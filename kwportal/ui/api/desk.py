"""The privacy desk's former transfer download. The package holds the medical file, so the
company doctor builds, encrypts and releases it (kwportal/ui/api/care_transfer.py); the
desk keeps the administrative request and never receives the package (BRIEF.md: "the
privacy desk handles the request, never the medical content"). A post here (a desk page
left open from before) runs nothing and goes back to the desk with that message."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kwportal.ui import routes as paths
from kwportal.ui.api.auth import post_only_same_origin
from kwportal.ui.api.http import redirect

#: kept for the tests that name it here
TRANSFER_PATH = paths.API_TRANSFER
#: the message the desk shows instead of a package
DOCTOR_RELEASES = "transfer.doctor_releases"


@post_only_same_origin
async def transfer_package(request: Request) -> Response:
    return redirect(paths.RIGHTS_DESK, e=DOCTOR_RELEASES)


def routes() -> list[BaseRoute]:
    return [Route(paths.API_TRANSFER, transfer_package, methods=["POST"])]
