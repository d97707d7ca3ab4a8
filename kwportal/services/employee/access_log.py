"""Who opened my file: the employee's own NEN 7513 access log (issue 5, item 3).

Every audit event about the employee written by anyone else, newest first, for a period
the employee chooses. Reads by the same actor on one calendar day (Europe/Amsterdam) with
the same ground merge into one line with a count, so a busy case stays readable; changes,
exports and disclosures keep a line each.

Care staff appear by their function, never by name (seed ch. 1, "Wie heeft toegang tot de
persoonsgegevens?": "Autorisatie gebeurt op basis van functienamen"); employer contacts
by the account's display name. The employee's own events, and the sign-in and security
events of his own account, are left out: they are not somebody opening his file.

An audit event never holds medical content, and ``details`` (and the access point) are
not even read here. Reading one's own log is deliberately *not* logged: it is the data
subject reading his own record, not an access by another person (BRIEF.md, Security),
and every look would add a line to the very log he is reading.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, not_, or_
from sqlalchemy import select as select_rows
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import STAFF_ROLES, Role
from kwportal.models import Account, AuditEvent, Organisation
from kwportal.services.audit import Action, Ground
from kwportal.services.unit import Ctx, use_case

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEFAULT_PERIOD_DAYS = 90
MAX_PAGE_SIZE = 100
#: the date inputs accept year 1; nothing in the log is older than the portal
EARLIEST_DATE = date(1900, 1, 1)
#: the arbodienst: care staff and the system act on its behalf
ARBODIENST = "KrachtWerkt"
#: care staff are shown by function name (seed ch. 1)
BY_FUNCTION = frozenset(str(role) for role in STAFF_ROLES)
ARBODIENST_ROLES = BY_FUNCTION | {str(Role.SYSTEM)}
_CATEGORY_ORDER = {str(c): n for n, c in enumerate(Category)}
_FETCH_BATCH = 500


class AccessLogError(Exception):
    """Carries a translation key for the page."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class AccessLogRefusedError(AccessLogError, PermissionError):
    """Only the employee himself reads his access log."""


class BadPeriodError(AccessLogError, ValueError):
    """The chosen period is not a period in the past."""


@dataclass(frozen=True, slots=True)
class AccessLogLine:
    """One line: who (``name`` is empty when shown by function or the account is gone),
    the role and organisation, what (category names), action, ground, and when (local
    time; ``first_at`` is the earliest of ``count`` merged reads)."""

    name: str
    role: str
    organisation: str
    categories: tuple[str, ...]
    action: str
    ground: str
    first_at: datetime
    last_at: datetime
    count: int


@dataclass(frozen=True, slots=True)
class AccessLogPage:
    lines: tuple[AccessLogLine, ...]
    since: date
    until: date
    page: int
    page_size: int
    has_older: bool

    @property
    def has_newer(self) -> bool:
        return self.page > 1


@dataclass(slots=True)
class _Group:
    account_id: int | None
    role: str
    organisation_id: int | None
    action: str
    ground: str
    first_at: datetime
    last_at: datetime
    categories: set[str] = field(default_factory=set)
    count: int = 1


def access_log(
    actor: Actor,
    *,
    session: Session,
    since: date | None,
    until: date | None,
    page: int,
    page_size: int,
    employee_id: int | None = None,
    today: date | None = None,
) -> AccessLogPage:
    """One page of the employee's own access log; ``employee_id`` defaults to his own and
    anyone else's is refused, as is every role but employee."""
    own = _own_employee(actor, employee_id)
    since, until = validate_period(since, until, today=today or local_today())
    page, page_size = max(1, page), min(max(1, page_size), MAX_PAGE_SIZE)
    start = (page - 1) * page_size
    groups = _groups(session, own, actor.account_id, since, until, need=start + page_size + 1)
    shown = groups[start : start + page_size]
    return AccessLogPage(
        lines=_lines(session, shown),
        since=since,
        until=until,
        page=page,
        page_size=page_size,
        has_older=len(groups) > start + page_size,
    )


def local_today() -> date:
    return datetime.now(AMSTERDAM).date()


def validate_period(since: date | None, until: date | None, *, today: date) -> tuple[date, date]:
    """Both dates inclusive; missing ones default to the last ``DEFAULT_PERIOD_DAYS`` days."""
    until = until or today
    if until < EARLIEST_DATE or (since is not None and since < EARLIEST_DATE):
        raise BadPeriodError("access_log.bad_date")
    since = since or until - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    if since > today or until > today:
        raise BadPeriodError("access_log.in_future")
    if until < since:
        raise BadPeriodError("access_log.until_before_since")
    return since, until


def _own_employee(actor: Actor, employee_id: int | None) -> int:
    own = require(actor, Role.EMPLOYEE, has="employee_id", error=AccessLogRefusedError)
    if employee_id is not None and employee_id != own:
        raise AccessLogRefusedError("auth.not_allowed")
    return own


def _local(moment: datetime) -> datetime:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(AMSTERDAM)


def _bounds(since: date, until: date) -> tuple[datetime, datetime]:
    start = datetime.combine(since, time(0), tzinfo=AMSTERDAM)
    end = datetime.combine(until + timedelta(days=1), time(0), tzinfo=AMSTERDAM)
    return start.astimezone(UTC), end.astimezone(UTC)


