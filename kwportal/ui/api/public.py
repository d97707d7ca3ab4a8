"""The public site's forms (seed ch. 2): plain HTML forms post here and are answered with
a redirect carrying a message key (``?m=``). Every form: same origin, a signed form token
matching the ``kw_form`` cookie (double submit) that is neither too fresh nor stale, an
empty honeypot field, and a per-IP limit. The one-click unsubscribe (RFC 8058) is the
exception: mail clients post it without a page, so its token is the only authority."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from kwportal.services.visitors import common, site
from kwportal.settings import get_settings
from kwportal.ui import routes as paths
from kwportal.ui.api.http import (
    context,
    forbidden,
    form_fields,
    redirect,
    run_open,
    same_origin,
    send_after_commit,
)
from kwportal.ui.routes import (
    CHOICE_COOKIE,
    FORM_COOKIE,
    HONEYPOT,
    MARKETING_COOKIE,
    TOKEN_FIELD,
)

#: where a cookie choice may send the visitor back to
BACK_PATHS = frozenset(
    {
        paths.HOME,
        paths.PRIVACY,
        paths.COOKIES,
        paths.NEWSLETTER,
        paths.CALLBACK,
        paths.VISITOR_RIGHTS,
    }
)
COOKIE_MAX_AGE = 365 * 24 * 3600


def _back(path: str) -> str:
    return path if path in BACK_PATHS else paths.HOME


def gpc(request: Request) -> bool:
    """Global Privacy Control: ``Sec-GPC: 1`` refuses marketing."""
    return request.headers.get("sec-gpc", "").strip() == "1"


def choice_id_of(request: Request) -> str:
    return request.cookies.get(CHOICE_COOKIE, "")[:100]


def _check_form(request: Request, fields: dict[str, str], *, min_age: bool = True) -> str:
    """'' or the catalog key of what is wrong with the post itself."""
    if fields.get(HONEYPOT):
        return "visitor.form_invalid"
    ctx = context(request)
    return common.form_token_problem(
        ctx.secret,
        fields.get(TOKEN_FIELD, ""),
        request.cookies.get(FORM_COOKIE, "")[:100],
        ctx.now,
        min_seconds=get_settings().form_min_seconds if min_age else 0,
    )


async def _form(
    request: Request, page: str, names: tuple[str, ...], *, min_age: bool = True
) -> tuple[dict[str, str], Response | None]:
    """The fields, and a refusal when the post itself fails a check (the per-IP limit is
    counted in the act's own unit). ``min_age`` False: no minimum time since the page was
    served (the cookie choice: a person taps it at once, and it is no abuse target)."""
    if not same_origin(request, get_settings()):
        return {}, forbidden()
    fields = await form_fields(request, (*names, TOKEN_FIELD, HONEYPOT, "lang"))
    problem = _check_form(request, fields, min_age=min_age)
    if problem:
        return fields, redirect(page, m=problem)
    return fields, None


def _answer(page: str, result: common.Result) -> Response:
    query: dict[str, str | int] = {"m": result.message}
    if result.retry_after:
        query["wait"] = result.retry_after
    return send_after_commit(redirect(page, **query), result.mails)


async def cookie_choice(request: Request) -> Response:
    """The banner's or the cookie page's choice. Same origin, signed token matching the
    form cookie, and empty honeypot as every form; but never "too fast" (issue 18): a
    visitor answers the banner with one quick tap, and a bot's choice harms no one."""
    fields, refused = await _form(
        request, paths.COOKIES, ("choice", "analytics", "marketing", "back"), min_age=False
    )
    back = _back(fields.get("back", paths.HOME))
    if refused is not None:
        return refused
    choice = fields["choice"]
    accept = choice == "accept_all"
    recorded = await run_open(
        request,
        site.do_record_choice,
        choice_id_of(request),
        method=choice,
        analytics=accept or (choice == "custom" and fields["analytics"] == "on"),
        marketing=accept or (choice == "custom" and fields["marketing"] == "on"),
        gpc=gpc(request),
    )
    if recorded.choice is None:
        return redirect(paths.COOKIES, m=site.TOO_MANY, wait=recorded.retry_after)
    key = "visitor.cookies_withdrawn" if choice == "withdraw" else "visitor.cookies_saved"
    response = redirect(back, m=key)
    settings = get_settings()
    response.set_cookie(
        CHOICE_COOKIE,
        recorded.choice_id,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/",
    )
    if not recorded.choice.marketing:
        response.delete_cookie(MARKETING_COOKIE, path="/")
    return response


async def page_hit(request: Request) -> Response:
    """The first-party beacon: counted only with analytics consent, never answered with data."""
    if not same_origin(request, get_settings()):
        return forbidden()
    fields = await form_fields(request, ("p", "r"))
    await run_open(request, site.do_count_view, choice_id_of(request), fields["p"], fields["r"])
    return Response(status_code=204)


async def newsletter_sign_up(request: Request) -> Response:
    fields, refused = await _form(request, paths.NEWSLETTER, ("name", "email"))
    if refused is not None:
        return refused
    result = await run_open(
        request, site.do_sign_up, fields["name"], fields["email"], fields["lang"]
    )
    return _answer(paths.NEWSLETTER, result)


async def newsletter_confirm(request: Request) -> Response:
    fields, refused = await _form(request, paths.NEWSLETTER, ("token",))
    if refused is not None:
        return refused
    result = await run_open(request, site.do_confirm_newsletter, fields["token"])
    return _answer(paths.NEWSLETTER, result)


async def newsletter_unsubscribe(request: Request) -> Response:
    """RFC 8058: ``POST <List-Unsubscribe URI>`` with ``List-Unsubscribe=One-Click``, no
    cookies, no origin; or the unsubscribe page's button (``from_page``)."""
    fields = await form_fields(request, ("t", "from_page", "List-Unsubscribe"))
    token = request.query_params.get("t", "")[:200] or fields["t"][:200]
    result = await run_open(request, site.do_unsubscribe, token)
    if result.retry_after:
        if fields["from_page"]:
            return redirect(paths.NEWSLETTER_UNSUBSCRIBE, m=site.TOO_MANY, wait=result.retry_after)
        return PlainTextResponse("Too many requests", status_code=429)
    if fields["from_page"]:
        return redirect(paths.NEWSLETTER_UNSUBSCRIBE, m=result.message)
    return PlainTextResponse("Unsubscribed", status_code=200)


async def callback_request(request: Request) -> Response:
    names = ("name", "phone", "preferred_time", "topic", "message")
    fields, refused = await _form(request, paths.CALLBACK, names)
    if refused is not None:
        return refused
    result = await run_open(
        request, site.do_request_callback, **{n: fields[n] for n in names}, language=fields["lang"]
    )
    return _answer(paths.CALLBACK, result)


async def rights_request(request: Request) -> Response:
    names = ("kind", "name", "email", "phone", "details")
    fields, refused = await _form(request, paths.VISITOR_RIGHTS, names)
    if refused is not None:
        return refused
    result = await run_open(
        request, site.do_request_rights, **{n: fields[n] for n in names}, language=fields["lang"]
    )
    return _answer(paths.VISITOR_RIGHTS, result)


async def rights_confirm(request: Request) -> Response:
    fields, refused = await _form(request, paths.VISITOR_RIGHTS, ("token",))
    if refused is not None:
        return refused
    result = await run_open(request, site.do_confirm_rights, fields["token"])
    return _answer(paths.VISITOR_RIGHTS, result)


def routes() -> list[Route]:
    post = ["POST"]
    table: list[tuple[str, Callable[[Request], Any]]] = [
        (paths.API_COOKIES, cookie_choice),
        (paths.API_HIT, page_hit),
        (paths.API_NEWSLETTER, newsletter_sign_up),
        (paths.API_NEWSLETTER_CONFIRM, newsletter_confirm),
        (paths.API_NEWSLETTER_UNSUBSCRIBE, newsletter_unsubscribe),
        (paths.API_CALLBACK, callback_request),
        (paths.API_VISITOR_RIGHTS, rights_request),
        (paths.API_VISITOR_RIGHTS_CONFIRM, rights_confirm),
    ]
    return [Route(path, endpoint, methods=post) for path, endpoint in table]
