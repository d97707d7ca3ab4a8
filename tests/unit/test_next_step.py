"""What to do next (issue 18 item 5): the step to take next is the earliest late one while
any is late, never a future one; the overview sorts late first (the latest first), then the
soonest due; a late step is named with how late it is, "1 dag" singular, in Dutch and
English."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from kwportal.domain.poortwachter import Step
from kwportal.services.employer.deadlines import (
    DeadlineLine,
    _Absence,
    _lines,
    lone_next_step,
    next_deadline,
    next_step_of,
    urgency,
)
from kwportal.ui.components.employer_case import deadline_row
from kwportal.ui.components.next_step import late_phrase, more_late_text, next_step_text

TODAY = date(2026, 3, 10)
DAY = timedelta(days=1)


def line(step: Step, due: date, *, done: bool = False) -> DeadlineLine:
    late = due < TODAY and not done
    return DeadlineLine(step, due, 6, late, done, (TODAY - due).days if late else 0)


def test_a_late_step_is_next_never_a_future_one() -> None:
    lines = [
        line(Step.PROBLEM_ANALYSIS, TODAY - 20 * DAY),
        line(Step.PLAN_OF_ACTION, TODAY - 6 * DAY),
        line(Step.EVALUATION, TODAY + 36 * DAY),
    ]
    chosen = next_deadline(lines, TODAY)
    assert chosen is not None and chosen.step is Step.PROBLEM_ANALYSIS
    lines[0] = line(Step.PROBLEM_ANALYSIS, TODAY - 20 * DAY, done=True)
    chosen = next_deadline(lines, TODAY)
    assert chosen is not None and chosen.step is Step.PLAN_OF_ACTION
    lines[1] = line(Step.PLAN_OF_ACTION, TODAY - 6 * DAY, done=True)
    chosen = next_deadline(lines, TODAY)
    assert chosen is not None and chosen.step is Step.EVALUATION


def test_the_wia_letter_is_never_the_step_to_take() -> None:
    lines = [line(Step.WIA_LETTER, TODAY + DAY), line(Step.WIA_APPLICATION, TODAY + 30 * DAY)]
    chosen = next_deadline(lines, TODAY)
    assert chosen is not None and chosen.step is Step.WIA_APPLICATION


def test_urgency_puts_the_latest_first_then_the_soonest_due_then_nothing() -> None:
    cases = {
        "due later": line(Step.PLAN_OF_ACTION, TODAY + 30 * DAY),
        "nothing to do": None,
        "late 3": line(Step.PLAN_OF_ACTION, TODAY - 3 * DAY),
        "due soon": line(Step.PROBLEM_ANALYSIS, TODAY + 2 * DAY),
        "late 14": line(Step.PLAN_OF_ACTION, TODAY - 14 * DAY),
    }
    ordered = sorted(cases, key=lambda name: urgency(cases[name]))
    assert ordered == ["late 14", "late 3", "due soon", "due later", "nothing to do"]


def test_a_late_step_is_named_with_how_late_singular_and_plural() -> None:
    assert next_step_text("plan_of_action", TODAY, 14, TODAY, "nl") == (
        "Plan van aanpak: 14 dagen te laat"
    )
    assert (
        next_step_text("plan_of_action", TODAY, 1, TODAY, "nl") == "Plan van aanpak: 1 dag te laat"
    )
    assert (
        next_step_text("plan_of_action", TODAY, 14, TODAY, "en") == "Plan of action: 14 days late"
    )
    assert next_step_text("plan_of_action", TODAY, 1, TODAY, "en") == "Plan of action: 1 day late"
    assert late_phrase(1, "nl") == "1 dag te laat" and late_phrase(2, "nl") == "2 dagen te laat"
    assert late_phrase(1, "en") == "1 day late" and late_phrase(2, "en") == "2 days late"


def test_a_step_to_come_is_named_with_its_date() -> None:
    due = date(2026, 3, 19)
    assert next_step_text("plan_of_action", due, 0, TODAY, "nl") == (
        "Plan van aanpak: uiterlijk 19 maart 2026"
    )
    assert next_step_text("plan_of_action", due, 0, TODAY, "en") == (
        "Plan of action: by 19 March 2026"
    )
    assert next_step_text("problem_analysis", TODAY, 0, TODAY, "nl") == "Probleemanalyse: vandaag"
    assert next_step_text("", None, 0, TODAY, "nl") == "Nu geen stap te zetten"


def test_other_late_steps_are_counted_in_words() -> None:
    assert more_late_text(0, "nl") == ""
    assert more_late_text(1, "nl") == "Nog 1 stap is te laat."
    assert more_late_text(3, "en") == "3 more steps are late."


def test_the_case_page_puts_each_step_in_its_group() -> None:
    lines = [
        line(Step.PROBLEM_ANALYSIS, TODAY - 30 * DAY, done=True),
        line(Step.PLAN_OF_ACTION, TODAY - 16 * DAY),
        line(Step.EVALUATION, TODAY - 2 * DAY),
        line(Step.EVALUATION, TODAY + 40 * DAY),
    ]
    chosen = next_deadline(lines, TODAY)
    rows = [deadline_row(replace(x, is_next=True) if x == chosen else x) for x in lines]
    assert [r.group for r in rows] == ["done", "next", "late", "rest"]
    assert rows[1].days_late == 16 and rows[1].due == "22-02-2026"


def test_the_lone_absence_shortcut_agrees_with_the_whole_calendar() -> None:
    """The overview orders thousands of cases by their next step without building each
    whole calendar; for a lone open absence both must say the same."""
    start = date(2024, 12, 20)  # the UWV report then moves past Christmas and New Year
    for offset in range(0, 800, 37):
        first_day = start + offset * DAY
        for today in (first_day, first_day + 50 * DAY, first_day + 300 * DAY, TODAY):
            if today < first_day:
                continue
            for done in (
                set(),
                {(Step.PROBLEM_ANALYSIS, None)},
                {(Step.PROBLEM_ANALYSIS, None), (Step.PLAN_OF_ACTION, None)},
                {(Step.PROBLEM_ANALYSIS, None), (Step.EVALUATION, first_day + 97 * DAY)},
            ):
                lines = _lines(1, [_Absence(1, first_day, None)], {1: done}, today)
                whole = next_step_of(lines, today)
                assert lone_next_step(first_day, done, today) == whole, (first_day, today, done)
