"""The public site's forms (seed ch. 2): plain HTML forms post here and are answered with
a redirect carrying a message key (``?m=``). Every form: same origin, a signed form token
matching the ``kw_form`` cookie (double submit) that is neither too fresh nor stale, an
empty honeypot field, and a per-IP limit. The one-click unsubscribe (RFC 8058) is the
exception: mail clients post it without a page, so its token is the only authority."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from kwportal.services.auth.common import Context
from kwportal.services.visitors import callbacks, common, cookies, newsletter, rights, statistics
from kwportal.settings import get_settings
from kwportal.ui.api.http import (
    context,
    forbidden,
    form_fields,
    in_transaction,
    redirect,
    same_origin,
    send_after_commit,
)

CHOICE_COOKIE = "kw_cookie_choice"
FORM_COOKIE = "kw_form"
MARKETING_COOKIE = "kw_marketing"
HONEYPOT = "website"
TOKEN_FIELD = "form_token"  # noqa: S105 - a field name, not a secret
#: where a cookie choice may send the visitor back to
BACK_PATHS = frozenset({"/", "/privacy", "/cookies", "/newsletter", "/callback", "/visitor-rights"})
COOKIE_MAX_AGE = 365 * 24 * 3600


def _back(path: str) -> str:
    return path if path in BACK_PATHS else "/"


def gpc(request: Request) -> bool:
    """Global Privacy Control: ``Sec-GPC: 1`` refuses marketing."""
    return request.headers.get("sec-gpc", "").strip() == "1"


def choice_id_of(request: Request) -> str:
    return request.cookies.get(CHOICE_COOKIE, "")[:100]


def _check_form(request: Request, fields: dict[str, str], ctx: Context) -> str:
    """'' or the catalog key of what is wrong with the post itself."""
    if fields.get(HONEYPOT):
        return "visitor.form_invalid"
    return common.form_token_problem(
        ctx.secret,
        fields.get(TOKEN_FIELD, ""),
        request.cookies.get(FORM_COOKIE, "")[:100],
        ctx.now,
        min_seconds=get_settings().form_min_seconds,
    )


async def _form(
    request: Request, page: str, form: str, names: tuple[str, ...]
) -> tuple[dict[str, str], Context, Response | None]:
    """The fields, the context, and a refusal when the post fails a check."""
    ctx = context(request)
    if not same_origin(request, get_settings()):
        return {}, ctx, forbidden()
    fields = await form_fields(request, (*names, TOKEN_FIELD, HONEYPOT, "lang"))
    problem = _check_form(request, fields, ctx)
    if problem:
        return fields, ctx, redirect(page, m=problem)
    wait = await in_transaction(common.rate_limited, ctx, form)
    if wait:
        return fields, ctx, redirect(page, m="visitor.too_many", wait=wait)
    return fields, ctx, None


def _answer(page: str, result: common.Result) -> Response:
    query: dict[str, str | int] = {"m": result.message}
    if result.retry_after:
        query["wait"] = result.retry_after
    return send_after_commit(redirect(page, **query), result.mails)


async def cookie_choice(request: Request) -> Response:
    fields, ctx, refused = await _form(
        request, "/cookies", "cookies", ("choice", "analytics", "marketing", "back")
    )
    back = _back(fields.get("back", "/"))
    if refused is not None:
        return refused
    choice = fields["choice"]
    accept = choice == "accept_all"
    choice_id, recorded = await in_transaction(
        cookies.record,
        ctx,
        choice_id_of(request),
        method=choice,
        analytics=accept or (choice == "custom" and fields["analytics"] == "on"),
        marketing=accept or (choice == "custom" and fields["marketing"] == "on"),
        gpc=gpc(request),
    )
    key = "visitor.cookies_withdrawn" if choice == "withdraw" else "visitor.cookies_saved"
    response = redirect(back, m=key)
    settings = get_settings()
    response.set_cookie(
        CHOICE_COOKIE,
        choice_id,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/",
    )
    if not recorded.marketing:
        response.delete_cookie(MARKETING_COOKIE, path="/")
    return response


def _count(session: Session, ctx: Context, choice_id: str, path: str, referrer: str) -> None:
    choice = cookies.current(session, ctx.secret, choice_id, ctx.now)
    if choice is None or not choice.analytics:
        return
    if common.rate_limited(session, ctx, "hit"):
        return
    host = get_settings().public_origin.split("://", 1)[-1].split(":", 1)[0]
    statistics.record_view(session, ctx, path=path, referrer=referrer, own_host=host)


async def page_hit(request: Request) -> Response:
    """The first-party beacon: counted only with analytics consent, never answered with data."""
    if not same_origin(request, get_settings()):
        return forbidden()
    fields = await form_fields(request, ("p", "r"))
    await in_transaction(_count, context(request), choice_id_of(request), fields["p"], fields["r"])
    return Response(status_code=204)


async def newsletter_sign_up(request: Request) -> Response:
    fields, ctx, refused = await _form(request, "/newsletter", "newsletter", ("name", "email"))
    if refused is not None:
        return refused
    result = await in_transaction(
        newsletter.sign_up, ctx, name=fields["name"], email=fields["email"], language=fields["lang"]
    )
    return _answer("/newsletter", result)


async def newsletter_confirm(request: Request) -> Response:
    fields, ctx, refused = await _form(request, "/newsletter", "newsletter", ("token",))
    if refused is not None:
        return refused
    result = await in_transaction(newsletter.confirm, ctx, fields["token"])
    return _answer("/newsletter", result)


async def newsletter_unsubscribe(request: Request) -> Response:
    """RFC 8058: ``POST <List-Unsubscribe URI>`` with ``List-Unsubscribe=One-Click``, no
    cookies, no origin; or the unsubscribe page's button (``from_page``)."""
    fields = await form_fields(request, ("t", "from_page", "List-Unsubscribe"))
    token = request.query_params.get("t", "")[:200] or fields["t"][:200]
    ctx = context(request)
    wait = await in_transaction(common.rate_limited, ctx, "unsubscribe")
    if wait:
        if fields["from_page"]:
            return redirect("/newsletter-unsubscribe", m="visitor.too_many", wait=wait)
        return PlainTextResponse("Too many requests", status_code=429)
    result = await in_transaction(newsletter.unsubscribe, ctx, token)
    if fields["from_page"]:
        return redirect("/newsletter-unsubscribe", m=result.message)
    return PlainTextResponse("Unsubscribed", status_code=200)


