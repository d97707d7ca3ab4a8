"""First-party statistics (seed ch. 2: "Om onze website te onderhouden analyseert KrachtWerkt
uw gedrag op de website"): a page view and the referring site's host, counted on our own
server, only for visitors who consented to analytics; the IP cut to its network part, no
cookie and no identifier. Raw rows go after three years (``purge``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from kwportal.domain import visitors as rules
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import PageView
from kwportal.services.auth.common import Context
from kwportal.services.unit import Ctx, use_case

#: pages counted: the public site only (never the portal's signed-in pages)
COUNTED_PATHS = frozenset(
    {"/", "/privacy", "/cookies", "/newsletter", "/callback", "/visitor-rights", "/login"}
)
CHART_DAYS = 30
TOP_REFERRERS = 10


def record_view(session: Session, ctx: Context, *, path: str, referrer: str, own_host: str) -> bool:
    """Count one view of a public page; False (nothing stored) for any other path."""
    path = path.split("?", 1)[0][:200]
    if path not in COUNTED_PATHS:
        return False
    session.add(
        PageView(
            viewed_at=ctx.now,
            path=path,
            referrer_host=rules.referrer_host(referrer, own_host),
            ip_prefix=rules.truncate_ip(ctx.access.ip),
        )
    )
    return True


@dataclass(frozen=True, slots=True)
class Summary:
    #: (day, views) for each of the last CHART_DAYS days, oldest first
    per_day: tuple[tuple[str, int], ...]
    per_path: tuple[tuple[str, int], ...]
    referrers: tuple[tuple[str, int], ...]
    total: int


def may_read(actor: Actor) -> bool:
    """The site owner: the administrator. Counts only; no row, no IP prefix."""
    return actor.role is Role.ADMIN


def summary(session: Session, actor: Actor, *, today: date) -> Summary:
    if not may_read(actor):
        raise PermissionError("statistics are for the administrator")
    first = today - timedelta(days=CHART_DAYS - 1)
    start = datetime.combine(first, time.min, tzinfo=UTC)
    rows = session.exec(
        select(PageView.viewed_at, PageView.path, PageView.referrer_host).where(
            col(PageView.viewed_at) >= start
        )
    ).all()
    days = {(first + timedelta(days=n)).isoformat(): 0 for n in range(CHART_DAYS)}
    paths: dict[str, int] = {}
    hosts: dict[str, int] = {}
    for viewed_at, path, host in rows:
        day = viewed_at.date().isoformat()
        if day in days:
            days[day] += 1
        paths[path] = paths.get(path, 0) + 1
        if host:
            hosts[host] = hosts.get(host, 0) + 1

    def top(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_REFERRERS])

    return Summary(tuple(days.items()), top(paths), top(hosts), len(rows))


def purge(session: Session, *, today: date) -> int:
    """Delete raw rows whose three years have run (domain/retention.py,
    ``VISITOR_STATISTICS_YEARS``)."""
    cutoff = datetime.combine(rules.statistics_cutoff(today), time.min, tzinfo=UTC)
    result = session.execute(delete(PageView).where(col(PageView.viewed_at) < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]


def count(session: Session) -> int:
    return int(session.exec(select(func.count(col(PageView.id)))).one())


# --- staff use case: the administrator's statistics page ---


@use_case(Role.ADMIN)
def do_summary(actor: Actor, *, ctx: Ctx) -> Summary:
    """Counts of the last days up to today (UTC)."""
    return summary(ctx.session, actor, today=ctx.today)
