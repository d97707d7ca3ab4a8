"""The privacy desk answers an access request with the employee's own export
(kwportal/services/privacy/access_export.py): a ZIP written into a spooled file on the
server and streamed as the HTTP answer, so none of it passes through the officer's Reflex
state or page. Only the signed-in privacy officer with a fresh TOTP code (the use cases
declare it); same origin only.

The export holds the employee's one export slot (``export.export_lock``, a row committed on
its own) around the unit that writes it, so the route runs two units: the first finds whose
request it is (and answers a refusal), the second writes the export under that slot."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import IO

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from kwportal.services import runner
from kwportal.services.employee import export
from kwportal.services.privacy import access_export
from kwportal.ui import routes as paths
from kwportal.ui.api.auth import post_only_same_origin
from kwportal.ui.api.desk import refused, request_id
from kwportal.ui.api.http import form_fields, redirect, run_unit

#: kept for the tests that name it here
ACCESS_EXPORT_PATH = paths.API_ACCESS_EXPORT
PRIVATE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


@asynccontextmanager
async def _export_slot(employee_id: int) -> AsyncIterator[None]:
    """The employee's one export slot, taken and given back on a worker thread (it is a row
    of its own, committed apart from the unit that writes the export)."""
    slot = export.export_lock(employee_id)
    await run_in_threadpool(slot.__enter__)
    try:
        yield
    finally:
        await run_in_threadpool(slot.__exit__, None, None, None)


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    while chunk := spool.read(export.CHUNK):
        yield chunk


@post_only_same_origin
async def access_export_download(request: Request) -> Response:
    fields = await form_fields(request, ("request_id",))
    asked = request_id(fields["request_id"])
    spool = tempfile.SpooledTemporaryFile(max_size=export.SPOOL_BYTES)  # noqa: SIM115
    try:
        employee_id = await run_unit(request, access_export.do_find_subject, asked)
        assert asked is not None
        async with _export_slot(employee_id):
            summary = await run_unit(request, access_export.do_export, asked, employee_id, spool)
    except runner.Refusal as refusal:
        spool.close()
        return refused(refusal)
    except export.ExportBusyError:
        spool.close()
        return redirect(paths.RIGHTS_DESK, e="desk_export.busy")
    except export.ExportError as error:
        spool.close()
        return redirect(paths.RIGHTS_DESK, e=error.code)
    spool.seek(0)
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{summary.filename}"'}
    return StreamingResponse(
        _chunks(spool),
        media_type="application/zip",
        headers=headers,
        background=BackgroundTask(spool.close),
    )


def routes() -> list[BaseRoute]:
    return [Route(paths.API_ACCESS_EXPORT, access_export_download, methods=["POST"])]
