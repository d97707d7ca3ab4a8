"""The employer's HTTP routes: the roster upload (a plain multipart form, read with a size
limit while it streams in, staged in the database, never in a Reflex state) and the CSV of
the anonymised reports (formula cells escaped). Both need a signed-in employer contact; the
download also a recent TOTP (step-up, BRIEF.md "Security")."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.i18n import normalise_language, t
from kwportal.models import Account
from kwportal.services.auth import sessions
from kwportal.services.auth.actors import actor_for
from kwportal.services.auth.common import Context
from kwportal.services.employer import reports as employer_reports
from kwportal.services.employer import roster
from kwportal.services.employer.roster_csv import MAX_BYTES, write_csv
from kwportal.ui.api import pages
from kwportal.ui.api.http import context, forbidden, in_transaction, redirect, token_of

ROSTER_PAGE = "/employer-roster"
REPORTS_PAGE = "/employer-reports"
UPLOAD_OVERHEAD = 64 * 1024
"""Room for the multipart framing around the file itself."""


class TooLargeError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class _Employer:
    actor: Actor
    language: str
    fresh_totp: bool


def _employer(session: Session, ctx: Context, token: str) -> _Employer | None:
    signed_in = sessions.resolve(session, ctx, token)
    if signed_in is None or signed_in.role is not Role.EMPLOYER_CONTACT:
        return None
    account = session.get(Account, signed_in.account_id)
    if account is None:
        return None
    fresh = not sessions.needs_step_up(signed_in, ctx.now)
    return _Employer(actor_for(session, account), signed_in.language, fresh)


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
    ctx = context(request)
    who = await in_transaction(_employer, ctx, token_of(request))
    if who is None:
        return redirect("/login", e="auth.session_expired")
    if "multipart/form-data" not in request.headers.get("content-type", ""):
        return redirect(ROSTER_PAGE, e="roster.error.no_file")
    try:
        body = await _limited_body(request, MAX_BYTES + UPLOAD_OVERHEAD)
    except TooLargeError:
        return redirect(ROSTER_PAGE, e="roster.error.too_large")
    found = await _one_file(request, body)
    if found is None or not found[1]:
        return redirect(ROSTER_PAGE, e="roster.error.no_file")
    filename, content = found
    if len(content) > MAX_BYTES:
        return redirect(ROSTER_PAGE, e="roster.error.too_large")
    upload_id = await in_transaction(
        lambda session: roster.stage(
            who.actor, filename, content, session=session, access=ctx.access, secret=ctx.secret
        )
    )
    return redirect(ROSTER_PAGE, upload=upload_id)


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
    ctx = context(request)
    who = await in_transaction(_employer, ctx, token_of(request))
    if who is None:
        return redirect("/login", e="auth.session_expired")
    if not who.fresh_totp:
        return redirect("/stepup", next=REPORTS_PAGE)
    raw_year = request.query_params.get("year", "")
    year = int(raw_year) if raw_year.isdigit() and len(raw_year) == 4 else ctx.now.year
    result = await in_transaction(
        lambda session: employer_reports.reports(
            who.actor,
            year,
            session=session,
            today=datetime.now(UTC).date(),
            access=ctx.access,
            secret=ctx.secret,
        )
    )
    lang = normalise_language(request.query_params.get("lang") or who.language)
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
        Route("/api/employer/roster", upload_roster, methods=["POST"]),
        Route("/api/employer/reports.csv", reports_csv, methods=["GET"]),
    ]
