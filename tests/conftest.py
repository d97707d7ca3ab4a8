"""Shared fixtures: a freshly migrated database per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
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


class _Databases:
    """The tests' own PostgreSQL databases, made and dropped beside the tests. PostgreSQL 15
    takes an immediate checkpoint for every ``DROP DATABASE`` (seconds on a busy disk: a
    test's own time several times over) and copies the template for every ``CREATE
    DATABASE``: here the next test's database is copied from the template while a test runs,
    and a finished test's database is dropped while the next one runs (drops that wait
    together share a checkpoint). Each test still gets a copy of the migrated template that
    nothing else touched. Waited for, any failure raised, at the session's end
    (``_pg_template``)."""

    def __init__(self) -> None:
        #: two pools, so a copy for the next test never waits behind queued drops
        self._pool: tuple[ThreadPoolExecutor, ThreadPoolExecutor] | None = None
        self._admin: Engine | None = None
        self._next: dict[str, Future[str]] = {}
        self._drops: list[Future[None]] = []

    def _started(self, admin_url: str) -> tuple[ThreadPoolExecutor, ThreadPoolExecutor, Engine]:
        if self._pool is None or self._admin is None:
            self._pool = (
                ThreadPoolExecutor(1, thread_name_prefix="createdb"),
                ThreadPoolExecutor(8, thread_name_prefix="dropdb"),
            )
            self._admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", pool_size=9)
        return *self._pool, self._admin

    def take(self, admin_url: str, template: str) -> str:
        """A new copy of ``template``; the one after it is started at once."""
        maker, _dropper, admin = self._started(admin_url)
        made = self._next.pop(template, None) or maker.submit(self._create, admin, template)
        name = made.result()
        self._next[template] = maker.submit(self._create, admin, template)
        return name

    def drop(self, admin_url: str, name: str) -> None:
        _maker, dropper, admin = self._started(admin_url)
        self._drops.append(dropper.submit(self._drop, admin, name))

    @staticmethod
    def _create(admin: Engine, template: str) -> str:
        name = f"kwtest_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        return name

    @staticmethod
    def _drop(admin: Engine, name: str) -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def wait(self) -> None:
        """Drops the copy made for a next test that never came, and waits for every drop."""
        failures: list[BaseException] = []
        unused, self._next = self._next, {}
        for made in unused.values():
            error = made.exception()
            if error is not None:
                failures.append(error)
            elif self._pool is not None and self._admin is not None:
                self._drops.append(self._pool[1].submit(self._drop, self._admin, made.result()))
        drops, self._drops = self._drops, []
        for dropped in drops:
            error = dropped.exception()
            if error is not None:
                failures.append(error)
        if self._pool is not None and self._admin is not None:
            for pool in self._pool:
                pool.shutdown(wait=True)
            self._admin.dispose()
            self._pool = self._admin = None
        if failures:
            raise RuntimeError(f"{len(failures)} test databases not made or dropped: {failures[0]}")


_DATABASES = _Databases()


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
        try:
            _DATABASES.wait()
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def _fresh_postgres(admin_url: str, template: str) -> Iterator[Engine]:
    name = _DATABASES.take(admin_url, template)
    engine = make_engine(make_url(admin_url).set(database=name).render_as_string(False))
    try:
        yield engine
    finally:
        engine.dispose()
        _DATABASES.drop(admin_url, name)


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
