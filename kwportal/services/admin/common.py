"""What the admin services share: the role check, text and date cleaning, the audit row.

The administrator manages organisations, accounts, care teams and which employers a team
serves (BRIEF.md, Roles: "accounts, organisations, assignments"; never medical content).
Nothing in the admin services reads a case, a note or any health datum.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.services import audit
from kwportal.services.auth.common import Context


class AdminError(ValueError):
    """A refused admin action; ``code`` is a translation key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def require_admin(actor: Actor) -> int:
    """The administrator's own account id, or ``AdminError("auth.not_allowed")``."""
    return require(actor, Role.ADMIN, has="account_id", error=AdminError)


def clean(value: str, limit: int, code: str, *, required: bool = True) -> str:
    """One line of text without NUL or runs of blanks; refused when empty or too long."""
    value = " ".join(str(value).replace("\x00", "").split())
    if required and not value:
        raise AdminError(f"admin.{code}_required")
    if len(value) > limit:
        raise AdminError(f"admin.{code}_too_long")
    return value


def parse_date(raw: str, *, required: bool) -> date | None:
    text = str(raw or "").strip()[:10]
    if not text:
        if required:
            raise AdminError("admin.date_required")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AdminError("admin.bad_date") from None


def required_date(raw: str) -> date:
    day = parse_date(raw, required=True)
    assert day is not None
    return day


def parse_id(raw: Any, code: str = "admin.unknown") -> int:
    text = str(raw or "").strip()[:12]
    if not text.isdigit():
        raise AdminError(code)
    return int(text)


def log(
    session: Session,
    ctx: Context,
    actor: Actor,
    event_type: str,
    action: audit.Action,
    table: str,
    row_id: int | None,
    *,
    details: dict[str, Any] | None = None,
    subject_employee_id: int | None = None,
) -> None:
    """Organisation data under the service contract (seed ch. 1, Grondslagen)."""
    audit.record(
        session,
        actor=actor,
        access=ctx.access,
        event_type=event_type,
        action=action,
        ground=audit.Ground.CONTRACT,
        subject_employee_id=subject_employee_id,
        objects=[audit.ObjectRef("organisation", table, row_id)],
        details=details,
        secret=ctx.secret,
        now=ctx.now,
    )
