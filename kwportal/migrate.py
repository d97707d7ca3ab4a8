"""Apply the Alembic migrations, refusing a database whose schema is newer than this code."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine
from sqlmodel import Session

from kwportal.services import audit
from kwportal.settings import PROJECT_ROOT

#: PostgreSQL advisory lock held while migrating: machines that start at once (``make
#: run-prod`` on each) migrate one after the other; the later ones find the schema at head
MIGRATION_LOCK = 0x6B77_6D67


class SchemaTooNewError(RuntimeError):
    """The database was migrated by a newer kwportal; running this one could damage it."""


def alembic_config(url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic" / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, *, secret: str | None = None) -> str:
    """Migrate to the newest revision; return it. With ``secret``, seal the audit chain's
    genesis head of a fresh database."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    scripts = ScriptDirectory.from_config(config)
    head = scripts.get_current_head()
    current = current_revision(engine)
    known = {rev.revision for rev in scripts.walk_revisions()}
    if current is not None and current not in known:
        raise SchemaTooNewError(
            f"the database schema is at revision {current!r}, which this kwportal does "
            f"not know (it knows up to {head!r}): upgrade kwportal instead of migrating"
        )
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    if secret:
        with Session(engine) as session, session.begin():
            audit.seal_genesis(session, secret=secret)
    return str(head)
