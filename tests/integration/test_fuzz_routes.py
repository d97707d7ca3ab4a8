"""Fuzzing every HTTP route (issue 16, item 12).

Hypothesis sends every route of ``kwportal.ui.api.all_routes()`` random bodies (form
fields with NUL, huge and odd text; JSON; raw bytes; multipart with and without files;
a content type that lies) and random headers (origin, referer, cookies, forwarded-for,
language), with path parameters from tiny to huge, without a session and with the session
of every role, against the demo portal in this process (Starlette's test client). Then

- no server error: no 5xx answer and nothing logged at ERROR;
- every refusal is the usual one: 303 to a page of ours whose message (``e=``) is a catalog
  key, or the plain 400/401/403/404/405/413/415/429 of the routes;
- no state is corrupted: afterwards each role's session still resolves and the audit
  chain still verifies.

Bounded: a fixed number of examples per route and caller, derandomised, no deadline; the
routes that end or change the caller's session run last.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.routing import Route
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.i18n import CATALOGS
from kwportal.services import audit, runner
from kwportal.services.auth import passwords
from kwportal.services.demo.seed import seed_demo
from kwportal.ui import routes as paths
from kwportal.ui.api import all_routes
from kwportal.ui.api.http import SESSION_COOKIE
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import CHEAP, ORIGIN, cheap_dummy
from tests.integration.served import portal_database, reset_cached
from tests.integration.test_audited_reads import _sign_in, _staff_account

EXAMPLES = 12
ROLES = tuple(r for r in Role if r is not Role.SYSTEM)
CALLERS = (None, *ROLES)
#: the routes that end or replace the caller's session: fuzzed after all the others
SESSION_ENDING = (paths.API_LOGOUT, paths.API_LOGOUT_EVERYWHERE, paths.API_TOTP)
assert sorted(SESSION_ENDING) == list(SESSION_ENDING)
USUAL_STATUS = {200, 204, 303, 400, 401, 403, 404, 405, 413, 415, 429}
#: the statuses a refusal may answer with besides a redirect
PAGE_PATHS = {
    value for name, value in vars(paths).items() if name.isupper() and isinstance(value, str)
}
IDENTIFIER = re.compile(r"""["']([a-z][a-z_]{1,24})["']""")
HUGE = 200_000

_ODD_TEXT = st.sampled_from(
    [
        "",
        "\x00",
        "a\x00b",
        "x" * HUGE,
        "9" * 40,
        "-1",
        "0",
        "2026-02-30",
        "/../../etc/passwd",
        "//evil.example/",
        "https://evil.example/",
        "<script>alert(1)</script>",
        "'; DROP TABLE account; --",
        "\u202e\u200b\ufeff",
        "AGE-SECRET-KEY-1",
        "age1" + "q" * 58,
        "nl",
        "en",
    ]
)
TEXT = st.one_of(st.text(max_size=40), _ODD_TEXT)
HEADER_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60
) | st.sampled_from(["", "null", ORIGIN, "http://evil.example", ORIGIN + "/portal"])
CONTENT_TYPES = st.sampled_from(
    [
        None,
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=utf-16",
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=zzz",
        "application/json",
        "text/plain",
        "application/octet-stream",
        'image/png; name="a;b"',
    ]
)


def route_fields(route: Route) -> list[str]:
    """The quoted identifiers of the route's module: its form fields and query names
    among them, so a random form reaches past the first missing field."""
    module = inspect.getmodule(route.endpoint)
    try:
        source = inspect.getsource(module) if module else ""
    except (OSError, TypeError):
        source = ""
    return sorted(set(IDENTIFIER.findall(source))) or ["x"]


@dataclass(frozen=True)
class Attempt:
    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    cookie: str
    body: dict[str, Any] = field(default_factory=dict)

    def short(self) -> str:
        text = repr((self.method, self.path, self.params, self.headers, self.cookie, self.body))
        return text if len(text) < 400 else f"{text[:400]}... ({len(text)} characters)"


def _path(route: Route, number: str) -> str:
    return re.sub(r"\{[^}]+\}", number, route.path)


@st.composite
def attempts(draw: st.DrawFn, route: Route, cookie: str) -> Attempt:
    names = route_fields(route)
    keys = st.sampled_from(names) | st.text(min_size=1, max_size=8)
    methods = sorted((route.methods or {"GET"}) - {"HEAD"})
    method = draw(st.sampled_from(methods) if draw(st.integers(0, 9)) else st.just("PUT"))
    number = draw(
        st.sampled_from(["0", "1", "2", "99999", "9" * 25, "18446744073709551616"])
        | st.integers(0, 10**6).map(str)
    )
    params = draw(st.dictionaries(keys, TEXT.filter(lambda t: len(t) < 2000), max_size=3))
    headers = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "origin": HEADER_TEXT,
                "referer": HEADER_TEXT,
                "x-forwarded-for": HEADER_TEXT,
                "accept-language": HEADER_TEXT,
                "content-type": CONTENT_TYPES.filter(lambda c: c is not None),
                "range": HEADER_TEXT,
            },
        )
    )
    if draw(st.booleans()):
        headers["origin"] = ORIGIN  # mostly from our own pages, so the body is read
    jar = draw(st.sampled_from([cookie, cookie, cookie, "", "garbage", cookie + "x", "\x7f" * 3]))
    kind = draw(st.sampled_from(["form", "form", "json", "bytes", "files", "none"]))
    body: dict[str, Any] = {}
    if kind == "form":
        body["data"] = draw(st.dictionaries(keys, TEXT, max_size=8))
    elif kind == "json":
        body["json"] = draw(
            st.recursive(
                st.none() | st.booleans() | st.integers() | TEXT,
                lambda inner: (
                    st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3)
                ),
                max_leaves=6,
            )
        )
    elif kind == "bytes":
        body["content"] = draw(st.binary(max_size=2000) | st.just(b"\x00" * 70_000))
    elif kind == "files":
        body["files"] = {
            draw(keys): (
                draw(st.text(max_size=20)),
                draw(st.binary(max_size=3000) | st.just(b"Personeelsnummer;Naam\n")),
                draw(CONTENT_TYPES.filter(lambda c: c is not None)),
            )
        }
        body["data"] = draw(st.dictionaries(keys, TEXT, max_size=3))
        headers.pop("content-type", None)  # httpx writes the boundary itself
    return Attempt(method, _path(route, number), params, headers, jar, body)


