"""A letter's download (issue 17 item 5): the PDF the case manager posts to an employee the
portal cannot reach, over plain HTTP, never through a state var. A fresh code is needed
(BRIEF.md: re-authentication before a download); the page asks for it first, and this route
sends a stale one to the step-up page, back to the letters page. A letter not of the
caller's employers reads as not found."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kwportal.i18n import normalise_language
from kwportal.services import runner
from kwportal.services.case import letters
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes as paths
from kwportal.ui.api.http import redirect, run_unit

PRIVATE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


async def case_letter(request: Request) -> Response:
    letter_id = int(request.path_params["letter_id"])
    lang = normalise_language(request.query_params.get("lang"))
    try:
        found = await run_unit(request, letters.do_print_letter, letter_id, lang)
    except runner.NotSignedIn:
        return Response("Not signed in", status_code=401, media_type="text/plain")
    except runner.StepUpNeeded:
        return redirect(paths.STEP_UP, next=paths.CASE_LETTERS)
    except (runner.Refusal, PolicyDeniedError, letters.LetterError):
        return Response("Not found", status_code=404, media_type="text/plain")
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{found.filename}"'}
    return Response(found.content, media_type="application/pdf", headers=headers)


def routes() -> list[BaseRoute]:
    return [Route(paths.API_CASE_LETTER, case_letter, methods=["GET"])]
