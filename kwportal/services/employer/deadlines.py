"""The employer's Poortwachter deadlines for a batch of cases, read through the policy.

The calendar counts over *all* of the employee's absences up to the case (BW art. 7:629
lid 10: absences less than four weeks apart count together), so it reads every case of the
employees in the batch in one query, never one per case. A step is taken as done only when
the case file holds its document (problem analysis, plan of action) or someone recorded it
(``step_completion``, see services/step_completion.py); a past step without either shows as
overdue. Evaluations recur, so a recorded evaluation counts for its own due date only.

Maternity leave is not recorded in the portal, so ``pregnancy_related`` (absence_health, which
the employer may not see) would change nothing here and is not read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain import poortwachter
from kwportal.domain.policy import Actor, Subject
from kwportal.domain.poortwachter import Absence, Step
from kwportal.models import CaseDocument, SickLeaveCase, StepCompletion
from kwportal.services.views import project

ABSENCE_COLUMNS = {
    "id": "sick_leave_case.id",
    "employee_id": "sick_leave_case.employee_id",
    "organisation_id": "sick_leave_case.organisation_id",
    "sick_report_date": "sick_leave_case.sick_report_date",
    "recovery_date": "sick_leave_case.recovery_date",
}
DOCUMENT_COLUMNS = {"case_id": "case_document.case_id", "kind": "case_document.kind"}
COMPLETION_COLUMNS = {
    "case_id": "step_completion.case_id",
    "step": "step_completion.step",
    "due": "step_completion.due",
}
#: a recorded step counts for any due date of its count, except the recurring evaluations
RECURRING_STEPS = frozenset({Step.EVALUATION})

#: the case document that shows a step was taken (Regeling procesgang eerste en tweede ziektejaar)
DONE_BY_DOCUMENT = {
    "problem_analysis": Step.PROBLEM_ANALYSIS,
    "plan_of_action": Step.PLAN_OF_ACTION,
}


@dataclass(frozen=True, slots=True)
class DeadlineLine:
    """One legal step: dates only, never a reason (BRIEF.md, Poortwachter)."""

    step: Step
    due: date
    week: int
    overdue: bool
    done: bool


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
    owners = select(SickLeaveCase.employee_id).where(col(SickLeaveCase.id).in_(wanted))
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
    done = _done_steps(actor, session, employee_of)
    result: dict[int, tuple[DeadlineLine, ...]] = {}
    for case_id in wanted & employee_of.keys():
        absences = by_employee[employee_of[case_id].employee_id]
        result[case_id] = _lines(case_id, absences, done, today)
    return result


def next_deadline(lines: Iterable[DeadlineLine], today: date) -> DeadlineLine | None:
    """The first step still to take on or after ``today`` (informational steps aside)."""
    return next(
        (
            line
            for line in lines
            if line.due >= today
            and not line.done
            and line.step not in poortwachter.INFORMATIONAL_STEPS
        ),
        None,
    )


_Done = tuple[Step, date | None]
"""A step taken: with its due date for recurring steps, else None (any due date)."""


def _done_steps(
    actor: Actor, session: Session, subjects: Mapping[int, Subject]
) -> dict[int, set[_Done]]:
    rows = session.execute(
        select_rows(col(CaseDocument.case_id), col(CaseDocument.kind)).where(
            col(CaseDocument.case_id).in_(subjects.keys()),
            col(CaseDocument.kind).in_(DONE_BY_DOCUMENT.keys()),
        )
    ).all()
    done: dict[int, set[_Done]] = defaultdict(set)
    for row in rows:
        values = project(actor, subjects[row.case_id], row, DOCUMENT_COLUMNS)
        done[values["case_id"]].add((DONE_BY_DOCUMENT[values["kind"]], None))
    recorded = session.execute(
        select_rows(
            col(StepCompletion.case_id), col(StepCompletion.step), col(StepCompletion.due)
        ).where(col(StepCompletion.case_id).in_(subjects.keys()))
    ).all()
    for row in recorded:
        values = project(actor, subjects[row.case_id], row, COMPLETION_COLUMNS)
        step = Step(values["step"])
        done[values["case_id"]].add((step, values["due"] if step in RECURRING_STEPS else None))
    return done


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
        lines.append(DeadlineLine(d.step, d.due, d.week, d.overdue and not taken, taken))
    return tuple(lines)
