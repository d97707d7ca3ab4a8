"""Engine and transactions. SQLite gets WAL with synchronous=FULL and foreign keys on every
connection (REFLEX_NOTES.md: durable and fast on this disk); PostgreSQL is the production path."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from kwportal.settings import get_settings

SQLITE_BUSY_TIMEOUT_MS = 10_000


def make_engine(url: str, **kwargs: Any) -> Engine:
    # a failed statement's error never quotes its values (a note, an address) into a log
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 10}, **kwargs
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        # Take BEGIN from pysqlite and make it IMMEDIATE: a transaction that reads and
        # then writes would otherwise fail, not wait, when another writer got in between.
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # No ping per checkout (a round trip per transaction): a connection the server dropped
    # (restart, failover) fails its first statement, SQLAlchemy sees the disconnect and
    # drops every pooled connection made before it, and the runner refuses that one unit
    # (Unavailable: "try again"); the next unit connects afresh. Idle ones are renewed.
    kwargs.setdefault("pool_recycle", 1800)
    return create_engine(url, pool_pre_ping=False, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


READ_ONLY = "kwportal_read_only"


def _sqlite_begin(connection: Any) -> None:
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


@contextmanager
def transaction(engine: Engine | None = None) -> Iterator[Session]:
    """One unit of work: a change and its audit row commit together or not at all."""
    with Session(engine or get_engine(), expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def read_transaction(engine: Engine | None = None) -> Iterator[Session]:
    """A consistent read that takes no write lock (long plans and reports). Nothing may be
    written in it: on SQLite a write here could fail instead of waiting."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        session.connection(execution_options={READ_ONLY: True})  # begins the transaction
        yield session
        session.rollback()
