"""Server-side sessions (issue 4, items 5 and 6): idle 15 minutes, absolute 12 hours,
logout, log out everywhere, the "my sessions" list, step-up, and the end of all other
sessions when the password or the authenticator app changes. SQLite and PostgreSQL.

Tests whose outcome cannot depend on the database run on SQLite only."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.domain.sessions import TOUCH_EVERY
from kwportal.models import Account, AuthFailure
from kwportal.services import audit
from kwportal.services.auth import enrolment, login, recovery, sessions
from kwportal.services.auth.sessions import SignedIn
from tests.integration.auth_helpers import (
    CHEAP_HASH,
    NEW_PASSWORD,
    PASSWORD,
    SECOND,
    STEP,
    T0,
    account_row,
    chain_ok,
    cheap_argon2,  # noqa: F401 - fixture
    code_at,
    ctx,
    events,
    new_enrolled,
    session_rows,
    sign_in,
    totp_secret_of,
)

pytestmark = pytest.mark.usefixtures("cheap_argon2")
#: when ``sign_in(…, T0)`` made the session active
ACTIVE_AT = T0 + 2 * SECOND
MINUTE = timedelta(minutes=1)


def resolve(engine: Engine, token: str, at: datetime, *, touch: bool = True) -> SignedIn | None:
    with transaction(engine) as session:
        return sessions.resolve(session, ctx(at), token, touch=touch)


def step_up(engine: Engine, token: str, at: datetime, code: str) -> str:
    with transaction(engine) as session:
        return sessions.step_up(session, ctx(at), token, code).error


def test_resolve_names_the_account_and_touches_last_seen(engine):
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH, role=Role.EMPLOYER_CONTACT)
    token = sign_in(engine, username, secret, T0)

    signed_in = resolve(engine, token, T0 + 5 * MINUTE)

    assert signed_in is not None
    account = account_row(engine, account_id)
    assert (signed_in.account_id, signed_in.role, signed_in.display_name) == (
        account_id,
        Role.EMPLOYER_CONTACT,
        account.display_name,
    )
    assert signed_in.last_seen_at == T0 + 5 * MINUTE
    assert session_rows(engine, account_id)[0].last_seen_at == T0 + 5 * MINUTE
    assert {f.name for f in fields(SignedIn)}.isdisjoint(
        {"password_hash", "totp_secret", "token", "token_hash", "email"}
    )

    untouched = resolve(engine, token, T0 + 6 * MINUTE, touch=False)
    assert untouched is not None
    assert session_rows(engine, account_id)[0].last_seen_at == T0 + 5 * MINUTE
    # within TOUCH_EVERY nothing is written (a page's calls are no durable writes); the
    # stored time is only ever behind, so the session goes idle earlier, never later
    soon = T0 + 5 * MINUTE + TOUCH_EVERY - timedelta(seconds=1)
    assert resolve(engine, token, soon) is not None
    assert session_rows(engine, account_id)[0].last_seen_at == T0 + 5 * MINUTE
    later = T0 + 5 * MINUTE + TOUCH_EVERY
    assert resolve(engine, token, later) is not None
    assert session_rows(engine, account_id)[0].last_seen_at == later
    assert resolve(engine, "", T0) is None
    assert resolve(engine, "x" * 10_000, T0) is None


def test_fifteen_idle_minutes_end_the_session(engine):
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    token = sign_in(engine, username, secret, T0)
    seen = ACTIVE_AT + 15 * MINUTE - SECOND
    assert resolve(engine, token, seen) is not None

    idle_at = seen + 15 * MINUTE
    assert resolve(engine, token, idle_at) is None

    [row] = session_rows(engine, account_id)
    assert (row.ended_at, row.end_reason) == (idle_at, "idle")
    [ended] = events(engine, "session_end")
    assert ended.actor_account_id == account_id
    assert '"reason": "idle"' in ended.details
    assert resolve(engine, token, idle_at + SECOND) is None
    assert len(events(engine, "session_end")) == 1
    assert chain_ok(engine)


def test_twelve_hours_end_even_a_busy_session(engine):
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    token = sign_in(engine, username, secret, T0)
    end = T0 + timedelta(hours=12)
    with transaction(engine) as session:
        at = ACTIVE_AT
        while at < end - 14 * MINUTE:
            at += 14 * MINUTE
            assert sessions.resolve(session, ctx(at), token) is not None, at
    assert resolve(engine, token, end - SECOND) is not None

    assert resolve(engine, token, end) is None

    [row] = session_rows(engine, account_id)
    assert (row.ended_at, row.end_reason) == (end, "expired")
    assert '"reason": "expired"' in events(engine, "session_end")[0].details


def test_logout_ends_the_session_once(engine):
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    token = sign_in(engine, username, secret, T0)
    at = T0 + MINUTE

    for _ in range(2):
        with transaction(engine) as session:
            sessions.logout(session, ctx(at), token)
    with transaction(engine) as session:
        sessions.logout(session, ctx(at), "")
        sessions.logout(session, ctx(at), "no-such-token")

    assert resolve(engine, token, at) is None
    [row] = session_rows(engine, account_id)
    assert (row.ended_at, row.end_reason) == (at, "logout")
    assert len(events(engine, "session_end")) == 1


def test_logout_of_a_pending_session_leaves_no_way_to_finish_it(sqlite_engine):
    engine = sqlite_engine
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    with transaction(engine) as session:
        pending = login.begin(session, ctx(T0), username=username, password=PASSWORD)
        sessions.logout(session, ctx(T0), pending.token)
    with transaction(engine) as session:
        later = login.complete(
            session, ctx(T0 + SECOND), token=pending.token, code=code_at(secret, T0)
        )
    assert later.error == "auth.session_expired"
    assert session_rows(engine, account_id)[0].end_reason == "logout"


def test_log_out_everywhere_ends_every_session_of_that_account_only(engine):
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    _, other_name, other_secret = new_enrolled(engine, CHEAP_HASH)
    tokens = [sign_in(engine, username, secret, T0 + n * MINUTE) for n in range(3)]
    other = sign_in(engine, other_name, other_secret, T0)
    at = T0 + 5 * MINUTE

    with transaction(engine) as session:
        ended = sessions.end_all(session, ctx(at), account_id, "logout_everywhere")

    assert ended == 3
    assert all(resolve(engine, t, at) is None for t in tokens)
    assert {r.end_reason for r in session_rows(engine, account_id)} == {"logout_everywhere"}
    assert resolve(engine, other, at) is not None
    assert len(events(engine, "session_end")) == 3
    with transaction(engine) as session:
        assert sessions.end_all(session, ctx(at), account_id, "logout_everywhere") == 0


def test_my_sessions_lists_open_sessions_with_device_ip_and_last_seen(engine):
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    _, other_name, other_secret = new_enrolled(engine, CHEAP_HASH)
    laptop = sign_in(engine, username, secret, T0, ip="192.0.2.1", agent="Firefox")
    phone = sign_in(engine, username, secret, T0 + MINUTE, ip="192.0.2.2", agent="Safari")
    gone = sign_in(engine, username, secret, T0 + 2 * MINUTE, ip="192.0.2.3", agent="Edge")
    sign_in(engine, other_name, other_secret, T0, ip="192.0.2.9", agent="Other")
    with transaction(engine) as session:
        sessions.logout(session, ctx(T0 + 3 * MINUTE), gone)
        login.begin(session, ctx(T0 + 3 * MINUTE), username=username, password=PASSWORD)
    assert resolve(engine, laptop, T0 + 10 * MINUTE) is not None

    at = T0 + 11 * MINUTE
    me = resolve(engine, phone, at)
    assert me is not None
    with transaction(engine) as session:
        lines = sessions.list_sessions(session, ctx(at), me)

    assert [(x.ip, x.user_agent, x.current, x.last_seen_at) for x in lines] == [
        ("192.0.2.2", "Safari", True, at),
        ("192.0.2.1", "Firefox", False, T0 + 10 * MINUTE),
    ]

    later = T0 + 25 * MINUTE
    me = resolve(engine, phone, later)
    assert me is not None
    with transaction(engine) as session:
        assert [x.user_agent for x in sessions.list_sessions(session, ctx(later), me)] == ["Safari"]
    assert len(session_rows(engine, account_id)) == 4


def test_step_up_wants_a_fresh_unused_code(engine):
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    token = sign_in(engine, username, secret, T0)
    login_code = code_at(secret, ACTIVE_AT)

    assert step_up(engine, token, ACTIVE_AT + 5 * SECOND, login_code) == "auth.invalid_code"

    at = T0 + 6 * MINUTE
    signed_in = resolve(engine, token, at)
    assert signed_in is not None and sessions.needs_step_up(signed_in, at)
    stale = code_at(secret, at - 2 * STEP)
    for bad in (stale, "12345", "x" * 10_000):
        assert step_up(engine, token, at, bad) == "auth.invalid_code"
    assert account_row(engine, account_id).totp_last_step == int(ACTIVE_AT.timestamp()) // 30

    fresh = code_at(secret, at)
    assert step_up(engine, token, at, fresh) == ""
    assert step_up(engine, token, at + SECOND, fresh) == "auth.invalid_code"

    assert session_rows(engine, account_id)[0].last_totp_at == at
    again = resolve(engine, token, at + 5 * MINUTE)
    assert again is not None and again.last_totp_at == at
    assert not sessions.needs_step_up(again, at + 5 * MINUTE)
    assert sessions.needs_step_up(again, at + 5 * MINUTE + SECOND)
    assert len(events(engine, "step_up")) == 1
    # the login code and the fresh code used again are replays: refused, logged as such
    assert len(events(engine, "step_up_failed")) == 3
    assert len(events(engine, "totp_replay_refused")) == 2
    with transaction(engine) as session:
        failed = session.exec(select(AuthFailure).where(AuthFailure.kind == "step_up")).all()
        replays = session.exec(select(AuthFailure).where(AuthFailure.kind == "replay")).all()
    assert len(failed) == 3 and len(replays) == 2
    assert chain_ok(engine)


def test_step_up_needs_an_active_session(sqlite_engine):
    engine = sqlite_engine
    _, username, secret = new_enrolled(engine, CHEAP_HASH)
    with transaction(engine) as session:
        pending = login.begin(session, ctx(T0), username=username, password=PASSWORD)
    code = code_at(secret, T0)
    assert step_up(engine, pending.token, T0, code) == "auth.session_expired"
    assert step_up(engine, "", T0, code) == "auth.session_expired"
    token = sign_in(engine, username, secret, T0 + MINUTE)
    late = T0 + MINUTE + 16 * MINUTE
    assert step_up(engine, token, late, code_at(secret, late)) == "auth.session_expired"


def test_a_password_change_ends_all_other_sessions(engine):
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    here = sign_in(engine, username, secret, T0)
    there = sign_in(engine, username, secret, T0 + MINUTE)
    at = T0 + 2 * MINUTE
    me = resolve(engine, here, at)
    assert me is not None

    def change(current: str, password: str, repeated: str | None = None) -> recovery.Outcome:
        with transaction(engine) as session:
            return recovery.change_password(
                session,
                ctx(at),
                me,
                current=current,
                password=password,
                repeated=password if repeated is None else repeated,
            )

    assert change("niet mijn wachtwoord", NEW_PASSWORD).error == "auth.invalid"
    assert change(PASSWORD, "password1234").error == "auth.password_common"
    assert change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!").error == "auth.password_mismatch"
    assert resolve(engine, there, at) is not None

    done = change(PASSWORD, NEW_PASSWORD)

    assert done.ok
    [mail] = done.mails
    assert mail.to == account_row(engine, account_id).email and NEW_PASSWORD not in mail.body
    assert resolve(engine, here, at) is not None
    assert resolve(engine, there, at) is None
    assert [r.end_reason for r in session_rows(engine, account_id)] == ["", "password_changed"]
    [changed] = events(engine, "password_changed")
    assert changed.action == audit.Action.UPDATE
    with transaction(engine) as session:
        old = login.begin(session, ctx(at + MINUTE), username=username, password=PASSWORD)
        new = login.begin(session, ctx(at + MINUTE), username=username, password=NEW_PASSWORD)
    assert old.error == "auth.invalid" and new.ok
    assert chain_ok(engine)


def test_a_new_authenticator_app_ends_all_other_sessions(engine):
    account_id, username, old_secret = new_enrolled(engine, CHEAP_HASH)
    here = sign_in(engine, username, old_secret, T0)
    there = sign_in(engine, username, old_secret, T0 + MINUTE)
    at = T0 + 2 * MINUTE
    me = resolve(engine, here, at)
    assert me is not None

    with transaction(engine) as session:
        started = enrolment.begin_totp_change(session, ctx(at), me.session_id)
    assert started.ok and started.stage == login.STAGE_ENROL
    assert resolve(engine, here, at) is None
    assert resolve(engine, started.token, at) is None
    assert resolve(engine, there, at) is not None, "the old app stays valid until confirmed"

    with transaction(engine) as session:
        found = enrolment.enrolment_secret(session, ctx(at), started.token)
        assert found is not None
        new_secret = found[0]
        wrong = enrolment.confirm_enrolment(
            session, ctx(at), token=started.token, code=code_at(old_secret, at)
        )
        done = enrolment.confirm_enrolment(
            session, ctx(at), token=started.token, code=code_at(new_secret, at)
        )

    assert wrong.error == "auth.invalid_code" or code_at(old_secret, at) == code_at(new_secret, at)
    assert done.ok and len(done.data) == enrolment.RECOVERY_CODE_COUNT
    assert totp_secret_of(engine, account_id) == new_secret != old_secret
    assert resolve(engine, done.token, at) is not None
    assert resolve(engine, there, at) is None
    assert [r.end_reason for r in session_rows(engine, account_id)] == ["", "totp_changed"]
    assert events(engine, "totp_enrolled")
    assert chain_ok(engine)


def test_a_deactivated_account_loses_its_session_with_a_fitting_reason(sqlite_engine):
    engine = sqlite_engine
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH)
    token = sign_in(engine, username, secret, T0)
    with transaction(engine) as session:
        account = session.get(Account, account_id)
        assert account is not None
        account.is_active = False
        session.add(account)

    assert resolve(engine, token, T0 + MINUTE) is None
    [row] = session_rows(engine, account_id)
    assert row.ended_at == T0 + MINUTE
    assert row.end_reason not in ("", "active")
