"""employer: step completion, roster upload, unique personnel number

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 13:39:50.383074
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "roster_upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("roster_upload", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_roster_upload_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_roster_upload_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "step_completion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_account_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sick_leave_case.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_account_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "step", "due", name="uq_step_completion"),
    )
    with op.batch_alter_table("step_completion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_step_completion_case_id"), ["case_id"], unique=False)

    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            "uq_employee_number", ["organisation_id", "personnel_number"]
        )

    with op.batch_alter_table("sick_leave_case", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sick_leave_case_org_open",
            ["organisation_id", "recovery_date", "sick_report_date", "id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("sick_leave_case", schema=None) as batch_op:
        batch_op.drop_index("ix_sick_leave_case_org_open")

    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.drop_constraint("uq_employee_number", type_="unique")

    with op.batch_alter_table("step_completion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_step_completion_case_id"))

    op.drop_table("step_completion")
    with op.batch_alter_table("roster_upload", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_roster_upload_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_roster_upload_account_id"))

    op.drop_table("roster_upload")
