"""The privacy desk's search through the access log (issue 7, item 7): by person, by actor
and by period, metadata only.

A line says who acted (name, account, function, organisation), on whom, which categories and
object types, the action, the ground and when: what NEN 7513 asks of a log review. The
``details`` of an event and the access point are never read, and an audit event holds no
medical content to begin with. Unlike the employee's own view (kwportal/services/access_log.py),
care staff are shown by name here: the desk reviews who did what.

The search itself is logged, once per person whose events it showed, so the employee sees
in his own access log that the desk looked at his (BRIEF.md, Security: "every read of
someone's personal data logged").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.models import Account, AuditEvent, Employee, Organisation
from kwportal.services import audit
from kwportal.services.employee.access_log import (
    AMSTERDAM,
    ARBODIENST,
    ARBODIENST_ROLES,
    BadPeriodError,
    local_today,
    validate_period,
)
from kwportal.services.unit import Ctx, use_case

PAGE_SIZE = 50
MAX_PERSON = 100
MAX_WHO = 150
SEARCHED = "access_log_searched"

__all__ = [
    "BadPeriodError",
    "DeskLogError",
    "DeskLogLine",
    "DeskLogPage",
    "do_search",
    "local_today",
    "search",
]


class DeskLogError(ValueError):
    """A refused search; ``code`` is a translation key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class DeskLogLine:
    at: datetime
    event_type: str
    actor_name: str
    actor_username: str
    actor_role: str
    organisation: str
    subject_number: str
    subject_name: str
    categories: tuple[str, ...]
    object_types: tuple[str, ...]
    action: str
    ground: str


@dataclass(frozen=True, slots=True)
class DeskLogPage:
    lines: tuple[DeskLogLine, ...]
    since: date
    until: date
    page: int
    has_more: bool


@dataclass(frozen=True, slots=True)
class Filters:
    person: str = ""
    who: str = ""
    role: str = ""


def clean_filters(person: str, who: str, role: str) -> Filters:
    person, who, role = (v.replace("\x00", "").strip() for v in (person, who, role))
    if len(person) > MAX_PERSON or len(who) > MAX_WHO:
        raise DeskLogError("desk_log.too_long")
    if role and role not in {str(r) for r in Role}:
        raise DeskLogError("desk_log.unknown_role")
    return Filters(person, who, role)


def _contains(column: Any, value: str) -> Any:
    return func.lower(column).contains(value.lower(), autoescape=True)


def _conditions(filters: Filters, start: datetime, end: datetime) -> list[Any]:
    event = AuditEvent
    found: list[Any] = [col(event.occurred_at) >= start, col(event.occurred_at) < end]
    if filters.person:
        full_name = col(Employee.first_name) + " " + col(Employee.last_name)
        people = select(Employee.id).where(
            or_(
                func.lower(col(Employee.personnel_number)) == filters.person.lower(),
                _contains(full_name, filters.person),
            )
        )
        found.append(col(event.subject_employee_id).in_(people))
    if filters.who:
        accounts = select(Account.id).where(
            or_(
                func.lower(col(Account.username)) == filters.who.lower(),
                _contains(col(Account.display_name), filters.who),
            )
        )
        found.append(col(event.actor_account_id).in_(accounts))
    if filters.role:
        found.append(col(event.actor_role) == filters.role)
    return found


def _bounds(since: date, until: date) -> tuple[datetime, datetime]:
    start = datetime.combine(since, time(0), tzinfo=AMSTERDAM)
    end = datetime.combine(until + timedelta(days=1), time(0), tzinfo=AMSTERDAM)
    return start.astimezone(UTC), end.astimezone(UTC)


def search(
    actor: Actor,
    *,
    person: str,
    who: str,
    role: str,
    since: date | None,
    until: date | None,
    page: int,
    session: Session,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
    today: date | None = None,
    page_size: int = PAGE_SIZE,
) -> DeskLogPage:
    """One page of matching events, newest first; the search is audited."""
    require(actor, Role.PRIVACY_OFFICER, error=DeskLogError)
    filters = clean_filters(person, who, role)
    since, until = validate_period(since, until, today=today or local_today())
    page = max(1, min(page, 10_000))
    event = AuditEvent
    rows = session.execute(
        select_rows(
            col(event.occurred_at),
            col(event.event_type),
            col(event.actor_account_id),
            col(event.actor_role),
            col(event.actor_organisation_id),
            col(event.subject_employee_id),
            col(event.objects),
            col(event.action),
            col(event.ground),
        )
        .where(*_conditions(filters, *_bounds(since, until)))
        .order_by(col(event.occurred_at).desc(), col(event.id).desc())
        .offset((page - 1) * page_size)
        .limit(page_size + 1)
    ).all()
    shown = rows[:page_size]
    _log_search(session, actor, filters, since, until, page, shown, now, access, secret)
    return DeskLogPage(_lines(session, shown), since, until, page, len(rows) > page_size)


