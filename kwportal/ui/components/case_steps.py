"""The Poortwachter steps of a case as the employer's case page and the employee's "what my
employer sees" both show them (issue 17 item 5: the same component): the step to take next
first — a late one before any still to come — then the other late steps and the later ones
folded away, and the steps done in one short line each (issue 18 item 5: no 7,000 px wall
of "deadline passed" badges). Dates only, never a reason (BRIEF.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import reflex as rx

from kwportal.domain.poortwachter import Step
from kwportal.i18n.fmt import fmt_date
from kwportal.services.employer.deadlines import DONE_BY_DOCUMENT, DeadlineLine
from kwportal.ui.components.next_step import late_badge
from kwportal.ui.text import tr


def _day(value: date | datetime) -> str:
    return fmt_date(value, short=True)


@dataclass
class DeadlineRow:
    """A Poortwachter step: dates only, never a reason (BRIEF.md)."""

    step: str = ""
    due: str = ""
    week: str = ""
    overdue: bool = False
    done: bool = False
    due_iso: str = ""
    #: the employer's contact may record it as taken now (his page only)
    can_record: bool = False
    #: who writes the document that makes this step done: "plan" (the employer, on the
    #: plan page), "doctor" (the problem analysis) or "" (a recorded act)
    made_in: str = ""
    days_late: int = 0
    #: where the page puts it (issue 18 item 5): "done", "next" (the step to take now:
    #: the earliest late one while any is late), "late" (other late steps) or "rest"
    group: str = ""


def _group(line: DeadlineLine) -> str:
    if line.done:
        return "done"
    if line.is_next:
        return "next"
    return "late" if line.overdue else "rest"


def deadline_row(line: DeadlineLine, *, can_record: bool = False) -> DeadlineRow:
    made_in = ""
    if line.step in DONE_BY_DOCUMENT:
        made_in = "doctor" if line.step is Step.PROBLEM_ANALYSIS else "plan"
    return DeadlineRow(
        str(line.step),
        _day(line.due),
        str(line.week),
        line.overdue,
        line.done,
        line.due.isoformat(),
        can_record,
        made_in,
        line.days_late,
        _group(line),
    )


STEP_KEYS = tuple(step.value for step in Step)


def step_label(key: Any) -> rx.Component:
    return rx.match(key, *[(k, tr(f"step.{k}")) for k in STEP_KEYS], key)


def deadline_item(row: Any, actions: Any = None) -> rx.Component:
    """One step: its week and date, how late or done; ``actions(row)`` adds what the
    reader may do about it (the employer records a step)."""
    return rx.el.li(
        rx.el.strong(step_label(row.step)),
        rx.el.br(),
        tr("employer_case.week"),
        " ",
        row.week,
        ": ",
        rx.cond(row.overdue, rx.fragment(), rx.el.span(tr("steps.due_by"), " ")),
        row.due,
        rx.cond(row.overdue, rx.fragment(" ", late_badge(row.days_late))),
        actions(row) if actions is not None else rx.fragment(),
        class_name=rx.cond(row.overdue, "deadline overdue", "deadline"),
    )


def _done_item(row: Any) -> rx.Component:
    """A step taken, in one short line: what, and its date."""
    return rx.el.li(
        step_label(row.step),
        " · ",
        row.due,
        " ",
        rx.el.span(tr("employer_case.done"), class_name="badge done"),
        class_name="deadline done",
    )


def _in(rows: Any, group: str) -> Any:
    return rows.filter(lambda row: row.group == group)


def _folded(rows: Any, group: str, title: str, actions: Any) -> rx.Component:
    """Steps out of the way: a native disclosure (keyboard and screen reader work as is)."""
    these = _in(rows, group)
    return rx.cond(
        these.length() > 0,
        rx.el.details(
            rx.el.summary(tr(title), " (", these.length().to_string(), ")"),
            rx.el.ul(
                rx.foreach(these, lambda row: deadline_item(row, actions)), class_name="plain"
            ),
            class_name=f"steps-fold steps-{group}",
        ),
    )


def deadlines_section(rows: Any, actions: Any = None) -> rx.Component:
    """The employer's legal deadlines of the case — the same list on the employer's case
    page and on the employee's "what my employer sees": the step to take next first (a late
    one before any to come), then the other late steps and the later ones folded away, and
    the steps done in one short line each (issue 18 item 5: no 7,000 px wall)."""
    upcoming, done = _in(rows, "next"), _in(rows, "done")
    return rx.el.section(
        rx.el.h2(tr("employer_case.deadlines")),
        rx.cond(
            rows.length() > 0,
            rx.el.div(
                rx.el.h3(tr("steps.next_title")),
                rx.cond(
                    upcoming.length() > 0,
                    rx.el.ul(
                        rx.foreach(upcoming, lambda row: deadline_item(row, actions)),
                        class_name="plain steps-next",
                    ),
                    rx.el.p(tr("steps.no_next")),
                ),
                _folded(rows, "late", "steps.more_late_title", actions),
                rx.cond(
                    done.length() > 0,
                    rx.el.div(
                        rx.el.h3(tr("steps.done_title")),
                        rx.el.ul(rx.foreach(done, _done_item), class_name="plain steps-done"),
                    ),
                ),
                _folded(rows, "rest", "steps.later_title", actions),
            ),
            rx.el.p(tr("employer_case.no_deadlines")),
        ),
        class_name="card",
        custom_attrs={"data-part": "deadlines"},
    )
