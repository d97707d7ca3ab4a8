"""The people helping with re-integration (issue 15): the case manager adds and removes
them on /case-admin, the employee sees them on his case page; a case outside the team's
reach, a helper of another case, a wrong role and bad input are refused and write nothing;
each change is audited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, CaseHelper, TeamMember
from kwportal.services import audit
from kwportal.services.case.helpers import HelperError, NewHelper, do_add_helper, do_remove_helper
from kwportal.services.employee.my_case import do_show_case
from kwportal.services.unit import Ctx
from kwportal.services.views import PolicyDeniedError
from kwportal.ui.pages.care.case_admin import CaseAdminState
from tests.conftest import TEST_SECRET
from tests.integration import care_world
from tests.integration.auth_helpers import CHEAP_HASH, cheap_argon2, new_enrolled, sign_in  # noqa: F401
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
WEB = audit.AccessPoint("192.0.2.30", "pytest")
COACH = NewHelper(
    "R. Koster", "re-integratiecoach", "Werkfit BV", "06 1234 5678", "r@werkfit.example"
)


def _run(engine: Engine, actor: Actor, work, *args):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        ctx = Ctx(access=WEB, now=NOW, secret=TEST_SECRET, origin="", session=session)
        return work(actor, *args, ctx=ctx)


def _helpers(engine: Engine) -> list[CaseHelper]:
    with Session(engine) as session:
        return list(session.exec(select(CaseHelper).order_by(col(CaseHelper.id))))


def test_the_case_manager_adds_a_helper_the_employee_sees_and_removes_it(engine: Engine) -> None:
    team_a, _team_b = care_world.build(engine)
    manager = care_world.actor(engine, team_a.case_manager)
    view = _run(engine, manager, do_add_helper, team_a.cases[0], COACH)
    assert [(h.name, h.helper_role, h.phone) for h in view.helpers] == [
        ("R. Koster", "re-integratiecoach", "06 1234 5678")
    ]
    employee = care_world.actor(engine, team_a.employee_accounts[0])
    mine = _run(engine, employee, do_show_case)
    assert mine is not None
    assert [h.name for h in mine.helpers] == ["R. Koster"]

    view = _run(engine, manager, do_remove_helper, team_a.cases[0], view.helpers[0].helper_id)
    assert view.helpers == () and _helpers(engine) == []
    with Session(engine) as session:
        kinds = session.exec(
            select(AuditEvent.event_type).where(col(AuditEvent.event_type).like("case_helper_%"))
        ).all()
    assert sorted(kinds) == ["case_helper_added", "case_helper_removed"]


@pytest.mark.parametrize(
    ("helper", "field"),
    [
        (NewHelper("", "coach"), "name"),
        (NewHelper("Piet", "   "), "helper_role"),
        (NewHelper("Piet", "coach", phone="bel me"), "phone"),
        (NewHelper("Piet", "coach", email="geen-adres"), "email"),
        (NewHelper("P" * 201, "coach"), "name"),
    ],
)
def test_bad_input_names_its_field_and_writes_nothing(
    engine: Engine, helper: NewHelper, field: str
) -> None:
    team_a, _team_b = care_world.build(engine)
    manager = care_world.actor(engine, team_a.case_manager)
    with pytest.raises(HelperError) as raised:
        _run(engine, manager, do_add_helper, team_a.cases[0], helper)
    assert raised.value.field == field
    assert _helpers(engine) == []


def test_another_teams_case_a_wrong_role_and_another_cases_helper_are_refused(
    engine: Engine,
) -> None:
    team_a, team_b = care_world.build(engine)
    manager_a = care_world.actor(engine, team_a.case_manager)
    manager_b = care_world.actor(engine, team_b.case_manager)
    with pytest.raises(PolicyDeniedError):
        _run(engine, manager_b, do_add_helper, team_a.cases[0], COACH)
    view = _run(engine, manager_a, do_add_helper, team_a.cases[0], COACH)
    helper_id = view.helpers[0].helper_id
    with pytest.raises(PolicyDeniedError):  # the helper is not on this case
        _run(engine, manager_a, do_remove_helper, team_a.cases[1], helper_id)
    with pytest.raises(PolicyDeniedError):
        _run(engine, manager_b, do_remove_helper, team_a.cases[0], helper_id)
    employee = care_world.actor(engine, team_a.employee_accounts[0])
    with pytest.raises(Exception):  # noqa: B017 - the role check refuses, whatever its type
        _run(engine, employee, do_add_helper, team_a.cases[0], COACH)
    assert len(_helpers(engine)) == 1


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_argon2: None) -> Iterator[Engine]:  # noqa: F811
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def test_the_page_handlers_act_on_the_case_of_the_url_only(portal: Engine) -> None:
    team_a, team_b = care_world.build(portal)
    # the world's accounts have no password: a signed-in case manager joins team A
    _id, name, secret = new_enrolled(portal, CHEAP_HASH, role=Role.CASE_MANAGER)
    with transaction(portal) as session:
        member = session.exec(
            select(TeamMember).where(TeamMember.account_id == team_a.case_manager)
        ).one()
        session.add(TeamMember(care_team_id=member.care_team_id, account_id=_id))
    token = sign_in(portal, name, secret, datetime.now(UTC))
    url = f"http://localhost:3000/case-admin?case={team_a.cases[0]}"
    state = page_state(CaseAdminState, token, url=url)
    call(state, "load")
    assert state.found and state.person.case_id == str(team_a.cases[0])
    call(state, "add_helper", {"name": "", "helper_role": "coach"})
    assert state.error_field == "name" and _helpers(portal) == []
    call(state, "add_helper", {"name": "R. Koster", "helper_role": "coach"})
    assert [h.text for h in state.helpers] == ["R. Koster · coach"]
    call(state, "remove_helper", "999999")  # not on the page: ignored
    assert len(_helpers(portal)) == 1

    other = page_state(
        CaseAdminState, token, url=f"http://localhost:3000/case-admin?case={team_b.cases[0]}"
    )
    call(other, "load")
    assert not other.found and other.helpers == []
