"""TOTP secrets sealed at rest (AES-GCM); "forgot password" requests counted per address and IP

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-28

The secrets already stored in the clear are sealed here with ``KWPORTAL_TOTP_KEY`` from the
settings (the key is read only when there is something to seal); a downgrade opens them
again for the older code, which reads them in the clear.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLAIN_LENGTH = 64
SEALED_LENGTH = 255

_account = sa.table("account", sa.column("id", sa.Integer), sa.column("totp_secret", sa.String))
_pending = sa.table(
    "login_session",
    sa.column("id", sa.Integer),
    sa.column("account_id", sa.Integer),
    sa.column("pending_totp_secret", sa.String),
)


def _widen(table: str, column: str, old: int, new: int) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite does not enforce a length, and rebuilding ``account`` would trip the
        # foreign keys that point at it: only the declared type in the schema changes.
        _sqlite_declared_length(table, column, old, new)
        return
    op.alter_column(
        table,
        column,
        existing_type=sqlmodel.sql.sqltypes.AutoString(length=old),
        type_=sqlmodel.sql.sqltypes.AutoString(length=new),
        existing_nullable=True,
    )


def _sqlite_declared_length(table: str, column: str, old: int, new: int) -> None:
    bind = op.get_bind()
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema=ON")
    bind.execute(
        sa.text(
            "UPDATE sqlite_master SET sql = replace(sql, :before, :after) "
            "WHERE type = 'table' AND name = :table"
        ),
        {
            "before": f"{column} VARCHAR({old})",
            "after": f"{column} VARCHAR({new})",
            "table": table,
        },
    )
    bind.exec_driver_sql(f"PRAGMA schema_version={int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema=OFF")


def _convert(*, seal: bool) -> None:
    """Seal every plain secret (upgrade) or open every sealed one (downgrade)."""
    from kwportal.services.auth import secrets_box

    bind = op.get_bind()
    accounts = bind.execute(
        sa.select(_account.c.id, _account.c.totp_secret).where(_account.c.totp_secret.is_not(None))
    ).all()
    pending = bind.execute(
        sa.select(_pending.c.id, _pending.c.account_id, _pending.c.pending_totp_secret).where(
            _pending.c.pending_totp_secret.is_not(None)
        )
    ).all()
    todo_accounts = [r for r in accounts if secrets_box.is_sealed(r[1]) != seal]
    todo_pending = [r for r in pending if secrets_box.is_sealed(r[2]) != seal]
    if not todo_accounts and not todo_pending:
        return
    ring = secrets_box.keyring()

    def convert(value: str, aad: str) -> str:
        return ring.seal(value, aad=aad) if seal else ring.open(value, aad=aad)

    for account_id, value in todo_accounts:
        aad = secrets_box.account_aad(account_id)
        bind.execute(
            _account.update()
            .where(_account.c.id == account_id)
            .values(totp_secret=convert(value, aad))
        )
    for row_id, account_id, value in todo_pending:
        aad = secrets_box.pending_aad(account_id)
        bind.execute(
            _pending.update()
            .where(_pending.c.id == row_id)
            .values(pending_totp_secret=convert(value, aad))
        )


def upgrade() -> None:
    _widen("account", "totp_secret", PLAIN_LENGTH, SEALED_LENGTH)
    _widen("login_session", "pending_totp_secret", PLAIN_LENGTH, SEALED_LENGTH)
    _convert(seal=True)
    op.create_table(
        "reset_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("ip_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("occurred_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reset_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reset_request_address_key"), ["address_key"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reset_request_ip_key"), ["ip_key"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reset_request_occurred_at"), ["occurred_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("reset_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reset_request_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_reset_request_ip_key"))
        batch_op.drop_index(batch_op.f("ix_reset_request_address_key"))
    op.drop_table("reset_request")
    _convert(seal=False)
    _widen("login_session", "pending_totp_secret", SEALED_LENGTH, PLAIN_LENGTH)
    _widen("account", "totp_secret", SEALED_LENGTH, PLAIN_LENGTH)
