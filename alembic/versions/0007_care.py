"""care: feedback version, notes and term confirmation; release delegation; employee notices

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "employee_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("disclosure_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("read_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["disclosure_id"],
            ["disclosure.id"],
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employee.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("employee_notice", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_employee_notice_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_employee_notice_disclosure_id"), ["disclosure_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_employee_notice_employee_id"), ["employee_id"], unique=False
        )

    with op.batch_alter_table("employer_feedback", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column(
                "capacity_notes",
                sqlmodel.sql.sqltypes.AutoString(length=3000),
                nullable=False,
                server_default="{}",
            )
        )
        batch_op.add_column(sa.Column("terms_confirmed_version", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "terms_confirmed_reason",
                sqlmodel.sql.sqltypes.AutoString(length=500),
                nullable=False,
                server_default="",
            )
        )

    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("may_release", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.drop_column("may_release")

    with op.batch_alter_table("employer_feedback", schema=None) as batch_op:
        batch_op.drop_column("terms_confirmed_reason")
        batch_op.drop_column("terms_confirmed_version")
        batch_op.drop_column("capacity_notes")
        batch_op.drop_column("version")

    with op.batch_alter_table("employee_notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employee_notice_employee_id"))
        batch_op.drop_index(batch_op.f("ix_employee_notice_disclosure_id"))
        batch_op.drop_index(batch_op.f("ix_employee_notice_account_id"))

    op.drop_table("employee_notice")
