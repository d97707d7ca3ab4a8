"""Sign-in endpoints. Plain HTML forms post here; the answer is a redirect (303) that sets
or clears the HttpOnly session cookie. The password never passes through a Reflex state."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kwportal.services import runner
from kwportal.services.auth import enrolment, login, recovery, sessions
from kwportal.services.auth.common import Outcome
from kwportal.ui import routes as paths
from kwportal.ui import tab_sessions
from kwportal.ui.api import pages, sso_logout
from kwportal.ui.api.http import (
    forbidden,
    form_fields,
    redirect,
    run_open,
    run_unit,
    send_after_commit,
    token_of,
    with_session,
    without_session,
)

T = TypeVar("T")
Handler = Callable[[Request], Awaitable[Response]]
STAGE_PAGES = {login.STAGE_CODE: paths.LOGIN_CODE, login.STAGE_ENROL: paths.ENROL}


def post_only_same_origin(handler: Handler) -> Handler:
    async def checked(request: Request) -> Response:
        if not pages.same_origin_ok(request):
            return forbidden()
        return await handler(request)

    checked.__name__ = handler.__name__
    return checked


def _fail(path: str, outcome: Outcome, **extra: str) -> Response:
    query: dict[str, str | int] = {"e": outcome.error, **extra}
    if outcome.retry_after:
        query["wait"] = outcome.retry_after
    return send_after_commit(redirect(path, **query), outcome.mails)


def _expired() -> Response:
    return redirect(paths.LOGIN, e="auth.session_expired")


async def _security_act(request: Request, work: Callable[..., T], *args: Any) -> T | Response:
    """A credential change from the security page: one unit as the signed-in account with
    a fresh code; a refusal is answered here (the use case's value otherwise)."""
    try:
        return await run_unit(request, work, *args)
    except runner.StepUpNeeded:
        return redirect(paths.STEP_UP, next=paths.SECURITY)
    except runner.Refusal:
        return _expired()


@post_only_same_origin
async def password_step(request: Request) -> Response:
    """Two units around the hash check, so no transaction is open while argon2 runs."""
    fields = await form_fields(request, ("username", "password"))
    check = await run_open(request, login.do_prepare, fields["username"])
    if check.refusal is not None:
        return _fail(paths.LOGIN, check.refusal)
    matched = await run_in_threadpool(login.verify, check, fields["password"])
    outcome = await run_open(request, login.do_conclude, check, fields["password"], matched=matched)
    if not outcome.ok:
        return _fail(paths.LOGIN, outcome)
    return with_session(redirect(STAGE_PAGES[outcome.stage]), outcome.token)


@post_only_same_origin
async def code_step(request: Request) -> Response:
    fields = await form_fields(request, ("code",))
    outcome = await run_open(request, login.do_complete, token_of(request), fields["code"])
    if outcome.error == "auth.session_expired":
        return without_session(_fail(paths.LOGIN, outcome))
    if not outcome.ok:
        return _fail(paths.LOGIN_CODE, outcome)
    return send_after_commit(with_session(redirect(paths.PORTAL), outcome.token), outcome.mails)


@post_only_same_origin
async def recovery_step(request: Request) -> Response:
    fields = await form_fields(request, ("code",))
    outcome = await run_open(request, login.do_recovery, token_of(request), fields["code"])
    if outcome.error == "auth.session_expired":
        return without_session(_fail(paths.LOGIN, outcome))
    if not outcome.ok:
        return _fail(paths.LOGIN_RECOVERY, outcome)
    return send_after_commit(with_session(redirect(paths.ENROL), outcome.token), outcome.mails)


@post_only_same_origin
async def accept_invitation(request: Request) -> Response:
    fields = await form_fields(request, ("token", "password", "repeated"))
    outcome = await run_open(
        request,
        enrolment.do_accept_invitation,
        fields["token"],
        fields["password"],
        fields["repeated"],
    )
    if not outcome.ok:
        return _fail(paths.INVITE, outcome, token=fields["token"][:100])
    return with_session(redirect(paths.ENROL), outcome.token)


async def enrolment_qr(request: Request) -> Response:
    found = await run_open(request, enrolment.do_enrolment_secret, token_of(request))
    if found is None:
        return Response(status_code=404)
    return pages.qr_svg(found[1])


async def enrolment_secret(request: Request) -> Response:
    found = await run_open(request, enrolment.do_enrolment_secret, token_of(request))
    if found is None:
        return Response(status_code=404)
    lang = request.query_params.get("lang", "nl")
    return pages.enrolment_secret_page(found[0], found[1], lang)


@post_only_same_origin
async def confirm_enrolment(request: Request) -> Response:
    fields = await form_fields(request, ("code", "lang"))
    outcome = await run_open(
        request, enrolment.do_confirm_enrolment, token_of(request), fields["code"]
    )
    if outcome.error == "auth.session_expired":
        return without_session(_fail(paths.LOGIN, outcome))
    if not outcome.ok:
        return _fail(paths.ENROL, outcome)
    page = pages.recovery_codes_page(outcome.data, fields["lang"])
    return with_session(page, outcome.token)


@post_only_same_origin
async def new_recovery_codes(request: Request) -> Response:
    fields = await form_fields(request, ("lang",))
    answer = await _security_act(request, enrolment.do_new_recovery_codes)
    if isinstance(answer, Response):
        return answer
    return pages.recovery_codes_page(answer, fields["lang"])


@post_only_same_origin
async def step_up(request: Request) -> Response:
    fields = await form_fields(request, ("code", "next"))
    target = pages.safe_next(fields["next"])
    outcome = await run_open(request, sessions.do_step_up, token_of(request), fields["code"])
    if outcome.error == "auth.session_expired":
        return without_session(_fail(paths.LOGIN, outcome))
    if not outcome.ok:
        return _fail(paths.STEP_UP, outcome, next=target)
    return redirect(target)


@post_only_same_origin
async def change_password(request: Request) -> Response:
    fields = await form_fields(request, ("current", "password", "repeated"))
    answer = await _security_act(
        request,
        recovery.do_change_password,
        fields["current"],
        fields["password"],
        fields["repeated"],
    )
    if isinstance(answer, Response):
        return answer
    if not answer.ok:
        return _fail(paths.SECURITY, answer)
    return send_after_commit(redirect(paths.SECURITY, e="auth.password_changed"), answer.mails)


@post_only_same_origin
async def change_totp(request: Request) -> Response:
    answer = await _security_act(request, enrolment.do_begin_totp_change)
    if isinstance(answer, Response):
        return answer
    return with_session(redirect(paths.ENROL), answer.token)


@post_only_same_origin
async def logout(request: Request) -> Response:
    await run_open(request, sessions.do_logout, token_of(request))
    await tab_sessions.end_session(token_of(request))  # the tabs' states go with it
    onward = await sso_logout.at_provider(request, token_of(request))  # signed in by SSO
    return without_session(onward or redirect(paths.LOGIN, e="auth.logged_out"))


@post_only_same_origin
async def logout_everywhere(request: Request) -> Response:
    await run_open(request, sessions.do_end_everywhere, token_of(request))
    await tab_sessions.end_account(token_of(request))
    onward = await sso_logout.at_provider(request, token_of(request), everywhere=True)
    return without_session(onward or redirect(paths.LOGIN, e="auth.logged_out_everywhere"))


@post_only_same_origin
async def forgot_password(request: Request) -> Response:
    fields = await form_fields(request, ("identifier",))
    outcome = await run_open(request, recovery.do_request_reset, fields["identifier"])
    if not outcome.ok:  # the rate limit, alike for known and unknown addresses
        return _fail(paths.FORGOT_PASSWORD, outcome)
    return send_after_commit(redirect(paths.FORGOT_PASSWORD, e="auth.reset_sent"), outcome.mails)


@post_only_same_origin
async def reset_password(request: Request) -> Response:
    fields = await form_fields(request, ("token", "password", "repeated", "code"))
    outcome = await run_open(
        request,
        recovery.do_reset_password,
        fields["token"],
        fields["password"],
        fields["repeated"],
        fields["code"],
    )
    if not outcome.ok:
        return _fail(paths.RESET_PASSWORD, outcome, token=fields["token"][:100])
    response = send_after_commit(redirect(paths.LOGIN, e="auth.password_reset_done"), outcome.mails)
    return without_session(response)


def routes() -> list[Route]:
    post = ["POST"]
    return [
        Route(paths.API_LOGIN, password_step, methods=post),
        Route(paths.API_CODE, code_step, methods=post),
        Route(paths.API_RECOVERY, recovery_step, methods=post),
        Route(paths.API_INVITE, accept_invitation, methods=post),
        Route(paths.API_ENROL_QR, enrolment_qr, methods=["GET"]),
        Route(paths.API_ENROL_SECRET, enrolment_secret, methods=["GET"]),
        Route(paths.API_ENROL, confirm_enrolment, methods=post),
        Route(paths.API_RECOVERY_CODES, new_recovery_codes, methods=post),
        Route(paths.API_STEP_UP, step_up, methods=post),
        Route(paths.API_PASSWORD, change_password, methods=post),
        Route(paths.API_TOTP, change_totp, methods=post),
        Route(paths.API_LOGOUT, logout, methods=post),
        Route(paths.API_LOGOUT_EVERYWHERE, logout_everywhere, methods=post),
        Route(paths.API_FORGOT, forgot_password, methods=post),
        Route(paths.API_RESET, reset_password, methods=post),
    ]
