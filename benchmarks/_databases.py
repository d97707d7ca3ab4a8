"""Throw-away databases for the benchmarks: a migrated SQLite file in a temporary folder
(WAL, synchronous=FULL, as the portal runs it) and a migrated PostgreSQL database on the
machine's server, dropped afterwards. Shared by the benchmark scripts beside it."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from kwportal.db import make_engine
from kwportal.migrate import upgrade

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def sqlite_database(secret: str, prefix: str = "kw-bench-") -> Iterator[Engine]:
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        upgrade(engine, secret=secret)
        try:
            yield engine
        finally:
            engine.dispose()


@contextmanager
def postgres_database(secret: str) -> Iterator[Engine]:
    name = f"kwbench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(PG_ADMIN).set(database=name).render_as_string(False))
    try:
        upgrade(engine, secret=secret)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
