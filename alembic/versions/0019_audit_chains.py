"""the audit log scales with organisations (issue 19 item 2): one hash chain per partition

Every audit table gets a ``chain`` column: ``audit_head`` one row per chain (the system
head also the sealed number of the other chains), ``audit_event`` its number per chain
(unique per chain and number, no longer alone), ``audit_checkpoint`` and
``audit_redaction`` per chain. Today's single chain becomes the "system" chain
unchanged: its rows, head (id 1) and seals are hashed and sealed as before
(services/audit_seal.py), so a log written before verifies after the upgrade, and events
about no organisation continue it. Employers' chains are opened when first written.

The guards keep working: UPDATE of audit_event only empties a visitor's address (0017),
now also keeping ``chain``; DELETE only at or below the latest checkpoint of the row's own
chain (0004). On SQLite the tables are rebuilt, so their triggers are made again here.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SYSTEM = "system"
#: the chain-scoped tables: (table, the number column, the new unique index)
_TABLES = (
    ("audit_event", "seq", "ix_audit_event_chain_seq"),
    ("audit_checkpoint", "pruned_through_seq", "ix_audit_checkpoint_chain_seq"),
    ("audit_redaction", "seq", "ix_audit_redaction_chain_seq"),
)
#: SQLite's unique constraints from 0001/0004/0017 have no name: this gives them one
_NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
_KEPT_0017 = [
    "id",
    "seq",
    "occurred_at",
    "event_type",
    "actor_account_id",
    "actor_role",
    "actor_organisation_id",
    "on_behalf_of_account_id",
    "access_agent",
    "subject_employee_id",
    "objects",
    "action",
    "ground",
    "consent_id",
    "details",
    "prev_hash",
    "row_hash",
]
_VISITOR_ROW = (
    "OLD.access_agent = 'visitor' AND OLD.actor_role = 'system' "
    "AND OLD.actor_account_id IS NULL AND NEW.access_ip = ''"
)
_PRUNED_ALL = "(SELECT COALESCE(MAX(pruned_through_seq), 0) FROM audit_checkpoint)"
_PRUNED_OWN = (
    "(SELECT COALESCE(MAX(c.pruned_through_seq), 0) FROM audit_checkpoint c "
    "WHERE c.chain = OLD.chain)"
)


def _chain() -> sa.Column[str]:
    return sa.Column(
        "chain",
        sqlmodel.sql.sqltypes.AutoString(length=40),
        nullable=False,
        server_default=SYSTEM,
    )


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    sqlite = _sqlite()
    if sqlite:
        _drop_sqlite_triggers()
    for table, number, index in _TABLES:
        if sqlite:
            with op.batch_alter_table(table, naming_convention=_NAMING, recreate="always") as b:
                b.add_column(_chain())
                b.drop_constraint(f"uq_{table}_{number}", type_="unique")
                b.create_index(index, ["chain", number], unique=True)
        else:
            op.add_column(table, _chain())
            op.drop_constraint(f"{table}_{number}_key", table, type_="unique")
            op.create_index(index, table, ["chain", number], unique=True)
    op.add_column("audit_head", _chain())
    op.create_index("ix_audit_head_chain", "audit_head", ["chain"], unique=True)
    # on the system head: the sealed number of other chains (sealed by migrate's
    # seal_genesis while it is 0, then by every chain opened)
    op.add_column(
        "audit_head", sa.Column("chains", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column(
        "audit_head",
        sa.Column(
            "chains_seal",
            sqlmodel.sql.sqltypes.AutoString(length=64),
            nullable=False,
            server_default="",
        ),
    )
    if sqlite:
        _sqlite_triggers(kept=[*_KEPT_0017, "chain"], pruned=_PRUNED_OWN)
    else:
        _postgresql_guard(pruned=_PRUNED_OWN)
        # the one head so far was inserted with id 1 explicitly (0001): new chains count on
        op.execute(
            "SELECT setval(pg_get_serial_sequence('audit_head', 'id'), "
            "(SELECT MAX(id) FROM audit_head))"
        )


def downgrade() -> None:
    """Only a log that is still one chain goes back (0018 knows no other)."""
    bind = op.get_bind()
    others = bind.execute(
        sa.text(
            "SELECT (SELECT COUNT(*) FROM audit_head WHERE chain <> :s) + "
            "(SELECT COUNT(*) FROM audit_event WHERE chain <> :s)"
        ),
        {"s": SYSTEM},
    ).scalar_one()
    if others:
        raise RuntimeError(
            "the audit log has chains per organisation, which revision 0018 cannot hold: "
            "restore a backup taken before 0019 instead of downgrading"
        )
    sqlite = _sqlite()
    if sqlite:
        _drop_sqlite_triggers()
    op.drop_index("ix_audit_head_chain", table_name="audit_head")
    with op.batch_alter_table("audit_head") as b:
        b.drop_column("chains_seal")
        b.drop_column("chains")
        b.drop_column("chain")
    for table, number, index in _TABLES:
        if sqlite:
            with op.batch_alter_table(table, recreate="always") as b:
                b.drop_index(index)
                b.drop_column("chain")
                b.create_unique_constraint(f"uq_{table}_{number}", [number])
        else:
            op.drop_index(index, table_name=table)
            op.drop_column(table, "chain")
            op.create_unique_constraint(f"{table}_{number}_key", table, [number])
    if sqlite:
        _sqlite_triggers(kept=_KEPT_0017, pruned=_PRUNED_ALL)
    else:
        _postgresql_guard(pruned=_PRUNED_ALL)


def _drop_sqlite_triggers() -> None:
    for name in (
        "audit_event_no_update",
        "audit_event_no_delete",
        "audit_checkpoint_no_update",
        "audit_checkpoint_no_delete",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def _sqlite_triggers(*, kept: list[str], pruned: str) -> None:
    """0004's and 0017's triggers, the prune scoped by ``pruned``."""
    unchanged = " AND ".join(f"NEW.{name} IS OLD.{name}" for name in kept)
    op.execute(
        "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
        f"WHEN NOT ({_VISITOR_ROW} AND {unchanged}) "
        "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
        f"WHEN OLD.seq > {pruned} "
        "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
    )
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_checkpoint_no_{verb.lower()} BEFORE {verb} "
            "ON audit_checkpoint "
            "BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END"
        )


def _postgresql_guard(*, pruned: str) -> None:
    """0017's guard function (its triggers stay in place), the prune scoped by ``pruned``;
    the row comparison covers every column, ``chain`` included."""
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION audit_event_prune_guard() RETURNS trigger AS $$
        DECLARE
            kept audit_event;
        BEGIN
            IF TG_OP = 'DELETE' AND OLD.seq <= {pruned} THEN
                RETURN OLD;
            END IF;
            IF TG_OP = 'UPDATE' AND {_VISITOR_ROW} THEN
                kept := NEW;
                kept.access_ip := OLD.access_ip;
                IF kept IS NOT DISTINCT FROM OLD THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION 'audit_event is append-only';
        END;
        $$ LANGUAGE plpgsql
        """
    )
