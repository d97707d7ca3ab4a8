"""The employer's legal calendar under the Wet verbetering poortwachter (BRIEF.md, "The
employer's legal calendar").

The first sick day D is day 1 of week 1; a step due "in week N" falls on the last day of week N,
the (7N)-th counted sick day: D + 7N − 1 for one unbroken absence. Absences separated by fewer
than 28 fit days count together (BW art. 7:629 lid 10; Ziektewet art. 29 lid 10): the fit days do
not count, so every later step moves by the gap. Days of maternity leave never count as sick days;
pregnancy-related absences that "direct voorafgaan aan en aansluiten op" a maternity leave count
together across it (same article, as worded since Stb. 2005, 65). Recovery stops the clock: a
count that has ended keeps only the steps due on or before its last sick day. A partial
recovery does not: the employee is still unfit for his agreed work, so an absence lasts until
the full recovery date (:mod:`kwportal.domain.partial_absence`).

The result holds dates only, never a reason for the absence (seed: the employer learns no
diagnosis), so it may be shown to the employer as is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise

from kwportal.domain.holidays import next_working_day_after

DAY = timedelta(days=1)
DAYS_PER_WEEK = 7

NEW_COUNT_FIT_DAYS = 28
"""A gap of this many fit days or more starts a new count (BW art. 7:629 lid 10: periods are
added up when they follow each other "met een onderbreking van minder dan vier weken")."""

PROBLEM_ANALYSIS_WEEK = 6
"""Problem analysis by the company doctor (Regeling procesgang eerste en tweede ziektejaar)."""
PLAN_OF_ACTION_WEEK = 8
"""Plan of action agreed by employer and employee (Wet verbetering poortwachter)."""
EVALUATION_INTERVAL_WEEKS = 6
"""The plan of action is evaluated at least every six weeks (Regeling procesgang)."""
UWV_SICK_REPORT_WEEK = 42
"""Sick report to UWV, the "42e-weeksmelding" (Ziektewet art. 38): due on the first working day
(Algemene termijnenwet) after week 42."""
FIRST_YEAR_EVALUATION_WEEK = 52
"""First-year evaluation (eerstejaarsevaluatie, Regeling procesgang)."""
WIA_LETTER_WEEK = 88
"""UWV sends the WIA letter around week 88; informational, never overdue for the employer."""
WIA_APPLICATION_WEEK = 93
"""The WIA application must be in by week 93 (BRIEF.md; Wet WIA art. 64)."""
WAGE_PAYMENT_WEEKS = 104
"""Wage payment during illness ends after 104 weeks (BW art. 7:629 lid 1)."""


class Step(StrEnum):
    PROBLEM_ANALYSIS = "problem_analysis"
    PLAN_OF_ACTION = "plan_of_action"
    EVALUATION = "evaluation"
    UWV_SICK_REPORT = "uwv_sick_report"
    FIRST_YEAR_EVALUATION = "first_year_evaluation"
    WIA_LETTER = "wia_letter"
    WIA_APPLICATION = "wia_application"
    WAGE_PAYMENT_END = "wage_payment_end"


INFORMATIONAL_STEPS = frozenset({Step.WIA_LETTER})
"""Steps that someone else takes: shown, never overdue."""

SCHEDULE: tuple[tuple[int, Step], ...] = tuple(
    sorted(
        [
            (PROBLEM_ANALYSIS_WEEK, Step.PROBLEM_ANALYSIS),
            (PLAN_OF_ACTION_WEEK, Step.PLAN_OF_ACTION),
            (UWV_SICK_REPORT_WEEK, Step.UWV_SICK_REPORT),
            (FIRST_YEAR_EVALUATION_WEEK, Step.FIRST_YEAR_EVALUATION),
            (WIA_LETTER_WEEK, Step.WIA_LETTER),
            (WIA_APPLICATION_WEEK, Step.WIA_APPLICATION),
            (WAGE_PAYMENT_WEEKS, Step.WAGE_PAYMENT_END),
        ]
        + [
            (week, Step.EVALUATION)
            for week in range(
                PLAN_OF_ACTION_WEEK + EVALUATION_INTERVAL_WEEKS,
                WAGE_PAYMENT_WEEKS,
                EVALUATION_INTERVAL_WEEKS,
            )
        ]
    )
)
"""Every step with its week, in order; evaluations every six weeks after the plan of action
until the wage payment ends (weeks 14, 20, …, 98)."""


@dataclass(frozen=True, slots=True)
class Absence:
    """One period of incapacity for work. ``last_day`` is the last day of incapacity (the
    recovery date, the first day fit again, is ``last_day + 1``); None while it lasts.
    ``pregnancy_related`` is health data: it steers the count and never leaves this module."""

    first_day: date
    last_day: date | None = None
    pregnancy_related: bool = False

    def __post_init__(self) -> None:
        if self.last_day is not None and self.last_day < self.first_day:
            raise ValueError("an absence cannot end before it starts")


@dataclass(frozen=True, slots=True)
class MaternityLeave:
    """Pregnancy and maternity leave (Wet arbeid en zorg art. 3:1), both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a leave cannot end before it starts")


