"""public site for visitors

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 13:40:22.187223
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cookie_consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("choice_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("text_version", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("analytics", sa.Boolean(), nullable=False),
        sa.Column("marketing", sa.Boolean(), nullable=False),
        sa.Column("gpc", sa.Boolean(), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("given_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("superseded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cookie_consent", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cookie_consent_choice_hash"), ["choice_hash"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cookie_consent_given_at"), ["given_at"], unique=False)

    op.create_table(
        "newsletter_subscriber",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("email_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("consent_version", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("confirmed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("unsubscribe_salt", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email_hash"),
    )
    op.create_table(
        "newsletter_suppression",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("suppressed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email_hash"),
    )
    op.create_table(
        "page_view",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("viewed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("path", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("referrer_host", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("ip_prefix", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("page_view", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_page_view_viewed_at"), ["viewed_at"], unique=False)

    op.create_table(
        "public_form_hit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ip_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("form", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("occurred_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("public_form_hit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_public_form_hit_ip_key"), ["ip_key"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_public_form_hit_occurred_at"), ["occurred_at"], unique=False
        )

    op.create_table(
        "callback_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("phone_digits", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("preferred_time", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("topic", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("message", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("handled_by_account_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["handled_by_account_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("callback_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_callback_request_closed_at"), ["closed_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_callback_request_phone_digits"), ["phone_digits"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_callback_request_status"), ["status"], unique=False)

    op.create_table(
        "visitor_rights_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("details", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("confirmed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("due_at", sa.Date(), nullable=True),
        sa.Column("answer", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("answered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("handled_by_account_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["handled_by_account_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visitor_rights_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_visitor_rights_request_status"), ["status"], unique=False
        )

    op.create_table(
        "visitor_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=True),
        sa.Column("rights_request_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["rights_request_id"],
            ["visitor_rights_request.id"],
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["newsletter_subscriber.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("visitor_token", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_visitor_token_rights_request_id"), ["rights_request_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_visitor_token_subscriber_id"), ["subscriber_id"], unique=False
        )

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table("visitor_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visitor_token_subscriber_id"))
        batch_op.drop_index(batch_op.f("ix_visitor_token_rights_request_id"))

    op.drop_table("visitor_token")
    with op.batch_alter_table("visitor_rights_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visitor_rights_request_status"))

    op.drop_table("visitor_rights_request")
    with op.batch_alter_table("callback_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_callback_request_status"))
        batch_op.drop_index(batch_op.f("ix_callback_request_phone_digits"))
        batch_op.drop_index(batch_op.f("ix_callback_request_closed_at"))

    op.drop_table("callback_request")
    with op.batch_alter_table("public_form_hit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_public_form_hit_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_public_form_hit_ip_key"))

    op.drop_table("public_form_hit")
    with op.batch_alter_table("page_view", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_page_view_viewed_at"))

    op.drop_table("page_view")
    op.drop_table("newsletter_suppression")
    op.drop_table("newsletter_subscriber")
    with op.batch_alter_table("cookie_consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cookie_consent_given_at"))
        batch_op.drop_index(batch_op.f("ix_cookie_consent_choice_hash"))

    op.drop_table("cookie_consent")
    # ### end Alembic commands ###
