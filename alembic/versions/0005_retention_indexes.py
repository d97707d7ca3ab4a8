"""indexes for destroying files: every column that points at a destroyed row

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("medical_note", "case_id"),
    ("medical_note", "supersedes_id"),
    ("questionnaire_answer", "case_id"),
    ("disclosure", "case_id"),
    ("disclosure", "feedback_id"),
    ("disclosure", "consent_id"),
    ("account", "employee_id"),
)


def upgrade() -> None:
    for table, column in INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    for table, column in INDEXES:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
