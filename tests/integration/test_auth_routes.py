"""The sign-in HTTP routes (issue 4, items 5 and "Bad input"): cookies, origin check,
token rotation, and no 500 for any input. A plain Starlette app with the routes, against a
migrated SQLite database named in the environment; the routes' clock is the real one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from urllib.parse import urlparse

import httpx
import pyotp
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from kwportal import settings
from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, AuthFailure, LoginSession
from kwportal.services.auth import enrolment, sessions
from kwportal.services.auth.enrolment import NewAccount
from kwportal.services.demo.seed import SYSTEM_ACTOR
from kwportal.ui.api import auth, pages
from kwportal.ui.api.http import SESSION_COOKIE
from tests.integration.auth_helpers import (
    CHEAP_HASH,
    ORIGIN,
    PASSWORD,
    cheap_argon2,  # noqa: F401 - fixture
    ctx,
    new_enrolled,
)
from tests.integration.served import portal_database, redirect_target, route_client

pytestmark = pytest.mark.usefixtures("cheap_argon2")
CODE_ITEM = re.compile(r"<li><code>([A-Z2-9]{5}-[A-Z2-9]{5})</code></li>")


@pytest.fixture
def engine(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The database the routes use (``get_engine``), migrated; overrides the two-database
    fixture: these tests are about HTTP, the services run on both databases elsewhere."""
    with portal_database(tmp_path, monkeypatch, unset=("KWPORTAL_SMTP_HOST",)) as engine:
        yield engine


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with route_client(auth.routes()) as test_client:
        yield test_client


def post(
    client: TestClient,
    path: str,
    data: dict[str, str] | None = None,
    *,
    token: str = "",
    origin: str | None = ORIGIN,
    **kwargs: object,
) -> httpx.Response:
    """A form POST from our own page; the cookie is sent only when given."""
    client.cookies.clear()
    headers = {"Origin": origin} if origin is not None else {}
    if token:
        headers["Cookie"] = f"{SESSION_COOKIE}={token}"
    extra_headers = kwargs.pop("headers", {})
    assert isinstance(extra_headers, dict)
    return client.post(path, data=data, headers={**headers, **extra_headers}, **kwargs)  # type: ignore[arg-type]


def get(client: TestClient, path: str, *, token: str = "") -> httpx.Response:
    client.cookies.clear()
    headers = {"Cookie": f"{SESSION_COOKIE}={token}"} if token else {}
    return client.get(path, headers=headers)


def session_cookie(
    response: httpx.Response, name: str = SESSION_COOKIE
) -> tuple[str, dict[str, str]]:
    """(value, attributes with lower-case names) of the one session Set-Cookie (``name``:
    kw_session over http, __Host-kw_session over https)."""
    found = [h for h in response.headers.get_list("set-cookie") if h.startswith(name + "=")]
    assert len(found) == 1, found
    morsel = SimpleCookie(found[0])[name]
    flags = {part.strip().split("=")[0].lower() for part in found[0].split(";")[1:]}
    attributes = {k.lower(): str(v) for k, v in morsel.items() if v}
    attributes.update({f: attributes.get(f, "") or "1" for f in flags if f not in attributes})
    return morsel.value, attributes


def where(response: httpx.Response) -> tuple[str, dict[str, list[str]]]:
    assert urlparse(response.headers.get("location", "")).netloc == ""  # never off-site
    return redirect_target(response)


def counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return tuple(  # type: ignore[return-value]
            session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (LoginSession, AuthFailure, AuditEvent)
        )


def now_code(secret: str) -> str:
    return pyotp.TOTP(secret).now()


def password_step(client: TestClient, username: str) -> str:
    response = post(client, "/api/auth/login", {"username": username, "password": PASSWORD})
    assert where(response) == ("/login-code", {})
    return session_cookie(response)[0]


def signed_in(client: TestClient, engine: Engine) -> tuple[str, str]:
    """A fresh account signed in over HTTP: (active token, TOTP secret)."""
    _, username, secret = new_enrolled(engine, CHEAP_HASH)
    pending = password_step(client, username)
    response = post(client, "/api/auth/code", {"code": now_code(secret)}, token=pending)
    assert where(response) == ("/portal", {})
    return session_cookie(response)[0], secret