@dataclass(frozen=True, slots=True)
class Deadline:
    step: Step
    due: date
    week: int
    overdue: bool = False


@dataclass(frozen=True, slots=True)
class Calendar:
    """The deadlines of the current count: the one the latest absence belongs to.

    ``first_sick_day`` is None when no day of the count falls outside maternity leave.
    ``continues_until``: once recovered, a new absence starting on or before this date continues
    the count (maternity leave not taken into account); None while the absence lasts."""

    first_sick_day: date | None
    running: bool
    deadlines: tuple[Deadline, ...]
    last_sick_day: date | None = None
    continues_until: date | None = None

    def next_deadline(self, today: date) -> Deadline | None:
        """The first deadline due on or after ``today`` that is still the employer's to meet."""
        if not self.running:
            return None
        upcoming = (d for d in self.deadlines if d.due >= today)
        return next((d for d in upcoming if d.step not in INFORMATIONAL_STEPS), None)


@dataclass(frozen=True, slots=True)
class _Span:
    """Consecutive counted sick days; ``end`` None while the absence lasts."""

    start: date
    end: date | None


def calendar(
    absences: Sequence[Absence],
    *,
    maternity_leaves: Iterable[MaternityLeave] = (),
    today: date | None = None,
) -> Calendar:
    """The employer's deadlines for the count the latest absence belongs to. ``overdue`` needs
    ``today``: due before today while the count still runs. Whether a step was done is not
    known here; the caller hides what has been completed."""
    leaves = _merged(maternity_leaves)
    count = _current_count(absences, leaves)
    spans = _spans(count, leaves)
    last_sick_day = count[-1].last_day
    running = last_sick_day is None or (today is not None and today <= last_sick_day)
    if not spans:
        return Calendar(None, running, (), last_sick_day, _continues_until(last_sick_day))
    deadlines: list[Deadline] = []
    for week, step in SCHEDULE:
        anchor = _nth_day(spans, DAYS_PER_WEEK * week)
        if anchor is None:
            break
        due = next_working_day_after(anchor) if step is Step.UWV_SICK_REPORT else anchor
        if last_sick_day is not None and due > last_sick_day:
            continue
        overdue = running and today is not None and due < today
        deadlines.append(Deadline(step, due, week, overdue and step not in INFORMATIONAL_STEPS))
    return Calendar(
        spans[0].start,
        running,
        tuple(deadlines),
        last_sick_day,
        _continues_until(last_sick_day),
    )


