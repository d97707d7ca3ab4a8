"""an access request is answered by delivering the export to the employee's own page

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rights_request", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("export_delivered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("export_downloaded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("rights_request", schema=None) as batch_op:
        batch_op.drop_column("export_downloaded_at")
        batch_op.drop_column("export_delivered_at")
