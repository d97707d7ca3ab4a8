"""The re-integration report's download (issue 15 item 3): a PDF over plain HTTP, never
through a state var, for the employer contact of the case's organisation and the employee
himself. A fresh code is needed (BRIEF.md: re-authentication before a download); the page's
link asks for it first (``DownloadReport`` handlers), and this route sends a stale one to
the step-up page, back to the page the link was on. Any case not the caller's reads as not
found."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kwportal.i18n import normalise_language
from kwportal.services import runner
from kwportal.services.case import reintegration_report as report
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes as paths
from kwportal.ui.api.http import redirect, run_unit

PRIVATE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def _back(request: Request, case_id: int) -> str:
    """The page to return to after a fresh code: the employer's plan page or /my-plan."""
    if request.query_params.get("back") == "employer":
        return paths.case_href(paths.EMPLOYER_PLAN, case_id)
    return paths.MY_PLAN


async def reintegration_report(request: Request) -> Response:
    case_id = int(request.path_params["case_id"])
    lang = normalise_language(request.query_params.get("lang"))
    try:
        found = await run_unit(request, report.do_download_reintegration_report, case_id, lang)
    except runner.NotSignedIn:
        return Response("Not signed in", status_code=401, media_type="text/plain")
    except runner.StepUpNeeded:
        return redirect(paths.STEP_UP, next=_back(request, case_id))
    except (runner.Refusal, PolicyDeniedError):
        return Response("Not found", status_code=404, media_type="text/plain")
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{found.filename}"'}
    return Response(found.content, media_type="application/pdf", headers=headers)


def routes() -> list[BaseRoute]:
    return [Route(paths.API_REINTEGRATION_REPORT, reintegration_report, methods=["GET"])]
