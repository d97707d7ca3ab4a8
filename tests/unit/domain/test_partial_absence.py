"""Partial recovery (issue 18 item 7): a case as periods of equal percentage, each day
absent by the share not worked; the Poortwachter clock runs on through a partial recovery
and only the recovery date stops it; absences fewer than 28 days apart still add up."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kwportal.domain import poortwachter
from kwportal.domain.partial_absence import (
    WorkingPeriod,
    WorkingStep,
    absent_days,
    percent_working_on,
    periods,
)
from kwportal.services.employer import reports

D = date(2026, 1, 5)
HALF = D + timedelta(days=10)  # 50 % working from day 11
BACK = D + timedelta(days=20)  # fully fit from day 21
STEPS = [WorkingStep(HALF, 50)]


def test_a_case_reads_as_zero_then_each_step_then_ends_before_recovery() -> None:
    assert periods(D, BACK, STEPS) == (
        WorkingPeriod(D, HALF - timedelta(days=1), 0),
        WorkingPeriod(HALF, BACK - timedelta(days=1), 50),
    )
    assert periods(D, None, []) == (WorkingPeriod(D, None, 0),)
    # partly sick from the first day; a relapse to 0 %; a step outside the case is ignored
    relapse = [WorkingStep(D, 40), WorkingStep(HALF, 0), WorkingStep(BACK, 60)]
    assert periods(D, BACK, relapse) == (
        WorkingPeriod(D, HALF - timedelta(days=1), 40),
        WorkingPeriod(HALF, BACK - timedelta(days=1), 0),
    )
    assert [
        percent_working_on(day, D, BACK, STEPS) for day in (D - timedelta(1), D, HALF, BACK)
    ] == [
        100,
        0,
        50,
        100,
    ]
    with pytest.raises(ValueError):
        WorkingStep(D, 100)


def test_days_count_by_the_share_still_absent_zero_fifty_hundred() -> None:
    # 10 days at 0 % + 10 days at 50 % + fit: 10 + 5 sick days
    assert (
        absent_days(D, BACK + timedelta(days=30), first_sick_day=D, recovery_date=BACK, steps=STEPS)
        == 15.0
    )
    assert (
        absent_days(
            HALF, HALF + timedelta(days=3), first_sick_day=D, recovery_date=BACK, steps=STEPS
        )
        == 2.0
    )
    assert (
        absent_days(D, D + timedelta(days=9), first_sick_day=D, recovery_date=None, steps=[])
        == 10.0
    )


def test_the_absence_percentage_weights_partial_days_and_frequency_counts_reports() -> None:
    people = {n: reports._Person("Kantoor", None, None) for n in range(1, 6)}
    cases: list[reports._Absence] = [(n, D, BACK, tuple(STEPS)) for n in people]
    staffed = {("Kantoor", 1): (10, 900), ("Kantoor", 0): (10, 900)}
    table = reports._absence(people, cases, ["Kantoor"], 2026, date(2026, 3, 31), staffed)
    # five people, each 10 days at 0 % and 10 at 50 %: 75 weighted sick days of 900
    assert table.published.cells[0][0].value == round(100 * 75 / 900, 1)
    frequency = reports._frequency(people, cases, ["Kantoor"], 2026)
    assert frequency.published.cells[0][0].value == 5  # reports, not periods


def test_a_partial_recovery_leaves_the_clock_running_only_recovery_stops_it() -> None:
    # the clock is fed the first sick day and the recovery date only: a step changes nothing
    running = poortwachter.calendar([poortwachter.Absence(D)], today=HALF + timedelta(days=400))
    assert running.running
    assert [d.due for d in running.deadlines if d.step is poortwachter.Step.WAGE_PAYMENT_END] == [
        D + timedelta(days=727)
    ]
    stopped = poortwachter.calendar(
        [poortwachter.Absence(D, BACK - timedelta(days=1))], today=BACK + timedelta(days=1)
    )
    assert not stopped.running and stopped.deadlines == ()


def test_a_new_absence_within_four_weeks_of_full_recovery_adds_up() -> None:
    first = poortwachter.Absence(D, BACK - timedelta(days=1))  # 20 sick days, partly at 50 %
    again = D + timedelta(days=20 + 27)  # 27 fit days later
    counted = poortwachter.calendar([first, poortwachter.Absence(again)])
    analysis = next(d for d in counted.deadlines if d.step is poortwachter.Step.PROBLEM_ANALYSIS)
    assert counted.first_sick_day == D and analysis.due == D + timedelta(days=41 + 27)
    fresh = poortwachter.calendar([first, poortwachter.Absence(again + timedelta(days=1))])
    assert fresh.first_sick_day == again + timedelta(days=1)
