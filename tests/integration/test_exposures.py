"""Exposures and the retention date (issue 15 item 6), through the care case file's real
handlers: the company doctor records, corrects and ends an exposure; the page shows the
retention line before and after; each change is audited and moves the retention decision
the retention run takes; bad input gets a message at its field and writes nothing; the
team member reads, and nobody outside the doctor's team ever sees an exposure."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.retention import Rule, add_years, decide
from kwportal.models import Account, AuditEvent, Employee, ExposureRecord, Organisation
from kwportal.services.case.exposures import (
    ExposureError,
    do_correct_exposure,
    do_record_exposure,
    retention_line,
)
from kwportal.services.demo.acting import act
from kwportal.services.retention.plan import dossiers
from kwportal.ui.pages.care.case_admin import CaseAdminState
from kwportal.ui.pages.care.case_file import CareCaseState
from tests.conftest import TEST_SECRET
from tests.dutch_time import dutch_today
from tests.integration.auth_helpers import cheap_argon2  # noqa: F401 - fixture
from tests.integration.questionnaire_world import BIRTH, PAGE, World, build
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

pytestmark = pytest.mark.usefixtures("cheap_argon2")
AGENT = "MEDISCH-E röntgen bij lasinspectie"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield build(engine)


def file_page(world: World, who: str = "doctor", case: int | None = None) -> CareCaseState:
    url = f"{PAGE}/care-case?case={case or world.case}"
    state = page_state(CareCaseState, world.token(who), url=url)
    call(state, "load")
    return state


def form(kind="ionising_radiation", agent=AGENT, started_on="2015-03-01", ended_on=""):
    return {"kind": kind, "agent": agent, "started_on": started_on, "ended_on": ended_on}


def records(engine: Engine) -> list[ExposureRecord]:
    with Session(engine) as session:
        return list(session.exec(select(ExposureRecord).order_by(col(ExposureRecord.id))))


def events(engine: Engine, kind: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.event_type == kind)))


def decision(engine: Engine, employee_id: int):
    with Session(engine) as session:
        return decide(dossiers(session, [employee_id])[employee_id][1])


def test_the_doctor_records_radiation_and_sees_the_retention_move(world: World) -> None:
    state = file_page(world)
    assert state.may_record_exposures and state.exposures == []
    assert state.retention_now.rule == Rule.WGBO_LAST_CHANGE_20Y
    assert "open_case" in state.retention_now.holds
    assert state.retention_before_text == ""
    call(state, "save_exposure", form())
    assert state.exposure_notice_key == "exposures.recorded"
    [row] = records(world.engine)
    assert (row.kind, row.agent, row.started_on, row.ended_on) == (
        "ionising_radiation",
        AGENT,
        date(2015, 3, 1),
        None,
    )
    assert row.recorded_by_account_id == world.accounts["doctor"] and row.updated_at is None
    [shown] = state.exposures
    assert shown.agent == AGENT and shown.ended_on == ""
    # before → after: the 20-year WGBO term, now until the employee is 75
    assert state.retention_before.rule == Rule.WGBO_LAST_CHANGE_20Y
    assert state.retention_now.rule == Rule.RADIATION_AGE_75
    assert state.retention_now.earliest == add_years(BIRTH, 75).isoformat()
    assert "radiation_work_running" in state.retention_now.holds
    assert "tot de werknemer 75 is" in state.retention_now_text
    assert state.retention_before_text.startswith("Vóór deze wijziging")
    [recorded] = events(world.engine, "exposure_recorded")
    assert recorded.actor_account_id == world.accounts["doctor"]
    assert recorded.subject_employee_id == world.employee and recorded.action == "create"
    assert "MEDISCH" not in recorded.details + recorded.objects
    # the retention run's own decision holds the file for the radiation work
    terms = dict(decision(world.engine, world.employee).terms)
    assert terms[Rule.RADIATION_AGE_75] == add_years(BIRTH, 75)


def test_ending_the_exposure_is_a_correction_that_moves_the_term(world: World) -> None:
    state = file_page(world)
    call(state, "save_exposure", form())
    exposure_id = state.exposures[0].exposure_id
    call(state, "edit_exposure", exposure_id)
    assert state.editing_exposure == exposure_id and state.exposure_form.agent == AGENT
    ended = (dutch_today() - timedelta(days=30)).isoformat()
    call(state, "save_exposure", form(ended_on=ended))
    assert state.exposure_notice_key == "exposures.corrected" and state.editing_exposure == ""
    [row] = records(world.engine)
    assert row.ended_on == date.fromisoformat(ended) and row.updated_at is not None
    assert row.recorded_by_account_id == world.accounts["doctor"]
    [corrected] = events(world.engine, "exposure_corrected")
    assert json.loads(corrected.details) == {"fields": ["ended_on"]}
    assert "radiation_work_running" in state.retention_before.holds
    assert "radiation_work_running" not in state.retention_now.holds
    terms = dict(decision(world.engine, world.employee).terms)
    thirty = add_years(date.fromisoformat(ended), 30) + timedelta(days=1)
    assert terms[Rule.RADIATION_30Y_AFTER_WORK] == thirty
    # a save without a difference writes nothing
    call(state, "edit_exposure", exposure_id)
    call(state, "save_exposure", form(ended_on=ended))
    assert len(events(world.engine, "exposure_corrected")) == 1


def test_hazardous_substances_keep_the_file_40_years_once_nothing_holds_it(world: World) -> None:
    state = file_page(world)
    call(state, "save_exposure", form(kind="hazardous_substance", agent="MEDISCH-E isocyanaten"))
    end = date(2026, 1, 31)
    with transaction(world.engine) as session:
        person = session.get(Employee, world.employee)
        assert person is not None
        person.employment_end = end
        org = session.get(Organisation, person.organisation_id)
        assert org is not None
        org.contract_end = end
        from kwportal.models import SickLeaveCase

        for case in session.exec(select(SickLeaveCase)):
            case.recovery_date = end
    decided = decision(world.engine, world.employee)
    assert decided.rule == Rule.HAZARDOUS_40Y
    today = datetime.now(UTC).date()  # the retention run counts in UTC days (a 40-year term)
    assert decided.destroy_from == add_years(max(end, today), 40) + timedelta(days=1)
    assert retention_line(decided).earliest == decided.destroy_from


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (form(kind="asbestos"), {"kind": "exposures.kind_required"}),
        (form(agent="  "), {"agent": "exposures.agent_required"}),
        (form(agent="x" * 201), {"agent": "exposures.agent_too_long"}),
        (form(started_on=""), {"started_on": "exposures.start_required"}),
        (form(started_on="2015-13-01"), {"started_on": "exposures.bad_date"}),
        (form(started_on="2999-01-01"), {"started_on": "exposures.start_in_future"}),
        (form(ended_on="2014-01-01"), {"ended_on": "exposures.end_before_start"}),
        (form(ended_on="2999-01-01"), {"ended_on": "exposures.end_in_future"}),
    ],
)
def test_bad_input_gets_a_message_at_its_field_and_nothing_is_written(
    world: World, fields: dict[str, str], errors: dict[str, str]
) -> None:
    state = file_page(world)
    result = call(state, "save_exposure", fields)
    assert records(world.engine) == [] and events(world.engine, "exposure_recorded") == []
    assert dict(state.exposure_error_keys) == errors
    [(name, _)] = errors.items()
    assert state.exposure_field_errors[name] and f"exposure-{name}" in str(result)
    assert state.exposure_notice_key == "exposures.check_fields"


def test_the_team_member_reads_but_does_not_write(world: World) -> None:
    call(file_page(world), "save_exposure", form())
    state = file_page(world, "member")
    assert not state.may_record_exposures
    assert [e.agent for e in state.exposures] == [AGENT]
    call(state, "save_exposure", form(agent="MEDISCH-E door lid"))
    assert [r.agent for r in records(world.engine)] == [AGENT]
    assert state.exposures == []  # the refusal left nothing behind
    with transaction(world.engine) as session:
        member = session.get(Account, world.accounts["member"])
        assert member is not None
        with pytest.raises(PermissionError):
            act(
                session,
                member,
                do_record_exposure,
                world.case,
                *form().values(),
                now=datetime.now(UTC),
                secret=TEST_SECRET,
            )


@pytest.mark.parametrize("who", ["manager", "contact", "privacy", "admin", "stranger"])
def test_nobody_outside_the_team_sees_or_writes_exposures(world: World, who: str) -> None:
    call(file_page(world), "save_exposure", form())
    url = f"{PAGE}/care-case?case={world.case}"
    for state_class in (CareCaseState, CaseAdminState):
        state = page_state(state_class, world.token(who), url=url)
        call(state, "load")
        if state_class is CareCaseState:
            call(state, "save_exposure", form(agent="MEDISCH-E vreemd"))
        dumped = repr(state.dict()) + repr(state.__dict__)
        assert "MEDISCH-E" not in dumped and "ionising" not in dumped, (who, state_class)
    assert [r.agent for r in records(world.engine)] == [AGENT]


def test_an_exposure_of_someone_else_reads_as_unknown(world: World) -> None:
    other = file_page(world, case=world.other_case)
    call(other, "save_exposure", form(agent="MEDISCH-E ander"))
    other_id = int(other.exposures[0].exposure_id)
    with transaction(world.engine) as session:
        doctor = session.get(Account, world.accounts["doctor"])
        assert doctor is not None
        for exposure_id in (other_id, 0, 2**63):
            with pytest.raises(ExposureError, match=re.escape("exposures.unknown")):
                act(
                    session,
                    doctor,
                    do_correct_exposure,
                    world.case,
                    exposure_id,
                    *form(ended_on="2020-01-01").values(),
                    now=datetime.now(UTC),
                    secret=TEST_SECRET,
                )
    # the page only opens the form on an exposure it shows
    state = file_page(world)
    call(state, "edit_exposure", str(other_id))
    assert state.editing_exposure == ""
    assert [r.ended_on for r in records(world.engine)] == [None]
