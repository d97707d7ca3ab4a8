"""``kwportal`` on the command line, run in-process with the environment of each case."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from kwportal import cli
from kwportal.db import make_engine
from kwportal.migrate import alembic_config
from tests.integration.served import reset_cached

SECRET = "cli-test-secret-key"
TODAY = "2026-11-02"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private data directory and SQLite database; settings and engine rebuilt."""
    database = tmp_path / "cli.db"
    monkeypatch.setenv("KWPORTAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KWPORTAL_DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("KWPORTAL_SECRET_KEY", SECRET)
    monkeypatch.delenv("KWPORTAL_DEMO", raising=False)
    reset_cached()
    yield database
    reset_cached()


def _demo_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KWPORTAL_DEMO", "1")
    reset_cached()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _execute(database: Path, *statements: str) -> None:
    engine = make_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def _head() -> str:
    return str(ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head())


def _migrated(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "migrate")[0] == 0


def _scale(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    return _run(capsys, "seed", "--scale", "20", "--today", TODAY, *extra)


# --- migrate -----------------------------------------------------------------------------


def test_migrate_creates_the_schema_and_can_run_again(env, capsys):
    code, out, _ = _run(capsys, "migrate")
    assert code == 0
    assert f"database at revision {_head()}" in out
    assert env.exists()
    assert _run(capsys, "migrate")[0] == 0


def test_migrate_refuses_a_database_of_a_newer_kwportal(env, capsys):
    _migrated(capsys)
    _execute(env, "UPDATE alembic_version SET version_num = '9999_future'")

    code, _, err = _run(capsys, "migrate")

    assert code != 0
    assert "9999_future" in err
    assert "upgrade kwportal" in err


# --- secrets -------------------------------------------------------------------------------


def test_missing_secret_key_outside_demo_mode_stops_with_its_name(env, capsys, monkeypatch):
    monkeypatch.delenv("KWPORTAL_SECRET_KEY")
    reset_cached()

    code, _, err = _run(capsys, "migrate")

    assert code == 2
    assert "KWPORTAL_SECRET_KEY" in err
    assert not env.exists()


def test_demo_mode_generates_a_secret_into_the_data_directory(env, capsys, monkeypatch):
    monkeypatch.delenv("KWPORTAL_SECRET_KEY")
    _demo_mode(monkeypatch)

    assert _run(capsys, "migrate")[0] == 0

    secret_file = env.parent / "secret_key.demo"
    assert secret_file.exists()
    assert oct(secret_file.stat().st_mode & 0o777) == "0o600"
    assert len(secret_file.read_text().strip()) >= 32


# --- seed ------------------------------------------------------------------------------------


def test_seed_demo_is_refused_outside_demo_mode(env, capsys):
    _migrated(capsys)

    code, _, err = _run(capsys, "seed", "--demo", "--today", TODAY)

    assert code == 2
    assert "KWPORTAL_DEMO=1" in err


def test_seed_without_a_kind_is_refused(env, capsys):
    _migrated(capsys)
    code, _, err = _run(capsys, "seed")
    assert code == 2
    assert "--demo" in err and "--scale" in err


def test_seed_on_a_database_with_data_needs_force(env, capsys):
    _migrated(capsys)
    code, out, _ = _scale(capsys)
    assert code == 0
    assert "seeded 1 organisations, 20 employees" in out

    code, _, err = _scale(capsys)
    assert code == 2
    assert "--force" in err

    assert _scale(capsys, "--force")[0] == 0


def test_seed_if_empty_leaves_a_database_with_data_alone(env, capsys):
    _migrated(capsys)
    assert _scale(capsys, "--if-empty")[0] == 0
    code, out, _ = _scale(capsys, "--if-empty")
    assert code == 0
    assert "nothing seeded" in out


def test_seed_demo_in_demo_mode(env, capsys, monkeypatch):
    monkeypatch.setattr(
        "kwportal.services.demo.seed.hash_password", lambda password: f"plain:{password}"
    )
    _demo_mode(monkeypatch)
    _migrated(capsys)

    code, out, _ = _run(capsys, "seed", "--demo", "--today", TODAY)

    assert code == 0
    assert "seeded 3 organisations" in out
    assert "17 accounts" in out
    assert _run(capsys, "verify-audit")[0] == 0


# --- demo-accounts ---------------------------------------------------------------------------


def test_demo_accounts_are_refused_outside_demo_mode(env, capsys):
    code, out, err = _run(capsys, "demo-accounts", "--json")
    assert code == 2
    assert "KWPORTAL_DEMO=1" in err
    assert out == ""


def test_demo_accounts_as_json(env, capsys, monkeypatch):
    _demo_mode(monkeypatch)

    code, out, _ = _run(capsys, "demo-accounts", "--json")

    assert code == 0
    accounts = json.loads(out)
    assert isinstance(accounts, list) and len(accounts) == 17
    keys = {"role", "username", "password", "totp_secret", "organisation"}
    assert all(set(account) == keys for account in accounts)
    assert all(all(isinstance(v, str) and v for v in a.values()) for a in accounts)
    assert len({a["username"] for a in accounts}) == len(accounts)
    assert {a["role"] for a in accounts} == {
        "employee",
        "employer_contact",
        "company_doctor",
        "care_team",
        "case_manager",
        "privacy_officer",
        "admin",
    }


# --- verify-audit ----------------------------------------------------------------------------


def test_verify_audit_on_an_intact_chain(env, capsys):
    _migrated(capsys)
    _scale(capsys)
    _scale(capsys, "--force")

    code, out, _ = _run(capsys, "verify-audit")

    assert code == 0
    assert "audit chain intact: 2 events" in out


def test_verify_audit_on_a_freshly_migrated_database(env, capsys):
    _migrated(capsys)
    code, out, err = _run(capsys, "verify-audit")
    assert code == 0, err
    assert "audit chain intact: 0 events" in out


def test_verify_audit_names_the_tampered_sequence_number(env, capsys):
    _migrated(capsys)
    for extra in ((), ("--force",), ("--force",)):
        assert _scale(capsys, *extra)[0] == 0
    _execute(
        env,
        "DROP TRIGGER audit_event_no_update",
        "UPDATE audit_event SET details = '{}' WHERE seq = 2",
    )

    code, _, err = _run(capsys, "verify-audit")

    assert code == 1
    assert "sequence number 2" in err


def test_verify_audit_with_another_secret_fails(env, capsys, monkeypatch):
    _migrated(capsys)
    _scale(capsys)
    monkeypatch.setenv("KWPORTAL_SECRET_KEY", "someone-elses-secret")
    reset_cached()

    code, _, err = _run(capsys, "verify-audit")

    assert code == 1
    assert "seal" in err