def _log_search(
    session: Session,
    actor: Actor,
    filters: Filters,
    since: date,
    until: date,
    page: int,
    shown: Any,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> None:
    subjects = sorted({row.subject_employee_id for row in shown} - {None})
    details = {
        "person": filters.person,
        "who": filters.who,
        "role": filters.role,
        "since": since,
        "until": until,
        "page": page,
    }
    for subject in subjects or [None]:
        audit.record(
            session,
            actor=actor,
            access=access,
            event_type=SEARCHED,
            action=audit.Action.READ,
            ground=audit.Ground.LEGAL_DUTY,
            subject_employee_id=subject,
            objects=[audit.ObjectRef("audit", "audit_event", None)],
            details=details,
            secret=secret,
            now=now,
        )


def _objects(objects: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    try:
        parsed = json.loads(objects or "[]")
    except ValueError:
        return (), ()
    items = [item for item in parsed if isinstance(item, dict)] if isinstance(parsed, list) else []
    categories = {str(i.get("category")) for i in items if i.get("category")}
    tables = {str(i.get("table")) for i in items if i.get("table")}
    return tuple(sorted(categories)), tuple(sorted(tables))


def _lookup(session: Session, statement: Any) -> dict[int, Any]:
    return {int(row[0]): row for row in session.execute(statement).all()}


def _lines(session: Session, rows: Any) -> tuple[DeskLogLine, ...]:
    account_ids = {r.actor_account_id for r in rows} - {None}
    organisation_ids = {r.actor_organisation_id for r in rows} - {None}
    subject_ids = {r.subject_employee_id for r in rows} - {None}
    accounts = _lookup(
        session,
        select_rows(col(Account.id), col(Account.display_name), col(Account.username)).where(
            col(Account.id).in_(account_ids)
        ),
    )
    organisations = _lookup(
        session,
        select_rows(col(Organisation.id), col(Organisation.name)).where(
            col(Organisation.id).in_(organisation_ids)
        ),
    )
    people = _lookup(
        session,
        select_rows(
            col(Employee.id),
            col(Employee.personnel_number),
            col(Employee.first_name),
            col(Employee.last_name),
        ).where(col(Employee.id).in_(subject_ids)),
    )
    return tuple(_line(row, accounts, organisations, people) for row in rows)


def _line(
    row: Any, accounts: dict[int, Any], organisations: dict[int, Any], people: dict[int, Any]
) -> DeskLogLine:
    account = accounts.get(row.actor_account_id) if row.actor_account_id else None
    person = people.get(row.subject_employee_id) if row.subject_employee_id else None
    if row.actor_organisation_id is not None:
        org_row = organisations.get(row.actor_organisation_id)
        organisation = str(org_row[1]) if org_row else ""
    else:
        organisation = ARBODIENST if row.actor_role in ARBODIENST_ROLES else ""
    categories, tables = _objects(row.objects)
    at = row.occurred_at if row.occurred_at.tzinfo else row.occurred_at.replace(tzinfo=UTC)
    return DeskLogLine(
        at=at.astimezone(AMSTERDAM),
        event_type=row.event_type,
        actor_name=str(account[1]) if account else "",
        actor_username=str(account[2]) if account else "",
        actor_role=row.actor_role,
        organisation=organisation,
        subject_number=str(person[1]) if person else "",
        subject_name=f"{person[2]} {person[3]}" if person else "",
        categories=categories,
        object_types=tables,
        action=row.action,
        ground=row.ground,
    )


# --- use case: one search (the desk's access-log page hands it to the runner) ---


@use_case(Role.PRIVACY_OFFICER)
def do_search(
    actor: Actor,
    person: str,
    who: str,
    role: str,
    since: date | None,
    until: date | None,
    page: int,
    *,
    ctx: Ctx,
) -> DeskLogPage:
    """One page of matching events; the search is audited in the same unit."""
    return search(
        actor,
        person=person,
        who=who,
        role=role,
        since=since,
        until=until,
        page=page,
        session=ctx.session,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
    )