def invitation(engine: Engine, at: datetime | None = None, username: str = "nina") -> str:
    new = NewAccount(
        username=username, display_name="Nina Nieuw", email="nina@example.test", role=Role.ADMIN
    )
    with transaction(engine) as session:
        outcome = enrolment.invite(session, ctx(at or datetime.now(UTC)), SYSTEM_ACTOR, new)
    return outcome.token


def accepted(client: TestClient, engine: Engine, username: str = "nina") -> str:
    token = invitation(engine, username=username)
    response = post(
        client, "/api/auth/invite", {"token": token, "password": PASSWORD, "repeated": PASSWORD}
    )
    assert where(response) == ("/enrol", {})
    return session_cookie(response)[0]


def resolves(engine: Engine, token: str) -> bool:
    with transaction(engine) as session:
        return sessions.resolve(session, ctx(datetime.now(UTC)), token) is not None


# --- cookies ------------------------------------------------------------------------------------


def test_the_password_step_sets_an_httponly_strict_cookie(client, engine):
    _, username, _ = new_enrolled(engine, CHEAP_HASH)

    response = post(client, "/api/auth/login", {"username": username, "password": PASSWORD})

    assert where(response) == ("/login-code", {})
    token, attributes = session_cookie(response)
    assert len(token) >= 32
    assert "httponly" in attributes
    assert attributes["samesite"].lower() == "strict"
    assert attributes["path"] == "/"
    assert "secure" not in attributes, "plain http on localhost"
    assert response.headers["cache-control"] == "no-store"
    assert PASSWORD not in response.headers["location"]


def test_the_code_step_rotates_the_token_and_opens_the_portal(client, engine):
    _, username, secret = new_enrolled(engine, CHEAP_HASH)
    pending = password_step(client, username)

    response = post(client, "/api/auth/code", {"code": now_code(secret)}, token=pending)

    assert where(response) == ("/portal", {})
    active, attributes = session_cookie(response)
    assert active != pending
    assert "httponly" in attributes and attributes["samesite"].lower() == "strict"
    assert resolves(engine, active)
    assert not resolves(engine, pending)


def test_over_https_the_cookie_is_secure(engine, monkeypatch):
    https = "https://portaal.example.nl"
    monkeypatch.setenv("KWPORTAL_PUBLIC_ORIGIN", https)
    settings.get_settings.cache_clear()
    _, username, _ = new_enrolled(engine, CHEAP_HASH)
    with TestClient(Starlette(routes=auth.routes()), base_url=https) as client:
        response = client.post(
            "/api/auth/login",
            data={"username": username, "password": PASSWORD},
            headers={"Origin": https},
            follow_redirects=False,
        )
    assert response.status_code == 303
    # issue 16 item 4: over https the cookie carries the __Host- prefix
    assert "secure" in session_cookie(response, "__Host-kw_session")[1]


# --- origin ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://localhost:3001"},
        {"Origin": "https://localhost:3000"},
        {},
        {"Referer": "http://localhost:3000.evil.example/login"},
        {"Referer": "http://evil.example/http://localhost:3000/"},
    ],
)
def test_a_post_from_elsewhere_is_forbidden_and_changes_nothing(client, engine, headers):
    _, username, _ = new_enrolled(engine, CHEAP_HASH)
    before = counts(engine)
    form = {"username": username, "password": PASSWORD}

    response = post(client, "/api/auth/login", form, origin=None, headers=headers)

    assert response.status_code == 403
    assert "set-cookie" not in response.headers
    assert counts(engine) == before


def test_every_post_route_checks_the_origin(client, engine):
    token, _ = signed_in(client, engine)
    before = counts(engine)
    posts = [r.path for r in auth.routes() if "POST" in (r.methods or ())]
    assert len(posts) >= 10

    for path in posts:
        refused = post(client, path, {"code": "123456"}, token=token, origin="http://evil.example")
        assert refused.status_code == 403, path

    assert counts(engine) == before
    assert resolves(engine, token)


def test_a_same_origin_referer_without_origin_is_accepted(client, engine):
    _, username, _ = new_enrolled(engine, CHEAP_HASH)
    response = post(
        client,
        "/api/auth/login",
        {"username": username, "password": PASSWORD},
        origin=None,
        headers={"Referer": f"{ORIGIN}/login"},
    )
    assert where(response) == ("/login-code", {})