def sick_day_count(
    absences: Sequence[Absence], on: date, *, maternity_leaves: Iterable[MaternityLeave] = ()
) -> int:
    """How many sick days of the current count have passed by the end of ``on``: on a sick day
    its number (D is 1), on a fit day or a day of leave the number reached so far, before D 0."""
    leaves = _merged(maternity_leaves)
    spans = _spans(_current_count(absences, leaves), leaves)
    total = 0
    for span in spans:
        last = on if span.end is None else min(span.end, on)
        total += max(0, (last - span.start).days + 1)
    return total


def date_of_sick_day(
    absences: Sequence[Absence], n: int, *, maternity_leaves: Iterable[MaternityLeave] = ()
) -> date | None:
    """The calendar date of the n-th counted sick day of the current count, skipping fit days
    and leave; None when the count ended (recovery) before reaching it."""
    if n < 1:
        raise ValueError("sick days are numbered from 1")
    leaves = _merged(maternity_leaves)
    return _nth_day(_spans(_current_count(absences, leaves), leaves), n)


def _continues_until(last_sick_day: date | None) -> date | None:
    if last_sick_day is None:
        return None
    return last_sick_day + NEW_COUNT_FIT_DAYS * DAY


def _merged(leaves: Iterable[MaternityLeave]) -> tuple[MaternityLeave, ...]:
    """The leaves in order, overlapping or adjoining ones joined."""
    merged: list[MaternityLeave] = []
    for leave in sorted(leaves, key=lambda leave: leave.start):
        if merged and leave.start <= merged[-1].end + DAY:
            merged[-1] = MaternityLeave(merged[-1].start, max(merged[-1].end, leave.end))
        else:
            merged.append(leave)
    return tuple(merged)


def _current_count(absences: Sequence[Absence], leaves: Sequence[MaternityLeave]) -> list[Absence]:
    """The absences, oldest first, that add up with the latest one."""
    ordered = sorted(absences, key=lambda absence: absence.first_day)
    if not ordered:
        raise ValueError("a calendar needs at least one absence")
    count = [ordered[0]]
    for previous, absence in pairwise(ordered):
        if previous.last_day is None:
            raise ValueError("only the latest absence can still be running")
        if absence.first_day <= previous.last_day:
            raise ValueError("absences overlap")
        if _fit_days_between(previous, absence, leaves) < NEW_COUNT_FIT_DAYS:
            count.append(absence)
        else:
            count = [absence]
    return count


def _fit_days_between(previous: Absence, absence: Absence, leaves: Sequence[MaternityLeave]) -> int:
    """Days between two absences; none when pregnancy-related absences directly precede and
    follow a maternity leave (every day between them is leave)."""
    assert previous.last_day is not None
    first, last = previous.last_day + DAY, absence.first_day - DAY
    between = (last - first).days + 1
    on_leave = sum(_overlap(leave, first, last) for leave in leaves)
    if previous.pregnancy_related and absence.pregnancy_related and on_leave == between:
        return 0
    return between


def _overlap(leave: MaternityLeave, first: date, last: date) -> int:
    return max(0, (min(leave.end, last) - max(leave.start, first)).days + 1)


def _spans(count: Sequence[Absence], leaves: Sequence[MaternityLeave]) -> list[_Span]:
    """The counted sick days of a count: its absences without the days of leave."""
    spans: list[_Span] = []
    for absence in count:
        cursor, end = absence.first_day, absence.last_day
        for leave in leaves:
            if end is not None and leave.start > end:
                break
            if leave.end < cursor:
                continue
            if leave.start > cursor:
                spans.append(_Span(cursor, leave.start - DAY))
            cursor = leave.end + DAY
        if end is None or cursor <= end:
            spans.append(_Span(cursor, end))
    return spans


def _nth_day(spans: Sequence[_Span], n: int) -> date | None:
    remaining = n
    for span in spans:
        if span.end is None or remaining <= (span.end - span.start).days + 1:
            return span.start + (remaining - 1) * DAY
        remaining -= (span.end - span.start).days + 1
    return None
