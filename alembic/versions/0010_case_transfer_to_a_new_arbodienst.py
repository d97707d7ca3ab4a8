"""case transfer to a new arbodienst

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sick_leave_case", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("transferred_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("transfer_confirmed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sick_leave_case", schema=None) as batch_op:
        batch_op.drop_column("transfer_confirmed_on")
        batch_op.drop_column("transferred_at")
