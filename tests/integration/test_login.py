"""Sign-in with password and TOTP (issue 4, item 4), on SQLite and PostgreSQL.

Real argon2 where hashing is the point (the full sign-in, the rehash, the timing test), with
one hash per module (``STRONG_HASH``); elsewhere accounts carry a hash with tiny argon2
parameters, which verifies in microseconds. Time is passed in each ``Context``; the timing
test is the one place real time is measured. Tests whose outcome cannot depend on the
database (pure rules over rows already tested on both) run on SQLite only.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import extract_parameters
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal import cli, db, settings
from kwportal.db import transaction
from kwportal.domain import throttle
from kwportal.models import Account, AuthFailure
from kwportal.services.auth import enrolment, login, passwords, sessions
from kwportal.services.auth.common import Outcome
from kwportal.services.auth.passwords import hash_password
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (
    CHEAP_HASH,
    PASSWORD,
    SECOND,
    STEP,
    T0,
    account_row,
    chain_ok,
    cheap_argon2,  # noqa: F401 - fixture
    cheap_dummy,
    code_at,
    ctx,
    event_types,
    events,
    new_enrolled,
    session_rows,
    totp_secret_of,
)

STRONG_HASH = hash_password(PASSWORD)
WRONG = "dit is niet het wachtwoord"
LOCK_SPACING = timedelta(seconds=throttle.MAX_DELAY_SECONDS + 1)


def begin(engine: Engine, at: datetime, username: str, password: str, **where: str) -> Outcome:
    with transaction(engine) as session:
        return login.begin(session, ctx(at, **where), username=username, password=password)


def complete(engine: Engine, at: datetime, token: str, code: str) -> Outcome:
    with transaction(engine) as session:
        return login.complete(session, ctx(at), token=token, code=code)


def failures_of(engine: Engine, account_id: int) -> list[AuthFailure]:
    with Session(engine) as session:
        query = select(AuthFailure).where(AuthFailure.account_id == account_id)
        return list(session.exec(query.order_by(col(AuthFailure.id))))


def answer(outcome: Outcome) -> tuple[str, str, str, int, tuple[str, ...]]:
    """What a client could learn from an outcome (mails go to the owner, not the client)."""
    return outcome.error, outcome.token, outcome.stage, outcome.retry_after, tuple(outcome.data)


# --- the happy path -------------------------------------------------------------------------


def test_password_then_code_opens_an_active_session(engine):
    account_id, username, secret = new_enrolled(engine, STRONG_HASH)

    first = begin(engine, T0, f"  {username.upper()} ", PASSWORD)

    assert first.ok and first.stage == login.STAGE_CODE and first.mails == []
    [pending] = session_rows(engine, account_id)
    assert pending.stage == login.STAGE_CODE
    assert pending.token_hash != first.token and first.token not in pending.token_hash
    assert (pending.ip, pending.user_agent) == ("192.0.2.10", "pytest")
    with transaction(engine) as session:
        assert sessions.resolve(session, ctx(T0), first.token) is None

    at = T0 + 20 * SECOND
    second = complete(engine, at, first.token, code_at(secret, at))

    assert second.ok and second.stage == login.STAGE_ACTIVE
    assert second.token and second.token != first.token
    with transaction(engine) as session:
        signed_in = sessions.resolve(session, ctx(at), second.token)
        assert sessions.resolve(session, ctx(at), first.token) is None
    assert signed_in is not None
    assert signed_in.account_id == account_id
    assert signed_in.last_totp_at == at
    account = account_row(engine, account_id)
    assert account.last_login_at == at
    assert account.totp_last_step == int(at.timestamp()) // 30
    assert event_types(engine)[-2:] == ["login_password_ok", "login_success"]
    assert chain_ok(engine)


@pytest.mark.usefixtures("cheap_argon2")
def test_wrong_password_unknown_user_and_wrong_code_get_the_same_answer(engine):
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    _, inactive, _ = new_enrolled(engine, CHEAP_HASH, is_active=False)
    _, invited, _ = new_enrolled(engine, None)

    wrong_password = begin(engine, T0, username, WRONG)
    unknown_user = begin(engine, T0, "niemand.bekend", PASSWORD)
    inactive_user = begin(engine, T0, inactive, PASSWORD)
    no_password_yet = begin(engine, T0, invited, PASSWORD)
    token = begin(engine, T0, username, PASSWORD).token
    wrong = f"{(int(code_at(secret, T0)) + 500_000) % 1_000_000:06d}"
    wrong_code = complete(engine, T0 + SECOND, token, wrong)

    refused = [wrong_password, unknown_user, inactive_user, no_password_yet, wrong_code]
    assert {answer(o) for o in refused} == {("auth.invalid", "", "", 0, ())}
    assert all(o.mails == [] for o in refused)
    assert [f.kind for f in failures_of(engine, account_id)] == ["password", "code"]
    types = event_types(engine)
    assert types.count("login_failed_password") == 4
    assert types.count("login_failed_code") == 1
    failed = events(engine, "login_failed_password")
    assert [e.actor_account_id for e in failed[:2]] == [account_id, None]
    assert "niemand.bekend" not in "".join(e.details for e in failed)
    assert chain_ok(engine)


# --- one-time use of each code ---------------------------------------------------------------


@pytest.mark.usefixtures("cheap_argon2")
def test_a_replayed_code_is_refused_logged_and_mailed_to_the_owner(engine):
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    code = code_at(secret, T0)
    assert complete(engine, T0 + SECOND, begin(engine, T0, username, PASSWORD).token, code).ok

    token = begin(engine, T0 + 5 * SECOND, username, PASSWORD).token
    replay = complete(engine, T0 + 10 * SECOND, token, code)

    assert answer(replay) == ("auth.invalid", "", "", 0, ())
    [mail] = replay.mails
    account = account_row(engine, account_id)
    assert mail.to == account.email
    assert "already been used" in mail.body
    assert code not in mail.body
    assert [f.kind for f in failures_of(engine, account_id)] == ["replay"]
    [event] = events(engine, "totp_replay_refused")
    assert event.actor_account_id == account_id
    assert code not in event.details
    assert "login_failed_replay" in event_types(engine)
    assert [r.stage for r in session_rows(engine, account_id)] == ["active", "password_ok"]

    later = T0 + STEP + SECOND
    assert complete(engine, later, token, code_at(secret, later)).ok
    assert chain_ok(engine)


# --- throttling, lockout, per-IP limit -------------------------------------------------------


def test_five_failures_throttle_with_a_growing_delay(engine):
    account_id, username, _ = new_enrolled(engine, CHEAP_HASH)

    first_five = [begin(engine, T0, username, WRONG) for _ in range(5)]
    throttled = begin(engine, T0, username, PASSWORD)

    assert {o.error for o in first_five} == {"auth.invalid"}
    assert throttled.error == "auth.throttled"
    assert throttled.retry_after > 0 and throttled.token == ""
    assert len(session_rows(engine, account_id)) == 0
    assert len(failures_of(engine, account_id)) == 5
    assert events(engine, "login_refused")

    waits, at = [throttled.retry_after], T0
    for _ in range(3):
        at += timedelta(seconds=waits[-1])
        assert begin(engine, at, username, WRONG).error == "auth.invalid"
        again = begin(engine, at, username, WRONG)
        assert again.error == "auth.throttled"
        waits.append(again.retry_after)
    assert waits == sorted(waits) and waits[-1] > waits[0]
    assert account_row(engine, account_id).password_hash == CHEAP_HASH


def test_wrong_codes_are_throttled_like_wrong_passwords(engine):
    account_id, username, secret = new_enrolled(engine, STRONG_HASH)
    token = begin(engine, T0, username, PASSWORD).token
    at = T0 + SECOND

    assert {complete(engine, at, token, "000000").error for _ in range(5)} == {"auth.invalid"}
    throttled = complete(engine, at, token, code_at(secret, at))

    assert throttled.error == "auth.throttled" and throttled.retry_after > 0
    assert account_row(engine, account_id).totp_last_step is None
    later = at + timedelta(seconds=throttled.retry_after)
    assert complete(engine, later, token, code_at(secret, later)).ok


def test_twenty_failures_lock_the_account_and_tell_the_owner(engine):
    account_id, username, _ = new_enrolled(engine, CHEAP_HASH)
    times = [T0 + i * LOCK_SPACING for i in range(throttle.LOCKOUT_FAILURES)]

    outcomes = [begin(engine, at, username, WRONG) for at in times]

    assert {o.error for o in outcomes} == {"auth.invalid"}
    assert all(o.mails == [] for o in outcomes[:-1])
    [mail] = outcomes[-1].mails
    account = account_row(engine, account_id)
    assert mail.to == account.email and "locked" in mail.subject
    assert account.locked_at == times[-1]
    [locked_event] = events(engine, "account_locked")
    assert locked_event.actor_account_id == account_id

    for later in (times[-1] + SECOND, times[-1] + timedelta(hours=13)):
        refused = begin(engine, later, username, PASSWORD)
        assert answer(refused) == ("auth.locked", "", "", 0, ())
        assert refused.mails == []
    assert session_rows(engine, account_id) == []
    assert len(failures_of(engine, account_id)) == throttle.LOCKOUT_FAILURES
    assert len(events(engine, "account_locked")) == 1
    assert chain_ok(engine)


def _attempts(engine: Engine, username: str) -> list[tuple[str, int]]:
    """Five failures at T0, one throttled try, then spaced failures up to the lockout."""
    times = [T0] * 6 + [T0 + i * LOCK_SPACING for i in range(1, 17)]
    return [(o.error, o.retry_after) for o in (begin(engine, t, username, WRONG) for t in times)]


def test_unknown_usernames_are_throttled_and_locked_alike(engine, monkeypatch):
    cheap_dummy(monkeypatch)
    _, username, _ = new_enrolled(engine, CHEAP_HASH)

    known = _attempts(engine, username)
    unknown = _attempts(engine, "nobody.at.all")

    assert known == unknown
    assert known[5][0] == "auth.throttled" and known[5][1] > 0
    assert known[-1] == ("auth.locked", 0)
    with Session(engine) as session:
        unknown_failures = session.exec(
            select(AuthFailure).where(col(AuthFailure.account_id).is_(None))
        ).all()
    kinds = [failure.kind for failure in unknown_failures]
    assert kinds.count("password") == throttle.LOCKOUT_FAILURES
    assert kinds.count("locked") == 1  # the name stays locked, like a real account


def test_a_lockout_does_not_reveal_which_names_exist_later(sqlite_engine, monkeypatch):
    engine = sqlite_engine
    cheap_dummy(monkeypatch)
    _, username, _ = new_enrolled(engine, CHEAP_HASH)
    assert _attempts(engine, username) == _attempts(engine, "nobody.at.all")

    later = T0 + timedelta(hours=18)
    known = begin(engine, later, username, WRONG)
    unknown = begin(engine, later, "nobody.at.all", WRONG)

    assert answer(known) == answer(unknown)


def test_the_per_ip_limit(engine, monkeypatch):
    cheap_dummy(monkeypatch)
    account_id, username, _ = new_enrolled(engine, CHEAP_HASH)
    attacker, other = "203.0.113.66", "198.51.100.7"
    with transaction(engine) as session:
        for n in range(throttle.IP_FAILURES_LIMIT):
            outcome = login.begin(
                session, ctx(T0, ip=attacker), username=f"guess{n}", password=WRONG
            )
            assert outcome.error == "auth.invalid", n

    blocked = begin(engine, T0 + timedelta(minutes=1), username, PASSWORD, ip=attacker)
    elsewhere = begin(engine, T0 + timedelta(minutes=1), username, WRONG, ip=other)
    after_window = begin(engine, T0 + throttle.IP_WINDOW, username, WRONG, ip=attacker)

    assert blocked.error == "auth.throttled" and blocked.retry_after > 0
    assert blocked.token == ""
    assert elsewhere.error == "auth.invalid"
    assert after_window.error == "auth.invalid"
    assert session_rows(engine, account_id) == []


# --- hashing ----------------------------------------------------------------------------------


def test_the_hash_is_renewed_at_login_when_parameters_rise(engine):
    account_id, username, _ = new_enrolled(engine, CHEAP_HASH)

    assert begin(engine, T0, username, WRONG).error == "auth.invalid"
    assert account_row(engine, account_id).password_hash == CHEAP_HASH
    assert begin(engine, T0 + SECOND, username, PASSWORD).ok

    renewed = account_row(engine, account_id).password_hash
    assert renewed and renewed != CHEAP_HASH
    assert not passwords.needs_rehash(renewed)
    assert extract_parameters(renewed).memory_cost == passwords.ARGON2_MEMORY_KIB
    assert passwords.verify_password(renewed, PASSWORD)


# --- recovery code, pending window --------------------------------------------------------------


@pytest.mark.usefixtures("cheap_argon2")
def test_a_recovery_code_signs_in_once_and_leads_to_new_enrolment(engine):
    account_id, username, old_secret = new_enrolled(engine, CHEAP_HASH)
    with transaction(engine) as session:
        account = session.get(Account, account_id)
        assert account is not None
        codes = enrolment.new_recovery_codes(session, ctx(T0 - timedelta(days=1)), account)
    pending = begin(engine, T0, username, PASSWORD)

    with transaction(engine) as session:
        typed = codes[0].lower().replace("-", " ")
        used = login.recovery(session, ctx(T0 + SECOND), token=pending.token, code=typed)

    assert used.ok and used.stage == login.STAGE_ENROL
    assert used.token and used.token != pending.token
    [mail] = used.mails
    assert mail.to == account_row(engine, account_id).email
    assert codes[0] not in mail.body
    assert [r.stage for r in session_rows(engine, account_id)] == [login.STAGE_ENROL]
    with transaction(engine) as session:
        assert enrolment.recovery_codes_left(session, account_id) == 9
        assert sessions.resolve(session, ctx(T0 + SECOND), used.token) is None
        assert login.complete(
            session, ctx(T0 + SECOND), token=used.token, code=code_at(old_secret, T0)
        ) == Outcome(error="auth.session_expired")
    assert "recovery_code_used" in event_types(engine)

    again = begin(engine, T0 + timedelta(minutes=1), username, PASSWORD)
    with transaction(engine) as session:
        reused = login.recovery(
            session, ctx(T0 + timedelta(minutes=1)), token=again.token, code=codes[0]
        )
    assert answer(reused) == ("auth.invalid", "", "", 0, ())
    assert failures_of(engine, account_id)[-1].kind == "recovery"

    at = T0 + timedelta(minutes=2)
    with transaction(engine) as session:
        found = enrolment.enrolment_secret(session, ctx(at), used.token)
        assert found is not None
        new_secret = found[0]
        done = enrolment.confirm_enrolment(
            session, ctx(at), token=used.token, code=code_at(new_secret, at)
        )
    assert done.ok and done.stage == login.STAGE_ACTIVE and len(done.data) == 10
    assert totp_secret_of(engine, account_id) == new_secret != old_secret
    assert account_row(engine, account_id).totp_secret != new_secret  # sealed at rest
    with transaction(engine) as session:
        assert enrolment.recovery_codes_left(session, account_id) == 10
        assert sessions.resolve(session, ctx(at), done.token) is not None
    assert chain_ok(engine)


@pytest.mark.usefixtures("cheap_argon2")
def test_the_pending_stage_expires_after_ten_minutes(engine):
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    token = begin(engine, T0, username, PASSWORD).token

    too_late = T0 + timedelta(minutes=10) + SECOND
    expired = complete(engine, too_late, token, code_at(secret, too_late))
    assert answer(expired) == ("auth.session_expired", "", "", 0, ())
    assert account_row(engine, account_id).totp_last_step is None
    assert failures_of(engine, account_id) == []

    # the clock is an argument: the same pending session, just inside its window
    just_in_time = T0 + timedelta(minutes=10)
    assert complete(engine, just_in_time, token, code_at(secret, just_in_time)).ok


# --- unlock by an administrator -----------------------------------------------------------------


@pytest.mark.usefixtures("cheap_argon2")
def test_unlock_on_the_command_line_lifts_a_lockout(sqlite_engine, monkeypatch):
    engine = sqlite_engine
    monkeypatch.setenv("KWPORTAL_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("KWPORTAL_SECRET_KEY", TEST_SECRET)
    monkeypatch.delenv("KWPORTAL_DEMO", raising=False)
    settings.get_settings.cache_clear()
    db.get_engine.cache_clear()
    try:
        account_id, username, _ = new_enrolled(engine, CHEAP_HASH)
        now = datetime.now(UTC)
        start = now - throttle.LOCKOUT_FAILURES * LOCK_SPACING
        for i in range(throttle.LOCKOUT_FAILURES):
            begin(engine, start + i * LOCK_SPACING, username, WRONG)
        assert account_row(engine, account_id).locked_at is not None

        assert cli.main(["unlock", username]) == 0
        assert cli.main(["unlock", "nobody.at.all"]) == 2
    finally:
        if db.get_engine.cache_info().currsize:
            db.get_engine().dispose()
        db.get_engine.cache_clear()
        settings.get_settings.cache_clear()

    account = account_row(engine, account_id)
    assert account.locked_at is None and account.failures_reset_at is not None
    assert begin(engine, datetime.now(UTC) + SECOND, username, PASSWORD).ok
    assert event_types(engine).count("account_unlocked") == 1
    assert chain_ok(engine)


# --- timing and bad input ---------------------------------------------------------------------


def test_unknown_user_and_wrong_password_take_similar_time(sqlite_engine):
    """The one test that measures real time: both paths verify one argon2 hash. The paths
    are the same on both databases, so SQLite alone keeps the suite quick."""
    engine = sqlite_engine
    _, username, _ = new_enrolled(engine, STRONG_HASH)
    unknown: list[float] = []
    wrong: list[float] = []
    for run in range(6):
        at = T0 + run * timedelta(minutes=10)
        for name, spent in ((f"ghost{run}", unknown), (username, wrong)):
            with transaction(engine) as session:
                started = time.perf_counter()
                outcome = login.begin(session, ctx(at), username=name, password=WRONG)
                elapsed = time.perf_counter() - started
            assert outcome.error == "auth.invalid"
            if run:  # the first run warms up
                spent.append(elapsed)

    ratio = statistics.median(unknown) / statistics.median(wrong)
    assert 0.5 <= ratio <= 2.0, (unknown, wrong)


def test_bad_input_gets_an_answer_not_an_exception(engine, monkeypatch):
    cheap_dummy(monkeypatch)
    _, username, secret = new_enrolled(engine, STRONG_HASH)
    for name, password in (("", ""), ("x" * 10_240, PASSWORD), (username, "p" * 10_240)):
        assert begin(engine, T0, name, password).error == "auth.invalid"
    token = begin(engine, T0, username, PASSWORD).token

    for code in ("", "abc", "1234567", "7" * 10_240):
        assert complete(engine, T0 + SECOND, token, code).error == "auth.invalid"
    for bogus in ("", "x" * 10_240, token + "x"):
        assert complete(engine, T0 + SECOND, bogus, code_at(secret, T0)).error == (
            "auth.session_expired"
        )


def test_a_nul_byte_in_the_username_is_just_a_wrong_username(engine, request):
    _, username, _ = new_enrolled(engine, CHEAP_HASH)
    assert begin(engine, T0, username + "\x00", WRONG).error == "auth.invalid"


def test_a_burst_of_parallel_attempts_cannot_outrun_the_delay(engine):
    """The HTTP route checks the throttle, verifies the hash outside any transaction, then
    concludes. Each attempt is counted when it starts, so attempts that are all still
    being verified see each other and the sixth is delayed."""
    results = []
    for _ in range(throttle.DELAY_AFTER_FAILURES + 1):
        with transaction(engine) as session:
            results.append(login.prepare(session, ctx(T0), username="nobody.at.all"))
    assert all(r.refusal is None for r in results[:-1])
    assert results[-1].refusal is not None
    assert results[-1].refusal.error == "auth.throttled"
