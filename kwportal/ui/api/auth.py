"""Sign-in endpoints. Plain HTML forms post here; the answer is a redirect (303) that sets
or clears the HttpOnly session cookie. The password never passes through a Reflex state."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kwportal.models import Account
from kwportal.services.auth import enrolment, login, recovery, sessions
from kwportal.services.auth.common import Context, Outcome
from kwportal.ui.api import pages
from kwportal.ui.api.http import (
    context,
    forbidden,
    form_fields,
    in_transaction,
    redirect,
    send_after_commit,
    token_of,
    with_session,
    without_session,
)

Handler = Callable[[Request], Awaitable[Response]]
STAGE_PAGES = {login.STAGE_CODE: "/login-code", login.STAGE_ENROL: "/enrol"}


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


@post_only_same_origin
async def password_step(request: Request) -> Response:
    fields = await form_fields(request, ("username", "password"))
    ctx = context(request)
    check = await in_transaction(login.prepare, ctx, username=fields["username"])
    if check.refusal is not None:
        return _fail("/login", check.refusal)
    matched = await run_in_threadpool(login.verify, check, fields["password"])
    outcome = await in_transaction(
        login.conclude, ctx, check, matched=matched, password=fields["password"]
    )
    if not outcome.ok:
        return _fail("/login", outcome)
    return with_session(redirect(STAGE_PAGES[outcome.stage]), outcome.token)


@post_only_same_origin
async def code_step(request: Request) -> Response:
    fields = await form_fields(request, ("code",))
    outcome = await in_transaction(
        login.complete, context(request), token=token_of(request), **fields
    )
    if outcome.error == "auth.session_expired":
        return without_session(_fail("/login", outcome))
    if not outcome.ok:
        return _fail("/login-code", outcome)
    return send_after_commit(with_session(redirect("/portal"), outcome.token), outcome.mails)


@post_only_same_origin
async def recovery_step(request: Request) -> Response:
    fields = await form_fields(request, ("code",))
    outcome = await in_transaction(
        login.recovery, context(request), token=token_of(request), **fields
    )
    if outcome.error == "auth.session_expired":
        return without_session(_fail("/login", outcome))
    if not outcome.ok:
        return _fail("/login-recovery", outcome)
    return send_after_commit(with_session(redirect("/enrol"), outcome.token), outcome.mails)


@post_only_same_origin
async def accept_invitation(request: Request) -> Response:
    fields = await form_fields(request, ("token", "password", "repeated"))
    outcome = await in_transaction(enrolment.accept_invitation, context(request), **fields)
    if not outcome.ok:
        return _fail("/invite", outcome, token=fields["token"][:100])
    return with_session(redirect("/enrol"), outcome.token)


async def enrolment_qr(request: Request) -> Response:
    found = await in_transaction(enrolment.enrolment_secret, context(request), token_of(request))
    if found is None:
        return Response(status_code=404)
    return pages.qr_svg(found[1])


async def enrolment_secret(request: Request) -> Response:
    found = await in_transaction(enrolment.enrolment_secret, context(request), token_of(request))
    if found is None:
        return Response(status_code=404)
    lang = request.query_params.get("lang", "nl")
    return pages.enrolment_secret_page(found[0], found[1], lang)


@post_only_same_origin
async def confirm_enrolment(request: Request) -> Response:
    fields = await form_fields(request, ("code", "lang"))
    outcome = await in_transaction(
        enrolment.confirm_enrolment, context(request), token=token_of(request), code=fields["code"]
    )
    if outcome.error == "auth.session_expired":
        return without_session(_fail("/login", outcome))
    if not outcome.ok:
        return _fail("/enrol", outcome)
    page = pages.recovery_codes_page(outcome.data, fields["lang"])
    return with_session(page, outcome.token)


@post_only_same_origin
async def new_recovery_codes(request: Request) -> Response:
    fields = await form_fields(request, ("lang",))
    answer = await in_transaction(_fresh_codes, context(request), token_of(request))
    if isinstance(answer, Response):
        return answer
    return pages.recovery_codes_page(answer, fields["lang"])


def _fresh_codes(session: Session, ctx: Context, token: str) -> Response | list[str]:
    signed_in = sessions.resolve(session, ctx, token)
    if signed_in is None:
        return redirect("/login", e="auth.session_expired")
    if sessions.needs_step_up(signed_in, ctx.now):
        return redirect("/stepup", next="/security")
    account = session.get(Account, signed_in.account_id)
    assert account is not None
    return enrolment.new_recovery_codes(session, ctx, account)


@post_only_same_origin
async def step_up(request: Request) -> Response:
    fields = await form_fields(request, ("code", "next"))
    target = pages.safe_next(fields["next"])
    outcome = await in_transaction(
        sessions.step_up, context(request), token_of(request), fields["code"]
    )
    if outcome.error == "auth.session_expired":
        return without_session(_fail("/login", outcome))
    if not outcome.ok:
        return _fail("/stepup", outcome, next=target)
    return redirect(target)


@post_only_same_origin
async def change_password(request: Request) -> Response:
    fields = await form_fields(request, ("current", "password", "repeated"))
    answer = await in_transaction(_change_password, context(request), token_of(request), fields)
    if isinstance(answer, Response):
        return answer
    outcome = answer
    if not outcome.ok:
        return _fail("/security", outcome)
    return send_after_commit(redirect("/security", e="auth.password_changed"), outcome.mails)


@post_only_same_origin
async def change_totp(request: Request) -> Response:
    answer = await in_transaction(_change_totp, context(request), token_of(request))
    if isinstance(answer, Response):
        return answer
    return with_session(redirect("/enrol"), answer.token)


def _change_totp(session: Session, ctx: Context, token: str) -> Response | Outcome:
    signed_in = sessions.resolve(session, ctx, token)
    if signed_in is None:
        return redirect("/login", e="auth.session_expired")
    if sessions.needs_step_up(signed_in, ctx.now):
        return redirect("/stepup", next="/security")
    return enrolment.begin_totp_change(session, ctx, signed_in.session_id)


def _change_password(
    session: Session, ctx: Context, token: str, fields: dict[str, str]
) -> Response | Outcome:
    signed_in = sessions.resolve(session, ctx, token)
    if signed_in is None:
        return redirect("/login", e="auth.session_expired")
    if sessions.needs_step_up(signed_in, ctx.now):
        return redirect("/stepup", next="/security")
    return recovery.change_password(session, ctx, signed_in, **fields)


@post_only_same_origin
async def logout(request: Request) -> Response:
    await in_transaction(sessions.logout, context(request), token_of(request))
    return without_session(redirect("/login", e="auth.logged_out"))


@post_only_same_origin
async def logout_everywhere(request: Request) -> Response:
    await in_transaction(_end_everywhere, context(request), token_of(request))
    return without_session(redirect("/login", e="auth.logged_out_everywhere"))


def _end_everywhere(session: Session, ctx: Context, token: str) -> None:
    signed_in = sessions.resolve(session, ctx, token, touch=False)
    if signed_in is not None:
        sessions.end_all(session, ctx, signed_in.account_id, "logout_everywhere")


@post_only_same_origin
async def forgot_password(request: Request) -> Response:
    fields = await form_fields(request, ("identifier",))
    outcome = await in_transaction(recovery.request_reset, context(request), **fields)
    return send_after_commit(redirect("/forgot-password", e="auth.reset_sent"), outcome.mails)


@post_only_same_origin
async def reset_password(request: Request) -> Response:
    fields = await form_fields(request, ("token", "password", "repeated", "code"))
    outcome = await in_transaction(recovery.reset_password, context(request), **fields)
    if not outcome.ok:
        return _fail("/reset-password", outcome, token=fields["token"][:100])
    response = send_after_commit(redirect("/login", e="auth.password_reset_done"), outcome.mails)
    return without_session(response)


def routes() -> list[Route]:
    post = ["POST"]
    return [
        Route("/api/auth/login", password_step, methods=post),
        Route("/api/auth/code", code_step, methods=post),
        Route("/api/auth/recovery", recovery_step, methods=post),
        Route("/api/auth/invite", accept_invitation, methods=post),
        Route("/api/auth/enrol/qr.svg", enrolment_qr, methods=["GET"]),
        Route("/api/auth/enrol/secret", enrolment_secret, methods=["GET"]),
        Route("/api/auth/enrol", confirm_enrolment, methods=post),
        Route("/api/auth/recovery-codes", new_recovery_codes, methods=post),
        Route("/api/auth/stepup", step_up, methods=post),
        Route("/api/auth/password", change_password, methods=post),
        Route("/api/auth/totp", change_totp, methods=post),
        Route("/api/auth/logout", logout, methods=post),
        Route("/api/auth/logout-everywhere", logout_everywhere, methods=post),
        Route("/api/auth/forgot", forgot_password, methods=post),
        Route("/api/auth/reset", reset_password, methods=post),
    ]