# --- bad input --------------------------------------------------------------------------------


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b"", FORM),
        (b"username=&password=", FORM),
        (b"username=" + b"u" * 10_240 + b"&password=" + b"p" * 10_240, FORM),
        (b"username=%FF%FE%C3%28\xff\xfe&password=\xc3\x28%ED%A0%80", FORM),
        (b"username=a%00b&password=%00", FORM),
        (b"username=%&password=%zz%", FORM),
        (b"&&&===&username", FORM),
        ("username=Zoë&password=🦒🦓🦔".encode(), FORM),
        (b"username=" + b"a" * 1_048_576, FORM),
        (b"&".join(b"f%d=x" % n for n in range(500)), FORM),
        (b'{"username": "x", "password": "y"}', {"Content-Type": "application/json"}),
        (b"username=x", {}),
        (b"\x00\x01\x02\xff" * 1000, {"Content-Type": "multipart/form-data; boundary=zz"}),
        (
            b'--zz\r\nContent-Disposition: form-data; name="username"; filename="a.txt"\r\n\r\n'
            b"x\r\n--zz--\r\n",
            {"Content-Type": "multipart/form-data; boundary=zz"},
        ),
    ],
    ids=[
        "empty-body",
        "empty-fields",
        "10kb-fields",
        "non-utf8",
        "nul-bytes",
        "broken-escapes",
        "junk",
        "unicode",
        "1mb-body",
        "500-fields",
        "json",
        "no-content-type",
        "broken-multipart",
        "file-upload",
    ],
)
def test_bad_input_to_the_password_step_never_gives_a_500(client, engine, body, headers):
    before = counts(engine)[0]

    response = post(client, "/api/auth/login", content=body, headers=headers)

    assert response.status_code < 500, response.text[:300]
    assert "Traceback" not in response.text
    assert "set-cookie" not in response.headers
    if response.status_code == 303:
        assert where(response) == ("/login", {"e": ["auth.invalid"]})
    else:
        assert response.status_code == 400
    assert counts(engine)[0] == before


@pytest.mark.parametrize("code", ["", "abc", "1234567", "x" * 10_240])
def test_wrong_format_codes_get_the_same_clear_answer(client, engine, code):
    _, username, _ = new_enrolled(engine, CHEAP_HASH)
    pending = password_step(client, username)

    response = post(client, "/api/auth/code", {"code": code}, token=pending)

    assert where(response) == ("/login-code", {"e": ["auth.invalid"]})
    assert "set-cookie" not in response.headers


def test_a_code_in_full_width_digits_gets_an_answer_not_a_500(client, engine):
    _, username, _ = new_enrolled(engine, CHEAP_HASH)
    pending = password_step(client, username)

    response = post(client, "/api/auth/code", {"code": "１２３４５６"}, token=pending)

    assert response.status_code == 303


@pytest.mark.parametrize("token", ["", "nope", "x" * 10_240, "%00\x00"])
def test_bogus_invitation_tokens_get_link_invalid(client, engine, token):
    response = post(
        client, "/api/auth/invite", {"token": token, "password": PASSWORD, "repeated": PASSWORD}
    )
    path, query = where(response)
    assert (path, query["e"]) == ("/invite", ["auth.link_invalid"])
    assert len(query.get("token", [""])[0]) <= 100


def test_expired_and_reused_invitation_links(client, engine):
    expired = invitation(engine, datetime.now(UTC) - timedelta(hours=72, seconds=1), "old")
    form = {"token": expired, "password": PASSWORD, "repeated": PASSWORD}

    path, query = where(post(client, "/api/auth/invite", form))
    assert (path, query["e"]) == ("/invite", ["auth.link_invalid"])

    fresh = invitation(engine)
    form = {"token": fresh, "password": PASSWORD, "repeated": PASSWORD}
    first = post(client, "/api/auth/invite", form)
    assert where(first) == ("/enrol", {})
    again = post(client, "/api/auth/invite", form)
    path, query = where(again)
    assert (path, query["e"]) == ("/invite", ["auth.link_invalid"])
    assert "set-cookie" not in again.headers


def test_password_rules_at_invitation_come_back_as_error_keys(client, engine):
    token = invitation(engine)
    cases = [
        ({"password": "kort", "repeated": "kort"}, "auth.password_too_short"),
        ({"password": PASSWORD, "repeated": PASSWORD + "!"}, "auth.password_mismatch"),
        ({"password": "qwerty123456", "repeated": "qwerty123456"}, "auth.password_common"),
    ]
    for fields, error in cases:
        path, query = where(post(client, "/api/auth/invite", {"token": token, **fields}))
        assert (path, query["e"], query["token"]) == ("/invite", [error], [token])


