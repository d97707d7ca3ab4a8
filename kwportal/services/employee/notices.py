"""The employee's in-app notices: *that* something about him happened (a release), with a
link to the page that shows what — never the content itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.models import EmployeeNotice
from kwportal.services import audit
from kwportal.services.views import PolicyDeniedError

MAX_SHOWN = 20


@dataclass(frozen=True, slots=True)
class NoticeLine:
    notice_id: int
    kind: str
    created_at: datetime


def _own(actor: Actor) -> int:
    return require(actor, Role.EMPLOYEE, has="employee_id", error=PolicyDeniedError)


def unread(actor: Actor, *, session: Session) -> tuple[NoticeLine, ...]:
    employee_id = _own(actor)
    rows = session.exec(
        select(EmployeeNotice)
        .where(EmployeeNotice.employee_id == employee_id, col(EmployeeNotice.read_at).is_(None))
        .order_by(col(EmployeeNotice.created_at).desc(), col(EmployeeNotice.id).desc())
        .limit(MAX_SHOWN)
    ).all()
    return tuple(NoticeLine(r.id or 0, r.kind, r.created_at) for r in rows)


def mark_read(
    actor: Actor,
    notice_id: int,
    *,
    session: Session,
    access_point: audit.AccessPoint,
    secret: str,
    now: datetime,
) -> bool:
    """True when the notice was unread and is now read; someone else's reads as unknown."""
    employee_id = _own(actor)
    row = session.get(EmployeeNotice, notice_id, with_for_update=True)
    if row is None or row.employee_id != employee_id or row.read_at is not None:
        return False
    row.read_at = now
    session.add(row)
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="notice_read",
        action=audit.Action.UPDATE,
        ground=audit.Ground.OWN_DATA,
        subject_employee_id=employee_id,
        objects=[audit.ObjectRef(str(Category.AUDIT), "employee_notice", notice_id)],
        secret=secret,
        now=now,
    )
    return True
