"""Account recovery cannot outrun the lockout (issue 16, item 6): a reset link on a locked
or throttled account waits like a sign-in, wrong codes on the reset form count per account
and void the links after five, and "forgot password" is rate-limited per address and per IP
with its counters in the database. The services on SQLite and PostgreSQL with a chosen
clock; then the same through the HTTP routes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.domain import throttle
from kwportal.models import Account, AuthFailure, OneTimeToken, ResetRequest
from kwportal.services.auth import login, recovery, throttling
from kwportal.services.auth.common import Outcome, username_key
from kwportal.ui.api import auth
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (
    CHEAP_HASH,
    NEW_PASSWORD,
    SECOND,
    T0,
    account_row,
    cheap_argon2,  # noqa: F401 - fixture
    code_at,
    ctx,
    event_types,
    new_enrolled,
)
from tests.integration.served import portal_database, post_form, redirect_target, route_client

pytestmark = pytest.mark.usefixtures("cheap_argon2")
HOUR = timedelta(hours=1)
LOCK_SPACING = timedelta(seconds=throttle.MAX_DELAY_SECONDS + 1)


def request_reset(engine: Engine, identifier: str, at: datetime, ip: str = "192.0.2.10"):
    with transaction(engine) as session:
        return recovery.request_reset(session, ctx(at, ip=ip), identifier=identifier)


def reset(engine: Engine, link: str, at: datetime, code: str) -> Outcome:
    with transaction(engine) as session:
        return recovery.reset_password(
            session, ctx(at), token=link, password=NEW_PASSWORD, repeated=NEW_PASSWORD, code=code
        )


def link_of(outcome: Outcome) -> str:
    [mail] = outcome.mails
    found = re.search(r"/reset-password\?token=([A-Za-z0-9_-]+)", mail.body)
    assert found, mail.body
    return found.group(1)


def wrong(secret: str, at: datetime) -> str:
    return f"{(int(code_at(secret, at)) + 1) % 1_000_000:06d}"


def lock(engine: Engine, username: str, start: datetime) -> datetime:
    """Twenty wrong passwords, each after the delay: the account locks. Returns the time
    of the last failure."""
    at = start
    with transaction(engine) as session:
        for n in range(throttle.LOCKOUT_FAILURES):
            at = start + n * LOCK_SPACING
            login.begin(session, ctx(at), username=username, password="fout fout fout")
    return at


# --- a reset link on a locked or throttled account ----------------------------------------


def test_a_reset_on_a_locked_account_waits_the_delay_like_a_sign_in(engine: Engine) -> None:
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    last = lock(engine, username, T0)
    assert account_row(engine, account_id).locked_at is not None
    link = link_of(request_reset(engine, username, last + SECOND))
    soon = last + 10 * SECOND

    refused = reset(engine, link, soon, code_at(secret, soon))

    assert refused.error == "auth.throttled"
    assert 0 < refused.retry_after <= throttle.MAX_DELAY_SECONDS
    assert account_row(engine, account_id).locked_at is not None, "nothing changed"
    later = last + LOCK_SPACING
    assert reset(engine, link, later, wrong(secret, later)).error == "auth.invalid_code"
    assert reset(engine, link, later, code_at(secret, later)).error == "auth.throttled"

    done = reset(engine, link, later + LOCK_SPACING, code_at(secret, later + LOCK_SPACING))

    assert done.ok, "after the delay the reset still lifts the lockout"
    assert account_row(engine, account_id).locked_at is None
    assert "password_reset_throttled" in event_types(engine)


def test_a_reset_on_a_throttled_account_waits_too(sqlite_engine: Engine) -> None:
    engine = sqlite_engine
    _, username, secret = new_enrolled(engine, CHEAP_HASH)
    with transaction(engine) as session:
        for _ in range(throttle.DELAY_AFTER_FAILURES):
            login.begin(session, ctx(T0), username=username, password="fout fout fout")
    link = link_of(request_reset(engine, username, T0))

    assert reset(engine, link, T0, code_at(secret, T0)).error == "auth.throttled"
    assert reset(engine, link, T0 + 2 * SECOND, code_at(secret, T0)).ok


# --- wrong codes on the reset form ----------------------------------------------------------


def test_five_wrong_reset_codes_void_every_link_of_the_account(engine: Engine) -> None:
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    first = link_of(request_reset(engine, username, T0))
    second = link_of(request_reset(engine, username, T0 + SECOND))
    at = T0 + 2 * SECOND
    answers = [reset(engine, first, at, wrong(secret, at)).error for _ in range(3)]
    answers += [reset(engine, second, at, "ABCDE-FGHJK").error]  # per account, not per link

    voided = reset(engine, second, at, wrong(secret, at))

    assert answers == ["auth.invalid_code"] * 4
    assert voided == Outcome(error="auth.reset_link_voided")
    for link in (first, second):
        assert reset(engine, link, at + SECOND, code_at(secret, at)).error == "auth.link_invalid"
    with Session(engine) as session:
        links = session.exec(select(OneTimeToken).where(OneTimeToken.account_id == account_id))
        assert all(link.used_at == at for link in links)
    assert "password_reset_links_voided" in event_types(engine)
    assert account_row(engine, account_id).password_hash == CHEAP_HASH


def test_after_the_links_are_voided_no_new_link_goes_out_until_the_window_passes(
    engine: Engine,
) -> None:
    _, username, secret = new_enrolled(engine, CHEAP_HASH)
    link = link_of(request_reset(engine, username, T0))
    for _ in range(throttle.RESET_CODE_FAILURES):
        last = reset(engine, link, T0 + SECOND, "000000")
    assert last.error == "auth.reset_link_voided"

    refused = request_reset(engine, username, T0 + 2 * SECOND)

    assert refused == Outcome(), "the same answer as for anyone"
    assert event_types(engine).count("password_reset_refused") == 1
    later = T0 + throttle.LOCKOUT_WINDOW + 2 * SECOND
    fresh = link_of(request_reset(engine, username, later))
    assert reset(engine, fresh, later, code_at(secret, later)).ok


def test_an_unlock_by_the_administrator_gives_the_codes_back(sqlite_engine: Engine) -> None:
    engine = sqlite_engine
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    link = link_of(request_reset(engine, username, T0))
    for _ in range(throttle.RESET_CODE_FAILURES):
        reset(engine, link, T0 + SECOND, "000000")
    with transaction(engine) as session:  # what `kwportal unlock` and the admin page do
        account = session.get(Account, account_id)
        assert account is not None
        account.failures_reset_at = T0 + 2 * SECOND
        session.add(account)

    fresh = link_of(request_reset(engine, username, T0 + 3 * SECOND))
    assert reset(engine, fresh, T0 + 3 * SECOND, code_at(secret, T0 + 3 * SECOND)).ok


# --- "forgot password" rate limits ----------------------------------------------------------


def test_forgot_password_is_limited_per_address_alike_for_unknown_ones(engine: Engine) -> None:
    _, username, _ = new_enrolled(engine, CHEAP_HASH)
    for identifier, mailed in ((username, 3), ("niemand@example.test", 0)):
        granted = [request_reset(engine, identifier, T0 + n * SECOND) for n in range(3)]
        limited = request_reset(engine, identifier.upper(), T0 + 3 * SECOND)

        assert all(o.ok for o in granted) and sum(len(o.mails) for o in granted) == mailed
        assert limited.error == "auth.reset_requests_limited"
        assert limited.retry_after == 60, "minutes until the oldest request ages out"
        assert limited.mails == []
    assert request_reset(engine, username, T0 + HOUR + SECOND).mails, "an hour later"
    assert event_types(engine).count("password_reset_request_limited") == 2


def test_forgot_password_is_limited_per_ip(sqlite_engine: Engine) -> None:
    engine = sqlite_engine
    for n in range(throttle.RESET_REQUESTS_PER_IP):
        assert request_reset(engine, f"iemand{n}@example.test", T0).ok

    limited = request_reset(engine, "nog.iemand@example.test", T0 + SECOND)
    elsewhere = request_reset(engine, "nog.iemand@example.test", T0 + SECOND, ip="198.51.100.7")

    assert limited.error == "auth.reset_requests_limited"
    assert elsewhere.ok


def test_the_counters_live_in_the_database_as_keyed_hashes_only(sqlite_engine: Engine) -> None:
    """Several workers serve one address (STYLE.md habit 11): a second "process" (a new
    session on the same database) sees the first one's requests."""
    engine = sqlite_engine
    for _ in range(throttle.RESET_REQUESTS_PER_ADDRESS):
        request_reset(engine, "anna@example.test", T0)
    with Session(engine) as session:
        rows = session.exec(select(ResetRequest)).all()
    assert len(rows) == throttle.RESET_REQUESTS_PER_ADDRESS
    for row in rows:
        assert "anna" not in row.address_key and "192.0.2" not in row.ip_key
        assert len(row.address_key) == len(row.ip_key) == 64
    assert request_reset(engine, "anna@example.test", T0).error == "auth.reset_requests_limited"


