"""The Wet verbetering poortwachter calendar (BRIEF.md): worked examples on real dates, the 4-week
rule of BW art. 7:629 lid 10, recovery, maternity leave, leap years, and properties."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwportal.domain import poortwachter
from kwportal.domain.poortwachter import (
    Absence,
    Calendar,
    Deadline,
    MaternityLeave,
    Step,
    calendar,
    date_of_sick_day,
    sick_day_count,
)

DAY = timedelta(days=1)
D = date(2026, 1, 5)  # a Monday, so every week ends on a Sunday
EVALUATION_WEEKS = [14, 20, 26, 32, 38, 44, 50, 56, 62, 68, 74, 80, 86, 92, 98]
WEEK_STEPS = [w for w, s in poortwachter.SCHEDULE if s is not Step.UWV_SICK_REPORT]


def dues(cal: Calendar) -> dict[tuple[Step, int], date]:
    return {(d.step, d.week): d.due for d in cal.deadlines}


def due(cal: Calendar, step: Step) -> date:
    (found,) = [d.due for d in cal.deadlines if d.step is step]
    return found


def sick_report_due(first_day: date) -> date:
    return due(calendar([Absence(first_day)]), Step.UWV_SICK_REPORT)


# --- one unbroken absence, D = Monday 5 January 2026 ---------------------------------------


def test_the_weeks_are_those_of_the_brief():
    assert poortwachter.PROBLEM_ANALYSIS_WEEK == 6
    assert poortwachter.PLAN_OF_ACTION_WEEK == 8
    assert poortwachter.UWV_SICK_REPORT_WEEK == 42
    assert poortwachter.FIRST_YEAR_EVALUATION_WEEK == 52
    assert poortwachter.WIA_LETTER_WEEK == 88
    assert poortwachter.WIA_APPLICATION_WEEK == 93
    assert poortwachter.WAGE_PAYMENT_WEEKS == 104
    assert poortwachter.NEW_COUNT_FIT_DAYS == 28


def test_every_step_of_one_unbroken_absence():
    cal = calendar([Absence(D)])
    assert cal.first_sick_day == D
    assert cal.running
    assert due(cal, Step.PROBLEM_ANALYSIS) == date(2026, 2, 15)  # D + 41
    assert due(cal, Step.PLAN_OF_ACTION) == date(2026, 3, 1)  # D + 55
    assert due(cal, Step.UWV_SICK_REPORT) == date(2026, 10, 26)  # Monday after Sun D + 293
    assert due(cal, Step.FIRST_YEAR_EVALUATION) == date(2027, 1, 3)  # D + 363
    assert due(cal, Step.WIA_LETTER) == date(2027, 9, 12)  # D + 615
    assert due(cal, Step.WIA_APPLICATION) == date(2027, 10, 17)  # D + 650
    assert due(cal, Step.WAGE_PAYMENT_END) == date(2028, 1, 2)  # D + 727


def test_evaluations_every_six_weeks_after_the_plan_of_action():
    cal = calendar([Absence(D)])
    evaluations = [d for d in cal.deadlines if d.step is Step.EVALUATION]
    assert [d.week for d in evaluations] == EVALUATION_WEEKS
    assert evaluations[0].due == date(2026, 4, 12)  # D + 97
    assert evaluations[-1].due == date(2027, 11, 21)  # D + 685
    assert all(b.due - a.due == timedelta(weeks=6) for a, b in pairwise(evaluations))


def test_the_deadlines_come_in_date_order_with_their_weeks():
    cal = calendar([Absence(D)])
    assert [d.due for d in cal.deadlines] == sorted(d.due for d in cal.deadlines)
    assert len(cal.deadlines) == 7 + len(EVALUATION_WEEKS)
    for deadline in cal.deadlines:
        if deadline.step is not Step.UWV_SICK_REPORT:
            assert deadline.due == D + (7 * deadline.week - 1) * DAY


# --- the sick report to UWV: the first working day after week 42 ---------------------------


@pytest.mark.parametrize(
    ("first_day", "end_of_week_42", "expected"),
    [
        (date(2026, 1, 3), date(2026, 10, 23), date(2026, 10, 26)),  # Friday → Monday
        (date(2025, 6, 13), date(2026, 4, 2), date(2026, 4, 7)),  # Goede Vrijdag, Paasmaandag
        (date(2025, 7, 7), date(2026, 4, 26), date(2026, 4, 28)),  # Koningsdag Monday 27 April
        (date(2027, 7, 8), date(2028, 4, 26), date(2028, 5, 1)),  # Koningsdag Thu + equated Fri
        (date(2025, 7, 24), date(2026, 5, 13), date(2026, 5, 18)),  # Hemelvaart + equated Fri
        (date(2025, 8, 4), date(2026, 5, 24), date(2026, 5, 26)),  # tweede Pinksterdag
        (date(2028, 3, 6), date(2028, 12, 24), date(2028, 12, 27)),  # both Christmas days
        (date(2026, 3, 13), date(2026, 12, 31), date(2027, 1, 4)),  # Nieuwjaarsdag Friday
        (date(2024, 7, 15), date(2025, 5, 4), date(2025, 5, 6)),  # 5 May 2025, a lustrum year
        (date(2025, 7, 15), date(2026, 5, 4), date(2026, 5, 6)),  # 5 May 2026 counts as well
        (date(2026, 7, 15), date(2027, 5, 4), date(2027, 5, 10)),  # 5 May, Hemelvaart, Friday
    ],
)
def test_the_sick_report_moves_past_weekends_and_holidays(
    first_day: date, end_of_week_42: date, expected: date
):
    assert first_day + 293 * DAY == end_of_week_42
    assert sick_report_due(first_day) == expected


def test_the_sick_report_after_a_week_ending_on_a_weekday_is_the_next_day():
    assert sick_report_due(date(2026, 1, 1)) == date(2026, 10, 22)  # week 42 ends Wed 21 Oct


# --- the 4-week rule (BW art. 7:629 lid 10) -------------------------------------------------


def test_a_gap_of_27_fit_days_counts_together_and_moves_every_later_step():
    first = Absence(D, date(2026, 1, 20))  # 16 sick days
    second = Absence(date(2026, 2, 17))  # fit 21 January – 16 February: 27 days
    cal = calendar([first, second])
    unbroken = calendar([Absence(D)])
    assert cal.first_sick_day == D
    for (step, week), day in dues(unbroken).items():
        if step is not Step.UWV_SICK_REPORT:
            assert dues(cal)[step, week] == day + 27 * DAY
    assert due(cal, Step.PROBLEM_ANALYSIS) == date(2026, 3, 14)
    assert due(cal, Step.UWV_SICK_REPORT) == date(2026, 11, 23)  # Sat 21 Nov → Monday
    assert due(cal, Step.WAGE_PAYMENT_END) == date(2028, 1, 29)


def test_a_gap_of_exactly_28_fit_days_starts_a_new_count():
    second_start = date(2026, 2, 18)  # fit 21 January – 17 February: 28 days
    cal = calendar([Absence(D, date(2026, 1, 20)), Absence(second_start)])
    assert cal.first_sick_day == second_start
    assert dues(cal) == dues(calendar([Absence(second_start)]))
    assert due(cal, Step.PROBLEM_ANALYSIS) == date(2026, 3, 31)


def test_absences_on_consecutive_days_count_as_one():
    split = calendar([Absence(D, date(2026, 1, 31)), Absence(date(2026, 2, 1))])
    assert dues(split) == dues(calendar([Absence(D)]))


def test_several_short_gaps_add_up():
    absences = [
        Absence(D, date(2026, 1, 11)),  # 7 sick days
        Absence(date(2026, 1, 22), date(2026, 2, 4)),  # after 10 fit days; 14 sick days
        Absence(date(2026, 3, 4), date(2026, 3, 10)),  # after 27 fit days; 7 sick days
        Absence(date(2026, 3, 16)),  # after 5 fit days
    ]
    cal = calendar(absences)
    assert cal.first_sick_day == D
    assert due(cal, Step.PROBLEM_ANALYSIS) == date(2026, 3, 29)  # D + 41 + 42
    assert due(cal, Step.FIRST_YEAR_EVALUATION) == date(2027, 2, 14)  # D + 363 + 42
    assert sick_day_count(absences, date(2026, 3, 16)) == 29


def test_a_long_gap_before_short_ones_only_the_latest_count_matters():
    absences = [
        Absence(date(2025, 1, 6), date(2025, 11, 30)),
        Absence(D, date(2026, 1, 20)),  # 35 fit days after the first: a new count
        Absence(date(2026, 2, 17)),  # 27 fit days: continues the second
    ]
    assert dues(calendar(absences)) == dues(calendar(absences[1:]))
    assert calendar(absences).first_sick_day == D


def test_the_absences_may_come_in_any_order():
    absences = [Absence(date(2026, 2, 17)), Absence(D, date(2026, 1, 20))]
    assert calendar(absences) == calendar(absences[::-1])


# --- recovery stops the clock ---------------------------------------------------------------


def test_recovery_stops_the_clock():
    absences = [Absence(D, date(2026, 3, 31))]  # 86 sick days: into week 13
    cal = calendar(absences, today=date(2026, 6, 1))
    assert not cal.running
    assert [d.step for d in cal.deadlines] == [Step.PROBLEM_ANALYSIS, Step.PLAN_OF_ACTION]
    assert not any(d.overdue for d in cal.deadlines)
    assert cal.last_sick_day == date(2026, 3, 31)
    assert cal.continues_until == date(2026, 4, 28)
    assert cal.next_deadline(date(2026, 1, 6)) is None


def test_a_new_absence_within_four_weeks_continues_the_count():
    absences = [Absence(D, date(2026, 3, 31)), Absence(date(2026, 4, 20))]  # 19 fit days
    cal = calendar(absences)
    assert cal.running
    assert cal.continues_until is None
    assert dues(cal)[Step.EVALUATION, 14] == date(2026, 5, 1)  # sick day 98 = D + 97 + 19
    assert date_of_sick_day(absences, 87) == date(2026, 4, 20)


def test_on_the_last_day_of_continues_until_the_count_goes_on_and_a_day_later_it_restarts():
    ended = Absence(D, date(2026, 3, 31))
    continued = calendar([ended, Absence(date(2026, 4, 28))])
    restarted = calendar([ended, Absence(date(2026, 4, 29))])
    assert continued.first_sick_day == D
    assert restarted.first_sick_day == date(2026, 4, 29)


def test_recovery_before_the_sick_report_is_due_drops_it():
    week_42_ends = date(2026, 10, 25)  # Sunday; the report would be due on Monday
    on_sunday = calendar([Absence(D, week_42_ends)])
    on_monday = calendar([Absence(D, week_42_ends + DAY)])
    assert Step.UWV_SICK_REPORT not in {d.step for d in on_sunday.deadlines}
    assert due(on_monday, Step.UWV_SICK_REPORT) == date(2026, 10, 26)


def test_a_recovery_date_still_ahead_keeps_the_count_running_until_then():
    absences = [Absence(D, date(2026, 3, 31))]
    cal = calendar(absences, today=date(2026, 3, 2))
    assert cal.running
    assert [d.overdue for d in cal.deadlines] == [True, True]
    assert not calendar(absences).running  # without today, a set recovery date has passed


# --- overdue -------------------------------------------------------------------------------


def test_overdue_means_due_before_today_while_the_count_runs():
    on_the_day = calendar([Absence(D)], today=date(2026, 2, 15))
    day_after = calendar([Absence(D)], today=date(2026, 2, 16))
    assert not any(d.overdue for d in on_the_day.deadlines)
    overdue = [d.step for d in day_after.deadlines if d.overdue]
    assert overdue == [Step.PROBLEM_ANALYSIS]
    assert not any(d.overdue for d in calendar([Absence(D)]).deadlines)


def test_the_uwv_wia_letter_is_never_overdue_for_the_employer():
    cal = calendar([Absence(D)], today=date(2028, 1, 1))
    assert [d.step for d in cal.deadlines if not d.overdue] == [
        Step.WIA_LETTER,
        Step.WAGE_PAYMENT_END,
    ]


def test_the_next_deadline_skips_the_wia_letter():
    cal = calendar([Absence(D)])
    assert cal.next_deadline(date(2026, 2, 15)) == Deadline(Step.PROBLEM_ANALYSIS, D + 41 * DAY, 6)
    after_week_86 = Deadline(Step.EVALUATION, date(2027, 10, 10), 92)  # not the WIA letter
    assert cal.next_deadline(date(2027, 9, 1)) == after_week_86
    assert cal.next_deadline(date(2027, 10, 11)) == Deadline(
        Step.WIA_APPLICATION, date(2027, 10, 17), 93
    )
    assert cal.next_deadline(date(2028, 1, 3)) is None


# --- leap years ----------------------------------------------------------------------------


def test_a_count_from_28_february_2027_crosses_29_february_2028():
    cal = calendar([Absence(date(2027, 2, 28))])
    assert due(cal, Step.PROBLEM_ANALYSIS) == date(2027, 4, 10)
    assert due(cal, Step.UWV_SICK_REPORT) == date(2027, 12, 20)  # Sat 18 Dec → Monday
    assert due(cal, Step.FIRST_YEAR_EVALUATION) == date(2028, 2, 26)
    assert due(cal, Step.WIA_APPLICATION) == date(2028, 12, 9)
    assert due(cal, Step.WAGE_PAYMENT_END) == date(2029, 2, 24)  # not the 25th: 2028 is leap


def test_a_count_from_29_february_2028():
    cal = calendar([Absence(date(2028, 2, 29))])
    assert due(cal, Step.PROBLEM_ANALYSIS) == date(2028, 4, 10)
    assert due(cal, Step.UWV_SICK_REPORT) == date(2028, 12, 19)  # week 42 ends Mon 18 Dec
    assert due(cal, Step.FIRST_YEAR_EVALUATION) == date(2029, 2, 26)
    assert due(cal, Step.WAGE_PAYMENT_END) == date(2030, 2, 25)


def test_wage_payment_can_end_on_29_february():
    assert due(calendar([Absence(date(2026, 3, 4))]), Step.WAGE_PAYMENT_END) == date(2028, 2, 29)


def test_a_fit_gap_across_29_february_counts_that_day_as_a_gap_day():
    absences = [Absence(date(2028, 1, 3), date(2028, 2, 20)), Absence(date(2028, 3, 11))]
    cal = calendar(absences)  # fit 21 February – 10 March 2028: 19 days, 29 February among them
    assert due(cal, Step.PLAN_OF_ACTION) == date(2028, 3, 17)
    assert due(cal, Step.FIRST_YEAR_EVALUATION) == date(2029, 1, 19)  # D + 363 + 19
    assert sick_day_count(absences, date(2028, 2, 29)) == 49


# --- maternity leave (BW art. 7:629 lid 10) -------------------------------------------------

LEAVE = MaternityLeave(date(2026, 4, 6), date(2026, 7, 26))  # 16 weeks, 112 days


def test_pregnancy_related_illness_around_the_leave_counts_together_without_the_leave():
    before = Absence(date(2026, 3, 2), date(2026, 4, 5), pregnancy_related=True)  # 35 days
    after = Absence(date(2026, 7, 27), pregnancy_related=True)
    cal = calendar([before, after], maternity_leaves=[LEAVE])
    assert cal.first_sick_day == date(2026, 3, 2)
    assert due(cal, Step.PROBLEM_ANALYSIS) == date(2026, 8, 2)  # sick day 42 = 27 July + 6
    assert due(cal, Step.UWV_SICK_REPORT) == date(2027, 4, 12)
    assert due(cal, Step.WAGE_PAYMENT_END) == date(2028, 6, 18)  # D + 727 + 112
    assert date_of_sick_day([before, after], 36, maternity_leaves=[LEAVE]) == date(2026, 7, 27)


def test_an_absence_ending_within_the_leave_joins_one_starting_the_day_after_it():
    into_leave = Absence(date(2026, 3, 2), date(2026, 4, 20), pregnancy_related=True)
    after = Absence(date(2026, 7, 27), pregnancy_related=True)
    cal = calendar([into_leave, after], maternity_leaves=[LEAVE])
    assert cal.first_sick_day == date(2026, 3, 2)
    assert due(cal, Step.PROBLEM_ANALYSIS) == date(2026, 8, 2)  # 35 days before, 7 after


def test_the_leave_only_joins_absences_that_directly_precede_and_follow_it():
    """BW art. 7:629 lid 10: "direct voorafgaan aan en aansluiten op"; with fit days on either
    side the leave is an ordinary interruption of far more than four weeks."""
    early = Absence(date(2026, 3, 2), date(2026, 3, 29), pregnancy_related=True)  # 7 fit days
    after = Absence(date(2026, 7, 27), pregnancy_related=True)
    late = Absence(date(2026, 7, 28), pregnancy_related=True)  # 1 fit day after the leave
    before = Absence(date(2026, 3, 2), date(2026, 4, 5), pregnancy_related=True)
    leaves = [LEAVE]
    assert calendar([early, after], maternity_leaves=leaves).first_sick_day == date(2026, 7, 27)
    assert calendar([before, late], maternity_leaves=leaves).first_sick_day == date(2026, 7, 28)


def test_a_short_leave_is_an_ordinary_interruption_for_any_absence():
    short = MaternityLeave(date(2026, 2, 1), date(2026, 2, 10))
    absences = [Absence(D, date(2026, 1, 31)), Absence(date(2026, 2, 11))]
    cal = calendar(absences, maternity_leaves=[short])
    assert cal.first_sick_day == D
    assert due(cal, Step.PROBLEM_ANALYSIS) == D + (41 + 10) * DAY


@pytest.mark.parametrize(("before_related", "after_related"), [(False, False), (True, False)])
def test_illness_unrelated_to_pregnancy_after_the_leave_starts_a_new_count(
    before_related: bool, after_related: bool
):
    before = Absence(date(2026, 3, 2), date(2026, 4, 5), pregnancy_related=before_related)
    after = Absence(date(2026, 7, 27), pregnancy_related=after_related)
    cal = calendar([before, after], maternity_leaves=[LEAVE])
    assert cal.first_sick_day == date(2026, 7, 27)
    assert due(cal, Step.PROBLEM_ANALYSIS) == date(2026, 9, 6)


def test_an_absence_running_through_the_leave_skips_the_leave_days():
    running = Absence(date(2026, 3, 2))
    cal = calendar([running], maternity_leaves=[LEAVE])
    assert due(cal, Step.PROBLEM_ANALYSIS) == date(2026, 8, 2)
    assert sick_day_count([running], date(2026, 6, 1), maternity_leaves=[LEAVE]) == 35
    assert sick_day_count([running], date(2026, 7, 27), maternity_leaves=[LEAVE]) == 36


def test_overlapping_leaves_are_joined():
    parts = [MaternityLeave(date(2026, 4, 6), date(2026, 5, 31)), LEAVE]
    absence = [Absence(date(2026, 3, 2))]
    assert calendar(absence, maternity_leaves=parts) == calendar(absence, maternity_leaves=[LEAVE])


def test_an_absence_entirely_within_the_leave_has_no_deadlines():
    inside = Absence(date(2026, 5, 1), date(2026, 5, 20))
    cal = calendar([inside], maternity_leaves=[LEAVE])
    assert cal.first_sick_day is None
    assert cal.deadlines == ()
    assert date_of_sick_day([inside], 1, maternity_leaves=[LEAVE]) is None


# --- sick day numbering, validation, no health data ------------------------------------------


def test_sick_days_are_numbered_from_the_first_sick_day():
    absences = [Absence(D, date(2026, 1, 20)), Absence(date(2026, 2, 17))]
    assert sick_day_count(absences, D - DAY) == 0
    assert sick_day_count(absences, D) == 1
    assert sick_day_count(absences, date(2026, 1, 20)) == 16
    assert sick_day_count(absences, date(2026, 2, 1)) == 16  # a fit day
    assert sick_day_count(absences, date(2026, 2, 17)) == 17
    assert date_of_sick_day(absences, 16) == date(2026, 1, 20)
    assert date_of_sick_day(absences, 17) == date(2026, 2, 17)
    assert date_of_sick_day([Absence(D, date(2026, 1, 20))], 17) is None


@pytest.mark.parametrize(
    "make",
    [
        lambda: Absence(D, D - DAY),
        lambda: MaternityLeave(D, D - DAY),
        lambda: calendar([]),
        lambda: calendar([Absence(D, date(2026, 1, 20)), Absence(date(2026, 1, 20))]),
        lambda: calendar([Absence(D), Absence(date(2026, 3, 1))]),
        lambda: date_of_sick_day([Absence(D)], 0),
    ],
    ids=["absence-backwards", "leave-backwards", "none", "overlap", "two-running", "day-zero"],
)
def test_impossible_input_is_refused(make):
    with pytest.raises(ValueError):
        make()


def test_the_calendar_holds_dates_only_never_a_reason():
    names = {f.name for f in dataclasses.fields(Calendar)} | {
        f.name for f in dataclasses.fields(Deadline)
    }
    assert names == {
        "first_sick_day",
        "running",
        "deadlines",
        "last_sick_day",
        "continues_until",
        "step",
        "due",
        "week",
        "overdue",
    }
    later = Absence(date(2026, 5, 9))
    related = calendar([Absence(D, date(2026, 5, 1), pregnancy_related=True), later])
    plain = calendar([Absence(D, date(2026, 5, 1)), later])
    assert related == plain


# --- properties ----------------------------------------------------------------------------

first_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
pieces = st.lists(st.tuples(st.integers(1, 120), st.integers(0, 27)), max_size=5)


def history(start: date, parts: list[tuple[int, int]], *, open_end: bool = True) -> list[Absence]:
    """Absences of the given lengths separated by the given (short) gaps; the last one open."""
    absences: list[Absence] = []
    cursor = start
    for length, gap in parts:
        absences.append(Absence(cursor, cursor + (length - 1) * DAY))
        cursor += (length + gap) * DAY
    absences.append(Absence(cursor, None if open_end else cursor + 30 * DAY))
    return absences


def counted_days(absences: list[Absence], needed: int) -> list[date]:
    days: list[date] = []
    for absence in absences:
        day = absence.first_day
        while len(days) < needed and (absence.last_day is None or day <= absence.last_day):
            days.append(day)
            day += DAY
    return days


@settings(max_examples=100, deadline=None)
@given(first_days, pieces)
def test_each_week_step_falls_on_the_7n_th_counted_day_shifted_by_the_gaps(start, parts):
    absences = history(start, parts)
    cal = dues(calendar(absences))
    oracle = counted_days(absences, 7 * 104)
    for week, step in poortwachter.SCHEDULE:
        if step is Step.UWV_SICK_REPORT:
            assert oracle[7 * week - 1] < cal[step, week] <= oracle[7 * week - 1] + 7 * DAY
            continue
        due_date = cal[step, week]
        assert due_date == oracle[7 * week - 1]
        followed = zip(parts, absences[1:], strict=True)
        gaps_before = sum(gap for (_, gap), nxt in followed if nxt.first_day <= due_date)
        assert (due_date - start).days == 7 * week - 1 + gaps_before


@settings(max_examples=100, deadline=None)
@given(first_days, pieces, st.booleans(), st.integers(0, 800))
def test_deadlines_strictly_increase_in_step_order(start, parts, open_end, offset):
    cal = calendar(history(start, parts, open_end=open_end), today=start + offset * DAY)
    steps = [(d.week, d.due) for d in cal.deadlines]
    assert steps == sorted(steps)
    assert all(a[1] < b[1] for a, b in pairwise(steps))
    if not cal.running:
        assert cal.last_sick_day is not None
        assert all(d.due <= cal.last_sick_day and not d.overdue for d in cal.deadlines)


@settings(max_examples=100, deadline=None)
@given(first_days, st.integers(0, 400), pieces)
def test_a_later_first_day_never_yields_an_earlier_deadline(start, shift, parts):
    earlier = calendar(history(start, parts)).deadlines
    later = calendar(history(start + shift * DAY, parts)).deadlines
    assert [d.step for d in earlier] == [d.step for d in later]
    assert all(a.due <= b.due for a, b in zip(earlier, later, strict=True))


@settings(max_examples=100, deadline=None)
@given(first_days, pieces, st.integers(1, 800))
def test_sick_day_numbers_and_dates_are_inverse(start, parts, n):
    absences = history(start, parts)
    day = date_of_sick_day(absences, n)
    assert day is not None
    assert sick_day_count(absences, day) == n
    assert sick_day_count(absences, day - DAY) == n - 1


@settings(max_examples=50, deadline=None)
@given(first_days, pieces, st.integers(28, 400))
def test_an_earlier_count_has_no_influence(start, parts, gap):
    absences = history(start, parts)
    older = Absence(start - (gap + 60) * DAY, start - (gap + 1) * DAY)
    assert calendar([older, *absences]) == calendar(absences)


@settings(max_examples=50, deadline=None)
@given(first_days, pieces, st.integers(0, 300), st.integers(1, 140), st.integers(1, 700))
def test_leave_days_are_never_sick_days(start, parts, leave_offset, leave_days, n):
    absences = history(start, parts)
    leave = MaternityLeave(
        start + leave_offset * DAY, start + (leave_offset + leave_days - 1) * DAY
    )
    day = date_of_sick_day(absences, n, maternity_leaves=[leave])
    if day is None:
        return
    assert not leave.start <= day <= leave.end
    assert sick_day_count(absences, day, maternity_leaves=[leave]) == n
    cal = calendar(absences, maternity_leaves=[leave])
    assert not any(leave.start <= d.due <= leave.end for d in cal.deadlines if d.week != 42)