# --- ended sessions, logout ---------------------------------------------------------------------


def test_a_cookie_from_a_logged_out_session_is_not_accepted(client, engine):
    _, username, secret = new_enrolled(engine, CHEAP_HASH)
    pending = password_step(client, username)

    out = post(client, "/api/auth/logout", token=pending)

    assert where(out) == ("/login", {"e": ["auth.logged_out"]})
    value, attributes = session_cookie(out)
    assert value == "" and attributes.get("max-age") == "0"
    late = post(client, "/api/auth/code", {"code": now_code(secret)}, token=pending)
    assert where(late) == ("/login", {"e": ["auth.session_expired"]})
    assert session_cookie(late)[0] == ""


def test_an_active_session_cookie_is_dead_after_logout(client, engine):
    token, secret = signed_in(client, engine)

    assert where(post(client, "/api/auth/logout", token=token))[0] == "/login"

    assert not resolves(engine, token)
    stepup = post(
        client, "/api/auth/stepup", {"code": now_code(secret), "next": "/portal"}, token=token
    )
    assert where(stepup) == ("/login", {"e": ["auth.session_expired"]})
    codes = post(client, "/api/auth/recovery-codes", token=token)
    assert where(codes) == ("/login", {"e": ["auth.session_expired"]})


def test_log_out_everywhere_over_http(client, engine):
    _, username, secret = new_enrolled(engine, CHEAP_HASH)
    pending = password_step(client, username)
    response = post(client, "/api/auth/code", {"code": now_code(secret)}, token=pending)
    token = session_cookie(response)[0]

    out = post(client, "/api/auth/logout-everywhere", token=token)

    assert where(out) == ("/login", {"e": ["auth.logged_out_everywhere"]})
    assert session_cookie(out)[0] == ""
    assert not resolves(engine, token)


def test_a_step_up_never_sends_the_browser_elsewhere(client, engine):
    token, secret = signed_in(client, engine)
    later_code = pyotp.TOTP(secret).at(datetime.now(UTC) + timedelta(seconds=30))

    response = post(
        client, "/api/auth/stepup", {"code": later_code, "next": "/\t/evil.example"}, token=token
    )

    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/") and not location.startswith("//")
    assert not re.sub(r"[\t\n\r]", "", location).startswith("//")
    for target in ("//evil.example", "https://evil.example", "/\\evil.example", "evil"):
        assert pages.safe_next(target) == "/portal"
    assert pages.safe_next("/portal/dossier?x=1") == "/portal/dossier?x=1"


# --- enrolment ----------------------------------------------------------------------------------


def test_the_qr_code_needs_a_pending_enrolment(client, engine):
    active, _ = signed_in(client, engine)
    for token in ("", "nope", active):
        assert get(client, "/api/auth/enrol/qr.svg", token=token).status_code == 404
        assert get(client, "/api/auth/enrol/secret", token=token).status_code == 404

    enrol = accepted(client, engine)
    response = get(client, "/api/auth/enrol/qr.svg", token=enrol)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in response.text
    assert response.headers["cache-control"] == "no-store"


def test_enrolment_over_http_shows_ten_codes_once(client, engine):
    enrol = accepted(client, engine)
    page = get(client, "/api/auth/enrol/secret?lang=en", token=enrol)
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    found = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.text)
    assert found, page.text
    secret = found.group(1).replace(" ", "")

    wrong = post(client, "/api/auth/enrol", {"code": "000000", "lang": "en"}, token=enrol)
    assert where(wrong) == ("/enrol", {"e": ["auth.invalid_code"]})
    response = post(
        client, "/api/auth/enrol", {"code": now_code(secret), "lang": "en"}, token=enrol
    )

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert '<html lang="en">' in response.text
    codes = CODE_ITEM.findall(response.text)
    assert len(codes) == 10 == len(set(codes))
    active, attributes = session_cookie(response)
    assert active != enrol and "httponly" in attributes
    assert resolves(engine, active)
    assert get(client, "/api/auth/enrol/qr.svg", token=enrol).status_code == 404


def test_the_recovery_codes_page_escapes_what_it_shows():
    response = pages.recovery_codes_page(["<script>alert(1)</script>", "A&B"], '"><script>')
    text = bytes(response.body).decode()

    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "A&amp;B" in text
    assert '<html lang="nl">' in text
    assert response.headers["cache-control"] == "no-store"
