"""Who opened my file (issue 5, item 3): every read and change of the employee's data by
someone else, newest first; his own events left out; same-actor reads merged per
Amsterdam day; care staff by function; filtered by period; paged; his alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account, Employee, Organisation
from kwportal.services import audit
from kwportal.services.employee.access_log import (
    ARBODIENST,
    AccessLogLine,
    AccessLogPage,
    AccessLogRefusedError,
    BadPeriodError,
    access_log,
)
from kwportal.ui.pages.employee.access_log import as_row, translate
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
TODAY = date(2026, 11, 28)
#: Europe/Amsterdam is UTC+1 in November
CET = timedelta(hours=1)
READ, UPDATE = audit.Action.READ, audit.Action.UPDATE


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment given in Amsterdam time (winter), as UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - CET


@dataclass
class World:
    org: Organisation
    me: Employee
    other: Employee
    my_account: Account
    employer: Account
    doctor: Account

    @property
    def actor(self) -> Actor:
        return Actor(self.my_account.id, Role.EMPLOYEE, self.org.id, self.me.id)


def world(session: Session) -> World:
    org = factories.organisation(session, name="Bakkerij De Korrel")
    me, other = factories.employee(session, org), factories.employee(session, org)
    mine = factories.account(
        session, Role.EMPLOYEE, employee_id=me.id, organisation_id=org.id, display_name="Ik Zelf"
    )
    employer = factories.account(
        session, Role.EMPLOYER_CONTACT, organisation_id=org.id, display_name="Petra van HR"
    )
    doctor = factories.account(session, Role.COMPANY_DOCTOR, display_name="Dr. A. Jansen")
    return World(org, me, other, mine, employer, doctor)


def event(
    session: Session,
    account: Account | None,
    at: datetime,
    subject: Employee,
    *,
    action: audit.Action = READ,
    ground: audit.Ground = audit.Ground.LEGAL_DUTY,
    categories: Sequence[str] = ("absence",),
    role: Role | None = None,
    account_id: int | None = None,
    details: dict[str, object] | None = None,
) -> None:
    actor = Actor(
        account.id if account else account_id,
        role or (Role(account.role) if account else Role.SYSTEM),
        account.organisation_id if account else None,
    )
    audit.record(
        session,
        actor=actor,
        access=WEB,
        event_type="test_event",
        action=action,
        ground=ground,
        subject_employee_id=subject.id,
        objects=[audit.ObjectRef(c, "some_table", n) for n, c in enumerate(categories)],
        details=details,
        secret=TEST_SECRET,
        now=at,
    )


def read_log(
    w: World,
    session: Session,
    *,
    since: date | None = None,
    until: date | None = None,
    page: int = 1,
    page_size: int = 20,
    employee_id: int | None = None,
) -> AccessLogPage:
    return access_log(
        w.actor,
        session=session,
        since=since,
        until=until,
        page=page,
        page_size=page_size,
        employee_id=employee_id,
        today=TODAY,
    )


def summary(line: AccessLogLine) -> tuple[str, str, str, int]:
    return (line.role, line.action, f"{line.last_at:%Y-%m-%d %H:%M}", line.count)


def test_reads_by_others_appear_and_own_events_do_not(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        w = world(session)
        day = TODAY - timedelta(days=3)
        event(
            session,
            w.employer,
            local(day, 10),
            w.me,
            categories=("employer_feedback", "absence"),
            details={"note": "GEHEIM-DETAIL"},
        )
        event(session, w.my_account, local(day, 11), w.me, action=audit.Action.CREATE)
        event(
            session,
            w.my_account,
            local(day, 12),
            w.me,
            action=audit.Action.LOGIN,
            ground=audit.Ground.SECURITY,
        )
        event(
            session,
            None,
            local(day, 13),
            w.me,
            action=audit.Action.LOGIN,
            ground=audit.Ground.SECURITY,
        )
        event(session, w.employer, local(day, 14), w.other)
        page = read_log(w, session)

    assert len(page.lines) == 1
    line = page.lines[0]
    assert line.name == "Petra van HR"
    assert (line.role, line.organisation) == ("employer_contact", "Bakkerij De Korrel")
    assert line.categories == ("absence", "employer_feedback")
    assert (line.action, line.ground, line.count) == ("read", "legal_duty", 1)
    assert line.last_at.utcoffset() == CET and f"{line.last_at:%H:%M}" == "10:00"
    assert "GEHEIM" not in repr(page)


def test_same_actor_reads_on_one_amsterdam_day_merge_into_one_line(engine: Engine) -> None:
    day = TODAY - timedelta(days=2)
    with Session(engine) as session, session.begin():
        w = world(session)
        event(session, w.employer, local(day, 9), w.me, categories=("absence",))
        event(session, w.employer, local(day, 11), w.me, categories=("employer_feedback",))
        event(session, w.employer, local(day, 15, 30), w.me, categories=("absence",))
        event(session, w.employer, local(day, 12), w.me, action=UPDATE)
        event(session, w.employer, local(day, 13), w.me, action=UPDATE)
        event(session, w.doctor, local(day, 10), w.me, categories=("medical",))
        event(session, w.employer, local(day, 10), w.me, ground=audit.Ground.CONSENT)
        # 23:30 and 00:30 Amsterdam time: two days, though both are 22:30/23:30 UTC
        event(session, w.employer, local(day, 0, 30), w.me)
        event(session, w.employer, local(day - timedelta(days=1), 23, 30), w.me)
        page = read_log(w, session)

    assert [summary(line) for line in page.lines] == [
        ("employer_contact", "read", f"{day} 15:30", 4),
        ("employer_contact", "update", f"{day} 13:00", 1),
        ("employer_contact", "update", f"{day} 12:00", 1),
        ("employer_contact", "read", f"{day} 10:00", 1),
        ("company_doctor", "read", f"{day} 10:00", 1),
        ("employer_contact", "read", f"{day - timedelta(days=1)} 23:30", 1),
    ]
    merged = page.lines[0]
    assert f"{merged.first_at:%H:%M}" == "00:30"
    assert merged.categories == ("absence", "employer_feedback")
    assert page.lines[3].ground == "consent"


def test_care_staff_by_function_others_by_name_gone_accounts_by_role(
    engine: Engine,
) -> None:
    day = TODAY - timedelta(days=1)
    staff = (Role.CARE_TEAM, Role.CASE_MANAGER, Role.PRIVACY_OFFICER, Role.ADMIN)
    with Session(engine) as session, session.begin():
        w = world(session)
        event(session, w.doctor, local(day, 8), w.me, categories=("medical",))
        for hour, role in enumerate(staff, start=9):
            person = factories.account(session, role, display_name=f"Mevrouw {role}")
            event(session, person, local(day, hour), w.me)
        event(session, None, local(day, 14), w.me, action=audit.Action.DELETE)
        event(session, None, local(day, 15), w.me, role=Role.EMPLOYER_CONTACT, account_id=987654)
        event(session, w.employer, local(day, 16), w.me)
        lines = read_log(w, session).lines

    by_role = {line.role: line for line in lines}
    for role in (Role.COMPANY_DOCTOR, *staff):
        assert (by_role[role].name, by_role[role].organisation) == ("", ARBODIENST)
    assert (by_role["system"].name, by_role["system"].organisation) == ("", ARBODIENST)
    gone, employer = lines[1], lines[0]
    assert (gone.role, gone.name, gone.organisation) == ("employer_contact", "", "")
    assert employer.name == "Petra van HR"
    assert not any("Jansen" in line.name or "Mevrouw" in line.name for line in lines)


def test_the_page_shows_the_function_translated_and_never_the_staff_name(
    sqlite_engine: Engine,
) -> None:
    with Session(sqlite_engine) as session, session.begin():
        w = world(session)
        event(session, w.doctor, local(TODAY, 8), w.me, categories=("medical", "absence"))
        event(session, w.doctor, local(TODAY, 9, 15), w.me, categories=("medical",))
        line = read_log(w, session).lines[0]
    nl, en = translate(as_row(line), "nl"), translate(as_row(line), "en")
    assert (nl.who, nl.role, nl.organisation) == ("bedrijfsarts", "bedrijfsarts", ARBODIENST)
    assert (nl.what, nl.action, nl.times) == ("verzuim, medische gegevens", "ingezien", "2 keer")
    assert nl.when == f"{TODAY:%d-%m-%Y} 08:00–09:15"
    assert (en.who, en.action, en.times) == ("company doctor", "viewed", "2 times")
    assert "Jansen" not in repr((nl, en))


def test_period_filter_is_inclusive_and_defaults_to_the_last_90_days(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        w = world(session)
        for days_ago in (0, 10, 11, 12, 89, 90, 400):
            event(session, w.employer, local(TODAY - timedelta(days=days_ago), 12), w.me)
        default = read_log(w, session)
        chosen = read_log(
            w, session, since=TODAY - timedelta(days=12), until=TODAY - timedelta(days=10)
        )
        one_day = read_log(w, session, since=TODAY, until=TODAY)

    assert (default.since, default.until) == (TODAY - timedelta(days=89), TODAY)
    assert [(TODAY - line.last_at.date()).days for line in default.lines] == [0, 10, 11, 12, 89]
    assert [(TODAY - line.last_at.date()).days for line in chosen.lines] == [10, 11, 12]
    assert [line.last_at.date() for line in one_day.lines] == [TODAY]


@pytest.mark.parametrize(
    ("since", "until", "code"),
    [
        (TODAY, TODAY - timedelta(days=1), "access_log.until_before_since"),
        (TODAY + timedelta(days=1), None, "access_log.in_future"),
        (None, TODAY + timedelta(days=1), "access_log.in_future"),
        (date(1, 1, 1), TODAY, "access_log.bad_date"),
        (None, date(1, 1, 5), "access_log.bad_date"),
    ],
)
def test_bad_periods_are_refused(
    sqlite_engine: Engine, since: date | None, until: date | None, code: str
) -> None:
    with Session(sqlite_engine) as session, session.begin():
        w = world(session)
        with pytest.raises(BadPeriodError) as refused:
            read_log(w, session, since=since, until=until)
    assert refused.value.code == code


def test_paging_counts_merged_lines_newest_first(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        w = world(session)
        for days_ago in range(5):
            day = TODAY - timedelta(days=days_ago)
            event(session, w.employer, local(day, 9), w.me)
            event(session, w.employer, local(day, 10), w.me)
        pages = [read_log(w, session, page=n, page_size=2) for n in (1, 2, 3, 4)]

    days = [[(TODAY - line.last_at.date()).days for line in p.lines] for p in pages]
    assert days == [[0, 1], [2, 3], [4], []]
    assert [p.has_older for p in pages] == [True, True, False, False]
    assert [p.has_newer for p in pages] == [False, True, True, True]
    assert all(line.count == 2 for p in pages for line in p.lines)


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.EMPLOYEE])
def test_every_other_role_is_refused(sqlite_engine: Engine, role: Role) -> None:
    with Session(sqlite_engine) as session, session.begin():
        w = world(session)
        event(session, w.employer, local(TODAY, 9), w.me)
        actor = Actor(w.employer.id, role, w.org.id, w.me.id)
        with pytest.raises(AccessLogRefusedError) as refused:
            access_log(
                actor,
                session=session,
                since=None,
                until=None,
                page=1,
                page_size=20,
                employee_id=w.me.id,
                today=TODAY,
            )
    assert refused.value.code == "auth.not_allowed"
    assert isinstance(refused.value, PermissionError)


def test_another_employees_log_is_refused(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        w = world(session)
        event(session, w.employer, local(TODAY, 9), w.other)
        with pytest.raises(AccessLogRefusedError):
            read_log(w, session, employee_id=w.other.id)
        unlinked = Actor(w.my_account.id, Role.EMPLOYEE, w.org.id, None)
        with pytest.raises(AccessLogRefusedError):
            access_log(unlinked, session=session, since=None, until=None, page=1, page_size=20)
        assert read_log(w, session, employee_id=w.me.id).lines == ()
