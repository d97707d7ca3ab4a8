"""consent requests and receipts

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 13:40:18.262867
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consent_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consent_id", sa.Integer(), nullable=False),
        sa.Column("event", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
        sa.Column("issued_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["consent_record.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("consent_id", "event", name="uq_consent_receipt_event"),
    )
    with op.batch_alter_table("consent_receipt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consent_receipt_consent_id"), ["consent_id"], unique=False
        )

    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "status",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default="granted",
            )
        )
        batch_op.add_column(sa.Column("case_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recipient_organisation_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "datum_kind",
                sqlmodel.sql.sqltypes.AutoString(length=40),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "datum_label",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "datum_value",
                sqlmodel.sql.sqltypes.AutoString(length=2000),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column("requested_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("refused_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.alter_column(
            "granted_at", existing_type=sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True
        )
        batch_op.create_index(batch_op.f("ix_consent_record_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consent_record_status"), ["status"], unique=False)
        batch_op.create_foreign_key(
            "fk_consent_record_recipient_organisation_id",
            "organisation",
            ["recipient_organisation_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            "fk_consent_record_case_id", "sick_leave_case", ["case_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.drop_constraint("fk_consent_record_case_id", type_="foreignkey")
        batch_op.drop_constraint("fk_consent_record_recipient_organisation_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_consent_record_status"))
        batch_op.drop_index(batch_op.f("ix_consent_record_case_id"))
        batch_op.alter_column(
            "granted_at", existing_type=sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False
        )
        batch_op.drop_column("refused_at")
        batch_op.drop_column("requested_at")
        batch_op.drop_column("datum_value")
        batch_op.drop_column("datum_label")
        batch_op.drop_column("datum_kind")
        batch_op.drop_column("recipient_organisation_id")
        batch_op.drop_column("case_id")
        batch_op.drop_column("status")

    with op.batch_alter_table("consent_receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_receipt_consent_id"))

    op.drop_table("consent_receipt")
