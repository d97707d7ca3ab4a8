"""Shared fixtures: a freshly migrated database per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from kwportal.db import make_engine
from kwportal.migrate import upgrade
from kwportal.settings import _new_signing_key

os.environ.setdefault("KWPORTAL_SECRET_KEY", "test-secret-key-not-for-production")
#: consent receipts and export manifests are signed: one throw-away key per test run
os.environ.setdefault("KWPORTAL_SIGNING_KEY", _new_signing_key())
#: TOTP secrets are sealed at rest (AES-256-GCM): a fixed test key, 32 bytes in base64
os.environ.setdefault("KWPORTAL_TOTP_KEY", "a3dwb3J0YWwtdGVzdC10b3RwLWtleS0zMi1ieXRlcyE=")
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TEST_SECRET = os.environ["KWPORTAL_SECRET_KEY"]


def pg_admin_url() -> str:
    url = os.environ.get("KWPORTAL_TEST_PG_URL", DEFAULT_PG_URL)
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def _pg_reachable(url: str) -> str | None:
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        return f"{type(error).__name__}: {error}"
    return None


@pytest.fixture(scope="session")
def pg_available() -> str:
    url = pg_admin_url()
    problem = _pg_reachable(url)
    if problem:
        message = f"PostgreSQL at {url} is not reachable ({problem})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI needs it")
        pytest.skip(f"!!! SKIPPING POSTGRESQL TESTS: {message}")
    return url


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file per test process; each test gets a copy (migrating ten
    revisions for every test was most of the suite's time)."""
    path = tmp_path_factory.mktemp("template") / "kwportal.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, secret=TEST_SECRET)
    engine.dispose()
    return path


def _fresh_sqlite(tmp_path_factory: pytest.TempPathFactory, template: Path) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("db") / "kwportal.db"
    shutil.copyfile(template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def _pg_template(pg_available: str) -> Iterator[str]:
    """One migrated PostgreSQL database per test process, the template of each test's own."""
    name = f"kwtemplate_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_available, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(pg_available).set(database=name).render_as_string(False))
    try:
        upgrade(engine, secret=TEST_SECRET)
        engine.dispose()
        yield name
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _fresh_postgres(admin_url: str, template: str) -> Iterator[Engine]:
    name = f"kwtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    engine = make_engine(make_url(admin_url).set(database=name).render_as_string(False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A freshly migrated database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield from _fresh_sqlite(tmp_path_factory, request.getfixturevalue("_sqlite_template"))
    else:
        yield from _fresh_postgres(
            request.getfixturevalue("pg_available"), request.getfixturevalue("_pg_template")
        )


@pytest.fixture
def sqlite_engine(
    tmp_path_factory: pytest.TempPathFactory, _sqlite_template: Path
) -> Iterator[Engine]:
    yield from _fresh_sqlite(tmp_path_factory, _sqlite_template)


@pytest.fixture
def pg_engine(pg_available: str, _pg_template: str) -> Iterator[Engine]:
    yield from _fresh_postgres(pg_available, _pg_template)
