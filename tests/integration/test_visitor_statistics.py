"""First-party statistics (issue 9 item 3): counted on our own server with the IP cut,
shown to the site owner as counts, and purged after three years by the retention run.
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import CookieConsent, PageView, PublicFormHit, RetentionRun
from kwportal.services.retention import run as retention_run
from kwportal.services.visitors import statistics
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import T0, ctx
from tests.integration.visitor_helpers import events, staff


def _view(
    engine: Engine, path: str, when: datetime, referrer: str = "", ip: str = "203.0.113.9"
) -> bool:
    with transaction(engine) as session:
        return statistics.record_view(
            session, ctx(when, ip=ip), path=path, referrer=referrer, own_host="localhost"
        )


def test_views_are_counted_with_the_ip_cut_and_only_for_public_pages(engine: Engine) -> None:
    assert _view(engine, "/privacy?x=1", T0, "https://duckduckgo.com/?q=arbodienst")
    assert not _view(engine, "/portal", T0)
    assert not _view(engine, "/my-rights", T0)
    with Session(engine) as session:
        [row] = session.exec(select(PageView)).all()
    assert (row.path, row.referrer_host, row.ip_prefix) == (
        "/privacy",
        "duckduckgo.com",
        "203.0.113.0",
    )


def test_the_site_owner_sees_counts_per_day_page_and_referrer(engine: Engine) -> None:
    for n in range(3):
        _view(engine, "/", T0 - timedelta(days=n), "https://www.google.com/")
    _view(engine, "/cookies", T0)
    _view(engine, "/", T0 - timedelta(days=40))  # outside the chart
    with transaction(engine) as session:
        found = statistics.summary(session, staff(engine, Role.ADMIN), today=T0.date())
    assert len(found.per_day) == statistics.CHART_DAYS
    assert found.per_day[-1] == (T0.date().isoformat(), 2)
    assert found.total == 4
    assert found.per_path[0] == ("/", 3) and found.referrers == (("www.google.com", 3),)


@pytest.mark.parametrize("role", [Role.CASE_MANAGER, Role.PRIVACY_OFFICER, Role.EMPLOYER_CONTACT])
def test_others_do_not_get_the_statistics(engine: Engine, role: Role) -> None:
    with transaction(engine) as session, pytest.raises(PermissionError):
        statistics.summary(session, staff(engine, role), today=T0.date())


def test_the_retention_run_purges_rows_older_than_three_years(engine: Engine) -> None:
    today = date(2026, 11, 28)
    due = datetime(2023, 11, 28, 23, 59, tzinfo=UTC)  # three years have run on 2026-11-28
    kept = datetime(2023, 11, 29, 0, 0, tzinfo=UTC)
    _view(engine, "/", due)
    _view(engine, "/", kept)
    with transaction(engine) as session:
        session.add(
            PublicFormHit(
                ip_key="k", form="callback", occurred_at=datetime.now(UTC) - timedelta(days=2)
            )
        )
        session.add(
            CookieConsent(
                choice_hash="h",
                text_version="cookies-1",
                method="accept_all",
                given_at=datetime.now(UTC) - timedelta(days=5 * 365),
            )
        )
    retention_run.run(engine, today=today, run_by="pytest", secret=TEST_SECRET)
    with Session(engine) as session:
        assert [r.viewed_at.replace(tzinfo=UTC) for r in session.exec(select(PageView))] == [kept]
        assert session.exec(select(PublicFormHit)).all() == []
        assert session.exec(select(CookieConsent)).all() == []
        assert session.exec(select(RetentionRun)).one().status == "finished"
    [finished] = events(engine, "retention_run_finished")
    assert '"page_view": 1' in finished.details
