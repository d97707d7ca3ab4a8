"""the company doctor's personal work notes

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "work_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("author_account_id", sa.Integer(), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_account_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["sick_leave_case.id"]),
        sa.ForeignKeyConstraint(["employee_id"], ["employee.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("work_note", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_work_note_author_account_id"), ["author_account_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_work_note_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_note_employee_id"), ["employee_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("work_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_note_employee_id"))
        batch_op.drop_index(batch_op.f("ix_work_note_case_id"))
        batch_op.drop_index(batch_op.f("ix_work_note_author_account_id"))
    op.drop_table("work_note")
