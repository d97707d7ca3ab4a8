"""The plan of action, its evaluations and the employee's view (issue 15 item 3): the
employer writes and sends, the employee answers once; bad input is refused at its field
with nothing written; other employers and other employees reach nothing; and the step is
done on the employer's calendar because the document was sent, not because of a tick box."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.domain.poortwachter import Step
from kwportal.models import CasePlan, PlanAction, StepCompletion
from kwportal.services.employee import plan as my_plan
from kwportal.services.employer import case_screen
from kwportal.services.employer import plan as plans
from kwportal.services.employer.plan_form import ActionInput, PlanError, PlanInput
from kwportal.services.employer.step_completion import StepError
from kwportal.services.mail import Mail
from kwportal.services.unit import RoleRefused
from kwportal.services.views import PolicyDeniedError
from tests.integration.plan_world import WEEK_7, WEEK_13, World, act_as, build_world, events

PLAN_DUE = date(2026, 3, 1)
FIRST_EVALUATION = date(2026, 4, 12)
GOOD = PlanInput(
    goals="DOEL-terug in eigen werk binnen acht weken.",
    employer_view="VISIE-werkgever: aangepast rooster, eerst ochtenden.",
    actions=(ActionInput("Rooster aanpassen", "Teamleider", "2026-03-10", 0),),
)


def start(
    engine: Engine,
    world: World,
    kind: str = "plan_of_action",
    due: date = PLAN_DUE,
    now: datetime = WEEK_7,
) -> plans.PlanView:
    page, _ = act_as(
        engine, world.boss, plans.do_start_plan, world.case, kind, due.isoformat(), now=now
    )
    assert page.draft is not None
    return page.draft


def save(
    engine: Engine,
    world: World,
    draft: plans.PlanView,
    form: PlanInput,
    submit: bool,
    now: datetime = WEEK_7,
) -> tuple[plans.EmployerPlanPage, list[Mail]]:
    return act_as(
        engine,
        world.boss,
        plans.do_save_plan,
        world.case,
        draft.plan_id,
        draft.version,
        form,
        submit,
        now=now,
    )


def plan_rows(engine: Engine) -> list[CasePlan]:
    with Session(engine) as session:
        return list(session.exec(select(CasePlan)))


def step(
    engine: Engine, world: World, which: Step, due: date, now: datetime = WEEK_7
) -> tuple[bool, bool]:
    screen, _ = act_as(engine, world.boss, case_screen.do_show_case, world.case, now=now)
    line = next(s.line for s in screen.deadlines if s.line.step is which and s.line.due == due)
    return line.overdue, line.done


def test_the_employer_writes_and_sends_the_plan_and_the_step_is_done(engine: Engine) -> None:
    world = build_world(engine)
    draft = start(engine, world)
    page, mails = save(engine, world, draft, GOOD, False)
    assert mails == [] and page.draft is not None and page.draft.version == 1
    assert [a.owner for a in page.draft.actions] == ["Teamleider"]
    assert step(engine, world, Step.PLAN_OF_ACTION, PLAN_DUE) == (False, False)  # a draft
    # the employee does not see a draft
    mine, _ = act_as(engine, world.employee, my_plan.do_show_my_plans)
    assert mine.plans == ()
    page, mails = save(engine, world, page.draft, GOOD, True)
    assert page.draft is None and [p.status for p in page.plans] == ["submitted"]
    assert [m.to for m in mails] == ["wA0@example.test"]
    assert "DOEL" not in mails[0].body and "Persoon" not in mails[0].body  # content-free
    assert step(engine, world, Step.PLAN_OF_ACTION, PLAN_DUE) == (False, True)
    assert page.has_report
    assert len(events(engine, "case_plan_submitted")) == 1


def test_the_employee_adds_his_view_and_the_document_is_final(engine: Engine) -> None:
    world = build_world(engine)
    draft = start(engine, world)
    save(engine, world, draft, GOOD, True)
    mine, _ = act_as(engine, world.employee, my_plan.do_show_my_plans)
    sent = mine.plans[0]
    assert sent.goals == GOOD.goals and sent.status == "submitted"
    args = (sent.plan_id, sent.version, "Ik wil graag starten.", "no")
    with pytest.raises(PlanError) as refused:  # disagreeing without a reason
        act_as(engine, world.employee, my_plan.do_respond_to_plan, *args, "")
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("employee_reason", "my_plan.error.reason")
    ]
    assert plan_rows(engine)[0].status == "submitted"
    page, mails = act_as(
        engine, world.employee, my_plan.do_respond_to_plan, *args, "Ochtenden is te vroeg."
    )
    answered = page.plans[0]
    assert (answered.status, answered.employee_agrees) == ("disagreed", False)
    assert answered.employee_reason == "Ochtenden is te vroeg."
    assert [m.to for m in mails] == ["hr0@werkgever.example"]
    assert "Ochtenden" not in mails[0].body
    with pytest.raises(PlanError) as again:
        act_as(
            engine,
            world.employee,
            my_plan.do_respond_to_plan,
            sent.plan_id,
            answered.version,
            "",
            "yes",
            "",
        )
    assert again.value.errors[0].code == "my_plan.error.final"
    # the employer reads both views
    employer_page, _ = act_as(engine, world.boss, plans.do_open_plans, world.case)
    assert employer_page.plans[0].employee_view == "Ik wil graag starten."


def test_health_words_are_refused_at_their_field(engine: Engine) -> None:
    world = build_world(engine)
    draft = start(engine, world)
    flagged = PlanInput(
        goals="Herstel van de burn-out.",
        employer_view="Geen oxazepam op het werk.",
        actions=GOOD.actions,
    )
    with pytest.raises(PlanError) as refused:
        save(engine, world, draft, flagged, False)
    found = {(e.field, e.code, e.terms) for e in refused.value.errors}
    assert found == {
        ("goals", "plan.error.medical", ("burn-out",)),
        ("employer_view", "plan.error.medical", ("oxazepam",)),
    }
    save(engine, world, draft, GOOD, True)
    sent = act_as(engine, world.employee, my_plan.do_show_my_plans)[0].plans[0]
    with pytest.raises(PlanError) as mine:
        act_as(
            engine,
            world.employee,
            my_plan.do_respond_to_plan,
            sent.plan_id,
            sent.version,
            "Mijn depressie maakt het zwaar.",
            "yes",
            "",
        )
    assert [(e.field, e.code) for e in mine.value.errors] == [
        ("employee_view", "my_plan.error.medical")
    ]
    assert plan_rows(engine)[0].employee_view == ""


@pytest.mark.parametrize(
    ("form", "submit", "errors"),
    [
        (
            PlanInput("Doel", "Visie", (ActionInput("Rooster aanpassen", "", "2026-03-10", 0),)),
            False,
            [("owner_0", "plan.error.owner")],
        ),
        (
            PlanInput("Doel", "Visie", (ActionInput("", "Teamleider", "10-03-2026", 2),)),
            False,
            [("description_2", "plan.error.description"), ("due_2", "plan.error.due")],
        ),
        (PlanInput("Doel", "Visie", ()), True, [("actions", "plan.error.no_action")]),
        (
            PlanInput("", "", GOOD.actions),
            True,
            [("goals", "plan.error.goals"), ("employer_view", "plan.error.employer_view")],
        ),
        (PlanInput("x" * 5001, "", ()), False, [("goals", "plan.error.too_long")]),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    engine: Engine, form: PlanInput, submit: bool, errors: list[tuple[str, str]]
) -> None:
    world = build_world(engine)
    draft = start(engine, world)
    with pytest.raises(PlanError) as refused:
        save(engine, world, draft, form, submit)
    assert [(e.field, e.code) for e in refused.value.errors] == errors
    (row,) = plan_rows(engine)
    assert (row.version, row.status, row.goals) == (0, "draft", "")
    with Session(engine) as session:
        assert session.exec(select(PlanAction)).all() == []


def test_two_editors_the_stale_save_is_refused(engine: Engine) -> None:
    world = build_world(engine)
    draft = start(engine, world)
    save(engine, world, draft, GOOD, False)
    with pytest.raises(PlanError) as refused:
        save(engine, world, draft, PlanInput("Ander doel"), False)
    assert refused.value.errors[0].code == "plan.error.stale"
    assert plan_rows(engine)[0].goals == GOOD.goals


def test_other_employers_and_other_employees_reach_nothing(engine: Engine) -> None:
    world = build_world(engine)
    draft = start(engine, world)
    with pytest.raises(PolicyDeniedError):
        act_as(engine, world.other_boss, plans.do_open_plans, world.case)
    with pytest.raises(PolicyDeniedError):
        act_as(
            engine, world.other_boss, plans.do_save_plan, world.case, draft.plan_id, 0, GOOD, True
        )
    other_case = world.a.cases[1]
    with pytest.raises(PlanError):  # his own case, another case's plan id
        act_as(
            engine, world.other_boss, plans.do_save_plan, other_case, draft.plan_id, 0, GOOD, True
        )
    with pytest.raises(RoleRefused):
        act_as(engine, world.employee, plans.do_open_plans, world.case)
    with pytest.raises(RoleRefused):
        act_as(engine, world.a.doctor, plans.do_start_plan, world.case, "plan_of_action", "")
    save(engine, world, draft, GOOD, True)
    theirs, _ = act_as(engine, world.other_employee, my_plan.do_show_my_plans)
    assert theirs.plans == ()
    with pytest.raises(PlanError) as refused:
        act_as(
            engine,
            world.other_employee,
            my_plan.do_respond_to_plan,
            draft.plan_id,
            1,
            "Eens",
            "yes",
            "",
        )
    assert refused.value.errors[0].code == "plan.error.unknown"
    row = plan_rows(engine)[0]
    assert (row.status, row.employee_view) == ("submitted", "")


def test_an_evaluation_answers_its_own_due_date(engine: Engine) -> None:
    world = build_world(engine)
    page, _ = act_as(engine, world.boss, plans.do_open_plans, world.case, now=WEEK_13)
    assert [o.kind for o in page.can_start] == ["plan_of_action"]  # no plan sent yet
    save(engine, world, start(engine, world, now=WEEK_13), GOOD, True, now=WEEK_13)
    page, _ = act_as(engine, world.boss, plans.do_open_plans, world.case, now=WEEK_13)
    assert ("evaluation", FIRST_EVALUATION) in {(o.kind, o.due) for o in page.can_start}
    assert all(o.due <= date(2026, 5, 13) for o in page.can_start)
    evaluation = start(engine, world, "evaluation", FIRST_EVALUATION, now=WEEK_13)
    evaluated = PlanInput("Voortgang: halve dagen lukt.", "Verder opbouwen.", ())
    save(engine, world, evaluation, evaluated, True, now=WEEK_13)
    assert step(engine, world, Step.EVALUATION, FIRST_EVALUATION, now=WEEK_13) == (False, True)
    assert step(engine, world, Step.EVALUATION, date(2026, 5, 24), now=WEEK_13) == (False, False)
    with pytest.raises(PlanError) as twice:
        start(engine, world, "evaluation", FIRST_EVALUATION, now=WEEK_13)
    assert twice.value.errors[0].code == "plan.error.cannot_start"


def test_a_document_step_has_no_tick_box(engine: Engine) -> None:
    world = build_world(engine)
    screen, _ = act_as(engine, world.boss, case_screen.do_show_case, world.case, now=WEEK_13)
    by_step = {s.line.step: s for s in screen.deadlines}
    assert not by_step[Step.PLAN_OF_ACTION].can_record
    with pytest.raises(StepError) as refused:
        act_as(
            engine,
            world.boss,
            case_screen.do_record_step,
            world.case,
            "plan_of_action",
            PLAN_DUE.isoformat(),
            "2026-02-27",
            now=WEEK_13,
        )
    assert refused.value.code == "steps.error.by_document"
    with Session(engine) as session:
        assert session.exec(select(StepCompletion)).all() == []
