"""Demo Poortwachter documents made the way the pages make them (issue 15 items 3 and 9):
the doctor writes a problem analysis (its medical part carries a ``MEDISCH-`` canary: it
stays in the file, and the e2e leak tests look for it on every employer frame) and releases
its employer part through the feedback flow; the employer writes the plan of action with
its actions and sends it; the employee adds his view; the employer sends the first
evaluation. Every record goes through the pages' own use cases via
:func:`kwportal.services.demo.acting.act`, each at the moment it would have happened; a
moment still to come is left out, so the demo case keeps a realistic calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from kwportal.models import Account
from kwportal.services.case import problem_analysis
from kwportal.services.demo.acting import act
from kwportal.services.employee import plan as my_plan
from kwportal.services.employer import plan as plans
from kwportal.services.employer.plan_form import ActionInput, PlanInput
from kwportal.services.feedback import workspace
from kwportal.services.feedback.editor import FeedbackForm

#: days after the first sick day (day 1) on which each act happens: before its deadline
#: (the problem analysis is due on D + 41, the plan of action D + 55, the first evaluation
#: D + 97: BRIEF.md "The employer's legal calendar")
ANALYSIS_DAY, PLAN_DAY, ANSWER_DAY, EVALUATION_DAY = 38, 50, 53, 94


def _at(first_day: date, days: int) -> datetime:
    return datetime.combine(first_day + timedelta(days=days), time(10), tzinfo=UTC)


def _analysis(session: Session, doctor: Account, case_id: int, at: datetime, secret: str) -> None:
    page = act(
        session,
        doctor,
        problem_analysis.do_save_problem_analysis,
        case_id,
        0,
        "",
        f"MEDISCH-PA{case_id} klachten na overbelasting; behandeling via huisarts; "
        "prognose: gedeeltelijke hervatting binnen zes weken.",
        now=at,
        secret=secret,
    )
    assert page.current is not None and page.current.feedback_id is not None
    feedback_id = page.current.feedback_id
    form = FeedbackForm(
        levels={"working_hours": "limited", "dynamic_movements": "limited"},
        notes={"working_hours": "halve dagen"},
        expected_period="4 tot 6 weken",
        incapacity_degree="gedeeltelijk",
        advice="Start met halve dagen in het eigen werk; bouw elke twee weken op.",
    )
    saved = act(
        session,
        doctor,
        workspace.do_save_draft,
        case_id,
        feedback_id,
        0,
        form,
        now=at,
        secret=secret,
    )
    assert saved.draft is not None
    act(
        session,
        doctor,
        workspace.do_release,
        case_id,
        feedback_id,
        saved.draft.version,
        now=at + timedelta(hours=2),
        secret=secret,
    )


def _send(
    session: Session,
    employer: Account,
    case_id: int,
    kind: str,
    form: PlanInput,
    at: datetime,
    secret: str,
) -> None:
    """Start the first step of ``kind`` the plan page offers at ``at`` and send it."""
    opened = act(session, employer, plans.do_open_plans, case_id, now=at, secret=secret)
    due = next(o.due for o in opened.can_start if o.kind == kind)
    page = act(
        session,
        employer,
        plans.do_start_plan,
        case_id,
        kind,
        due.isoformat(),
        now=at,
        secret=secret,
    )
    assert page.draft is not None
    act(
        session,
        employer,
        plans.do_save_plan,
        case_id,
        page.draft.plan_id,
        page.draft.version,
        form,
        True,
        now=at + timedelta(minutes=30),
        secret=secret,
    )


def seed_case_documents(
    session: Session,
    *,
    doctor: Account,
    employer: Account,
    employee: Account,
    case_id: int,
    first_day: date,
    today: date,
    secret: str,
) -> None:
    """The documents of one open case whose first sick day is ``first_day``: ``doctor``
    is the company doctor of the team serving the employer, ``employer`` a contact of the
    case's organisation, ``employee`` the account linked to the sick employee."""
    if first_day + timedelta(days=ANALYSIS_DAY) > today:
        return
    _analysis(session, doctor, case_id, _at(first_day, ANALYSIS_DAY), secret)
    if first_day + timedelta(days=ANSWER_DAY) > today:
        return
    actions = (
        ActionInput("Rooster aanpassen: halve dagen", "Teamleider", _iso(first_day, 60), 0),
        ActionInput("Gesprek over taken die nu gaan", "HR-adviseur", _iso(first_day, 70), 1),
    )
    plan_form = PlanInput(
        "Binnen acht weken weer volledig aan het werk in de eigen functie.",
        "Wij verwachten een stapsgewijze terugkeer; het team vangt de zware taken op.",
        actions,
    )
    _send(session, employer, case_id, "plan_of_action", plan_form, _at(first_day, PLAN_DAY), secret)
    mine = act(
        session, employee, my_plan.do_show_my_plans, now=_at(first_day, ANSWER_DAY), secret=secret
    )
    sent = mine.plans[0]
    act(
        session,
        employee,
        my_plan.do_respond_to_plan,
        sent.plan_id,
        sent.version,
        "Ik wil graag eerst de ochtenden werken.",
        "yes",
        "",
        now=_at(first_day, ANSWER_DAY),
        secret=secret,
    )
    if first_day + timedelta(days=EVALUATION_DAY) > today:
        return
    evaluation = PlanInput(
        "Halve dagen lukken; de volgende stap is vier uur per dag.",
        "Het gaat goed; we bouwen verder op.",
        (ActionInput("Uren uitbreiden naar vier per dag", "Teamleider", _iso(first_day, 110), 0),),
    )
    at = _at(first_day, EVALUATION_DAY)
    _send(session, employer, case_id, "evaluation", evaluation, at, secret)


def _iso(first_day: date, days: int) -> str:
    return (first_day + timedelta(days=days)).isoformat()