async def callback_request(request: Request) -> Response:
    names = ("name", "phone", "preferred_time", "topic", "message")
    fields, ctx, refused = await _form(request, "/callback", "callback", names)
    if refused is not None:
        return refused
    result = await in_transaction(
        callbacks.submit, ctx, **{n: fields[n] for n in names}, language=fields["lang"]
    )
    return _answer("/callback", result)


async def rights_request(request: Request) -> Response:
    names = ("kind", "name", "email", "phone", "details")
    fields, ctx, refused = await _form(request, "/visitor-rights", "rights", names)
    if refused is not None:
        return refused
    result = await in_transaction(
        rights.submit, ctx, **{n: fields[n] for n in names}, language=fields["lang"]
    )
    return _answer("/visitor-rights", result)


async def rights_confirm(request: Request) -> Response:
    fields, ctx, refused = await _form(request, "/visitor-rights", "rights", ("token",))
    if refused is not None:
        return refused
    result = await in_transaction(rights.confirm, ctx, fields["token"])
    return _answer("/visitor-rights", result)


def routes() -> list[Route]:
    post = ["POST"]
    table: list[tuple[str, Callable[[Request], Any]]] = [
        ("/api/public/cookies", cookie_choice),
        ("/api/public/hit", page_hit),
        ("/api/public/newsletter", newsletter_sign_up),
        ("/api/public/newsletter/confirm", newsletter_confirm),
        ("/api/public/newsletter/unsubscribe", newsletter_unsubscribe),
        ("/api/public/callback", callback_request),
        ("/api/public/rights", rights_request),
        ("/api/public/rights/confirm", rights_confirm),
    ]
    return [Route(path, endpoint, methods=post) for path, endpoint in table]
