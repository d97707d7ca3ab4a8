"""The privacy desk's former access-export download. An access request is answered by
delivering the export to the employee's own page (/my-export; kwportal/services/privacy/
access_export.py), so the desk never receives it (BRIEF.md: "the privacy desk handles the
request, never the medical content"). A post here (a desk page left open from before) runs
nothing and goes back to the desk with that message."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kwportal.ui import routes as paths
from kwportal.ui.api.auth import post_only_same_origin
from kwportal.ui.api.http import redirect

#: kept for the tests that name it here
ACCESS_EXPORT_PATH = paths.API_ACCESS_EXPORT
#: the message the desk shows instead of an export
EMPLOYEE_DOWNLOADS = "desk_export.employee_downloads"


@post_only_same_origin
async def access_export_download(request: Request) -> Response:
    return redirect(paths.RIGHTS_DESK, e=EMPLOYEE_DOWNLOADS)


def routes() -> list[BaseRoute]:
    return [Route(paths.API_ACCESS_EXPORT, access_export_download, methods=["POST"])]
