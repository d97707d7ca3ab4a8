"""a case end to end (issue 15): consult slots and bookings, questionnaire versions,
plans of action and evaluations, case uploads, message threads, step notices, exposure
authorship and the organisation's self-report setting

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("thread", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("author_account_id", sa.Integer(), nullable=True),
        sa.Column("author_role", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_account_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sick_leave_case.id"],
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employee.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_message_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_case_message_employee_id"), ["employee_id"], unique=False
        )
        batch_op.create_index("ix_case_message_thread", ["case_id", "thread", "id"], unique=False)

    op.create_table(
        "case_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("goals", sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
        sa.Column("employer_view", sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
        sa.Column("employee_view", sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
        sa.Column("employee_agrees", sa.Boolean(), nullable=True),
        sa.Column("employee_reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("written_by_account_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("employee_responded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sick_leave_case.id"],
        ),
        sa.ForeignKeyConstraint(
            ["written_by_account_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_plan_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_by_account_id", sa.Integer(), nullable=True),
        sa.Column("uploader_role", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("audience", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("content_type", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sick_leave_case.id"],
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employee.id"],
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_account_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_upload", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_upload_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_case_upload_employee_id"), ["employee_id"], unique=False
        )

    op.create_table(
        "consult_slot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("place_kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_by_account_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by_account_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "starts_at", name="uq_consult_slot_time"),
    )
    with op.batch_alter_table("consult_slot", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consult_slot_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_consult_slot_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "message_read",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("thread", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("last_read_message_id", sa.Integer(), nullable=False),
        sa.Column("read_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sick_leave_case.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "case_id", "thread", name="uq_message_read"),
    )
    with op.batch_alter_table("message_read", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_message_read_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_message_read_case_id"), ["case_id"], unique=False)

    op.create_table(
        "step_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sick_leave_case.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "step", "due", name="uq_step_notice"),
    )
    with op.batch_alter_table("step_notice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_step_notice_case_id"), ["case_id"], unique=False)

    op.create_table(
        "plan_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["case_plan.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plan_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_action_plan_id"), ["plan_id"], unique=False)

    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("slot_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("minutes", sa.Integer(), nullable=False, server_default="30"))
        batch_op.add_column(
            sa.Column(
                "place_kind",
                sqlmodel.sql.sqltypes.AutoString(length=10),
                nullable=False,
                server_default="location",
            )
        )
        batch_op.add_column(
            sa.Column(
                "status",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default="booked",
            )
        )
        batch_op.add_column(
            sa.Column(
                "attendance",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "move_reason",
                sqlmodel.sql.sqltypes.AutoString(length=500),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("booked_by_account_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("confirmed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("attendance_recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("reminder_sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.create_unique_constraint("uq_appointment_slot", ["slot_id"])
        batch_op.create_foreign_key("fk_appointment_slot", "consult_slot", ["slot_id"], ["id"])
        batch_op.create_foreign_key(
            "fk_appointment_booked_by", "account", ["booked_by_account_id"], ["id"]
        )

    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feedback_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.create_foreign_key(
            "fk_case_document_feedback", "employer_feedback", ["feedback_id"], ["id"]
        )

    with op.batch_alter_table("exposure_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded_by_account_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.create_foreign_key(
            "fk_exposure_recorded_by", "account", ["recorded_by_account_id"], ["id"]
        )

    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "employee_self_report", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )

    with op.batch_alter_table("questionnaire_answer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "question_key",
                sqlmodel.sql.sqltypes.AutoString(length=60),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("questionnaire_answer", schema=None) as batch_op:
        batch_op.drop_column("version")
        batch_op.drop_column("question_key")

    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("employee_self_report")

    with op.batch_alter_table("exposure_record", schema=None) as batch_op:
        batch_op.drop_constraint("fk_exposure_recorded_by", type_="foreignkey")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("recorded_by_account_id")

    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.drop_constraint("fk_case_document_feedback", type_="foreignkey")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("feedback_id")

    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_constraint("fk_appointment_booked_by", type_="foreignkey")
        batch_op.drop_constraint("fk_appointment_slot", type_="foreignkey")
        batch_op.drop_constraint("uq_appointment_slot", type_="unique")
        batch_op.drop_column("reminder_sent_at")
        batch_op.drop_column("attendance_recorded_at")
        batch_op.drop_column("confirmed_at")
        batch_op.drop_column("booked_by_account_id")
        batch_op.drop_column("move_reason")
        batch_op.drop_column("attendance")
        batch_op.drop_column("status")
        batch_op.drop_column("place_kind")
        batch_op.drop_column("minutes")
        batch_op.drop_column("slot_id")

    with op.batch_alter_table("plan_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_action_plan_id"))

    op.drop_table("plan_action")
    with op.batch_alter_table("step_notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_step_notice_case_id"))

    op.drop_table("step_notice")
    with op.batch_alter_table("message_read", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_read_case_id"))
        batch_op.drop_index(batch_op.f("ix_message_read_account_id"))

    op.drop_table("message_read")
    with op.batch_alter_table("consult_slot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consult_slot_starts_at"))
        batch_op.drop_index(batch_op.f("ix_consult_slot_account_id"))

    op.drop_table("consult_slot")
    with op.batch_alter_table("case_upload", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_upload_employee_id"))
        batch_op.drop_index(batch_op.f("ix_case_upload_case_id"))

    op.drop_table("case_upload")
    with op.batch_alter_table("case_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_plan_case_id"))

    op.drop_table("case_plan")
    with op.batch_alter_table("case_message", schema=None) as batch_op:
        batch_op.drop_index("ix_case_message_thread")
        batch_op.drop_index(batch_op.f("ix_case_message_employee_id"))
        batch_op.drop_index(batch_op.f("ix_case_message_case_id"))

    op.drop_table("case_message")
