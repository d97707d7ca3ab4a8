"""Single sign-on routes (issue 19 item 6). ``start``: the form on the sign-in page posts
an e-mail address; the answer sends the browser to that organisation's provider, with a
state that an HttpOnly cookie also carries. ``callback``: the provider sends the browser
back; the state must match the cookie and be answered once, then the code is exchanged
and the ID token checked (services/auth/oidc.py) outside any transaction, and the account
linked (services/auth/sso.py). Every refusal is audited with its reason; no token is.
Both are limited per client address (``sso.Throttled``). The logout at the provider and
its way back: ui/api/sso_logout.py."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kwportal.services.auth import oidc, sso
from kwportal.settings import get_settings
from kwportal.ui import routes as paths
from kwportal.ui.api.auth import STAGE_PAGES, post_only_same_origin
from kwportal.ui.api.http import form_fields, redirect, run_open, with_session
from kwportal.ui.api.sso_logout import onward_page, signed_out

MAX_PARAM = 2048


def _cookie_name() -> str:
    return ("__Host-" if get_settings().secure_cookies else "") + paths.SSO_COOKIE


def _redirect_uri() -> str:
    return get_settings().public_origin + paths.API_SSO_CALLBACK


def _refused(key: str = "auth.sso_refused") -> Response:
    response = redirect(paths.LOGIN, e=key)
    response.delete_cookie(_cookie_name(), path="/", secure=get_settings().secure_cookies)
    return response


def _throttled(throttled: sso.Throttled) -> Response:
    """The sign-in page's "too many attempts, wait" (like the password form's)."""
    response = redirect(paths.LOGIN, e="auth.sso_throttled", wait=throttled.retry_after)
    response.headers["Retry-After"] = str(throttled.retry_after)
    response.delete_cookie(_cookie_name(), path="/", secure=get_settings().secure_cookies)
    return response


@post_only_same_origin
async def start(request: Request) -> Response:
    fields = await form_fields(request, ("email", "lang"))
    target = await run_open(request, sso.do_find_provider, fields["email"])
    if isinstance(target, sso.Throttled):
        return _throttled(target)
    if target is None:
        return _refused("auth.sso_no_provider")
    try:
        provider = await run_in_threadpool(oidc.discover, target.issuer)
    except oidc.OidcError as error:
        await run_open(request, sso.do_refuse, error.reason, target.sso_id)
        return _refused("auth.sso_unavailable")
    state = await run_open(request, sso.do_open_attempt, target.sso_id)
    secret = get_settings().secret_key
    url = oidc.authorization_url(
        provider,
        client_id=target.client_id,
        redirect_uri=_redirect_uri(),
        state=state,
        nonce=oidc.derived(secret, state, "nonce"),
        verifier=oidc.derived(secret, state, "pkce"),
        login_hint=fields["email"].strip()[: sso.MAX_EMAIL],
    )
    response = onward_page(url, fields["lang"])
    response.set_cookie(
        _cookie_name(),
        state,
        max_age=int(sso.ATTEMPT_VALIDITY.total_seconds()),
        httponly=True,
        secure=get_settings().secure_cookies,
        samesite="lax",
        path="/",
    )
    return response


async def _claims(
    request: Request, claimed: sso.Claimed, state: str
) -> tuple[dict[str, object], str] | str:
    """The checked ID token's claims and the token itself (kept sealed for the logout at
    the provider), or the reason it was refused."""
    query = request.query_params
    if query.get("error"):
        return "provider_error:" + query.get("error", "")[:40]
    if query.get("iss") and query.get("iss") != claimed.issuer:  # RFC 9207
        return "issuer_mismatch"
    secret = get_settings().secret_key
    try:
        provider = await run_in_threadpool(oidc.discover, claimed.issuer)
        token = await run_in_threadpool(
            lambda: oidc.exchange(
                provider,
                client_id=claimed.client_id,
                client_secret=claimed.client_secret,
                redirect_uri=_redirect_uri(),
                code=query.get("code", "")[:MAX_PARAM],
                verifier=oidc.derived(secret, state, "pkce"),
            )
        )
        claims = await run_in_threadpool(
            lambda: oidc.id_token_claims(
                provider,
                token,
                client_id=claimed.client_id,
                nonce=oidc.derived(secret, state, "nonce"),
                now=int(datetime.now(UTC).timestamp()),
            )
        )
    except oidc.OidcError as error:
        return error.reason
    return claims, str(token["id_token"])


async def callback(request: Request) -> Response:
    state = request.query_params.get("state", "")[:MAX_PARAM]
    cookie = request.cookies.get(_cookie_name(), "")[:MAX_PARAM]
    if not state or not hmac.compare_digest(state.encode(), cookie.encode()):
        await run_open(request, sso.do_refuse, "state_mismatch", None)
        return _refused()
    claimed = await run_open(request, sso.do_claim_attempt, state)
    if isinstance(claimed, sso.Throttled):
        return _throttled(claimed)
    if claimed is None:
        return _refused()
    checked = await _claims(request, claimed, state)
    if isinstance(checked, str):
        await run_open(request, sso.do_refuse, checked, claimed.sso_id)
        return _refused()
    claims, id_token = checked
    outcome = await run_open(request, sso.do_sign_in, claimed.sso_id, claims, id_token)
    if not outcome.ok:
        return _refused(outcome.error)
    target = STAGE_PAGES.get(outcome.stage, paths.PORTAL)
    response = with_session(redirect(target), outcome.token)
    response.delete_cookie(_cookie_name(), path="/", secure=get_settings().secure_cookies)
    return response


def routes() -> list[Route]:
    return [
        Route(paths.API_SSO_START, start, methods=["POST"]),
        Route(paths.API_SSO_CALLBACK, callback, methods=["GET"]),
        Route(paths.API_SSO_SIGNED_OUT, signed_out, methods=["GET"]),
    ]
