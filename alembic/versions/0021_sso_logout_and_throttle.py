"""single sign-on (issue 19 item 6): logout at the provider, and starts limited per address

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "sso_attempt",
        sa.Column(
            "ip_key",
            sqlmodel.sql.sqltypes.AutoString(length=64),
            nullable=False,
            server_default="",
        ),
    )
    op.create_index(op.f("ix_sso_attempt_ip_key"), "sso_attempt", ["ip_key"], unique=False)
    op.create_table(
        "sso_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login_session_id", sa.Integer(), nullable=False),
        sa.Column("sso_id", sa.Integer(), nullable=False),
        sa.Column("id_token", sqlmodel.sql.sqltypes.AutoString(length=12000), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["login_session_id"], ["login_session.id"]),
        sa.ForeignKeyConstraint(["sso_id"], ["single_sign_on.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("login_session_id"),
    )
    op.create_index(op.f("ix_sso_session_sso_id"), "sso_session", ["sso_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_sso_session_sso_id"), table_name="sso_session")
    op.drop_table("sso_session")
    op.drop_index(op.f("ix_sso_attempt_ip_key"), table_name="sso_attempt")
    with op.batch_alter_table("sso_attempt") as batch:
        batch.drop_column("ip_key")
