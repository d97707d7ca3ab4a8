"""The three pages of the Poortwachter documents driven through their real handlers (issue 15
item 3): each click is one unit of work; a refused form keeps what was typed and shows the
message at its field with nothing written; another organisation's case reads as not found;
and the medical part of the problem analysis never reaches a state the employer's session
holds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import CareTeam, CaseDocument, CasePlan
from kwportal.ui.pages.care.problem_analysis import ProblemAnalysisState
from kwportal.ui.pages.employee.plan import MyPlanState
from kwportal.ui.pages.employer.case import EmployerCaseState
from kwportal.ui.pages.employer.plan import EmployerPlanState
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.plan_world import (
    MEDICAL_CANARY,
    QUESTIONNAIRE_CANARY,
    World,
    build_world,
    full_file,
)
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state
from tests.integration.test_employer_units import Begins

pytestmark = pytest.mark.usefixtures("cheap_argon2")
PAGE = "http://localhost:3000"


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _token(engine: Engine, **account: object) -> str:
    _, username, secret = new_enrolled(engine, CHEAP_HASH, **account)
    return sign_in(engine, username, secret, datetime.now(UTC))


def _signed_in_doctor(engine: Engine, world: World) -> str:
    """Team A's doctor, enrolled so he can sign in (the world's own doctor has no TOTP)."""
    account_id, username, secret = new_enrolled(engine, CHEAP_HASH, role=Role.COMPANY_DOCTOR)
    with transaction(engine) as session:
        session.execute(
            update(CareTeam)
            .where(CareTeam.doctor_account_id == world.a.doctor)  # type: ignore[arg-type]
            .values(doctor_account_id=account_id)
        )
    world.a.doctor = account_id
    return sign_in(engine, username, secret, datetime.now(UTC))


def _state_text(state: object) -> str:
    return repr(state.dict())  # type: ignore[attr-defined]


def test_the_employer_writes_a_plan_one_unit_per_click(portal: Engine) -> None:
    world = build_world(portal)
    token = _token(portal, role=Role.EMPLOYER_CONTACT, organisation_id=world.a.employers[0])
    state = page_state(EmployerPlanState, token, url=f"{PAGE}/employer-plan?case={world.case}")
    with Begins(portal) as begins:
        call(state, "load")
    assert begins.seen == 1 and state.found and not state.has_draft
    option = next(o for o in state.options if o.value.startswith("plan_of_action|"))
    with Begins(portal) as begins:
        call(state, "start", {"step": option.value})
    assert begins.seen == 1 and state.has_draft and len(state.rows) == 1
    typed = {
        "goals": "Terug in eigen werk.",
        "employer_view": "Eerst ochtenden.",
        "description_0": "Rooster aanpassen",
        "owner_0": "",
        "due_0": "2030-01-01",
        "then": "submit",
    }
    call(state, "save", typed)
    assert ["owner_0", "Vul in wie deze afspraak uitvoert."] in state.errors
    assert state.rows[0].owner_error and state.rows[0].description == "Rooster aanpassen"
    assert state.goals == "Terug in eigen werk."  # what was typed stays
    with Session(portal) as session:
        row = session.exec(select(CasePlan)).one()
    assert (row.version, row.goals, row.status) == (0, "", "draft")
    with Begins(portal) as begins:
        call(state, "save", {**typed, "owner_0": "Teamleider", "due_0": "2026-12-01"})
    assert begins.seen == 1 and state.notice_key == "employer_plan.sent" and state.errors == []
    assert [p.status for p in state.plans] == ["submitted"] and state.has_report


def test_another_organisations_case_reads_as_not_found(portal: Engine) -> None:
    world = build_world(portal)
    full_file(portal, world)
    token = _token(portal, role=Role.EMPLOYER_CONTACT, organisation_id=world.a.employers[1])
    state = page_state(EmployerPlanState, token, url=f"{PAGE}/employer-plan?case={world.case}")
    call(state, "load")
    assert not state.found and state.not_found_key == "employer_plan.not_found"
    assert state.plans == [] and "DOEL" not in _state_text(state)


def test_the_employers_states_hold_nothing_medical(portal: Engine) -> None:
    world = build_world(portal)
    full_file(portal, world)
    token = _token(portal, role=Role.EMPLOYER_CONTACT, organisation_id=world.a.employers[0])
    plan = page_state(EmployerPlanState, token, url=f"{PAGE}/employer-plan?case={world.case}")
    call(plan, "load")
    case = page_state(EmployerCaseState, token, url=f"{PAGE}/employer-case?case={world.case}")
    call(case, "load")
    analysis = page_state(
        ProblemAnalysisState, token, url=f"{PAGE}/care-problem-analysis?case={world.case}"
    )
    call(analysis, "load")  # refused: not the employer's page
    assert plan.found and case.found and not analysis.found
    assert any("DOEL" in p.goals for p in plan.plans)
    done = {row.step: row.done for row in case.deadlines}
    assert done["problem_analysis"] and done["plan_of_action"]
    for state in (plan, case, analysis):
        for secret in (MEDICAL_CANARY, QUESTIONNAIRE_CANARY):
            assert secret not in _state_text(state)


def test_the_doctor_writes_the_medical_part_and_is_sent_to_the_feedback_page(
    portal: Engine,
) -> None:
    world = build_world(portal)
    token = _signed_in_doctor(portal, world)
    url = f"{PAGE}/care-problem-analysis?case={world.case}"
    state = page_state(ProblemAnalysisState, token, url=url)
    with Begins(portal) as begins:
        call(state, "load")
    assert begins.seen == 1 and state.found and not state.has_current
    call(state, "save", {"medical": "  "})
    assert state.field_error_key == "problem_analysis.error.required"
    with Begins(portal) as begins:
        call(state, "save", {"medical": MEDICAL_CANARY})
    assert begins.seen == 1 and state.notice_key == "problem_analysis.saved"
    assert state.has_current and state.medical == MEDICAL_CANARY and state.part == "draft"
    call(state, "save", {"medical": MEDICAL_CANARY + " aangevuld"})
    with Session(portal) as session:
        (document,) = session.exec(select(CaseDocument)).all()
    assert document.content.endswith("aangevuld") and document.feedback_id is not None
    other = page_state(
        ProblemAnalysisState, token, url=f"{PAGE}/care-problem-analysis?case={world.b.cases[0]}"
    )
    call(other, "load")
    assert not other.found and other.not_found_key == "problem_analysis.not_found"


def test_the_employee_answers_on_his_page(portal: Engine) -> None:
    world = build_world(portal)
    full_file(portal, world)
    with transaction(portal) as session:  # a second document waits for his answer
        plan = session.exec(select(CasePlan).where(CasePlan.kind == "evaluation")).one()
        plan_id, version = plan.id, plan.version
    token = _token(portal, employee_id=world.a.employees[0])
    state = page_state(MyPlanState, token, url=f"{PAGE}/my-plan")
    with Begins(portal) as begins:
        call(state, "load")
    assert begins.seen == 1 and state.has_case and state.has_report
    assert [c.plan_id for c in state.pending] == [str(plan_id)]
    assert len(state.analyses) == 1 and state.analyses[0].released != ""
    assert MEDICAL_CANARY not in _state_text(state)  # a link to his file, not its text
    answer = {"plan": str(plan_id), "version": str(version), "employee_view": "Prima."}
    call(state, "respond", {**answer, "agrees": "no", "employee_reason": ""})
    assert state.error_plan == str(plan_id) and state.reason_error != ""
    with Begins(portal) as begins:
        call(state, "respond", {**answer, "agrees": "yes", "employee_reason": ""})
    assert begins.seen == 1 and state.notice_key == "my_plan.answered" and state.pending == []
    other = page_state(MyPlanState, _token(portal, employee_id=world.a.employees[1]))
    call(other, "load")
    assert other.plans == [] and other.pending == [] and "DOEL" not in _state_text(other)
