"""Security headers on every response (issue 16, item 4), checked on a small ASGI app that
serves what the portal serves: a prerendered page with inline scripts (plain and gzip, as
Reflex's static mount does), a hashed asset, an API answer, a framed fragment, a 500. The
served portal is checked in the browser by tests/e2e/test_security_headers_e2e.py."""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
from pathlib import Path

import pytest
import reflex as rx
from reflex.utils.precompressed_staticfiles import PrecompressedStaticFiles
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from kwportal.ui import routes
from kwportal.ui.headers import (
    HeaderPolicy,
    SecuredApp,
    SecurityHeaders,
    content_security_policy,
    script_hashes,
)

ORIGIN = "http://localhost:3000"
THEME = b"document.documentElement.classList.add('light');"
HYDRATE = b'window.__reactRouterContext = {"basename":"/"};'
PAGE = (
    b"<!DOCTYPE html><html><head><script>" + THEME + b"</script>"
    b'<script src="/assets/app.js"></script></head><body>'
    b'<script type="module" async="">' + HYDRATE + b"</script></body></html>"
)


def sha(script: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"


def _boom(request: Request) -> Response:
    raise RuntimeError("a bug")


def _app(static: Path) -> Starlette:
    (static / "assets").mkdir()
    (static / "login").mkdir()
    (static / "login" / "index.html").write_bytes(PAGE)
    (static / "login" / "index.html.gz").write_bytes(gzip.compress(PAGE))
    (static / "404.html").write_bytes(b"<!DOCTYPE html><p>Not found</p>")
    (static / "assets" / "app-1a2b.js").write_text("console.log(1)")
    return Starlette(
        routes=[
            Route("/api/my/thing", lambda r: JSONResponse({"name": "Jan"})),
            Route(routes.API_ENROL_SECRET, lambda r: HTMLResponse("<p>KEY</p>")),
            Route("/api/boom", _boom),
            Mount(
                "/",
                PrecompressedStaticFiles(directory=static, html=True, encodings=["gzip"]),
            ),
        ]
    )


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = SecurityHeaders(_app(tmp_path), HeaderPolicy(ORIGIN, https=False))
    return TestClient(app, base_url=ORIGIN, raise_server_exceptions=False)


def directives(response: object) -> dict[str, str]:
    policy = response.headers["content-security-policy"]  # type: ignore[attr-defined]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_a_page_allows_exactly_its_own_inline_scripts_and_nothing_foreign(client):
    for encoding in ("identity", "gzip"):
        page = client.get("/login/", headers={"Accept-Encoding": encoding})
        assert page.status_code == 200 and page.content == PAGE
        csp = directives(page)
        assert csp["script-src"].split() == [
            "'self'",
            "'unsafe-eval'",
            sha(THEME),
            sha(HYDRATE),
        ]
        assert csp["default-src"] == "'none'"
        assert csp["connect-src"] == "'self' ws://localhost:3000"
        assert csp["frame-ancestors"] == "'none'"
        assert csp["object-src"] == "'none'" and csp["base-uri"] == "'none'"
        assert "unsafe-inline" not in csp["script-src"]
        assert page.headers["cache-control"] == "no-store"
        assert page.headers["x-frame-options"] == "DENY"
    assert client.get("/login/", headers={"Accept-Encoding": "gzip"}).headers[
        "content-encoding"
    ] == ("gzip")


def test_every_response_carries_the_headers(client):
    answers = {
        "page": client.get("/login/"),
        "asset": client.get("/assets/app-1a2b.js"),
        "api": client.get("/api/my/thing"),
        "missing": client.get("/nothing-here"),
        "error": client.get("/api/boom"),
    }
    for name, answer in answers.items():
        assert answer.headers["x-content-type-options"] == "nosniff", name
        assert answer.headers["referrer-policy"] == "no-referrer", name
        assert "camera=()" in answer.headers["permissions-policy"], name
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"], name
        assert "strict-transport-security" not in answer.headers, name
    assert answers["error"].status_code == 500
    assert answers["api"].headers["cache-control"] == "no-store"
    assert answers["error"].headers["cache-control"] == "no-store"
    assert "immutable" in answers["asset"].headers["cache-control"]


def test_only_our_own_framed_fragments_may_be_framed_and_only_by_us(client):
    framed = client.get(routes.API_ENROL_SECRET)
    assert directives(framed)["frame-ancestors"] == "'self'"
    assert framed.headers["x-frame-options"] == "SAMEORIGIN"
    assert framed.headers["cache-control"] == "no-store"


def test_over_https_hsts_and_a_secure_socket(tmp_path):
    app = SecurityHeaders(_app(tmp_path), HeaderPolicy("https://portaal.example.nl", True))
    with TestClient(app, base_url="https://portaal.example.nl") as client:
        page = client.get("/login/")
    assert page.headers["strict-transport-security"].startswith("max-age=31536000")
    assert directives(page)["connect-src"] == "'self' wss://portaal.example.nl"


def test_a_route_that_chose_its_own_referrer_policy_keeps_it(tmp_path):
    own = Starlette(
        routes=[
            Route(
                "/api/form",
                lambda r: HTMLResponse("<form></form>", headers={"Referrer-Policy": "same-origin"}),
            )
        ]
    )
    with TestClient(SecurityHeaders(own, HeaderPolicy(ORIGIN, False))) as client:
        answer = client.get("/api/form")
    assert answer.headers["referrer-policy"] == "same-origin"
    assert answer.headers["cache-control"] == "no-store"


def test_script_hashes_skip_external_scripts_and_repeat_none():
    html = PAGE + b"<script>" + THEME + b"</script><SCRIPT SRC='/x.js'></SCRIPT>"
    assert script_hashes(html) == (sha(THEME), sha(HYDRATE))
    assert "sha256" not in content_security_policy(ORIGIN)


def test_the_app_is_wrapped_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """The factory granian calls (``App.__call__``) returns Reflex's whole ASGI app — its
    CORS layer and error page included — inside the headers."""
    reflex_app = Starlette()
    monkeypatch.setattr(rx.App, "__call__", lambda self: reflex_app)
    served = SecuredApp.__call__(object.__new__(SecuredApp))
    assert isinstance(served, SecurityHeaders) and served.app is reflex_app


def test_a_page_sent_by_path_is_hashed_and_still_sent_by_path(tmp_path: Path) -> None:
    """granian offers ``http.response.pathsend``: Starlette then sends a static page by its
    path, with no body message to read the scripts from (seen on the served portal)."""
    page = tmp_path / "index.html"
    page.write_bytes(PAGE)
    sent: list[dict[str, object]] = []

    async def app(scope, receive, send) -> None:
        await FileResponse(page, media_type="text/html")(scope, receive, send)

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": "/",
        "headers": [],
        "query_string": b"",
        "extensions": {"http.response.pathsend": {}},
    }
    asyncio.run(SecurityHeaders(app, HeaderPolicy(ORIGIN, False))(scope, receive, send))

    assert [m["type"] for m in sent] == ["http.response.start", "http.response.pathsend"]
    headers = dict((k.decode(), v.decode()) for k, v in sent[0]["headers"])  # type: ignore[attr-defined]
    assert sha(THEME) in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
