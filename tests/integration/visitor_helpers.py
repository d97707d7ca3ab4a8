"""Builders for the public-site tests: staff actors and a look at every stored value."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent
from kwportal.services.auth.actors import actor_for
from tests import factories

VISITOR_TABLES = (
    "cookie_consent",
    "page_view",
    "newsletter_subscriber",
    "newsletter_suppression",
    "visitor_token",
    "callback_request",
    "visitor_rights_request",
)


def staff(engine: Engine, role: Role) -> Actor:
    with transaction(engine) as session:
        account = factories.account(session, role)
        session.flush()
        return actor_for(session, account)


def stored_text(engine: Engine) -> str:
    """Every value of every visitor table, as one string (to prove something is gone)."""
    parts = []
    with Session(engine) as session:
        for table in VISITOR_TABLES:
            for row in session.execute(text(f"SELECT * FROM {table}")):
                parts.append(" ".join(str(v) for v in row))
    return "\n".join(parts)


def events(engine: Engine, event_type: str) -> list[AuditEvent]:
    with Session(engine) as session:
        from sqlmodel import select

        return list(session.exec(select(AuditEvent).where(AuditEvent.event_type == event_type)))
