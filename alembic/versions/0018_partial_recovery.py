"""partial recovery (issue 18 item 7): a sick or recovery report carries the percentage of
hours back at work

A new table ``recovery_step``: from a date the employee works a percentage of his hours
(1–99; 0 = fully sick again). Existing cases need no rows: a case without steps is 0 %
working from its first sick day and 100 % from its recovery date, as before.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "recovery_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=False),
        sa.Column("percent_working", sa.Integer(), nullable=False),
        sa.Column("reported_by_account_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["sick_leave_case.id"]),
        sa.ForeignKeyConstraint(["reported_by_account_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "from_date", name="uq_recovery_step_day"),
    )
    with op.batch_alter_table("recovery_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recovery_step_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("recovery_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_step_case_id"))
    op.drop_table("recovery_step")
