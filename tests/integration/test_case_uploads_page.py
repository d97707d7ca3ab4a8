"""The page ``/case-files`` (kwportal/ui/pages/portal/case_files.py) driven in-process as
the websocket would, after real uploads over HTTP: each role's state holds only the files
the policy lets it read — the employer's and the case manager's not even the number of the
employee's care files, nor their names anywhere in the state tree — a case outside the
actor's reach shows a message and no file, the upload route's outcome comes back at the
field, and the download click asks for a fresh code first and follows only links the page
listed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine

from kwportal.db import transaction
from kwportal.models import LoginSession
from kwportal.ui import routes as paths
from kwportal.ui.api import case_files
from kwportal.ui.pages.portal.case_files import CaseFilesState
from tests import factories
from tests.integration.auth_helpers import (  # noqa: F401 - cheap_argon2 is a fixture
    CHEAP_HASH,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.served import portal_database, route_client
from tests.integration.state_driver import call, page_state
from tests.integration.test_case_uploads import PDF, World, build_world, photo, upload, uploaded

pytestmark = pytest.mark.usefixtures("cheap_argon2")
SECRET_NAME = "MEDISCH-brief-cardioloog.png"


def opened(token: str, query: str = "") -> CaseFilesState:
    state = page_state(CaseFilesState, token, url=f"http://localhost:3000/case-files{query}")
    assert call(state, "load") is None
    return state


def everything(state: Any) -> str:
    """Every var of the page state, frontend and backend, as text."""
    return repr(state.dict()) + repr(state.__dict__)


@pytest.fixture
def engine(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


@pytest.fixture
def world(engine: Engine) -> World:
    return build_world(engine)


@pytest.fixture
def files(engine: Engine, world: World) -> tuple[int, int]:
    """The employee's care file and the employer's shared PDF on P's case, over HTTP."""
    with route_client(case_files.routes()) as client:
        care = uploaded(upload(client, world.employee, SECRET_NAME, photo()))
        shared = uploaded(upload(client, world.employer, "afspraken.pdf", PDF, case=world.case))
    return care, shared


def test_each_role_lists_what_it_may_read(world: World, files: tuple[int, int]) -> None:
    care, shared = files
    both = [paths.case_file_href(shared), paths.case_file_href(care)]
    for token, query in (
        (world.employee, ""),
        (world.doctor, f"?case={world.case}"),
        (world.member, f"?case={world.case}"),
    ):
        state = opened(token, query)
        assert state.found and [e.href for e in state.entries] == both
    employee = opened(world.employee)
    assert employee.audience == "care" and employee.upload_action == paths.API_CASE_UPLOAD
    assert "(u)" in employee.rows[1].meta and SECRET_NAME in employee.rows[1].name
    for token in (world.employer, world.manager):
        state = opened(token, f"?case={world.case}")
        assert [e.href for e in state.entries] == [paths.case_file_href(shared)]
        assert state.audience == "case"
        assert state.upload_action == f"{paths.API_CASE_UPLOAD}?case={world.case}"
        dumped = everything(state)
        assert "MEDISCH" not in dumped and paths.case_file_href(care) not in dumped


def test_a_case_outside_the_actors_reach_shows_no_file(
    world: World, files: tuple[int, int]
) -> None:
    for token, query in (
        (world.b_employer, f"?case={world.case}"),
        (world.b_doctor, f"?case={world.case}"),
        (world.other_employee, f"?case={world.case}"),
        (world.employer, ""),  # staff and employers must name the case
        (world.employer, "?case=99999999999999999999"),
    ):
        state = opened(token, query)
        assert not state.found and state.entries == [] and state.rows == []
        assert state.message_key == "case_files.unknown_case"
        assert "MEDISCH" not in everything(state)


def test_the_desk_is_not_let_in(world: World, files: tuple[int, int]) -> None:
    state = page_state(CaseFilesState, world.desk, url="http://localhost:3000/case-files?case=1")
    call(state, "load")
    assert state.entries == [] and "MEDISCH" not in everything(state)


def test_the_upload_routes_outcome_comes_back_at_the_field(world: World) -> None:
    state = opened(world.employee, "?e=case_files.error.lying_name")
    assert state.error_key == "case_files.error.lying_name" and not state.done
    assert "klopt niet" in state.field_error
    assert "10 MB" in opened(world.employee, "?e=case_files.error.too_large").field_error
    assert opened(world.employee, "?e=auth.evil<script>").error_key == ""
    assert opened(world.employee, "?done=12").done
    assert not opened(world.employee, "?done=x").done


def test_a_download_click_asks_for_a_fresh_code_and_follows_only_listed_links(
    engine: Engine, world: World, files: tuple[int, int]
) -> None:
    care, _ = files
    state = opened(world.doctor, f"?case={world.case}")
    assert call(state, "fetch", "/api/my/export") is None
    assert call(state, "fetch", paths.case_file_href(care + 100)) is None
    assert call(state, "fetch", paths.case_file_href(care)) is not None  # the download
    employer = opened(world.employer, f"?case={world.case}")
    assert call(employer, "fetch", paths.case_file_href(care)) is None
    with transaction(engine) as session:
        session.execute(
            update(LoginSession).values(last_totp_at=datetime.now(UTC) - timedelta(minutes=10))
        )
    stale = call(state, "fetch", paths.case_file_href(care))
    assert "stepup" in repr(stale)


def test_an_employee_without_a_case_is_told_so(engine: Engine) -> None:
    with transaction(engine) as session:
        org = factories.organisation(session)
        person_id = factories.employee(session, org).id
    _id, username, secret = new_enrolled(engine, CHEAP_HASH, employee_id=person_id)
    state = opened(sign_in(engine, username, secret, datetime.now(UTC)))
    assert not state.found and state.message_key == "case_files.no_case"
