"""Logging out at the organisation's provider too (issue 19 item 6; OpenID Connect
RP-Initiated Logout 1.0). The portal's logout routes (ui/api/auth.py) end the portal session
first, as always; for a session that a single sign-on opened, :func:`at_provider` then
sends the browser on to the provider's ``end_session_endpoint`` with the ID token it issued
(``id_token_hint``, kept sealed server-side with the session and deleted now), the client,
the way back (:data:`paths.API_SSO_SIGNED_OUT`) and a ``state`` that an HttpOnly cookie
also carries. A provider without that endpoint, or one that cannot be reached: the logout
stays the portal's own. The way back checks the state and shows the sign-in page with
"signed out"; it grants nothing either way."""

from __future__ import annotations

import hmac
import html
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kwportal.i18n import normalise_language, t
from kwportal.services.auth import oidc, sso
from kwportal.settings import get_settings
from kwportal.ui import routes as paths
from kwportal.ui.api.http import redirect, run_open

MAX_PARAM = 2048
#: how long the way back from the provider's logout is expected
RETURN_SECONDS = 600


def onward_page(
    url: str,
    lang: str,
    title_key: str = "login.sso.onward_title",
    link_key: str = "login.sso.onward_link",
) -> HTMLResponse:
    """The way on to the provider: a page that goes there by itself (and a link, should
    it not). Not a redirect: the form's ``form-action 'self'`` (ui/headers.py) stops a
    form's redirect to another origin, and rightly so for every other form."""
    lang = normalise_language(lang)
    target = html.escape(url, quote=True)
    title = html.escape(t(title_key, lang))
    body = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url={target}">
<title>{title} · KrachtWerkt</title>
<link rel="stylesheet" href="/kwportal.css"></head>
<body><div class="page"><header class="site-header"><div class="bar">
<span class="brand">KrachtWerkt</span></div></header>
<main id="main" class="content"><h1>{title}</h1>
<p><a class="button" href="{target}">{html.escape(t(link_key, lang))}</a></p>
</main></div></body></html>"""
    return HTMLResponse(body, headers={"Cache-Control": "no-store"})


def cookie_name() -> str:
    return ("__Host-" if get_settings().secure_cookies else "") + paths.SSO_OUT_COOKIE


def post_logout_redirect_uri() -> str:
    """What each organisation registers at its provider beside the callback."""
    return get_settings().public_origin + paths.API_SSO_SIGNED_OUT


async def at_provider(request: Request, token: str, *, everywhere: bool = False) -> Response | None:
    """The way on to the provider's logout for the (just ended) session of ``token``, or
    None when the logout stays the portal's own. The ID token is taken out of the database
    here and goes nowhere but into this one answer's URL."""
    farewell = await run_open(request, sso.do_farewell, token, everywhere=everywhere)
    if farewell is None:
        return None
    try:
        provider = await run_in_threadpool(oidc.discover, farewell.issuer)
    except oidc.OidcError as error:
        await run_open(request, sso.do_refuse, "logout_" + error.reason, farewell.sso_id)
        return None
    state = secrets.token_urlsafe(32)
    lang = normalise_language(farewell.language)
    url = oidc.end_session_url(
        provider,
        client_id=farewell.client_id,
        id_token_hint=farewell.id_token,
        post_logout_redirect_uri=post_logout_redirect_uri(),
        state=state,
        ui_locales=lang,
    )
    if not url:
        return None
    response = onward_page(url, lang, "login.sso.logout_title", "login.sso.logout_link")
    response.set_cookie(
        cookie_name(),
        state,
        max_age=RETURN_SECONDS,
        httponly=True,
        secure=get_settings().secure_cookies,
        samesite="lax",  # the provider sends the browser back with a top-level GET
        path="/",
    )
    return response


async def signed_out(request: Request) -> Response:
    """Back from the provider's logout: with the state this browser was sent off with,
    "signed out here and at your organisation"; otherwise the plain "signed out"."""
    state = request.query_params.get("state", "")[:MAX_PARAM]
    cookie = request.cookies.get(cookie_name(), "")[:MAX_PARAM]
    matched = bool(state) and hmac.compare_digest(state.encode(), cookie.encode())
    response = redirect(paths.LOGIN, e="auth.sso_logged_out" if matched else "auth.logged_out")
    response.delete_cookie(cookie_name(), path="/", secure=get_settings().secure_cookies)
    return response
