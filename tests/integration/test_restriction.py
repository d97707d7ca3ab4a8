"""Processing stopped (seed ch. 3 E: "het gebruik van die persoonsgegevens te stoppen"; AVG
art. 18/21; issue 17 item 3). The privacy desk grants a stop request: the restriction starts
and the request is answered in one unit, the employee is told. From then on every new
disclosure about him is refused with a clear message and nothing written; the Poortwachter
steps and UWV go on, each exception recorded with its ground and audited; the employer's
reports leave him out; the screens that touch him say so — the employer only *that* the use
stopped, never why. Lifting is audited and the release works again. A stop on an unknown
person is refused and writes nothing; the desk sees nothing from the medical file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.poortwachter import Step
from kwportal.domain.roles import Role
from kwportal.models import (
    AuditEvent,
    CaseMessage,
    ConsentRecord,
    Disclosure,
    Employee,
    EmployerFeedback,
    ProcessingRestriction,
    RestrictionException,
    RightsRequest,
)
from kwportal.services import audit
from kwportal.services.case import (
    consent_requests,
    messages,
    problem_analysis,
    reintegration_report,
    uploads,
)
from kwportal.services.employee import consents
from kwportal.services.employer import case_screen, reports
from kwportal.services.feedback import workspace
from kwportal.services.feedback.editor import FeedbackError, FeedbackForm
from kwportal.services.privacy import restriction, rights
from kwportal.services.unit import Ctx
from kwportal.ui.guard import refused as guard_refused
from kwportal.ui.pages.employer.case import EmployerCaseState
from kwportal.ui.pages.privacy.restrictions import RestrictionsState, StopRequestRow
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration import care_world
from tests.integration.auth_helpers import CHEAP_HASH, cheap_argon2, new_enrolled, sign_in  # noqa: F401
from tests.integration.plan_world import act_as, build_world
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state
from tests.integration.test_plan import GOOD as GOOD_PLAN
from tests.integration.test_plan import save as save_plan
from tests.integration.test_plan import start as start_plan

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
WEB = audit.AccessPoint("192.0.2.40", "pytest")
FORM = FeedbackForm(
    levels={"working_hours": "limited"},
    notes={"working_hours": "halve dagen"},
    expected_period="4 weken",
    advice="Start met halve dagen in het eigen werk.",
)
#: what the employer and the desk must never read
REASON = "REDEN-ALLEEN-VOOR-HET-REGISTER"
REQUEST_TEXT = "VERZOEK-STOP-ALLES"


def _run(engine: Engine, actor: Actor, work: Any, *args: Any, **kwargs: Any) -> Any:
    with transaction(engine) as session:
        ctx = Ctx(access=WEB, now=NOW, secret=TEST_SECRET, origin="", session=session)
        value = work(actor, *args, ctx=ctx, **kwargs)
        return value, list(ctx.outbox)


def _count(engine: Engine, model: Any, *where: Any) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _events(engine: Engine, event_type: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.event_type == event_type)))


def _new_officer(engine: Engine) -> Actor:
    with transaction(engine) as session:
        account_id = factories.account(session, Role.PRIVACY_OFFICER).id
    assert account_id is not None
    return care_world.actor(engine, account_id)


def _file_stop_request(engine: Engine, employee: Actor) -> int:
    with transaction(engine) as session:
        return rights.submit(
            employee, "stop", REQUEST_TEXT, session=session, now=NOW, access=WEB, secret=TEST_SECRET
        )


def _draft(engine: Engine, doctor: Actor, case_id: int) -> tuple[int, int]:
    """A saved, non-empty feedback draft on the case: (feedback id, version)."""
    page, _ = _run(engine, doctor, workspace.do_start_draft, case_id)
    feedback_id = page.draft.feedback_id
    page, _ = _run(engine, doctor, workspace.do_save_draft, case_id, feedback_id, 0, FORM)
    return feedback_id, page.draft.version


def _granted(engine: Engine) -> tuple[care_world.Team, care_world.Team, Actor, int]:
    """Team A's first employee asked to stop and the desk granted it: (team A, team B,
    officer, request id)."""
    team, other = care_world.build(engine)
    employee = care_world.actor(engine, team.employee_accounts[0])
    officer = _new_officer(engine)
    request_id = _file_stop_request(engine, employee)
    page, mails = _run(
        engine, officer, restriction.do_grant, request_id, REASON, "Wij stoppen het gebruik."
    )
    assert [line.personnel_number for line in page.restrictions]
    assert [m.to for m in mails] == ["wA0@example.test"]
    assert "REDEN" not in mails[0].body and REQUEST_TEXT not in mails[0].body
    return team, other, officer, request_id


def test_a_granted_stop_refuses_the_release_with_its_message_and_writes_nothing(
    engine: Engine,
) -> None:
    team, other, _officer, request_id = _granted(engine)
    with Session(engine) as session:
        request = session.get(RightsRequest, request_id)
        assert request is not None and request.status == "answered"
        held = session.exec(select(ProcessingRestriction)).one()
        assert held.request_id == request_id and held.reason == REASON
    assert len(_events(engine, "processing_restriction_started")) == 1
    assert len(_events(engine, "rights_request_answered")) == 1

    doctor = care_world.actor(engine, team.doctor)
    case_id = team.cases[0]
    feedback_id, version = _draft(engine, doctor, case_id)
    with pytest.raises(FeedbackError) as refused:
        _run(engine, doctor, workspace.do_release, case_id, feedback_id, version)
    assert refused.value.code == "restriction.refused.feedback_release"
    assert _count(engine, Disclosure) == 0
    assert _count(engine, EmployerFeedback, col(EmployerFeedback.status) == "released") == 0
    assert _count(engine, RestrictionException) == 0
    # the other team's employee is not restricted: his release goes out
    other_doctor = care_world.actor(engine, other.doctor)
    other_case = other.cases[0]
    other_id, other_version = _draft(engine, other_doctor, other_case)
    _run(engine, other_doctor, workspace.do_release, other_case, other_id, other_version)
    assert _count(engine, Disclosure) == 1


def test_every_other_disclosure_is_refused_with_its_message_and_nothing_written(
    engine: Engine,
) -> None:
    team, _ = care_world.build(engine)
    case_id, employee_id = team.cases[0], team.employees[0]
    doctor = care_world.actor(engine, team.doctor)
    manager = care_world.actor(engine, team.case_manager)
    employee = care_world.actor(engine, team.employee_accounts[0])
    # a consent asked before the stop, and a draft to share
    asked, _ = _run(
        engine,
        doctor,
        consent_requests.do_request_datum,
        case_id,
        datum_kind="emergency_note",
        label="Noodgeval",
        value="Bel 112 bij onwel worden",
        purpose="Veiligheid op de werkvloer",
    )
    consent_id = asked.requests[0].consent_id
    feedback_id, version = _draft(engine, doctor, case_id)
    officer = _new_officer(engine)
    with transaction(engine) as session:
        person = session.get(Employee, employee_id)
        assert person is not None
        number, last_name = person.personnel_number, person.last_name
    _run(engine, officer, restriction.do_start, number, last_name.upper(), REASON)

    refusals: list[tuple[Any, str]] = []
    attempts = [
        (
            lambda: _run(
                engine,
                doctor,
                consent_requests.do_request_datum,
                case_id,
                datum_kind="emergency_note",
                label="Ander",
                value="Iets anders",
                purpose="Veiligheid",
            ),
            "restriction.refused.consent_request",
        ),
        (
            lambda: _run(
                engine, manager, messages.do_send_message, case_id, "employer", "Hoe gaat het?"
            ),
            "restriction.refused.employer_message",
        ),
        (
            lambda: _run(engine, manager, uploads.do_open_upload, case_id),
            "case_files.error.restricted",
        ),
        (
            lambda: _run(engine, doctor, workspace.do_share_draft, case_id, feedback_id, version),
            "restriction.refused.feedback_draft_share",
        ),
    ]
    for attempt, key in attempts:
        with pytest.raises(ValueError) as refused:
            attempt()
        refusals.append((getattr(refused.value, "code", ""), key))
    assert [got for got, _ in refusals] == [key for _, key in refusals]
    assert _count(engine, ConsentRecord) == 1
    with Session(engine) as session:
        record = session.get(ConsentRecord, consent_id)
        assert record is not None and record.status == "requested"
        draft = session.get(EmployerFeedback, feedback_id)
        assert draft is not None and draft.shared_with_employee_at is None
    assert _count(engine, CaseMessage) == 0
    assert _count(engine, Disclosure) == 0
    # his own grant of what was asked before the stop goes on (AVG art. 18(2): "with the
    # data subject's consent"), recorded as an exception with that ground
    _run(engine, employee, consents.do_grant, consent_id)
    with Session(engine) as session:
        record = session.get(ConsentRecord, consent_id)
        assert record is not None and record.status == "granted"
        made = session.exec(select(RestrictionException)).one()
        assert (made.act, made.ground) == ("consent_grant", "data_subject_consent")
    # the employer's own message to the case manager is his to send (only stored)
    with transaction(engine) as session:
        contact = factories.account(
            session, Role.EMPLOYER_CONTACT, organisation_id=team.employers[0]
        ).id
    employer = care_world.actor(engine, contact or 0)
    _run(engine, employer, messages.do_send_message, case_id, "employer", "Graag overleg.")
    assert _count(engine, CaseMessage) == 1


def test_a_poortwachter_step_goes_on_and_its_exception_is_recorded_with_its_ground(
    engine: Engine,
) -> None:
    team, _other, _officer, _request = _granted(engine)
    doctor = care_world.actor(engine, team.doctor)
    case_id = team.cases[0]
    page, _ = _run(
        engine, doctor, problem_analysis.do_save_problem_analysis, case_id, 0, "", "MEDISCH deel"
    )
    feedback_id = page.current.feedback_id
    saved, _ = _run(engine, doctor, workspace.do_save_draft, case_id, feedback_id, 0, FORM)
    _run(engine, doctor, workspace.do_release, case_id, feedback_id, saved.draft.version)
    assert _count(engine, Disclosure) == 1
    with Session(engine) as session:
        made = session.exec(select(RestrictionException)).one()
    assert (made.act, made.ground, made.case_id) == (
        "problem_analysis_release",
        "poortwachter_problem_analysis",
        case_id,
    )
    assert made.actor_account_id == team.doctor
    recorded = _events(engine, "restriction_exception_recorded")
    assert len(recorded) == 1 and recorded[0].subject_employee_id == team.employees[0]
    # the desk sees the exception on its page, with its ground
    officer = _new_officer(engine)
    desk, _ = _run(engine, officer, restriction.do_open)
    assert [(e.act, e.ground) for e in desk.restrictions[0].exceptions] == [
        ("problem_analysis_release", "poortwachter_problem_analysis")
    ]


def test_lifting_is_audited_the_employee_told_and_the_release_works_again(engine: Engine) -> None:
    team, _other, officer, _request = _granted(engine)
    with Session(engine) as session:
        held_id = session.exec(select(ProcessingRestriction.id)).one()
    with pytest.raises(restriction.RestrictionError) as refused:
        _run(engine, officer, restriction.do_lift, held_id, "   ")
    assert refused.value.code == "restriction.reason_required"
    page, mails = _run(engine, officer, restriction.do_lift, held_id, "Werknemer vraagt herstart")
    assert page.restrictions == ()
    assert [m.to for m in mails] == ["wA0@example.test"]
    lifted = _events(engine, "processing_restriction_lifted")
    assert len(lifted) == 1 and lifted[0].subject_employee_id == team.employees[0]
    with pytest.raises(restriction.RestrictionError):  # lifted already: nothing twice
        _run(engine, officer, restriction.do_lift, held_id, "Nogmaals")

    doctor = care_world.actor(engine, team.doctor)
    feedback_id, version = _draft(engine, doctor, team.cases[0])
    _run(engine, doctor, workspace.do_release, team.cases[0], feedback_id, version)
    assert _count(engine, Disclosure) == 1


def test_a_stop_on_an_unknown_person_is_refused_and_writes_nothing(engine: Engine) -> None:
    team, _ = care_world.build(engine)
    officer = _new_officer(engine)
    before = _count(engine, AuditEvent)
    for number, last_name, key in [
        ("GEEN-NUMMER", "Persoon A0", "restriction.unknown_person"),
        ("", "Persoon A0", "restriction.personnel_number_required"),
    ]:
        with pytest.raises(restriction.RestrictionError) as refused:
            _run(engine, officer, restriction.do_start, number, last_name, REASON)
        assert refused.value.code == key
    with pytest.raises(restriction.RestrictionError) as refused:
        _run(engine, officer, restriction.do_grant, 999_999, REASON, "Antwoord")
    assert refused.value.code == "restriction.not_a_stop_request"
    assert _count(engine, ProcessingRestriction) == 0
    assert _count(engine, AuditEvent) == before
    # an employee cannot start one, whatever he tries
    employee = care_world.actor(engine, team.employee_accounts[0])
    with pytest.raises(restriction.RestrictionError):
        _run(engine, employee, restriction.do_start, "x", "y", REASON)


def test_the_employers_reports_leave_a_restricted_employee_out(sqlite_engine: Engine) -> None:
    engine = sqlite_engine
    with transaction(engine) as session:
        org = factories.organisation(session)
        contact = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=org.id)
        people = [factories.employee(session, org, department="Werkplaats") for _ in range(6)]
        for person in people:
            factories.sick_case(session, person, sick_report_date=date(2026, 10, 5))
        first = people[0]
        session.add(ProcessingRestriction(employee_id=first.id, reason=REASON, started_at=NOW))
    employer = care_world.actor(engine, contact.id or 0)

    def sick_reports() -> list[float | None]:
        with transaction(engine) as session:
            result = reports.reports(
                employer, 2026, session=session, today=NOW.date(), access=WEB, secret=TEST_SECRET
            )
        return [cell.value for row in result.frequency.published.grid() for cell in row]

    assert 5 in sick_reports() and 6 not in sick_reports()
    with transaction(engine) as session:
        held = session.exec(select(ProcessingRestriction)).one()
        held.lifted_at = NOW
        session.add(held)
    assert 6 in sick_reports()


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_argon2: None) -> Iterator[Engine]:  # noqa: F811
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def test_the_employer_page_shows_the_flag_but_no_reason_and_the_desk_no_medical_content(
    portal: Engine,
) -> None:
    team, _other, _officer, _request = _granted(portal)
    case_id = team.cases[0]
    now = datetime.now(UTC)

    _id, name, secret = new_enrolled(
        portal, CHEAP_HASH, role=Role.EMPLOYER_CONTACT, organisation_id=team.employers[0]
    )
    employer_page = page_state(
        EmployerCaseState,
        sign_in(portal, name, secret, now),
        url=f"http://localhost:3000/employer-case?case={case_id}",
    )
    call(employer_page, "load")
    assert employer_page.found and employer_page.restricted
    shown = str(employer_page.dict())
    assert REASON not in shown and REQUEST_TEXT not in shown
    # the service's view carries the flag alone; another case of his employer is unflagged
    contact = care_world.actor(portal, _id)
    screen, _ = _run(portal, contact, case_screen.do_show_case, case_id)
    assert screen.restricted is True

    _id, name, secret = new_enrolled(portal, CHEAP_HASH, role=Role.PRIVACY_OFFICER)
    desk = page_state(RestrictionsState, sign_in(portal, name, secret, now))
    call(desk, "load")
    assert [row.name for row in desk.restrictions] == ["Test Persoon A0"]
    assert desk.restrictions[0].reason == REASON
    seen = str(desk.dict())
    assert "MEDISCH" not in seen and "ZORGADRES" not in seen
    reads = [e for e in _events(portal, "restrictions_read") if e.actor_account_id == _id]
    assert [e.subject_employee_id for e in reads] == [team.employees[0]]

    # a refused desk act leaves its message and changes nothing
    call(desk, "start", {"personnel_number": "ONBEKEND", "last_name": "X", "reason": "r"})
    assert desk.notice_key == "restriction.unknown_person"
    assert _count(portal, ProcessingRestriction) == 1


def test_the_plan_the_uwv_report_and_the_wia_report_go_on_each_recorded(
    sqlite_engine: Engine,
) -> None:
    engine = sqlite_engine
    world = build_world(engine)
    with transaction(engine) as session:
        session.add(
            ProcessingRestriction(employee_id=world.a.employees[0], reason=REASON, started_at=NOW)
        )
    draft = start_plan(engine, world)
    save_plan(engine, world, draft, GOOD_PLAN, True)
    late = datetime(2026, 10, 26, 10, 0, tzinfo=UTC)
    screen, _ = act_as(engine, world.boss, case_screen.do_show_case, world.case, now=late)
    assert screen.restricted is True
    due = next(s.line.due for s in screen.deadlines if s.line.step is Step.UWV_SICK_REPORT)
    act_as(
        engine,
        world.boss,
        case_screen.do_record_step,
        world.case,
        "uwv_sick_report",
        due.isoformat(),
        late.date().isoformat(),
        now=late,
    )
    act_as(
        engine,
        world.boss,
        reintegration_report.do_download_reintegration_report,
        world.case,
        "nl",
        now=late,
    )
    with Session(engine) as session:
        made = session.exec(select(RestrictionException).order_by(col(RestrictionException.id)))
        assert [(e.act, e.ground, e.case_id) for e in made] == [
            ("plan_submit", "poortwachter_plan_of_action", world.case),
            ("uwv_sick_report", "uwv_sick_report", world.case),
            ("reintegration_report", "uwv_reintegration_report", world.case),
        ]
    assert len(_events(engine, "restriction_exception_recorded")) == 3


def test_a_refusal_for_a_stop_stays_on_its_page_as_its_message(portal: Engine) -> None:
    """A service without an error type of its own raises ``ProcessingStopped``: the guard
    leaves the page as it was and shows the message (nothing else is redirected)."""
    desk = page_state(RestrictionsState, "")
    desk.requests = [StopRequestRow(request_id="7", name="Zichtbaar")]
    key = "restriction.refused.feedback_release"
    assert guard_refused(desk, restriction.ProcessingStopped(key)) is None
    assert desk.notice_key == key and desk.requests[0].name == "Zichtbaar"
