"""The employer's sick and recovery reports: only the DPA's list, server-side validation,
own organisation only, double-submit safe, audited, the care team told without health
content, and the care address never back in the employer's view."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import (
    AuditEvent,
    CareTeam,
    Organisation,
    SickLeaveCase,
    SickReport,
    TeamAssignment,
    TeamMember,
)
from kwportal.services import audit
from kwportal.services.employer import dashboard as employer_dashboard
from kwportal.services.employer import sick_report
from kwportal.services.employer.sick_report import (
    ReportError,
    parse_form,
    report_recovery,
    report_sick,
)
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
TODAY = date(2026, 3, 10)
ORIGIN = "https://portal.example"
CARE = "ZORGADRES-77 Kliniekweg 1, Enschede"
GOOD = {
    "personnel_number": "P-1",
    "first_sick_day": "2026-03-09",
    "contact_phone": "+31 6 1234 5678",
    "contact_email": "",
    "care_address": CARE,
    "expected_duration": "weeks_1_2",
    "handover_work": "Offerte Jansen vrijdag",
    "safety_net": "no",
    "work_accident": "yes",
    "traffic_accident": "no",
}


def employer(org: Organisation) -> Actor:
    session = Session.object_session(org)
    assert session is not None
    account = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=org.id)
    return Actor(account_id=account.id, role=Role.EMPLOYER_CONTACT, organisation_id=org.id)


def _team(session: Session, org: Organisation) -> tuple[str, str]:
    doctor = factories.account(session, Role.COMPANY_DOCTOR, email="arts@team.example")
    member = factories.account(session, Role.CARE_TEAM, email="team@team.example", language="en")
    factories.account(session, Role.CARE_TEAM, email="")  # another team's, no mail
    team = CareTeam(name="T", doctor_account_id=doctor.id)
    session.add(team)
    session.flush()
    session.add(TeamMember(care_team_id=team.id, account_id=member.id))
    session.add(TeamAssignment(care_team_id=team.id, organisation_id=org.id))
    session.flush()
    return doctor.email, member.email


def _report(session: Session, actor: Actor, **changes: str) -> sick_report.Reported:
    form = parse_form({**GOOD, **changes}, today=TODAY)
    return report_sick(actor, form, session=session, access=WEB, secret=TEST_SECRET, origin=ORIGIN)


def codes(error: pytest.ExceptionInfo[ReportError]) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in error.value.errors}


def test_a_sick_report_opens_a_case_tells_the_team_and_hides_the_care_address(
    engine: Engine,
) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        person = factories.employee(session, org, personnel_number="P-1")
        doctor, member = _team(session, org)
        actor = employer(org)
        done = _report(session, actor)
        case = session.get(SickLeaveCase, done.case_id)
        report = session.exec(select(SickReport).where(SickReport.case_id == done.case_id)).one()
        page = employer_dashboard.case_page(
            actor, done.case_id, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
        )
        listing = employer_dashboard.overview(
            actor, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
        )
        event = session.exec(select(AuditEvent).where(AuditEvent.event_type == "sick_report")).one()
    assert case is not None and case.employee_id == person.id
    assert case.sick_report_date == date(2026, 3, 9) and case.recovery_date is None
    assert case.care_address == CARE == report.care_address
    assert (report.work_accident, report.safety_net, report.traffic_accident_third_party) == (
        True,
        False,
        False,
    )
    assert (
        report.expected_duration == "weeks_1_2"
        and report.reported_by_account_id == actor.account_id
    )
    assert CARE not in repr(page) and CARE not in repr(listing)
    assert [line.case_id for line in listing.lines] == [done.case_id]
    assert event.subject_employee_id == person.id and event.action == "create"
    assert CARE not in event.objects + event.details
    assert {m.to for m in done.mails} == {doctor, member}
    by_to = {m.to: m for m in done.mails}
    assert by_to[member].subject == f"New sick report from {org.name}"
    for mail in done.mails:
        assert CARE not in mail.body and person.last_name not in mail.body + mail.subject
        assert f"{ORIGIN}/portal" in mail.body


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"personnel_number": ""}, {("personnel_number", "sick.error.number")}),
        ({"first_sick_day": "9-3-2026"}, {("first_sick_day", "sick.error.date")}),
        ({"first_sick_day": "2026-02-30"}, {("first_sick_day", "sick.error.date")}),
        ({"first_sick_day": "2026-03-11"}, {("first_sick_day", "sick.error.future")}),
        ({"first_sick_day": "2025-03-01"}, {("first_sick_day", "sick.error.too_old")}),
        ({"contact_phone": "bel me"}, {("contact_phone", "sick.error.phone")}),
        ({"contact_phone": "", "contact_email": "a@b"}, {("contact_email", "sick.error.email")}),
        ({"contact_phone": ""}, {("contact_phone", "sick.error.contact")}),
        ({"care_address": "x" * 301}, {("care_address", "sick.error.too_long")}),
        ({"handover_work": "y" * 1001}, {("handover_work", "sick.error.too_long")}),
        ({"expected_duration": "burn-out"}, {("expected_duration", "sick.error.choose")}),
        ({"safety_net": ""}, {("safety_net", "sick.error.yes_no")}),
        ({"work_accident": "maybe"}, {("work_accident", "sick.error.yes_no")}),
        ({"traffic_accident": "True"}, {("traffic_accident", "sick.error.yes_no")}),
    ],
)
def test_every_field_is_validated_on_the_server(
    changes: dict[str, str], expected: set[tuple[str, str]]
) -> None:
    with pytest.raises(ReportError) as error:
        parse_form({**GOOD, **changes}, today=TODAY)
    assert codes(error) == expected


def test_all_problems_at_once_and_no_extra_fields_accepted() -> None:
    with pytest.raises(ReportError) as error:
        parse_form({"diagnosis": "MEDISCH-x"}, today=TODAY)
    fields = {f for f, _ in codes(error)}
    assert fields == {
        "personnel_number",
        "first_sick_day",
        "contact_phone",
        "expected_duration",
        "safety_net",
        "work_accident",
        "traffic_accident",
    }
    form = parse_form({**GOOD, "diagnosis": "MEDISCH-x", "nature": "griep"}, today=TODAY)
    assert "MEDISCH" not in repr(form)


def test_only_employees_of_the_own_organisation(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, other = factories.organisation(session), factories.organisation(session)
        factories.employee(session, other, personnel_number="P-1")
        factories.employee(session, org, personnel_number="P-2", employment_end=date(2026, 1, 31))
        with pytest.raises(ReportError) as unknown:
            _report(session, employer(org))
        with pytest.raises(ReportError) as gone:
            _report(session, employer(org), personnel_number="P-2")
        with pytest.raises(PermissionError):
            _report(
                session,
                Actor(account_id=1, role=Role.COMPANY_DOCTOR, employer_ids=frozenset({org.id})),
            )
        cases = session.exec(select(SickLeaveCase)).all()
    # someone not known in the own organisation comes in with his name (issue 17 item 1);
    # without it nothing is stored, and another organisation's P-1 is never reached
    assert codes(unknown) == {
        ("first_name", "sick.error.name_needed"),
        ("last_name", "sick.error.name_needed"),
    }
    assert codes(gone) == {("first_sick_day", "sick.error.not_employed")}
    assert cases == []


def test_a_second_submit_opens_no_second_case(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        factories.employee(session, org, personnel_number="P-1")
        actor = employer(org)
        _report(session, actor)
    with (
        Session(engine, expire_on_commit=False) as session,
        session.begin(),
        pytest.raises(ReportError) as again,
    ):
        _report(session, actor)
    with Session(engine) as session:
        count = len(session.exec(select(SickLeaveCase)).all())
    assert codes(again) == {("personnel_number", "sick.error.already_open")}
    assert count == 1


def test_recovery_stops_the_clock_once_and_only_for_the_own_organisation(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, other = factories.organisation(session), factories.organisation(session)
        factories.employee(session, org, personnel_number="P-1")
        _team(session, org)
        actor = employer(org)
        case_id = _report(session, actor, first_sick_day="2026-01-05").case_id

        def recover(on: str, who: Actor = actor) -> list[object]:
            return list(
                report_recovery(
                    who,
                    case_id,
                    on,
                    session=session,
                    today=TODAY,
                    access=WEB,
                    secret=TEST_SECRET,
                    origin=ORIGIN,
                )
            )

        refused = {}
        for on in ("2026-01-04", "2026-03-11", "morgen"):
            with pytest.raises(ReportError) as error:
                recover(on)
            refused[on] = codes(error)
        with pytest.raises(ReportError) as foreign:
            recover("2026-03-01", employer(other))
        before = employer_dashboard.case_page(
            actor, case_id, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
        )
        mails = recover("2026-03-02")
        with pytest.raises(ReportError) as twice:
            recover("2026-03-03")
        after = employer_dashboard.case_page(
            actor, case_id, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
        )
        listing = employer_dashboard.overview(
            actor, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
        )
        events = session.exec(
            select(AuditEvent).where(col(AuditEvent.event_type) == "recovery_report")
        ).all()
    assert refused == {
        "2026-01-04": {("recovery_date", "recovery.error.before")},
        "2026-03-11": {("recovery_date", "sick.error.future")},
        "morgen": {("recovery_date", "sick.error.date")},
    }
    assert codes(foreign) == {("case", "employer_case.not_found")}
    assert codes(twice) == {("recovery_date", "recovery.error.already")}
    assert any(d.overdue for d in before.deadlines)  # week 8 passed without a plan
    assert after.view.recovery_date == date(2026, 3, 2)
    assert all(d.due <= date(2026, 3, 1) for d in after.deadlines)
    assert listing.total == 0
    assert len(mails) == 2 and len(events) == 1
    assert json.loads(events[0].details) == {"field": "recovery_date"}