def _by_others(employee_id: int, account_id: int | None) -> ColumnElement[bool]:
    """Not his own account(s), and no sign-in or security event of his account written
    without an acting account."""
    actor = col(AuditEvent.actor_account_id)
    own_accounts = select(Account.id).where(Account.employee_id == employee_id)
    someone_else = and_(actor.not_in(own_accounts), actor != (account_id or -1))
    own_security = or_(
        col(AuditEvent.ground) == str(Ground.SECURITY),
        col(AuditEvent.action) == str(Action.LOGIN),
    )
    return or_(someone_else, and_(actor.is_(None), not_(own_security)))


def _groups(
    session: Session,
    employee_id: int,
    account_id: int | None,
    since: date,
    until: date,
    *,
    need: int,
) -> list[_Group]:
    """Merged lines, newest first, day by day until ``need`` lines are known."""
    start, end = _bounds(since, until)
    event = AuditEvent
    query = (
        select_rows(
            col(event.occurred_at),
            col(event.actor_account_id),
            col(event.actor_role),
            col(event.actor_organisation_id),
            col(event.objects),
            col(event.action),
            col(event.ground),
        )
        .where(
            col(event.subject_employee_id) == employee_id,
            col(event.occurred_at) >= start,
            col(event.occurred_at) < end,
            _by_others(employee_id, account_id),
        )
        .order_by(col(event.occurred_at).desc(), col(event.id).desc())
        .execution_options(yield_per=_FETCH_BATCH)
    )
    found: list[_Group] = []
    result = session.execute(query)
    try:
        for _day, rows in groupby(result, key=lambda row: _local(row.occurred_at).date()):
            found.extend(_merge_day(rows))
            if len(found) >= need:
                break
    finally:
        result.close()
    return found


def _merge_day(rows: Iterable[Any]) -> list[_Group]:
    """One day's events, newest first: reads with the same actor and ground become one."""
    lines: list[_Group] = []
    reads: dict[tuple[int | None, str, int | None, str], _Group] = {}
    for row in rows:
        at, categories = _local(row.occurred_at), _categories(row.objects)
        key = (row.actor_account_id, row.actor_role, row.actor_organisation_id, row.ground)
        merged = reads.get(key) if row.action == str(Action.READ) else None
        if merged is not None:
            merged.first_at, merged.count = at, merged.count + 1
            merged.categories.update(categories)
            continue
        group = _Group(
            account_id=row.actor_account_id,
            role=row.actor_role,
            organisation_id=row.actor_organisation_id,
            action=row.action,
            ground=row.ground,
            first_at=at,
            last_at=at,
            categories=set(categories),
        )
        lines.append(group)
        if row.action == str(Action.READ):
            reads[key] = group
    return lines


def _categories(objects: str) -> list[str]:
    try:
        parsed = json.loads(objects or "[]")
    except ValueError:
        return []
    if not isinstance(parsed, list):
        return []
    found = (item.get("category") for item in parsed if isinstance(item, dict))
    return [c for c in found if isinstance(c, str) and c]


def _lines(session: Session, groups: Sequence[_Group]) -> tuple[AccessLogLine, ...]:
    names = _lookup(
        session,
        col(Account.id),
        col(Account.display_name),
        {g.account_id for g in groups if g.account_id is not None},
    )
    organisations = _lookup(
        session,
        col(Organisation.id),
        col(Organisation.name),
        {g.organisation_id for g in groups if g.organisation_id is not None},
    )
    return tuple(
        AccessLogLine(
            name=_who(group, names),
            role=group.role,
            organisation=_organisation(group, organisations),
            categories=tuple(
                sorted(group.categories, key=lambda c: (_CATEGORY_ORDER.get(c, 99), c))
            ),
            action=group.action,
            ground=group.ground,
            first_at=group.first_at,
            last_at=group.last_at,
            count=group.count,
        )
        for group in groups
    )


def _who(group: _Group, names: dict[int, str]) -> str:
    """The display name, except for care staff (by function) and for a deleted account or
    the system (by role only)."""
    if group.account_id is None or group.role in BY_FUNCTION:
        return ""
    return names.get(group.account_id, "")


def _organisation(group: _Group, organisations: dict[int, str]) -> str:
    if group.organisation_id is not None:
        return organisations.get(group.organisation_id, "")
    return ARBODIENST if group.role in ARBODIENST_ROLES else ""


def _lookup(session: Session, key: Any, value: Any, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select_rows(key, value).where(key.in_(ids))).all()
    return {int(row[0]): str(row[1]) for row in rows}


# --- use cases: one click each (the page hands them to the runner) ---


@use_case(Role.EMPLOYEE, person=True)
def do_read_log(
    actor: Actor,
    since: date | None,
    until: date | None,
    page: int,
    page_size: int,
    *,
    ctx: Ctx,
) -> AccessLogPage:
    """One page of his own log for the chosen period (not itself logged: see the module)."""
    return access_log(
        actor,
        session=ctx.session,
        since=since,
        until=until,
        page=page,
        page_size=page_size,
        today=ctx.now.astimezone(AMSTERDAM).date(),
    )
