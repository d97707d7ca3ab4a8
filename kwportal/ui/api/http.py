"""HTTP plumbing for the sign-in routes: context, origin check, cookie, redirects."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlencode

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kwportal.services import runner
from kwportal.services.auth.common import Context
from kwportal.services.jobs import queue as jobs
from kwportal.services.mail import Mail
from kwportal.settings import Settings, get_settings
from kwportal.ui.client_address import request_access
from kwportal.ui.routes import SESSION_COOKIE as SESSION_COOKIE
from kwportal.ui.routes import session_cookie

T = TypeVar("T")
MAX_FIELD = 10_000


def context(request: Request) -> Context:
    settings = get_settings()
    return Context(
        access=request_access(request),
        now=datetime.now(UTC),
        secret=settings.secret_key,
        origin=settings.public_origin,
    )


def same_origin(request: Request, settings: Settings) -> bool:
    """POSTs come only from our own pages (with SameSite=Strict, a second CSRF wall)."""
    origin = request.headers.get("origin")
    if origin is not None:
        return origin == settings.public_origin
    referer = request.headers.get("referer", "")
    return referer.startswith(settings.public_origin + "/")


async def form_fields(request: Request, names: Iterable[str]) -> dict[str, str]:
    """The named fields as text, each cut to a sane size; missing ones are empty."""
    form = await request.form(max_files=0, max_fields=20, max_part_size=64 * 1024)
    values: dict[str, str] = {}
    for name in names:
        value = form.get(name, "")
        text = value[:MAX_FIELD] if isinstance(value, str) else ""
        values[name] = text.replace("\x00", "")  # no database stores NUL in text
    return values


def caller(request: Request) -> runner.Caller:
    return runner.Caller(token=token_of(request), access=context(request).access)


async def run_unit(request: Request, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """The route's one unit of work (``runner.run``) on a worker thread: database I/O and
    hashing never block the event loop that also carries the websocket. A refusal
    (``runner.Refusal``) propagates; each route answers it as it documents."""
    done = await run_in_threadpool(runner.run, caller(request), work, *args, **kwargs)
    return done.value


async def run_open(request: Request, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """An act that needs no session (sign-in steps, the public site), in one unit."""
    return await run_in_threadpool(
        runner.run_public, context(request).access, work, *args, **kwargs
    )


def session_cookie_name() -> str:
    """``kw_session`` over http, ``__Host-kw_session`` over https (``ui/routes.py``)."""
    return session_cookie(get_settings().secure_cookies)


def token_of(request: Request) -> str:
    return request.cookies.get(session_cookie_name(), "")[:200]


def redirect(path: str, **query: str | int) -> RedirectResponse:
    target = path + ("?" + urlencode(query) if query else "")
    response = RedirectResponse(target, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def with_session(response: Response, token: str) -> Response:
    settings = get_settings()
    response.set_cookie(
        session_cookie_name(),
        token,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="strict",
        path="/",
    )
    return response


def without_session(response: Response) -> Response:
    response.delete_cookie(
        session_cookie_name(),
        path="/",
        secure=get_settings().secure_cookies,  # a __Host- cookie is only ever set Secure
        samesite="strict",
        httponly=True,
    )
    return response


def send_after_commit(response: Response, mails: list[Mail]) -> Response:
    """The route's mail is already in the outbox: the runner wrote it in the unit's own
    transaction, and the task queue's worker sends it. Nothing is sent while the request
    waits, so how long the answer takes tells nothing about a mail (e.g. whether an account
    exists); after the answer, the worker is woken once more."""
    if mails:
        response.background = BackgroundTask(jobs.nudge)
    return response


def forbidden() -> Response:
    return Response("Forbidden", status_code=403, media_type="text/plain")
