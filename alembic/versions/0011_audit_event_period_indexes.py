"""audit event period indexes

The privacy desk's access-log search filters and orders by the time of the event, and an
employee's "who opened my file" by person and time; without an index both read the whole
log. Plain CREATE INDEX, not a batch operation: on SQLite a batch would copy the table and
lose the triggers that keep the log append-only.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_event_occurred_at", "audit_event", ["occurred_at"], unique=False)
    op.create_index(
        "ix_audit_event_subject_occurred",
        "audit_event",
        ["subject_employee_id", "occurred_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_audit_event_subject_occurred", table_name="audit_event")
    op.drop_index("ix_audit_event_occurred_at", table_name="audit_event")
