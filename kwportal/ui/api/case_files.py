"""A case's files over plain HTTP (issue 15 item 4), never through a page state: the upload
is a multipart form posted from ``/case-files`` (only from our own pages; the account and
the case are checked before a byte of the file is read; the body is read with a cap while it
streams in), made safe outside the unit of work (``services/case/upload_files``) and stored
in one unit; every answer sends the browser back to the page with its outcome. A download
needs a fresh code, is audited, and is served as an attachment that the browser may not
sniff into another type. Anything the signed-in account may not read is "not found"."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kwportal.domain.uploads import MAX_UPLOAD_BYTES, UploadRefusedError
from kwportal.services import runner
from kwportal.services.case import upload_files, uploads
from kwportal.ui.api import pages, too_large
from kwportal.ui.api.http import forbidden, redirect, run_unit
from kwportal.ui.routes import (
    API_CASE_FILE,
    API_CASE_UPLOAD,
    CASE_FILES,
    LOGIN,
    PORTAL,
    STEP_UP,
    case_id_from,
)

#: room for the multipart framing around the file itself
UPLOAD_OVERHEAD = 64 * 1024
FILE_FIELD = "file"
HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    # opened in a tab after all, the file runs nothing and loads nothing
    "Content-Security-Policy": "default-src 'none'; sandbox",
}


class TooLargeError(Exception):
    pass


def _back(case_id: int | None, **query: str | int) -> Response:
    """To the page the form is on, with the outcome (``done`` or ``e``)."""
    return redirect(CASE_FILES, **({"case": case_id} if case_id else {}), **query)


def _refused(refusal: runner.Refusal) -> Response:
    if isinstance(refusal, runner.NotSignedIn):
        return redirect(LOGIN, e="auth.session_expired")
    return redirect(PORTAL, e="auth.not_allowed")


async def _capped(request: Request, limit: int) -> AsyncGenerator[bytes, None]:
    """The body as it streams in, cut off as soon as it passes ``limit`` (the declared
    length is checked first): an oversized upload is never held in memory."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLargeError
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLargeError
        yield chunk


async def _the_file(request: Request) -> tuple[str, bytes] | None:
    """The one file of the form (name and bytes), or None when there is none."""
    parser = MultiPartParser(
        request.headers,
        _capped(request, MAX_UPLOAD_BYTES + UPLOAD_OVERHEAD),
        max_files=1,
        max_fields=5,
        max_part_size=1024,
    )
    try:
        form = await parser.parse()
    except MultiPartException:
        return None
    upload = form.get(FILE_FIELD)
    if not isinstance(upload, UploadFile) or not upload.filename:
        await form.close()
        return None
    content = await upload.read(MAX_UPLOAD_BYTES + 1)
    await form.close()
    return upload.filename[:500], content


async def upload_file(request: Request) -> Response:
    if not pages.same_origin_ok(request):
        return forbidden()
    asked = case_id_from(str(request.url))
    try:
        case_id = await run_unit(request, uploads.do_open_upload, asked)
    except runner.Refusal as refusal:
        return _refused(refusal)
    except uploads.CaseFilesError as error:
        return _back(asked, e=error.code)
    if "multipart/form-data" not in request.headers.get("content-type", ""):
        return _back(asked, e="case_files.error.no_file")
    try:
        found = await _the_file(request)
    except TooLargeError:
        await too_large.drain(request)
        return _back(asked, e="case_files.error.too_large")
    if found is None:
        return _back(asked, e="case_files.error.no_file")
    try:
        clean = await run_in_threadpool(upload_files.prepare, *found)
        upload_id = await run_unit(request, uploads.do_upload, case_id, clean)
    except runner.Refusal as refusal:
        return _refused(refusal)
    except (UploadRefusedError, uploads.CaseFilesError) as error:
        return _back(asked, e=error.code)
    return _back(asked, done=upload_id)


def _not_found() -> Response:
    return Response("Not found", status_code=404, media_type="text/plain", headers=HEADERS)


async def case_file(request: Request) -> Response:
    upload_id = int(request.path_params["upload_id"])
    try:
        found = await run_unit(request, uploads.do_download_file, upload_id)
    except runner.NotSignedIn:
        return Response("Not signed in", status_code=401, media_type="text/plain")
    except runner.StepUpNeeded:
        return redirect(STEP_UP, next=CASE_FILES)
    except (runner.Refusal, uploads.CaseFilesError):
        return _not_found()
    return Response(
        found.content,
        media_type=found.content_type,
        headers={
            **HEADERS,
            "Content-Disposition": f'attachment; filename="{found.filename}"',
        },
    )


def routes() -> list[BaseRoute]:
    return [
        Route(API_CASE_UPLOAD, upload_file, methods=["POST"]),
        Route(API_CASE_FILE, case_file, methods=["GET"]),
    ]