# --- the same through the HTTP routes (the routes' clock is the real one) ------------------


@pytest.fixture
def http(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Engine, TestClient]]:
    with (
        portal_database(tmp_path, monkeypatch, unset=("KWPORTAL_SMTP_HOST",)) as engine,
        route_client(auth.routes()) as client,
    ):
        yield engine, client


def test_forgot_password_over_http_answers_the_limit_with_its_message(http) -> None:
    engine, client = http
    _, username, _ = new_enrolled(engine, CHEAP_HASH)
    answers = [
        redirect_target(post_form(client, "/api/auth/forgot", None, {"identifier": username}))
        for _ in range(throttle.RESET_REQUESTS_PER_ADDRESS + 1)
    ]

    assert answers[:-1] == [("/forgot-password", {"e": ["auth.reset_sent"]})] * 3
    path, query = answers[-1]
    assert (path, query["e"]) == ("/forgot-password", ["auth.reset_requests_limited"])
    assert 0 < int(query["wait"][0]) <= 60


def _http_link(engine: Engine, username: str) -> str:
    with transaction(engine) as session:
        outcome = recovery.request_reset(session, ctx(datetime.now(UTC)), identifier=username)
    return link_of(outcome)


def _reset_over_http(client: TestClient, link: str, code: str) -> tuple[str, list[str]]:
    fields = {"token": link, "password": NEW_PASSWORD, "repeated": NEW_PASSWORD, "code": code}
    path, query = redirect_target(post_form(client, "/api/auth/reset", None, fields))
    return path, query.get("e", [])


