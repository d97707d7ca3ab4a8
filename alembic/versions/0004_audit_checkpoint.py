"""audit checkpoint: prune the chain's prefix when the files it describes are destroyed

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PRUNED = "(SELECT COALESCE(MAX(pruned_through_seq), 0) FROM audit_checkpoint)"


def upgrade() -> None:
    op.create_table(
        "audit_checkpoint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pruned_through_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("rows_pruned", sa.Integer(), nullable=False),
        sa.Column("pruned_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("seal", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pruned_through_seq"),
    )
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def _sqlite_triggers() -> None:
    """Rows at or below the latest checkpoint may be deleted (the prune); no other."""
    op.execute("DROP TRIGGER audit_event_no_delete")
    op.execute(
        "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
        f"WHEN OLD.seq > {_PRUNED} "
        "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
    )
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_checkpoint_no_{verb.lower()} BEFORE {verb} "
            "ON audit_checkpoint "
            "BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END"
        )


def _postgresql_triggers() -> None:
    op.execute(
        f"""
        CREATE FUNCTION audit_event_prune_guard() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND OLD.seq <= {_PRUNED} THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'audit_event is append-only';
        END;
        $$ LANGUAGE plpgsql
        """
    )
    op.execute("DROP TRIGGER audit_event_no_change ON audit_event")
    op.execute(
        "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_prune_guard()"
    )
    op.execute(
        "CREATE TRIGGER audit_checkpoint_no_change BEFORE UPDATE OR DELETE OR TRUNCATE "
        "ON audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_checkpoint_no_update")
        op.execute("DROP TRIGGER audit_checkpoint_no_delete")
        op.execute("DROP TRIGGER audit_event_no_delete")
        op.execute(
            "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
        )
    else:
        op.execute("DROP TRIGGER audit_checkpoint_no_change ON audit_checkpoint")
        op.execute("DROP TRIGGER audit_event_no_change ON audit_event")
        op.execute(
            "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
        )
        op.execute("DROP FUNCTION audit_event_prune_guard()")
    op.drop_table("audit_checkpoint")
