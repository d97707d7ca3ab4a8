"""Accounts for the browser and socket tests: TOTP codes that respect the replay rule,
sign-in over HTTP, invitations through the CLI, and direct edits of the portal's SQLite
database to move time (idle sessions, old failures) without sleeping."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
import pyotp
from sqlmodel import Session

from kwportal.db import make_engine, transaction
from kwportal.services.auth.secrets_box import Keyring
from kwportal.services.demo.accounts import DemoAccount, demo_accounts
from kwportal.settings import decode_key
from tests.e2e.harness import BIN, ROOT, Portal
from tests.e2e.mailcatcher import MailCatcher, link_in

STEP_S = 30
DRIFT_STEPS = 1
SESSION_COOKIE = "kw_session"


def demo(username: str) -> DemoAccount:
    return next(a for a in demo_accounts() if a.username == username)


def portal_keyring(portal: Portal) -> Keyring:
    """The key the portal seals TOTP secrets with (its environment's, else its demo file),
    for a test that writes an account straight into its database."""
    text = portal.env.get("KWPORTAL_TOTP_KEY") or (portal.data_dir / "totp_key.demo").read_text()
    key = decode_key(text)
    assert key is not None, "the portal has no TOTP key"
    return Keyring(key)


class TotpCodes:
    """Each 30-second step is accepted once per account, so every sign-in of this run takes
    its code from here: the current step, else the next one (within the ±1 drift)."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[int, str]] = {}

    def next(self, username: str, secret: str) -> str:
        deadline = time.monotonic() + 2 * STEP_S
        while True:
            current = int(time.time()) // STEP_S
            used = self._last.get(username, (-1, ""))[0]
            step = max(current, used + 1)
            if step <= current + DRIFT_STEPS:
                break
            assert time.monotonic() < deadline, "the clock does not advance"
            time.sleep(0.2)  # bounded: both usable steps are spent, wait for the next one
        code = pyotp.TOTP(secret).at(step * STEP_S)
        self._last[username] = (step, code)
        return code

    def last(self, username: str) -> str:
        """The code most recently handed out for ``username`` (to replay it)."""
        return self._last[username][1]


def http_client(portal: Portal) -> httpx.Client:
    return httpx.Client(
        base_url=portal.url,
        headers={"Origin": portal.url},
        follow_redirects=False,
        timeout=30,
    )


def sign_in_over_http(portal: Portal, account: DemoAccount, codes: TotpCodes) -> str:
    """Password, then TOTP code, through the real routes; returns the session token."""
    with http_client(portal) as client:
        reply = client.post(
            "/api/auth/login", data={"username": account.username, "password": account.password}
        )
        assert (reply.status_code, reply.headers.get("location")) == (303, "/login-code")
        code = codes.next(account.username, account.totp_secret)
        reply = client.post("/api/auth/code", data={"code": code})
        assert (reply.status_code, reply.headers.get("location")) == (303, "/portal")
        token = client.cookies.get(SESSION_COOKIE)
    assert token
    return token


def log_out_over_http(portal: Portal, token: str) -> None:
    with http_client(portal) as client:
        client.cookies.set(SESSION_COOKIE, token)
        reply = client.post("/api/auth/logout")
    assert (reply.status_code, reply.headers.get("location")) == (303, "/login?e=auth.logged_out")


@dataclass(frozen=True)
class NewPerson:
    username: str
    name: str
    email: str
    role: str = "employee"


def create_user(portal: Portal, person: NewPerson, *extra: str) -> subprocess.CompletedProcess[str]:
    """``kwportal create-user`` for ``person``; ``extra`` binds it (``--organisation N``,
    ``--employee N``)."""
    return subprocess.run(
        [
            str(BIN / "kwportal"),
            "create-user",
            "--username",
            person.username,
            "--name",
            person.name,
            "--email",
            person.email,
            "--role",
            person.role,
            *extra,
        ],
        env=portal.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def invite(portal: Portal, mailbox: MailCatcher, person: NewPerson) -> str:
    """Create the account with the CLI; return the invitation link from the mail."""
    before = len(mailbox.to(person.email))
    create_user(portal, person)
    return link_in(mailbox.wait_for(person.email, after=before), "/invite")


def accept_invitation_over_http(portal: Portal, link: str, password: str) -> None:
    token = link.split("token=", 1)[1]
    with http_client(portal) as client:
        reply = client.post(
            "/api/auth/invite", data={"token": token, "password": password, "repeated": password}
        )
    assert (reply.status_code, reply.headers.get("location")) == (303, "/enrol"), reply.headers


# --- the portal's database ------------------------------------------------------------


@contextmanager
def database(portal: Portal) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(portal.db, timeout=15)) as connection:
        connection.execute("PRAGMA busy_timeout = 15000")
        with connection:
            yield connection


@contextmanager
def portal_unit(portal: Portal) -> Iterator[Session]:
    """One ORM transaction on the portal's database, for rows a test sets up itself."""
    engine = make_engine(f"sqlite:///{portal.db}")
    try:
        with transaction(engine) as session:
            yield session
    finally:
        engine.dispose()


def account_id(portal: Portal, username: str) -> int:
    with database(portal) as db:
        row = db.execute("SELECT id FROM account WHERE username = ?", (username,)).fetchone()
    assert row, f"no account {username}"
    return int(row[0])


def people(portal: Portal) -> dict[str, tuple[str, ...]]:
    """username -> the strings that identify the person: display name, username, e-mail."""
    with database(portal) as db:
        rows = db.execute("SELECT username, display_name, email FROM account").fetchall()
    return {row[0]: tuple(v for v in (row[1], row[0], row[2]) if v) for row in rows}


def _shift(value: str, by: timedelta) -> str:
    return (datetime.fromisoformat(value) - by).isoformat(sep=" ")


def move_back(portal: Portal, table: str, column: str, account: int, by: timedelta) -> int:
    """Move ``column`` of the account's rows in ``table`` back in time; returns the count."""
    with database(portal) as db:
        rows = db.execute(
            f"SELECT id, {column} FROM {table} WHERE account_id = ? AND {column} IS NOT NULL",
            (account,),
        ).fetchall()
        for row_id, value in rows:
            db.execute(
                f"UPDATE {table} SET {column} = ? WHERE id = ?",
                (_shift(value, by), row_id),
            )
    return len(rows)


def end_reasons(portal: Portal, username: str) -> list[str | None]:
    """Why each of the account's signed-in sessions ended (None: still open), oldest first."""
    with database(portal) as db:
        rows = db.execute(
            "SELECT s.end_reason FROM login_session s JOIN account a ON a.id = s.account_id"
            " WHERE a.username = ? AND s.stage = 'active' ORDER BY s.id",
            (username,),
        ).fetchall()
    return [row[0] for row in rows]
