"""The employer's Poortwachter deadlines for a batch of cases, read through the policy.

The calendar counts over *all* of the employee's absences up to the case (BW art. 7:629
lid 10: absences less than four weeks apart count together), so it reads every case of the
employees in the batch in one query, never one per case.

A step written as a document is done when its document says so, never by a tick box
(issue 15 item 3): the problem analysis once its employer part is released (that is what
the employer sees and acts on; services/case/problem_analysis.py), the plan of action, each
evaluation and the first-year evaluation once the employer sent it to the employee
(services/employer/plan.py). The acts without a document in the portal — the 42nd-week
report to UWV and the WIA application — are done when someone recorded them
(``step_completion``, services/employer/step_completion.py). A past step without either
shows as overdue. Evaluations recur, so a document or record counts for its own due date
only.

Maternity leave is not recorded in the portal, so ``pregnancy_related`` (absence_health, which
the employer may not see) would change nothing here and is not read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Select
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain import poortwachter
from kwportal.domain.holidays import next_working_day_after
from kwportal.domain.policy import Actor, Subject
from kwportal.domain.poortwachter import Absence, Step
from kwportal.models import (
    CaseDocument,
    CasePlan,
    EmployerFeedback,
    SickLeaveCase,
    StepCompletion,
)
from kwportal.services.views import project

ABSENCE_COLUMNS = {
    "id": "sick_leave_case.id",
    "employee_id": "sick_leave_case.employee_id",
    "organisation_id": "sick_leave_case.organisation_id",
    "sick_report_date": "sick_leave_case.sick_report_date",
    "recovery_date": "sick_leave_case.recovery_date",
}
DOCUMENT_COLUMNS = {"case_id": "case_document.case_id", "kind": "case_document.kind"}
RELEASE_COLUMNS = {"status": "employer_feedback.status"}
PLAN_COLUMNS = {
    "case_id": "case_plan.case_id",
    "kind": "case_plan.kind",
    "due": "case_plan.due",
    "status": "case_plan.status",
}
COMPLETION_COLUMNS = {
    "case_id": "step_completion.case_id",
    "step": "step_completion.step",
    "due": "step_completion.due",
}
#: a recorded step counts for any due date of its count, except the recurring evaluations
RECURRING_STEPS = frozenset({Step.EVALUATION})

#: the steps a document in the portal makes done (Regeling procesgang eerste en tweede
#: ziektejaar); a recorded completion of one of these counts for nothing
DONE_BY_DOCUMENT = frozenset(
    {Step.PROBLEM_ANALYSIS, Step.PLAN_OF_ACTION, Step.EVALUATION, Step.FIRST_YEAR_EVALUATION}
)
#: the problem analysis: the document whose employer part reached the employer
ANALYSIS_KIND = "problem_analysis"
RELEASED = "released"
#: a plan document counts once it left the employer's drafts
PLAN_SENT = ("submitted", "agreed", "disagreed")


@dataclass(frozen=True, slots=True)
class DeadlineLine:
    """One legal step: dates only, never a reason (BRIEF.md, Poortwachter)."""

    step: Step
    due: date
    week: int
    overdue: bool
    done: bool
    #: how many days a late step is past its date (0 when not late)
    days_late: int = 0
    #: the step to take next (:func:`next_deadline`): what the pages put first
    is_next: bool = False


@dataclass(frozen=True, slots=True)
class _Absence:
    case_id: int
    sick_report_date: date
    recovery_date: date | None

    def as_domain(self) -> Absence:
        """``recovery_date`` is the first day fit again; the domain wants the last sick day."""
        if self.recovery_date is None:
            return Absence(self.sick_report_date)
        return Absence(self.sick_report_date, max(self.sick_report_date, self.recovery_date - _DAY))


_DAY = timedelta(days=1)


def deadlines_for_cases(
    actor: Actor, case_ids: Iterable[int], *, session: Session, today: date
) -> dict[int, tuple[DeadlineLine, ...]]:
    """Every deadline of the count each case belongs to, keyed by case id."""
    wanted = set(case_ids)
    if not wanted:
        return {}
    by_employee, employee_of, done = _read(actor, session, wanted)
    result: dict[int, tuple[DeadlineLine, ...]] = {}
    for case_id in wanted & employee_of.keys():
        absences = by_employee[employee_of[case_id].employee_id]
        result[case_id] = _lines(case_id, absences, done, today)
    return result


@dataclass(frozen=True, slots=True)
class NextStep:
    """What a list of cases needs of one: the step to take next, and how many are late."""

    line: DeadlineLine | None
    late: int = 0


def next_step_of(lines: Iterable[DeadlineLine], today: date) -> NextStep:
    steps = tuple(lines)
    return NextStep(next_deadline(steps, today), sum(1 for line in steps if line.overdue))


def next_steps_for_cases(
    actor: Actor,
    case_ids: Iterable[int],
    *,
    session: Session,
    today: date,
    among: Select[Any] | None = None,
) -> dict[int, NextStep]:
    """Only the step to take next per case and the number late, for ordering many cases:
    a lone open absence (most cases) walks the schedule only as far as today; any other
    count takes the whole calendar (:func:`deadlines_for_cases`).

    ``among``: the same cases as a query of their ids (the overview's conditions), so the
    statements carry that query and not hundreds of ids: a literal list of 500 ids made
    rendering and converting the SQL over half of the overview's CPU (benchmarks/scale.py)."""
    wanted = set(case_ids)
    if not wanted:
        return {}
    by_employee, employee_of, done = _read(actor, session, wanted, among)
    result: dict[int, NextStep] = {}
    for case_id in wanted & employee_of.keys():
        absences = by_employee[employee_of[case_id].employee_id]
        if len(absences) == 1 and absences[0].recovery_date is None:
            first_day = absences[0].sick_report_date
            result[case_id] = lone_next_step(first_day, done.get(case_id, set()), today)
        else:
            result[case_id] = next_step_of(_lines(case_id, absences, done, today), today)
    return result


def lone_next_step(first_day: date, done: set[_Done], today: date) -> NextStep:
    """:func:`next_step_of` for one unbroken open absence without the whole calendar: a step
    due in week N falls on D + 7N − 1, the UWV report on the first working day after
    (poortwachter.calendar; tests/unit/test_next_step.py holds the two equal)."""
    chosen: DeadlineLine | None = None
    late = 0
    for week, step, due in _lone_schedule(first_day):
        if (step, None) in done or (step, due) in done:
            continue
        if due >= today:
            if chosen is None:
                chosen = DeadlineLine(step, due, week, False, False, 0, is_next=True)
            break
        late += 1
        if chosen is None:
            chosen = DeadlineLine(step, due, week, True, False, (today - due).days, is_next=True)
    return NextStep(chosen, late)


@lru_cache(maxsize=4096)
def _lone_schedule(first_day: date) -> tuple[tuple[int, Step, date], ...]:
    """The employer's steps of one unbroken absence from ``first_day``: (week, step, due)."""
    steps = []
    for week, step in poortwachter.SCHEDULE:
        if step in poortwachter.INFORMATIONAL_STEPS:
            continue
        anchor = first_day + (poortwachter.DAYS_PER_WEEK * week - 1) * _DAY
        due = next_working_day_after(anchor) if step is Step.UWV_SICK_REPORT else anchor
        steps.append((week, step, due))
    return tuple(steps)


def _read(
    actor: Actor, session: Session, wanted: set[int], among: Select[Any] | None = None
) -> tuple[dict[int, list[_Absence]], dict[int, Subject], dict[int, set[_Done]]]:
    """Every absence of the cases' employees, whose each case is, and the steps taken.
    The ids go to the database once at most (``among``: not even once); the steps taken
    are read for the employees' cases by a subquery, not by a list of their ids."""
    cases = among if among is not None else wanted
    owners = select(SickLeaveCase.employee_id).where(col(SickLeaveCase.id).in_(cases))
    rows = session.execute(
        select_rows(
            col(SickLeaveCase.id),
            col(SickLeaveCase.employee_id),
            col(SickLeaveCase.organisation_id),
            col(SickLeaveCase.sick_report_date),
            col(SickLeaveCase.recovery_date),
        ).where(col(SickLeaveCase.employee_id).in_(owners))
    ).all()
    by_employee: dict[int, list[_Absence]] = defaultdict(list)
    employee_of: dict[int, Subject] = {}
    for row in rows:
        values = project(actor, Subject(row.employee_id, row.organisation_id), row, ABSENCE_COLUMNS)
        by_employee[values["employee_id"]].append(
            _Absence(values["id"], values["sick_report_date"], values["recovery_date"])
        )
        employee_of[values["id"]] = Subject(values["employee_id"], values["organisation_id"])
    counted = select(SickLeaveCase.id).where(col(SickLeaveCase.employee_id).in_(owners))
    return by_employee, employee_of, _done_steps(actor, session, employee_of, counted)


def next_deadline(lines: Iterable[DeadlineLine], today: date) -> DeadlineLine | None:
    """The step the employer must take next: the earliest late one while any is late (a
    future step is never "next" while an earlier one waits), else the first still to come
    (informational steps aside; issue 18 item 5)."""
    return next(
        (
            line
            for line in lines
            if (line.overdue or line.due >= today)
            and not line.done
            and line.step not in poortwachter.INFORMATIONAL_STEPS
        ),
        None,
    )


def urgency(line: DeadlineLine | None) -> tuple[int, int]:
    """The overview's order (issue 18 item 5): late steps first, the latest of them first;
    then the soonest due; a case without a step to take last. Smaller sorts first."""
    if line is None:
        return (2, 0)
    if line.overdue:
        return (0, -line.days_late)
    return (1, line.due.toordinal())


_Done = tuple[Step, date | None]
"""A step taken: with its due date for recurring steps, else None (any due date)."""


def _done_steps(
    actor: Actor, session: Session, subjects: Mapping[int, Subject], counted: Select[Any]
) -> dict[int, set[_Done]]:
    """``counted``: the ids of ``subjects``' cases as a query. A row of a case that is not
    among ``subjects`` (made after they were read) counts for nothing."""
    done: dict[int, set[_Done]] = defaultdict(set)
    for case_id, step, due in (
        *_released_analyses(actor, session, subjects, counted),
        *_sent_plans(actor, session, subjects, counted),
        *_recorded(actor, session, subjects, counted),
    ):
        done[case_id].add((step, due if step in RECURRING_STEPS else None))
    return done


_Taken = tuple[int, Step, date | None]


def _released_analyses(
    actor: Actor, session: Session, subjects: Mapping[int, Subject], counted: Select[Any]
) -> list[_Taken]:
    rows = session.execute(
        select_rows(col(CaseDocument.case_id), col(CaseDocument.kind), col(EmployerFeedback.status))
        .join(EmployerFeedback, col(EmployerFeedback.id) == col(CaseDocument.feedback_id))
        .where(
            col(CaseDocument.case_id).in_(counted),
            col(CaseDocument.kind) == ANALYSIS_KIND,
            col(EmployerFeedback.status) == RELEASED,
        )
    ).all()
    taken: list[_Taken] = []
    for row in rows:
        if (subject := subjects.get(row.case_id)) is None:
            continue
        values = project(actor, subject, row, DOCUMENT_COLUMNS)
        project(actor, subject, row, RELEASE_COLUMNS, released=True)
        taken.append((values["case_id"], Step.PROBLEM_ANALYSIS, None))
    return taken


def _sent_plans(
    actor: Actor, session: Session, subjects: Mapping[int, Subject], counted: Select[Any]
) -> list[_Taken]:
    rows = session.execute(
        select_rows(
            col(CasePlan.case_id), col(CasePlan.kind), col(CasePlan.due), col(CasePlan.status)
        ).where(col(CasePlan.case_id).in_(counted), col(CasePlan.status).in_(PLAN_SENT))
    ).all()
    taken: list[_Taken] = []
    for row in rows:
        if (subject := subjects.get(row.case_id)) is None:
            continue
        values = project(actor, subject, row, PLAN_COLUMNS)
        taken.append((values["case_id"], Step(values["kind"]), values["due"]))
    return taken


def _recorded(
    actor: Actor, session: Session, subjects: Mapping[int, Subject], counted: Select[Any]
) -> list[_Taken]:
    rows = session.execute(
        select_rows(
            col(StepCompletion.case_id), col(StepCompletion.step), col(StepCompletion.due)
        ).where(col(StepCompletion.case_id).in_(counted))
    ).all()
    taken: list[_Taken] = []
    for row in rows:
        if (subject := subjects.get(row.case_id)) is None:
            continue
        values = project(actor, subject, row, COMPLETION_COLUMNS)
        step = Step(values["step"])
        if step not in DONE_BY_DOCUMENT:
            taken.append((values["case_id"], step, values["due"]))
    return taken


def _lines(
    case_id: int, absences: list[_Absence], done: Mapping[int, set[_Done]], today: date
) -> tuple[DeadlineLine, ...]:
    this = next(a for a in absences if a.case_id == case_id)
    earlier = sorted(
        (a for a in absences if a.sick_report_date <= this.sick_report_date),
        key=lambda a: a.sick_report_date,
    )
    try:
        calendar = poortwachter.calendar([a.as_domain() for a in earlier], today=today)
    except ValueError:  # overlapping or doubly open cases: count this absence on its own
        earlier = [this]
        calendar = poortwachter.calendar([this.as_domain()], today=today)
    first = calendar.first_sick_day
    in_count = [a.case_id for a in earlier if first is not None and a.sick_report_date >= first]
    steps_done: set[_Done] = set()
    for counted in in_count:
        steps_done |= done.get(counted, set())
    lines = []
    for d in calendar.deadlines:
        taken = (d.step, None) in steps_done or (d.step, d.due) in steps_done
        late = d.overdue and not taken
        days = max(0, (today - d.due).days) if late else 0
        lines.append(DeadlineLine(d.step, d.due, d.week, late, taken, days))
    chosen = next_deadline(lines, today)
    return tuple(replace(line, is_next=True) if line is chosen else line for line in lines)