def test_wrong_codes_on_the_reset_page_void_the_link_over_http(http) -> None:
    engine, client = http
    _, username, secret = new_enrolled(engine, CHEAP_HASH)
    link = _http_link(engine, username)

    answers = [_reset_over_http(client, link, "000000") for _ in range(5)]
    after = _reset_over_http(client, link, code_at(secret, datetime.now(UTC)))

    assert answers[:4] == [("/reset-password", ["auth.invalid_code"])] * 4
    assert answers[4] == ("/reset-password", ["auth.reset_link_voided"])
    assert after == ("/reset-password", ["auth.link_invalid"])


def test_a_reset_link_on_a_locked_account_is_throttled_over_http(http) -> None:
    engine, client = http
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    now = datetime.now(UTC)
    with transaction(engine) as session:
        account = session.get(Account, account_id)
        assert account is not None
        key = username_key(TEST_SECRET, username)
        for _ in range(throttle.LOCKOUT_FAILURES):
            throttling.record_failure(session, ctx(now), key, account, "password")
    assert account_row(engine, account_id).locked_at is not None
    link = _http_link(engine, username)

    path, errors = _reset_over_http(client, link, code_at(secret, datetime.now(UTC)))

    assert (path, errors) == ("/reset-password", ["auth.throttled"])
    assert account_row(engine, account_id).locked_at is not None
    with Session(engine) as session:
        spent = session.exec(
            select(OneTimeToken).where(col(OneTimeToken.used_at).is_not(None))
        ).all()
        failures = session.exec(select(AuthFailure)).all()
    assert spent == [], "the link stays usable once the delay has passed"
    assert len(failures) == throttle.LOCKOUT_FAILURES
