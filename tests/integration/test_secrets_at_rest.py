"""TOTP secrets sealed at rest (issue 16, item 3), on SQLite and PostgreSQL: enrolment
stores only sealed values, a dump of the database yields no second factor, sign-in works,
``kwportal rotate-key`` moves every secret to a new key in one audited transaction, and
migration 0014 seals the secrets stored in the clear before it."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from alembic import command
from sqlalchemy import String, column, inspect, select, table, text
from sqlalchemy.engine import Engine
from sqlmodel import Session
from sqlmodel import select as sm_select

from kwportal import cli, db
from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.migrate import alembic_config, upgrade
from kwportal.models import Account, AuditEvent, LoginSession
from kwportal.services.auth import enrolment, login, secrets_box, sessions
from kwportal.services.auth.enrolment import NewAccount
from kwportal.services.auth.secrets_box import Keyring, SecretBoxError
from kwportal.services.demo.seed import SYSTEM_ACTOR
from kwportal.settings import decode_key
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (
    CHEAP_HASH,
    PASSWORD,
    SECOND,
    T0,
    account_row,
    chain_ok,
    cheap_argon2,  # noqa: F401 - fixture
    code_at,
    ctx,
    events,
    new_enrolled,
    sign_in,
    totp_secret_of,
)
from tests.integration.served import reset_cached

pytestmark = pytest.mark.usefixtures("cheap_argon2")
OLD_KEY = base64.b64encode(os.urandom(32)).decode()
NEW_KEY = base64.b64encode(os.urandom(32)).decode()


def dump(engine: Engine) -> list[str]:
    """Every text value in every table: what a stolen backup holds."""
    values: list[str] = []
    with engine.connect() as conn:
        inspector = inspect(conn)
        for name in inspector.get_table_names():
            texts = [
                column(c["name"])
                for c in inspector.get_columns(name)
                if isinstance(c["type"], String)
            ]
            if texts:
                for row in conn.execute(select(*texts).select_from(table(name))):
                    values.extend(v for v in row if isinstance(v, str))
    return values


def yields_a_code(values: list[str], secret: str) -> bool:
    """Does any stored value contain the secret, or work as one?"""
    wanted = code_at(secret, T0)
    for value in values:
        if secret in value or secret.lower() in value.lower():
            return True
        try:
            if pyotp.TOTP(value).at(T0) == wanted:
                return True
        except (ValueError, TypeError):  # not base32 at all
            continue
    return False


def enrol_anna(engine: Engine) -> tuple[int, str, str]:
    """Invitation → password → TOTP, as a person does it: (account id, secret, token)."""
    at = T0 + SECOND
    new = NewAccount("anna.deboer", "Anna de Boer", "anna@example.test", Role.EMPLOYEE)
    with transaction(engine) as session:
        invited = enrolment.invite(session, ctx(T0), SYSTEM_ACTOR, new)
    with transaction(engine) as session:
        accepted = enrolment.accept_invitation(
            session, ctx(at), token=invited.token, password=PASSWORD, repeated=PASSWORD
        )
    with transaction(engine) as session:
        found = enrolment.enrolment_secret(session, ctx(at), accepted.token)
    assert found is not None
    secret = found[0]
    with Session(engine) as session:
        [pending] = session.exec(sm_select(LoginSession)).all()
    assert pending.pending_totp_secret and secrets_box.is_sealed(pending.pending_totp_secret)
    assert not yields_a_code(dump(engine), secret), "the pending secret is sealed too"
    with transaction(engine) as session:
        done = enrolment.confirm_enrolment(
            session, ctx(at), token=accepted.token, code=code_at(secret, at)
        )
    assert done.ok
    account = session_account(engine, "anna.deboer")
    assert account.id is not None
    return account.id, secret, done.token


def session_account(engine: Engine, username: str) -> Account:
    with Session(engine, expire_on_commit=False) as session:
        found = login.find_account(session, username)
    assert found is not None
    return found


def test_a_database_dump_holds_no_working_second_factor(engine: Engine) -> None:
    account_id, secret, token = enrol_anna(engine)

    stored = account_row(engine, account_id).totp_secret
    assert stored and stored.startswith(f"v1.{secrets_box.keyring().current_id}.")
    assert totp_secret_of(engine, account_id) == secret
    assert not yields_a_code(dump(engine), secret)
    with transaction(engine) as session:
        assert sessions.resolve(session, ctx(T0 + SECOND), token) is not None


def test_the_sqlite_file_itself_never_holds_the_secret(sqlite_engine: Engine) -> None:
    _, secret, _ = enrol_anna(sqlite_engine)
    path = Path(str(sqlite_engine.url.database))

    for part in path.parent.glob(path.name + "*"):  # the database, its WAL and journal
        raw = part.read_bytes()
        assert secret.encode() not in raw and secret.lower().encode() not in raw, part.name


def test_sign_in_and_step_up_work_with_the_sealed_secret(engine: Engine) -> None:
    _, username, secret = new_enrolled(engine, CHEAP_HASH)
    token = sign_in(engine, username, secret, T0)
    at = T0 + 40 * SECOND

    with transaction(engine) as session:
        assert sessions.step_up(session, ctx(at), token, code_at(secret, at)).ok


def test_a_sealed_secret_copied_onto_another_account_does_not_open(engine: Engine) -> None:
    """Someone who can write to the database but holds no key cannot give a victim's
    account his own authenticator."""
    mine, _, my_secret = new_enrolled(engine, CHEAP_HASH)
    victim, username, _ = new_enrolled(engine, CHEAP_HASH)
    copied = account_row(engine, mine).totp_secret
    with transaction(engine) as session:
        theirs = session.get(Account, victim)
        assert theirs is not None
        theirs.totp_secret = copied
        session.add(theirs)
    with transaction(engine) as session:
        first = login.begin(session, ctx(T0), username=username, password=PASSWORD)

    with pytest.raises(SecretBoxError, match="altered or copied"), transaction(engine) as session:
        login.complete(session, ctx(T0 + SECOND), token=first.token, code=code_at(my_secret, T0))


def test_start_up_stops_when_the_key_does_not_match_the_stored_secrets(engine: Engine) -> None:
    new_enrolled(engine, CHEAP_HASH)
    other = Keyring(os.urandom(32))

    with Session(engine) as session:
        secrets_box.refuse_unknown_keys(session)  # the configured key: fine
        with pytest.raises(SecretBoxError) as raised:
            secrets_box.refuse_unknown_keys(session, other)
        secrets_box.refuse_unknown_keys(
            session, Keyring(other.current, (secrets_box.keyring().current,))
        )

    assert other.current_id in str(raised.value)
    assert "KWPORTAL_TOTP_KEY_OLD" in str(raised.value)


# --- kwportal rotate-key ------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The CLI's own database under the old key, with two enrolled accounts and a pending
    enrolment."""
    monkeypatch.setenv("KWPORTAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KWPORTAL_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("KWPORTAL_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("KWPORTAL_TOTP_KEY", OLD_KEY)
    monkeypatch.delenv("KWPORTAL_TOTP_KEY_OLD", raising=False)
    monkeypatch.delenv("KWPORTAL_DEMO", raising=False)
    reset_cached()
    upgrade(db.get_engine(), secret=TEST_SECRET)
    yield db.get_engine()
    reset_cached()


def _new_key(monkeypatch: pytest.MonkeyPatch, *, old: str | None) -> None:
    monkeypatch.setenv("KWPORTAL_TOTP_KEY", NEW_KEY)
    if old is None:
        monkeypatch.delenv("KWPORTAL_TOTP_KEY_OLD", raising=False)
    else:
        monkeypatch.setenv("KWPORTAL_TOTP_KEY_OLD", old)
    reset_cached()


def _stored(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        accounts = conn.execute(text("SELECT id, totp_secret FROM account ORDER BY id")).all()
        pending = conn.execute(
            text("SELECT account_id, pending_totp_secret FROM login_session")
        ).all()
    return [(int(i), str(v)) for i, v in accounts if v] + [
        (-int(i), str(v)) for i, v in pending if v
    ]


def _seed_old(engine: Engine) -> dict[str, str]:
    """Two enrolled accounts and a pending enrolment, sealed under the old key."""
    secrets: dict[str, str] = {}
    for _ in range(2):
        _id, username, secret = new_enrolled(engine, CHEAP_HASH)
        secrets[username] = secret
    with transaction(engine) as session:
        started = login.begin(session, ctx(T0), username=username, password=PASSWORD)
        sessions_row = session.exec(sm_select(LoginSession)).first()
        assert sessions_row is not None and started.ok
        secrets_box.set_pending_secret(sessions_row, pyotp.random_base32(length=32))
        session.add(sessions_row)
    return secrets


def test_rotate_key_reseals_every_secret_and_the_old_key_no_longer_opens_them(
    cli_env: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = _seed_old(cli_env)
    before = _stored(cli_env)
    old, new = decode_key(OLD_KEY), decode_key(NEW_KEY)
    assert old and new and len(before) == 3
    _new_key(monkeypatch, old=OLD_KEY)

    code = cli.main(["rotate-key"])

    out = capsys.readouterr().out
    assert code == 0, out
    assert "3 TOTP secrets resealed" in out and secrets_box.key_id(new) in out
    after = _stored(cli_env)
    assert {secrets_box.sealed_key_id(v) for _, v in after} == {secrets_box.key_id(new)}
    for (owner, value), (_, was) in zip(after, before, strict=True):
        aad = secrets_box.account_aad(owner) if owner > 0 else secrets_box.pending_aad(-owner)
        assert Keyring(new).open(value, aad=aad) == Keyring(old).open(was, aad=aad)
        with pytest.raises(SecretBoxError):
            Keyring(old).open(value, aad=aad)
    [event] = events(cli_env, "totp_key_rotated")
    assert event.details and '"resealed":3' in event.details.replace(" ", "")
    assert secrets_box.key_id(old) in event.details and chain_ok(cli_env)

    _new_key(monkeypatch, old=None)  # the old key is gone: sign-in still works
    for username, secret in secrets.items():
        sign_in(cli_env, username, secret, T0 + 90 * SECOND)


def test_rotate_key_takes_the_old_key_from_a_file(
    cli_env: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    _seed_old(cli_env)
    _new_key(monkeypatch, old=None)
    key_file = tmp_path / "old.key"
    key_file.write_text(OLD_KEY + "\n")

    assert cli.main(["rotate-key", "--old-key-file", str(key_file)]) == 0
    assert "3 TOTP secrets resealed" in capsys.readouterr().out


def test_rotate_key_without_the_old_key_changes_nothing_and_says_why(
    cli_env: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed_old(cli_env)
    before = _stored(cli_env)
    _new_key(monkeypatch, old=None)

    code = cli.main(["rotate-key"])

    err = capsys.readouterr().err
    old = decode_key(OLD_KEY)
    assert old is not None
    assert code == 2
    assert secrets_box.key_id(old) in err and "KWPORTAL_TOTP_KEY_OLD" in err
    assert "nothing was changed" in err
    assert _stored(cli_env) == before
    assert events(cli_env, "totp_key_rotated") == []


def test_the_command_line_needs_the_key_outside_demo_mode(
    cli_env: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KWPORTAL_TOTP_KEY")
    reset_cached()

    assert cli.main(["migrate"]) == 2
    assert "KWPORTAL_TOTP_KEY must be set" in capsys.readouterr().err


# --- migration 0014 ------------------------------------------------------------------------


def _migrate(engine: Engine, verb: str, target: str) -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, verb)(config, target)


def test_migration_0014_seals_the_secrets_stored_in_the_clear(engine: Engine) -> None:
    _migrate(engine, "downgrade", "0013")
    secret, pending = pyotp.random_base32(length=32), pyotp.random_base32(length=32)
    with transaction(engine) as session:
        account = Account(
            username="vroeger",
            display_name="Van Vroeger",
            role=str(Role.EMPLOYEE),
            password_hash=CHEAP_HASH,
            totp_secret=secret,
            totp_confirmed_at=T0,
        )
        session.add(account)
        session.flush()
        assert account.id is not None
        account_id = account.id
        session.add(LoginSession(token_hash="t" * 64, account_id=account_id, stage="enrol"))
        session.flush()
        session.execute(text("UPDATE login_session SET pending_totp_secret = :p"), {"p": pending})

    upgrade(engine)

    stored = account_row(engine, account_id)
    assert secrets_box.is_sealed(stored.totp_secret)
    assert totp_secret_of(engine, account_id) == secret
    with Session(engine) as session:
        [row] = session.exec(sm_select(LoginSession)).all()
        assert secrets_box.pending_secret(row) == pending
    assert not yields_a_code(dump(engine), secret) and not yields_a_code(dump(engine), pending)
    sign_in(engine, "vroeger", secret, T0 + 60 * SECOND)

    _migrate(engine, "downgrade", "0013")  # the older code reads them in the clear again
    with engine.connect() as conn:
        assert conn.execute(text("SELECT totp_secret FROM account")).scalar_one() == secret
    upgrade(engine)
    assert totp_secret_of(engine, account_id) == secret


def test_audit_of_a_rotation_holds_no_key(cli_env: Engine, monkeypatch, capsys) -> None:
    _seed_old(cli_env)
    _new_key(monkeypatch, old=OLD_KEY)
    assert cli.main(["rotate-key"]) == 0
    capsys.readouterr()
    with Session(cli_env) as session:
        details = " ".join(e.details or "" for e in session.exec(sm_select(AuditEvent)).all())
    for key in (OLD_KEY, NEW_KEY):
        assert key not in details and key[:16] not in details
