"""Over https the session cookie is ``__Host-kw_session`` (issue 16, item 4): the browser
accepts it only Secure, on path ``/``, without a Domain, so no neighbouring subdomain can
plant or shadow it. Every reader of the cookie (the HTTP routes and the states) uses that
name; over plain http (a developer's machine) it stays ``kw_session``."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from reflex.istate.data import HeaderData, ReflexURL, RouterData, SessionData
from reflex.state import State
from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.testclient import TestClient

from kwportal.ui import routes
from kwportal.ui.api import auth
from kwportal.ui.pages.portal.security import SecurityState
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    PASSWORD,
    cheap_argon2,
    new_enrolled,
)
from tests.integration.served import portal_database, redirect_target
from tests.integration.state_driver import call

pytestmark = pytest.mark.usefixtures("cheap_argon2")
HTTPS = "https://portaal.example.nl"
HOST_COOKIE = "__Host-kw_session"


@pytest.fixture
def https_portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        monkeypatch.setenv("KWPORTAL_PUBLIC_ORIGIN", HTTPS)
        from kwportal import settings

        settings.get_settings.cache_clear()
        yield engine


def _tab(cookie: str) -> SecurityState:
    """The security page's state in a tab whose websocket handshake carried ``cookie``."""
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
    root.router = RouterData(
        session=SessionData(client_ip="127.0.0.1"),
        headers=HeaderData(cookie=cookie, user_agent="pytest"),
        url=ReflexURL(f"{HTTPS}/security"),
    )
    return asyncio.run(root.get_state(SecurityState))


def _set_cookie(response: object, name: str) -> list[str]:
    lines = response.headers.get_list("set-cookie")  # type: ignore[attr-defined]
    return [line for line in lines if line.startswith(name + "=")]


def test_the_name_follows_the_scheme() -> None:
    assert routes.session_cookie(secure=True) == HOST_COOKIE
    assert routes.session_cookie(secure=False) == routes.SESSION_COOKIE == "kw_session"


def test_over_https_sign_in_sets_reads_and_clears_the_host_cookie(https_portal: Engine) -> None:
    _, username, secret = new_enrolled(https_portal, CHEAP_HASH)
    app = Starlette(routes=auth.routes())
    with TestClient(app, base_url=HTTPS, follow_redirects=False) as client:
        first = client.post(
            "/api/auth/login",
            data={"username": username, "password": PASSWORD},
            headers={"Origin": HTTPS},
        )
        assert redirect_target(first) == ("/login-code", {})
        (line,) = _set_cookie(first, HOST_COOKIE)
        attributes = [part.strip().lower() for part in line.split(";")[1:]]
        assert "secure" in attributes and "path=/" in attributes and "httponly" in attributes
        assert not any(a.startswith("domain") for a in attributes)
        assert _set_cookie(first, "kw_session") == []
        # the code step finds the pending session under the __Host- name
        code = client.post(
            "/api/auth/code",
            data={"code": pyotp.TOTP(secret).now()},
            headers={"Origin": HTTPS},
        )
        assert redirect_target(code) == ("/portal", {})
        token = client.cookies.get(HOST_COOKIE)
        assert token
        # a handler of a page reads the same cookie from the websocket handshake
        state = _tab(f"{HOST_COOKIE}={token}")
        call(state, "load")
        assert state.display_name
        plain = _tab(f"kw_session={token}")
        call(plain, "load")
        assert plain.display_name == ""
        out = client.post("/api/auth/logout", headers={"Origin": HTTPS})
    assert redirect_target(out)[0] == "/login"
    (cleared,) = _set_cookie(out, HOST_COOKIE)
    assert "secure" in cleared.lower() and "max-age=0" in cleared.lower()