# --- the portal -------------------------------------------------------------------------


@dataclass
class Portal:
    engine: Engine
    client: TestClient
    cookies: dict[Role | None, str]


class Errors(logging.Handler):
    """Every record logged at ERROR or above while the fuzzing runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(self.format(record))


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    executor = ThreadPoolExecutor(max_workers=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", CHEAP)
        patch.setattr(passwords, "_pool", lambda: executor)
        cheap_dummy(patch)
        path: Path = tmp_path_factory.mktemp("fuzz-routes")
        with portal_database(path, patch) as engine:
            with transaction(engine) as session:
                seed_demo(session, today=date(2026, 11, 2), secret=TEST_SECRET)
            cookies: dict[Role | None, str] = {None: ""}
            for role in ROLES:
                cookies[role] = _sign_in(engine, _staff_account(role))
            app_routes = all_routes()
            from starlette.applications import Starlette

            with TestClient(
                Starlette(routes=app_routes),
                base_url=ORIGIN,
                follow_redirects=False,
                raise_server_exceptions=False,
            ) as client:
                yield Portal(engine, client, cookies)
    executor.shutdown()
    reset_cached()


# --- the checks -------------------------------------------------------------------------


def unusual(response: httpx.Response) -> list[str]:
    found = []
    if response.status_code not in USUAL_STATUS:
        found.append(f"status {response.status_code}: {response.text[:300]!r}")
    if response.status_code == 303:
        location = urlsplit(response.headers.get("location", ""))
        if location.netloc or location.path not in PAGE_PATHS:
            found.append(f"redirect to {response.headers.get('location')!r}")
        query = parse_qs(location.query)
        for key in query.get("e", []):
            if key not in CATALOGS["nl"]:
                found.append(f"message {key!r} is no catalog key")
        for wait in query.get("wait", []):
            if not wait.isdigit():
                found.append(f"wait={wait!r}")
    return found


def _send(portal: Portal, attempt: Attempt) -> httpx.Response:
    client = portal.client
    client.cookies.clear()
    if attempt.cookie:
        client.cookies.set(SESSION_COOKIE, attempt.cookie)
    return client.request(
        attempt.method,
        attempt.path,
        params=attempt.params,
        headers=attempt.headers,
        **attempt.body,
    )


def _fuzz(portal: Portal, errors: Errors, route: Route, who: Role | None) -> list[str]:
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(attempt=attempts(route, portal.cookies[who]))
    def one(attempt: Attempt) -> None:
        errors.seen.clear()
        response = _send(portal, attempt)
        problems = unusual(response) + errors.seen
        assert problems == [], f"{attempt.short()}: {problems}"

    try:
        one()
    except AssertionError as failed:
        return [f"{route.path} as {who}: " + str(failed).split("\nFailing test case")[0][:3000]]
    return []


def _ordered(routes: list[Any]) -> list[Route]:
    found = [r for r in routes if isinstance(r, Route)]
    return sorted(found, key=lambda r: (r.path in SESSION_ENDING, r.path))


ROUTES = _ordered(all_routes())


def _still_signed_in(portal: Portal, who: Role) -> bool:
    caller = runner.Caller(portal.cookies[who], audit.AccessPoint(ip="127.0.0.1", agent="x"))
    try:
        runner.run(caller, runner.do_touch)
    except runner.Refusal:
        return False
    return True


@pytest.mark.parametrize("path", [paths.API_RECEIPT, paths.API_DOCUMENT])
def test_a_path_id_beyond_any_row_reads_as_not_found(portal: Portal, path: str) -> None:
    """Found by the fuzzing: a 25-digit id reached the database as an integer no driver
    takes (a server error). Runs before the fuzzing, which ends the employee's session."""
    route = next(r for r in ROUTES if r.path == path)
    attempt = Attempt("GET", _path(route, "9" * 25), {}, {}, portal.cookies[Role.EMPLOYEE])
    assert _send(portal, attempt).status_code == 404


@pytest.mark.parametrize("who", CALLERS, ids=lambda r: r.value if r else "no-session")
def test_fuzzed_routes_answer_the_usual_way(portal: Portal, who: Role | None) -> None:
    errors = Errors()
    logging.getLogger().addHandler(errors)
    try:
        found: list[str] = []
        for route in ROUTES:
            if who is not None and route.path == SESSION_ENDING[0]:
                assert _still_signed_in(portal, who), "the fuzzing ended the session early"
            found += _fuzz(portal, errors, route, who)
    finally:
        logging.getLogger().removeHandler(errors)
    assert found == [], "\n\n".join(found)
    with Session(portal.engine) as session:
        assert audit.verify_chain(session, secret=TEST_SECRET).ok


def test_every_route_is_fuzzed() -> None:
    assert {r.path for r in ROUTES} == {r.path for r in all_routes() if isinstance(r, Route)}
    assert len(ROUTES) >= 30
