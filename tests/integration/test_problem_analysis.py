"""The problem analysis (issue 15 item 3): the doctor's medical part stays in the file, its
employer part is the feedback draft released through the one release flow, and the step is
done on the employer's calendar only once that part is released."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.domain.poortwachter import Step
from kwportal.models import CaseDocument, EmployerFeedback
from kwportal.services.case import problem_analysis as pa
from kwportal.services.employee import my_case
from kwportal.services.employer import case_screen
from kwportal.services.feedback import workspace
from kwportal.services.feedback.editor import FeedbackForm
from kwportal.services.unit import RoleRefused
from kwportal.services.views import PolicyDeniedError
from tests.integration.plan_world import (
    MEDICAL_CANARY,
    WEEK_13,
    World,
    act_as,
    build_world,
    events,
)

ADVICE = "ADVIES-halve-dagen: start met halve dagen in het eigen werk."


def write(engine: Engine, world: World, text: str = MEDICAL_CANARY) -> pa.ProblemAnalysisPage:
    page, _ = act_as(engine, world.a.doctor, pa.do_save_problem_analysis, world.case, 0, "", text)
    return page


def release_employer_part(engine: Engine, world: World, feedback_id: int) -> None:
    form = FeedbackForm(levels={"working_hours": "limited"}, advice=ADVICE)
    page, _ = act_as(
        engine, world.a.doctor, workspace.do_save_draft, world.case, feedback_id, 0, form
    )
    assert page.draft is not None
    act_as(
        engine,
        world.a.doctor,
        workspace.do_release,
        world.case,
        feedback_id,
        page.draft.version,
    )


def step_line(engine: Engine, world: World, step: Step) -> case_screen.StepLine:
    screen, _ = act_as(engine, world.boss, case_screen.do_show_case, world.case)
    return next(s for s in screen.deadlines if s.line.step is step)


def test_the_medical_part_stays_in_the_file_and_links_the_feedback_draft(engine: Engine) -> None:
    world = build_world(engine)
    page = write(engine, world)
    current = page.current
    assert current is not None and current.medical == MEDICAL_CANARY
    assert current.employer_part == pa.PART_DRAFT and current.feedback_id is not None
    with Session(engine) as session:
        document = session.exec(select(CaseDocument)).one()
        feedback = session.get(EmployerFeedback, current.feedback_id)
    assert document.kind == "problem_analysis" and document.case_id == world.case
    assert feedback is not None and feedback.status == "draft"
    # the care team's feedback page edits the very draft the analysis points at
    fb_page, _ = act_as(engine, world.a.doctor, workspace.do_open_draft, world.case)
    assert fb_page.draft is not None and fb_page.draft.feedback_id == current.feedback_id
    assert MEDICAL_CANARY not in repr(fb_page)
    assert len(events(engine, "problem_analysis_create")) == 1
    # the employee reads his own file: the document is his to download (WGBO art. 7:456)
    mine, _ = act_as(engine, world.employee, my_case.do_show_case)
    assert mine is not None and [d.kind for d in mine.documents] == ["problem_analysis"]


def test_done_on_the_calendar_only_once_the_employer_part_is_released(engine: Engine) -> None:
    world = build_world(engine)
    before = step_line(engine, world, Step.PROBLEM_ANALYSIS)
    page = write(engine, world)
    written = step_line(engine, world, Step.PROBLEM_ANALYSIS)
    assert page.current is not None and page.current.feedback_id is not None
    release_employer_part(engine, world, page.current.feedback_id)
    after = step_line(engine, world, Step.PROBLEM_ANALYSIS)
    assert (before.line.overdue, before.line.done) == (True, False)
    assert (written.line.overdue, written.line.done) == (True, False)  # medical part alone
    assert (after.line.overdue, after.line.done) == (False, True)
    assert not after.can_record and not before.can_record  # no tick box for it
    reread, _ = act_as(engine, world.a.doctor, pa.do_open_problem_analysis, world.case)
    assert reread.current is None and [x.released for x in reread.earlier] == [True]


def test_after_the_release_the_analysis_is_final_and_a_new_one_can_be_written(
    engine: Engine,
) -> None:
    world = build_world(engine)
    page = write(engine, world)
    assert page.current is not None and page.current.feedback_id is not None
    first = page.current
    release_employer_part(engine, world, first.feedback_id)
    with pytest.raises(pa.AnalysisError) as refused:
        act_as(
            engine,
            world.a.doctor,
            pa.do_save_problem_analysis,
            world.case,
            first.document_id,
            first.stamp,
            "Gewijzigd",
        )
    assert refused.value.code == "problem_analysis.error.final"
    again = write(engine, world, "MEDISCH-bijgesteld")
    assert again.current is not None and again.current.document_id != first.document_id
    assert again.current.feedback_id not in (None, first.feedback_id)


@pytest.mark.parametrize(
    ("text", "code"),
    [("   ", "problem_analysis.error.required"), ("x" * 20_001, "problem_analysis.error.too_long")],
)
def test_bad_input_writes_nothing(engine: Engine, text: str, code: str) -> None:
    world = build_world(engine)
    with pytest.raises(pa.AnalysisError) as refused:
        write(engine, world, text)
    assert refused.value.code == code
    with Session(engine) as session:
        assert session.exec(select(CaseDocument)).all() == []
        assert session.exec(select(EmployerFeedback)).all() == []


def test_a_stale_save_is_refused(engine: Engine) -> None:
    world = build_world(engine)
    page = write(engine, world)
    assert page.current is not None
    current = page.current
    args = (world.case, current.document_id, current.stamp)
    save = pa.do_save_problem_analysis
    act_as(engine, world.a.doctor, save, *args, "Versie twee", now=WEEK_13)
    with pytest.raises(pa.AnalysisError) as refused:  # a second save from the same version
        act_as(engine, world.a.doctor, save, *args, "Versie drie")
    assert refused.value.code == "problem_analysis.error.stale"
    with pytest.raises(pa.AnalysisError):
        write(engine, world, "Een tweede terwijl de eerste open is")


def test_roles_and_scope(engine: Engine) -> None:
    world = build_world(engine)
    write(engine, world)
    with pytest.raises(PolicyDeniedError):  # another team's doctor
        act_as(engine, world.b.doctor, pa.do_open_problem_analysis, world.case)
    with pytest.raises(PolicyDeniedError):
        act_as(engine, world.b.doctor, pa.do_save_problem_analysis, world.case, 0, "", "x")
    for account in (world.a.case_manager, world.boss, world.employee):
        with pytest.raises(RoleRefused):
            act_as(engine, account, pa.do_open_problem_analysis, world.case)
    with pytest.raises(RoleRefused):  # a team member reads it, the doctor writes it
        act_as(engine, world.a.member, pa.do_save_problem_analysis, world.case, 0, "", "x")
    read, _ = act_as(engine, world.a.member, pa.do_open_problem_analysis, world.case)
    assert read.current is not None
    with Session(engine) as session:
        assert len(session.exec(select(CaseDocument)).all()) == 1
