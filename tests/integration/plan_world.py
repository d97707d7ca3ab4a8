"""The world the Poortwachter-document tests act in (issue 15 item 3): the two care teams
of ``care_world`` with an employer contact at each of team A's employers, and a helper that
runs a use case as an account in one transaction, as the runner would after its gate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select, update

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import Account, AuditEvent, SickLeaveCase
from kwportal.services.auth.actors import actor_for
from kwportal.services.mail import Mail
from kwportal.services.unit import Ctx, RoleRefused, gate_of
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.care_world import ACCESS, ORIGIN, Team, build

T = TypeVar("T")
#: the first sick day of team A's first case: problem analysis due 2026-02-15 (D + 41),
#: plan of action 2026-03-01 (D + 55), evaluations 2026-04-12, 2026-05-24, …
FIRST_DAY = date(2026, 1, 5)
WEEK_7 = datetime(2026, 2, 20, 10, 0, tzinfo=UTC)
WEEK_13 = datetime(2026, 4, 1, 10, 0, tzinfo=UTC)
MEDICAL_CANARY = "MEDISCH-PA-geheim"


@dataclass
class World:
    a: Team
    b: Team
    #: employer contact of team A's first employer (whose case is ``case``)
    boss: int
    #: employer contact of team A's second employer
    other_boss: int

    @property
    def case(self) -> int:
        return self.a.cases[0]

    @property
    def employee(self) -> int:
        return self.a.employee_accounts[0]

    @property
    def other_employee(self) -> int:
        return self.a.employee_accounts[1]


def build_world(engine: Engine) -> World:
    a, b = build(engine)
    with transaction(engine) as session:
        bosses = [
            factories.account(
                session,
                Role.EMPLOYER_CONTACT,
                organisation_id=org,
                email=f"hr{n}@werkgever.example",
                display_name=f"HR {n}",
            ).id
            for n, org in enumerate(a.employers)
        ]
        session.execute(
            update(SickLeaveCase)
            .where(col(SickLeaveCase.id).in_(a.cases))
            .values(sick_report_date=FIRST_DAY)
        )
    return World(a, b, bosses[0] or 0, bosses[1] or 0)


def act_as(
    engine: Engine, account_id: int, work: Callable[..., T], *args: Any, now: datetime = WEEK_7
) -> tuple[T, list[Mail]]:
    """``work`` as the account, in one transaction (rolled back when it raises), with the
    role check of the use case's gate; the mail it queued."""
    with transaction(engine) as session:
        account = session.get(Account, account_id)
        assert account is not None
        if account.role not in {str(r) for r in gate_of(work).roles}:
            raise RoleRefused(account.role)
        ctx = Ctx(access=ACCESS, now=now, secret=TEST_SECRET, origin=ORIGIN, session=session)
        result = work(actor_for(session, account), *args, ctx=ctx)
    return result, list(ctx.outbox)


def events(engine: Engine, event_type: str) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.event_type == event_type)))


GOALS = "DOEL-terug in eigen werk binnen acht weken."
EMPLOYEE_VIEW = "VISIE-werknemer: eerst ochtenden."
EVALUATION_GOALS = "VOORTGANG-halve dagen lukt."
ADVICE = "ADVIES-halve-dagen: start met halve dagen in het eigen werk."
QUESTIONNAIRE_CANARY = "MEDISCH-VRAGENLIJST-antwoord"


def full_file(engine: Engine, world: World) -> None:
    """A problem analysis whose employer part is released, a plan of action the employee
    answered, a sent evaluation, and a questionnaire answer — through the use cases."""
    from kwportal.models import QuestionnaireAnswer
    from kwportal.services.case import problem_analysis as pa
    from kwportal.services.employee import plan as my_plan
    from kwportal.services.employer import plan as plans
    from kwportal.services.employer.plan_form import ActionInput, PlanInput
    from kwportal.services.feedback import workspace
    from kwportal.services.feedback.editor import FeedbackForm

    doctor, boss, case = world.a.doctor, world.boss, world.case
    page, _ = act_as(engine, doctor, pa.do_save_problem_analysis, case, 0, "", MEDICAL_CANARY)
    assert page.current is not None and page.current.feedback_id is not None
    feedback_id = page.current.feedback_id
    form = FeedbackForm(levels={"working_hours": "limited"}, advice=ADVICE)
    saved, _ = act_as(engine, doctor, workspace.do_save_draft, case, feedback_id, 0, form)
    assert saved.draft is not None
    act_as(engine, doctor, workspace.do_release, case, feedback_id, saved.draft.version)
    action = ActionInput("Rooster aanpassen", "Teamleider", "2026-03-10", 0)
    started, _ = act_as(
        engine, boss, plans.do_start_plan, case, "plan_of_action", "2026-03-01", now=WEEK_13
    )
    assert started.draft is not None
    plan_input = PlanInput(GOALS, "VISIE-werkgever: aangepast rooster.", (action,))
    args = (case, started.draft.plan_id, 0, plan_input, True)
    act_as(engine, boss, plans.do_save_plan, *args, now=WEEK_13)
    mine, _ = act_as(engine, world.employee, my_plan.do_show_my_plans, now=WEEK_13)
    sent = mine.plans[0]
    act_as(
        engine,
        world.employee,
        my_plan.do_respond_to_plan,
        sent.plan_id,
        sent.version,
        EMPLOYEE_VIEW,
        "yes",
        "",
        now=WEEK_13,
    )
    evaluation, _ = act_as(
        engine, boss, plans.do_start_plan, case, "evaluation", "2026-04-12", now=WEEK_13
    )
    assert evaluation.draft is not None
    done = PlanInput(EVALUATION_GOALS, "Verder opbouwen.", ())
    act_as(
        engine, boss, plans.do_save_plan, case, evaluation.draft.plan_id, 0, done, True, now=WEEK_13
    )
    with transaction(engine) as session:
        session.add(
            QuestionnaireAnswer(
                employee_id=world.a.employees[0],
                case_id=case,
                questionnaire="intake",
                question="Klachten?",
                answer=QUESTIONNAIRE_CANARY,
            )
        )
