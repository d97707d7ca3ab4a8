"""The doctor's estimate of the absence and the WIA status (O15: "inschatte verzuimduur",
"of werkneer valt onder de Wet Werk en Inkomen naar Arbeidsvermogen"): the doctor or his
team records them on /care-case, bad input is refused at its field and writes nothing,
nobody else records or reads them, the employer's views never carry them, and every read
and change is audited without the values."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, SickLeaveCase, TeamMember
from kwportal.services import audit
from kwportal.services.case.estimate import (
    EstimateError,
    do_open_estimate,
    do_record_estimate,
)
from kwportal.services.employer import dashboard
from kwportal.services.unit import Ctx, gate_of
from kwportal.services.views import PolicyDeniedError
from kwportal.ui.pages.care.estimate_parts import CareEstimateState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration import care_world
from tests.integration.auth_helpers import CHEAP_HASH, cheap_argon2, new_enrolled, sign_in  # noqa: F401
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
WEB = audit.AccessPoint("192.0.2.31", "pytest")
RECORDED = "case_estimate_recorded"


def _run(engine: Engine, actor: Actor, work, *args):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        ctx = Ctx(access=WEB, now=NOW, secret=TEST_SECRET, origin="", session=session)
        return work(actor, *args, ctx=ctx)


def _stored(engine: Engine, case_id: int) -> tuple[int | None, bool | None]:
    with Session(engine) as session:
        case = session.get(SickLeaveCase, case_id)
        assert case is not None
        return case.estimated_duration_days, case.wia


def _events(engine: Engine, event_type: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(AuditEvent)
                .where(AuditEvent.event_type == event_type)
                .order_by(col(AuditEvent.id))
            )
        )


def test_the_doctor_and_his_team_record_and_read_it_audited_without_the_values(
    engine: Engine,
) -> None:
    team_a, _team_b = care_world.build(engine)
    case_id = team_a.cases[0]
    doctor = care_world.actor(engine, team_a.doctor)
    member = care_world.actor(engine, team_a.member)

    change = _run(engine, doctor, do_record_estimate, case_id, "42", "yes")
    assert (change.view.estimated_days, change.view.wia) == (42, "yes")
    assert change.changed == ("estimated_duration_days", "wia")
    assert _stored(engine, case_id) == (42, True)

    seen = _run(engine, member, do_open_estimate, case_id)
    assert (seen.estimated_days, seen.wia, seen.may_record) == (42, "yes", True)
    change = _run(engine, member, do_record_estimate, case_id, " 365 ", "yes")
    assert change.changed == ("estimated_duration_days",)
    # the same values again: nothing written, nothing audited
    again = _run(engine, member, do_record_estimate, case_id, "365", "yes")
    assert again.changed == ()
    # both emptied: not estimated, WIA unknown
    cleared = _run(engine, doctor, do_record_estimate, case_id, "", "unknown")
    assert (cleared.view.estimated_days, cleared.view.wia) == (None, "unknown")
    assert _stored(engine, case_id) == (None, None)

    rows = _events(engine, RECORDED)
    assert [json.loads(r.details)["fields"] for r in rows] == [
        ["estimated_duration_days", "wia"],
        ["estimated_duration_days"],
        ["estimated_duration_days", "wia"],
    ]
    assert [r.actor_account_id for r in rows] == [team_a.doctor, team_a.member, team_a.doctor]
    for row in rows:
        assert row.action == "update" and row.subject_employee_id == team_a.employees[0]
        assert json.loads(row.objects) == [
            {"category": "absence_health", "table": "sick_leave_case", "id": case_id}
        ]
        assert "42" not in row.details and "365" not in row.details
        assert "true" not in row.details.lower()
    (read,) = _events(engine, "case_estimate_view")
    assert read.action == "read" and read.actor_account_id == team_a.member


@pytest.mark.parametrize(
    ("days", "wia", "field", "code"),
    [
        ("0", "no", "estimated_days", "estimate.error.days_range"),
        ("731", "no", "estimated_days", "estimate.error.days_range"),
        ("veertig", "no", "estimated_days", "estimate.error.days_whole"),
        ("4.5", "no", "estimated_days", "estimate.error.days_whole"),
        ("-3", "no", "estimated_days", "estimate.error.days_whole"),
        ("٤٢", "no", "estimated_days", "estimate.error.days_whole"),
        ("99999999", "no", "estimated_days", "estimate.error.days_whole"),
        ("42", "misschien", "wia", "estimate.error.wia"),
        ("42", "", "wia", "estimate.error.wia"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_written(
    sqlite_engine: Engine, days: str, wia: str, field: str, code: str
) -> None:
    team_a, _team_b = care_world.build(sqlite_engine)
    case_id = team_a.cases[0]
    doctor = care_world.actor(sqlite_engine, team_a.doctor)
    _run(sqlite_engine, doctor, do_record_estimate, case_id, "14", "no")
    with pytest.raises(EstimateError) as raised:
        _run(sqlite_engine, doctor, do_record_estimate, case_id, days, wia)
    assert [(p.field, p.code) for p in raised.value.problems] == [(field, code)]
    assert _stored(sqlite_engine, case_id) == (14, False)
    assert len(_events(sqlite_engine, RECORDED)) == 1


def test_nobody_else_records_or_reads_it(sqlite_engine: Engine) -> None:
    engine = sqlite_engine
    team_a, team_b = care_world.build(engine)
    case_id = team_a.cases[0]
    with transaction(engine) as session:
        boss = factories.account(
            session, Role.EMPLOYER_CONTACT, organisation_id=team_a.employers[0]
        ).id
        desk = factories.account(session, Role.PRIVACY_OFFICER).id
    assert boss is not None and desk is not None
    # the runner lets only the doctor's team in
    assert set(gate_of(do_record_estimate).roles) == {Role.COMPANY_DOCTOR, Role.CARE_TEAM}
    assert set(gate_of(do_open_estimate).roles) == {Role.COMPANY_DOCTOR, Role.CARE_TEAM}
    # and the use cases refuse anyone else even when called past the runner
    for account_id in (team_a.case_manager, boss, desk, team_b.doctor, team_b.member):
        who = care_world.actor(engine, account_id)
        with pytest.raises(PolicyDeniedError):
            _run(engine, who, do_record_estimate, case_id, "42", "yes")
        with pytest.raises(PolicyDeniedError):
            _run(engine, who, do_open_estimate, case_id)
    assert _stored(engine, case_id) == (None, None)
    assert _events(engine, RECORDED) == [] and _events(engine, "case_estimate_view") == []


def _values(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (field name, value) of a view, nested dataclasses and tuples included."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            inner = getattr(value, item.name)
            yield item.name, inner
            yield from _values(inner)
    elif isinstance(value, tuple | list):
        for inner in value:
            yield from _values(inner)


def test_the_employers_views_never_carry_it(sqlite_engine: Engine) -> None:
    engine = sqlite_engine
    team_a, _team_b = care_world.build(engine)
    case_id = team_a.cases[0]
    doctor = care_world.actor(engine, team_a.doctor)
    _run(engine, doctor, do_record_estimate, case_id, "613", "yes")
    with transaction(engine) as session:
        boss_id = factories.account(
            session, Role.EMPLOYER_CONTACT, organisation_id=team_a.employers[0]
        ).id
    assert boss_id is not None
    boss = care_world.actor(engine, boss_id)
    with transaction(engine) as session:
        views = (
            dashboard.overview(
                boss, session=session, today=NOW.date(), access=WEB, secret=TEST_SECRET
            ),
            dashboard.case_page(
                boss, case_id, session=session, today=NOW.date(), access=WEB, secret=TEST_SECRET
            ),
        )
    overview, page = views
    assert [line.case_id for line in overview.lines] == [case_id]
    # the expected period he sees is the released feedback's: none was released
    assert overview.lines[0].expected_period == "" and page.view.feedback == ()
    for view in views:
        fields = list(_values(view))
        assert fields, view
        names = {name for name, _ in fields}
        assert not {n for n in names if "estimat" in n or "wia" in n}, names
        assert 613 not in {v for _, v in fields if isinstance(v, int) and not isinstance(v, bool)}


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_argon2: None) -> Iterator[Engine]:  # noqa: F811
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _signed_in_member(portal: Engine, team: care_world.Team, role: Role) -> str:
    """A signed-in account of ``role`` on ``team`` (the world's accounts have no password)."""
    account_id, name, secret = new_enrolled(portal, CHEAP_HASH, role=role)
    with transaction(portal) as session:
        anchor = session.exec(select(TeamMember).where(TeamMember.account_id == team.member)).one()
        session.add(TeamMember(care_team_id=anchor.care_team_id, account_id=account_id))
    return sign_in(portal, name, secret, datetime.now(UTC))


def test_the_page_shows_and_records_on_the_case_of_the_url(portal: Engine) -> None:
    team_a, team_b = care_world.build(portal)
    case_id = team_a.cases[0]
    token = _signed_in_member(portal, team_a, Role.CARE_TEAM)
    url = f"http://localhost:3000/care-case?case={case_id}"
    state = page_state(CareEstimateState, token, url=url)
    assert call(state, "load") is None
    assert state.est_case_id == str(case_id) and state.est_may_record
    assert (state.est_days, state.est_wia) == ("", "unknown")
    assert state.est_days_text == "Nog niet ingeschat"

    call(state, "save_estimate", {"estimated_days": "731", "wia": "no"})
    assert state.est_errors["estimated_days"] == "Vul een aantal dagen in van 1 tot en met 730."
    assert state.est_errors["wia"] == "" and "731" not in json.dumps(state.dict())
    assert _stored(portal, case_id) == (None, None)

    assert call(state, "save_estimate", {"estimated_days": "42", "wia": "yes"}) is None
    assert (state.est_days, state.est_wia, state.est_error_keys) == ("42", "yes", [])
    assert (state.est_days_text, state.est_wia_text) == ("42 dagen", "Ja")
    assert state.est_notice == "De inschatting is opgeslagen."
    assert _stored(portal, case_id) == (42, True)

    other = page_state(
        CareEstimateState, token, url=f"http://localhost:3000/care-case?case={team_b.cases[0]}"
    )
    call(other, "load")
    call(other, "save_estimate", {"estimated_days": "10", "wia": "no"})
    assert other.est_case_id == "" and other.est_days == ""
    assert _stored(portal, team_b.cases[0]) == (None, None)


def test_the_case_manager_gets_nothing_from_the_page(portal: Engine) -> None:
    team_a, _team_b = care_world.build(portal)
    case_id = team_a.cases[0]
    doctor = care_world.actor(portal, team_a.doctor)
    _run(portal, doctor, do_record_estimate, case_id, "90", "no")
    token = _signed_in_member(portal, team_a, Role.CASE_MANAGER)
    url = f"http://localhost:3000/care-case?case={case_id}"
    state = page_state(CareEstimateState, token, url=url)
    assert call(state, "load") is not None  # sent away
    assert call(state, "save_estimate", {"estimated_days": "10", "wia": "yes"}) is not None
    assert state.est_case_id == "" and state.est_days == ""
    assert _stored(portal, case_id) == (90, False)
