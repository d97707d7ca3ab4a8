"""Every screen that touches a restricted employee says so (issue 17 item 3; seed ch. 3 E,
"het gebruik van die persoonsgegevens te stoppen"; AVG art. 19): besides his case pages,
the employer's overview (a flag on his card only), /messages and /case-files (each reader
told as much as ``policy.RESTRICTION_SHOWN`` gives his role: the employer only *that*),
/consent-requests (a flag per row) and the doctor's /care-problem-analysis. The lists ask
the database once per page load, never once per row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from kwportal.db import transaction
from kwportal.domain.policy import RestrictionShown
from kwportal.domain.roles import Role
from kwportal.models import Employee
from kwportal.services.case import consent_requests, messages, uploads
from kwportal.services.case import problem_analysis as pa
from kwportal.services.employer import dashboard
from kwportal.services.privacy import restriction
from kwportal.ui import routes
from kwportal.ui.components.restriction_notice import notice_vars
from kwportal.ui.pages.employer.overview import EmployerOverviewState
from kwportal.ui.pages.portal.messages import MessagesState
from tests import factories
from tests.integration.auth_helpers import CHEAP_HASH, cheap_argon2, new_enrolled, sign_in  # noqa: F401
from tests.integration.plan_world import World, act_as, build_world
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

REASON = "REDEN-geheim: verzoek per brief"
PAGE = "http://localhost:3000"


def _stop(engine: Engine, world: World) -> None:
    """The desk stops the use of the data of team A's first employee."""
    with transaction(engine) as session:
        officer = factories.account(session, Role.PRIVACY_OFFICER).id or 0
        person = session.get(Employee, world.a.employees[0])
        assert person is not None
        number, name = person.personnel_number, person.last_name
    act_as(engine, officer, restriction.do_start, number, name, REASON)


class _Counter:
    """The statements that read ``processing_restriction`` while a block runs."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.seen = engine, 0

    def _count(self, *args: object) -> None:
        if "processing_restriction" in str(args[2]):
            self.seen += 1

    def __enter__(self) -> _Counter:
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._count)


def test_each_screen_tells_its_reader_as_much_as_the_policy_gives(engine: Engine) -> None:
    world = build_world(engine)
    _stop(engine, world)
    case, other = world.a.cases  # the restricted employee's case, and a colleague's

    # the employer's overview: a flag on his card, not on the other's; one query for it
    with _Counter(engine) as reads:
        page, _ = act_as(engine, world.boss, dashboard.do_overview, 1, "sick_since", "")
    assert reads.seen == 1
    assert {line.case_id: line.restricted for line in page.lines} == {case: True}
    assert "REDEN" not in repr(page)
    other_page, _ = act_as(engine, world.other_boss, dashboard.do_overview, 1, "sick_since", "")
    assert [line.restricted for line in other_page.lines] == [False]

    # messages and case files: the employer learns only that, staff and he since when
    seen = {}
    for who, thread in (
        (world.boss, "employer"),
        (world.a.doctor, "care"),
        (world.employee, None),
    ):
        opened, _ = act_as(engine, who, messages.do_open_messages, case, thread)
        assert opened.thread is not None
        seen[who] = opened.thread.restriction
    assert seen[world.boss] == restriction.RestrictionNotice(RestrictionShown.FLAG, None, ())
    for who in (world.a.doctor, world.employee):
        notice = seen[who]
        assert notice is not None and notice.shown is RestrictionShown.DETAILS
        assert notice.since is not None and notice.reason == ""
    colleague, _ = act_as(engine, world.a.doctor, messages.do_open_messages, other, "care")
    assert colleague.thread is not None and colleague.thread.restriction is None

    files, _ = act_as(engine, world.boss, uploads.do_list_files, case)
    assert files.restriction is not None and files.restriction.shown is RestrictionShown.FLAG
    files, _ = act_as(engine, world.a.case_manager, uploads.do_list_files, case)
    assert files.restriction is not None and files.restriction.since is not None
    files, _ = act_as(engine, world.a.doctor, uploads.do_list_files, other)
    assert files.restriction is None

    # the consent requests: a flag per row, one query for the whole page
    with _Counter(engine) as reads:
        listed, _ = act_as(engine, world.a.doctor, consent_requests.do_list_requests)
    assert reads.seen == 1
    assert listed.restricted == frozenset({world.a.employees[0]})
    assert world.a.employees[1] in {c.employee_id for c in listed.cases}

    # the doctor's problem analysis
    analysis, _ = act_as(engine, world.a.doctor, pa.do_open_problem_analysis, case)
    assert analysis.restriction is not None and analysis.restriction.since is not None
    assert analysis.restriction.reason == ""
    analysis, _ = act_as(engine, world.a.doctor, pa.do_open_problem_analysis, other)
    assert analysis.restriction is None


def test_the_page_state_holds_the_flag_and_never_a_date_for_the_employer() -> None:
    since = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    flag = restriction.RestrictionNotice(RestrictionShown.FLAG, None, ())
    details = restriction.RestrictionNotice(RestrictionShown.DETAILS, since, ("uwv_sick_report",))
    assert notice_vars(None, "employer_contact") == (False, "", "employer")
    assert notice_vars(flag, "employer_contact") == (True, "", "employer")
    assert notice_vars(details, "company_doctor") == (True, "01-02-2026", "staff")
    assert notice_vars(details, "employee") == (True, "01-02-2026", "employee")


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_argon2: None) -> Iterator[Engine]:  # noqa: F811
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def test_the_employers_overview_and_messages_pages_show_the_flag(portal: Engine) -> None:
    world = build_world(portal)
    _stop(portal, world)
    _id, username, secret = new_enrolled(
        portal, CHEAP_HASH, role=Role.EMPLOYER_CONTACT, organisation_id=world.a.employers[0]
    )
    token = sign_in(portal, username, secret, datetime.now(UTC))
    overview = page_state(EmployerOverviewState, token, url=f"{PAGE}{routes.EMPLOYER}")
    call(overview, "load")
    [row] = overview.rows
    assert row.restricted is True
    thread = page_state(
        MessagesState, token, url=f"{PAGE}/messages?case={world.case}&thread=employer"
    )
    call(thread, "load")
    assert thread.has_thread and thread.restricted is True
    assert (thread.restricted_since, thread.restricted_audience) == ("", "employer")
    assert "REDEN" not in repr(overview.dict()) + repr(thread.dict())
