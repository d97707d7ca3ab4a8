"""The employer's HTTP routes: the roster upload (a plain multipart form, read with a size
limit while it streams in, staged in the database, never in a Reflex state) and the CSV of
the anonymised reports (formula cells escaped). Both need a signed-in employer contact; the
download also a recent TOTP (step-up, BRIEF.md "Security")."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kwportal.i18n import normalise_language, t
from kwportal.services import runner
from kwportal.services.employer import reports as employer_reports
from kwportal.services.employer import roster
from kwportal.services.employer.roster_csv import MAX_BYTES, write_csv
from kwportal.ui.api import pages, too_large
from kwportal.ui.api.http import forbidden, redirect, run_unit
from kwportal.ui.routes import (
    API_REPORTS_CSV,
    API_ROSTER,
    EMPLOYER_REPORTS,
    EMPLOYER_ROSTER,
    LOGIN,
    STEP_UP,
)

UPLOAD_OVERHEAD = 64 * 1024
"""Room for the multipart framing around the file itself."""
SESSION_EXPIRED = "auth.session_expired"


class TooLargeError(Exception):
    pass


async def _limited_body(request: Request, limit: int) -> bytes:
    """The request body, refused as soon as it passes ``limit`` (the declared length first,
    then every chunk as it arrives): a 50 MB upload is never held in memory."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLargeError
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLargeError
        chunks.append(chunk)
    return b"".join(chunks)


async def _one_file(request: Request, body: bytes) -> tuple[str, bytes] | None:
    async def replay() -> AsyncGenerator[bytes, None]:
        yield body

    parser = MultiPartParser(
        request.headers, replay(), max_files=1, max_fields=5, max_part_size=1024
    )
    try:
        form = await parser.parse()
    except MultiPartException:
        return None
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    content = await upload.read()
    return upload.filename, content


async def upload_roster(request: Request) -> Response:
    if not pages.same_origin_ok(request):
        return forbidden()
    try:
        # the account is checked before a byte of the file is read
        await run_unit(request, roster.do_open_upload)
    except runner.Refusal:
        return redirect(LOGIN, e=SESSION_EXPIRED)
    if "multipart/form-data" not in request.headers.get("content-type", ""):
        return redirect(EMPLOYER_ROSTER, e="roster.error.no_file")
    try:
        body = await _limited_body(request, MAX_BYTES + UPLOAD_OVERHEAD)
    except TooLargeError:
        await too_large.drain(request)
        return redirect(EMPLOYER_ROSTER, e="roster.error.too_large")
    found = await _one_file(request, body)
    if found is None or not found[1]:
        return redirect(EMPLOYER_ROSTER, e="roster.error.no_file")
    filename, content = found
    if len(content) > MAX_BYTES:
        return redirect(EMPLOYER_ROSTER, e="roster.error.too_large")
    try:
        upload_id = await run_unit(request, roster.do_stage, filename, content)
    except runner.Refusal:
        return redirect(LOGIN, e=SESSION_EXPIRED)
    return redirect(EMPLOYER_ROSTER, upload=upload_id)


def labels(lang: str) -> dict[str, str]:
    """The CSV's words in the reader's language."""
    keys = {
        "table": "reports.table",
        "department": "reports.department",
        "column": "reports.column",
        "value": "reports.value",
        "total": "reports.total",
        "no_department": "reports.no_department",
        "legend": "reports.legend",
    }
    out = {name: t(key, lang) for name, key in keys.items()}
    for table in ("absence", "frequency", "durations"):
        out[f"table.{table}"] = t(f"reports.table.{table}", lang)
    for column in (
        *employer_reports.QUARTERS,
        *(c for c, _, _ in employer_reports.DURATION_CLASSES),
    ):
        out[f"col.{column}"] = t(f"reports.col.{column}", lang)
    return out


async def reports_csv(request: Request) -> Response:
    raw_year = request.query_params.get("year", "")
    # another year (or none) falls back to this one in the service
    year = int(raw_year) if raw_year.isdigit() and len(raw_year) == 4 else 0
    try:
        download = await run_unit(request, employer_reports.do_download_reports, year)
    except runner.StepUpNeeded:
        return redirect(STEP_UP, next=EMPLOYER_REPORTS)
    except runner.Refusal:
        return redirect(LOGIN, e=SESSION_EXPIRED)
    result = download.reports
    lang = normalise_language(request.query_params.get("lang") or download.language)
    body = "\ufeff" + write_csv(employer_reports.csv_rows(result, labels(lang)))
    return Response(
        body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="verzuimcijfers-{result.year}.csv"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def routes() -> list[Route]:
    return [
        Route(API_ROSTER, upload_roster, methods=["POST"]),
        Route(API_REPORTS_CSV, reports_csv, methods=["GET"]),
    ]
