"""The employer contact's clicks, one unit of work each (issue 14): every page handler hands
its use case to the runner, which reads the session, checks the role, acts, audits and
commits in ONE transaction, and sends the care team's mail only after that. The two HTTP
routes (roster upload, reports CSV) run through the same runner and keep their answers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.poortwachter import Step
from kwportal.domain.roles import Role
from kwportal.models import (
    CareTeam,
    Employee,
    LoginSession,
    SickLeaveCase,
    StepCompletion,
    TeamAssignment,
)
from kwportal.ui.api import employer as employer_api
from kwportal.ui.pages.employer.case import EmployerCaseState
from kwportal.ui.pages.employer.overview import EmployerOverviewState
from kwportal.ui.pages.employer.reports import EmployerReportsState
from kwportal.ui.pages.employer.roster import RosterState
from kwportal.ui.pages.employer.sick_report import SickReportState
from tests import factories
from tests.dutch_time import dutch_today
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    ORIGIN,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.outbox_helpers import Outbox
from tests.integration.served import portal_database, redirect_target, route_client
from tests.integration.state_driver import call, page_state

pytestmark = pytest.mark.usefixtures("cheap_argon2")
PAGE = "http://localhost:3000"
HEADER = "personeelsnummer;voornaam;achternaam;e-mail;afdeling;in dienst;uit dienst"


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


@pytest.fixture
def mail(portal: Engine) -> Outbox:
    """The mail the runner queued in the unit's transaction, sent by the worker's drain."""
    return Outbox(portal)


class Begins:
    def __init__(self, engine: Engine) -> None:
        self.engine, self.seen = engine, 0

    def __enter__(self) -> Begins:
        event.listen(self.engine, "begin", self._count)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "begin", self._count)

    def _count(self, _connection: object) -> None:
        self.seen += 1


def _world(engine: Engine) -> tuple[str, int, int]:
    """A signed-in employer contact (fresh code), one open case of seven weeks in his
    organisation, a second employee not sick, and a doctor serving the organisation;
    (token, case id, organisation id)."""
    first = dutch_today() - timedelta(weeks=7)
    with transaction(engine) as session:
        org = factories.organisation(session)
        sick = factories.employee(session, org, personnel_number="S-1")
        factories.employee(session, org, personnel_number="P-2")
        case = factories.sick_case(session, sick, sick_report_date=first)
        doctor = factories.account(session, Role.COMPANY_DOCTOR, email="arts@team.example")
        team = CareTeam(name="T", doctor_account_id=doctor.id)
        session.add(team)
        session.flush()
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org.id))
        org_id, case_id = org.id, case.id
    assert org_id is not None and case_id is not None
    _id, username, secret = new_enrolled(
        engine, CHEAP_HASH, role=Role.EMPLOYER_CONTACT, organisation_id=org_id
    )
    return sign_in(engine, username, secret, datetime.now(UTC)), case_id, org_id


def test_the_overview_and_the_reports_are_one_unit_each(portal: Engine) -> None:
    token, case_id, _ = _world(portal)
    overview = page_state(EmployerOverviewState, token, url=f"{PAGE}/employer")
    with Begins(portal) as begins:
        call(overview, "load")
    assert begins.seen == 1
    assert [row.href for row in overview.rows] == [f"/employer-case?case={case_id}"]
    reports = page_state(EmployerReportsState, token, url=f"{PAGE}/employer-reports")
    with Begins(portal) as begins:
        call(reports, "load")
    assert begins.seen == 1
    assert reports.year == str(datetime.now(UTC).year)
    assert reports.csv_href == f"/api/employer/reports.csv?year={reports.year}&lang=nl"


def test_a_sick_report_is_one_unit_and_the_team_hears_after_it(
    portal: Engine, mail: Outbox
) -> None:
    token, _, org_id = _world(portal)
    state = page_state(SickReportState, token, url=f"{PAGE}/employer-sick-report")
    call(state, "load")
    assert state.today == dutch_today().isoformat()
    form = {
        "personnel_number": "P-2",
        "first_sick_day": state.today,
        "contact_phone": "+31 6 1234 5678",
        "care_address": "Kliniekweg 1",
        "expected_duration": "days",
        "safety_net": "no",
        "work_accident": "no",
        "traffic_accident": "no",
    }
    with Begins(portal) as begins:
        call(state, "submit_report", form)
    assert begins.seen == 1
    assert state.notice_key == "sick.done" and state.error_keys == []
    with transaction(portal) as session:
        new = session.exec(
            select(SickLeaveCase)
            .join(Employee)
            .where(col(Employee.personnel_number) == "P-2", Employee.organisation_id == org_id)
        ).one()
    assert state.case_href == f"/employer-case?case={new.id}"
    assert [m.to for m in mail.drain()] == ["arts@team.example"]
    with Begins(portal) as begins:
        call(state, "submit_report", form)  # the same report again: refused, nothing sent
    assert ["personnel_number", "sick.error.already_open"] in state.error_keys
    assert mail.drain() == [] and state.case_href == ""


def test_the_case_page_shows_records_a_step_and_the_recovery_one_unit_each(
    portal: Engine, mail: Outbox
) -> None:
    token, case_id, _ = _world(portal)
    state = page_state(EmployerCaseState, token, url=f"{PAGE}/employer-case?case={case_id}")
    with Begins(portal) as begins:
        call(state, "load")
    assert begins.seen == 1 and state.found and state.is_open
    plan = next(row for row in state.deadlines if row.step == str(Step.PLAN_OF_ACTION))
    # the plan of action is made done by its document on the plan page, never ticked off
    assert not plan.can_record and not plan.done and plan.made_in == "plan"
    assert not any(row.can_record for row in state.deadlines if row.step == "problem_analysis")
    call(state, "record_step", {"step": plan.step, "due": plan.due_iso, "done_on": state.today})
    assert state.error_keys == [["step", "steps.error.by_document"]]
    uwv = next(row for row in state.deadlines if row.step == str(Step.UWV_SICK_REPORT))
    assert uwv.made_in == "" and not uwv.done
    # no date is filled in for him (issue 18 item 5): an empty one is refused at the server
    call(state, "record_step", {"step": uwv.step, "due": uwv.due_iso, "done_on": ""})
    assert state.error_keys == [["step", "steps.error.date"]]
    with Begins(portal) as begins:
        call(state, "record_step", {"step": uwv.step, "due": uwv.due_iso, "done_on": state.today})
    assert begins.seen == 1 and state.notice_key == "steps.recorded"
    assert next(r for r in state.deadlines if r.step == uwv.step and r.due_iso == uwv.due_iso).done
    call(state, "record_step", {"step": uwv.step, "due": uwv.due_iso, "done_on": state.today})
    assert state.error_keys == [["step", "steps.error.already"]]
    with transaction(portal) as session:
        assert len(session.exec(select(StepCompletion)).all()) == 1
    with Begins(portal) as begins:
        call(state, "report_recovery", {"recovery_date": state.today})
    assert begins.seen == 1 and state.notice_key == "recovery.done"
    assert not state.is_open and [m.to for m in mail.drain()] == ["arts@team.example"]


def test_another_organisations_case_reads_as_not_found(portal: Engine) -> None:
    token, _, _ = _world(portal)
    with transaction(portal) as session:
        other = factories.organisation(session)
        foreign = factories.sick_case(session, factories.employee(session, other)).id
    state = page_state(EmployerCaseState, token, url=f"{PAGE}/employer-case?case={foreign}")
    call(state, "load")
    assert not state.found and state.not_found_key == "employer_case.not_found"


def test_the_roster_upload_route_then_preview_and_apply_one_unit_each(portal: Engine) -> None:
    token, _, org_id = _world(portal)
    content = f"{HEADER}\r\nN-1;Nieuw;Mens;;Bouw;2020-01-01;\r\n".encode()
    with route_client(employer_api.routes()) as client:
        client.cookies.set("kw_session", token)
        posted = client.post(
            "/api/employer/roster",
            files={"file": ("r.csv", content, "text/csv")},
            headers={"Origin": ORIGIN},
        )
        path, query = redirect_target(posted)
        assert path == "/employer-roster" and query["upload"][0].isdigit()
        empty = client.post("/api/employer/roster", data={"x": "1"}, headers={"Origin": ORIGIN})
        assert redirect_target(empty) == ("/employer-roster", {"e": ["roster.error.no_file"]})
        foreign = client.post(
            "/api/employer/roster",
            files={"file": ("r.csv", content, "text/csv")},
            headers={"Origin": "https://evil.example"},
        )
        assert foreign.status_code == 403
        client.cookies.clear()
        nobody = client.post(
            "/api/employer/roster",
            files={"file": ("r.csv", content, "text/csv")},
            headers={"Origin": ORIGIN},
        )
        assert redirect_target(nobody) == ("/login", {"e": ["auth.session_expired"]})
    upload = query["upload"][0]
    state = page_state(RosterState, token, url=f"{PAGE}/employer-roster?upload={upload}")
    with Begins(portal) as begins:
        call(state, "load")
    # N-1 has no case: counted, never stored (issue 17 item 1) — [rows, update, same, dropped]
    assert begins.seen == 1 and state.has_preview and state.counts == [1, 0, 0, 1]
    with Begins(portal) as begins:
        call(state, "apply_upload")
    assert begins.seen == 1 and state.notice_key == "roster.done"
    assert state.counts == [1, 0, 0, 1] and "1 niet opgeslagen: geen zorg" in state.applied_line
    with Session(portal) as session:
        assert (
            session.exec(
                select(Employee).where(
                    Employee.organisation_id == org_id, Employee.personnel_number == "N-1"
                )
            ).first()
            is None
        )


def test_the_reports_csv_needs_a_contact_and_a_fresh_code(portal: Engine) -> None:
    token, _, _ = _world(portal)
    with route_client(employer_api.routes()) as client:
        client.cookies.set("kw_session", token)
        fresh = client.get("/api/employer/reports.csv?year=1999&lang=en")
        assert fresh.status_code == 200
        assert fresh.headers["content-type"] == "text/csv; charset=utf-8"
        year = datetime.now(UTC).year
        assert (
            fresh.headers["content-disposition"]
            == f'attachment; filename="verzuimcijfers-{year}.csv"'
        )
        assert fresh.text.startswith("\ufeff")
        with transaction(portal) as session:
            session.execute(
                update(LoginSession).values(last_totp_at=datetime.now(UTC) - timedelta(hours=1))
            )
        stale = client.get("/api/employer/reports.csv")
        assert redirect_target(stale) == ("/stepup", {"next": ["/employer-reports"]})
        client.cookies.clear()
        nobody = client.get("/api/employer/reports.csv")
        assert redirect_target(nobody) == ("/login", {"e": ["auth.session_expired"]})
    other = _doctor_token(portal)
    with route_client(employer_api.routes()) as client:
        client.cookies.set("kw_session", other)
        refused = client.get("/api/employer/reports.csv")
        assert redirect_target(refused) == ("/login", {"e": ["auth.session_expired"]})


def _doctor_token(engine: Engine) -> str:
    _id, username, secret = new_enrolled(engine, CHEAP_HASH, role=Role.COMPANY_DOCTOR)
    return sign_in(engine, username, secret, datetime.now(UTC))
