"""Migrations: idempotent, reversible, matching the models, refusing a newer schema."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel

import kwportal.models  # noqa: F401  (registers every table)
from kwportal.db import make_engine
from kwportal.migrate import (
    SchemaTooNewError,
    alembic_config,
    current_revision,
    upgrade,
)
from kwportal.services import audit
from kwportal.services.demo.seed import SYSTEM_ACTOR
from tests.conftest import TEST_SECRET

FUTURE = "9999_future"


def _head() -> str:
    config = alembic_config("sqlite://")
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def _run(engine: Engine, verb: str, target: str) -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, verb)(config, target)


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_of_an_empty_database_reaches_head(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        assert current_revision(engine) is None
        assert upgrade(engine) == _head()
        assert current_revision(engine) == _head()
        assert _tables(engine) == set(SQLModel.metadata.tables)
    finally:
        engine.dispose()


def test_upgrade_twice_is_harmless(engine):
    assert upgrade(engine) == _head()
    assert upgrade(engine) == _head()
    assert current_revision(engine) == _head()
    with engine.connect() as conn:
        heads = conn.execute(text("SELECT seq, row_hash FROM audit_head")).all()
    assert heads == [(0, "0" * 64)]


def test_migrated_schema_matches_the_models(engine):
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert differences == [], "models and migrations disagree; add a migration"


def test_database_from_a_newer_kwportal_is_refused(engine):
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": FUTURE})

    with pytest.raises(SchemaTooNewError) as raised:
        upgrade(engine)

    message = str(raised.value)
    assert FUTURE in message
    assert _head() in message
    assert "upgrade kwportal" in message
    assert current_revision(engine) == FUTURE


def test_downgrade_to_base_and_upgrade_again(engine):
    _run(engine, "downgrade", "base")
    assert current_revision(engine) is None
    assert _tables(engine) == set()

    assert upgrade(engine) == _head()

    assert _tables(engine) == set(SQLModel.metadata.tables)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT seq FROM audit_head")).scalar_one() == 0
    with Session(engine) as session, session.begin():
        audit.record(
            session,
            actor=SYSTEM_ACTOR,
            access=audit.CLI,
            event_type="after_reinstall",
            action=audit.Action.CREATE,
            secret=TEST_SECRET,
            now=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        )
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event"))


def test_downgrade_and_upgrade_through_the_alembic_command(engine):
    _run(engine, "downgrade", "base")
    _run(engine, "upgrade", "head")
    assert current_revision(engine) == _head()
    assert _tables(engine) == set(SQLModel.metadata.tables)
