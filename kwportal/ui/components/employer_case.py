"""The employer's view of a case: ONE component for the employer's case page and for the
employee's "what my employer sees" page, both fed by ``EmployerCaseView`` (seed ch. 1,
"Aan werkgever": functional capacity, expected period, degree of incapacity, advice), and
the Poortwachter deadlines both pages list with :func:`deadlines_section` (issue 17 item 5:
everything the employer's page shows appears on the employee's, from the same component;
the steps themselves live in ``case_steps``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import reflex as rx

from kwportal.domain import capacity
from kwportal.i18n.fmt import fmt_date, fmt_percent
from kwportal.services.case.consult_mail import local_minute
from kwportal.services.employer.case_view import EmployerCaseView, FeedbackView
from kwportal.ui.components.case_steps import DeadlineRow as DeadlineRow
from kwportal.ui.components.case_steps import deadline_row as deadline_row
from kwportal.ui.components.case_steps import deadlines_section as deadlines_section
from kwportal.ui.components.case_steps import step_label as step_label
from kwportal.ui.text import tr

#: the areas of the functional capacity list (FML) the care team fills in, and the levels
CAPACITY_AREAS = capacity.AREAS
CAPACITY_LEVELS = capacity.LEVELS


@dataclass
class CapacityItem:
    area: str = ""
    level: str = ""
    note: str = ""


@dataclass
class FeedbackCard:
    released_at: str = ""
    expected_period: str = ""
    incapacity_degree: str = ""
    advice: str = ""
    capacity: list[CapacityItem] = field(default_factory=list)


@dataclass
class ConsentedCard:
    label: str = ""
    value: str = ""


@dataclass
class AppointmentCard:
    """A consult as the employer sees it: Europe/Amsterdam time and attendance only."""

    when: str = ""
    #: "attended" | "not_attended" | "" (not recorded yet)
    attendance: str = ""


@dataclass
class CaseCard:
    """An ``EmployerCaseView`` as plain strings for a state: nothing else fits in it."""

    name: str = ""
    personnel_number: str = ""
    sick_since: str = ""
    recovered_on: str = ""
    #: partly back at work: "50 %" and since when (empty when not partly working)
    working_now: str = ""
    working_since: str = ""
    has_feedback: bool = False
    latest: FeedbackCard = field(default_factory=FeedbackCard)
    #: earlier released feedback, newest first
    history: list[FeedbackCard] = field(default_factory=list)
    #: what the employee chose to share, while his consent is active
    consented: list[ConsentedCard] = field(default_factory=list)
    #: the consults: date, time and whether attended — nothing else (BRIEF.md)
    appointments: list[AppointmentCard] = field(default_factory=list)


def day(value: date | datetime | None) -> str:
    """The short date of a dense list, "30-11-2026" (a moment: its Amsterdam day)."""
    return fmt_date(value, short=True)


def feedback_card(feedback: FeedbackView) -> FeedbackCard:
    stored = capacity.Capacity(feedback.functional_capacity, feedback.capacity_notes)
    return FeedbackCard(
        released_at=day(feedback.released_at),
        expected_period=feedback.expected_period,
        incapacity_degree=feedback.incapacity_degree,
        advice=feedback.advice,
        capacity=[CapacityItem(area, level, stored.note(area)) for area, level in stored.levels],
    )


def _percent(value: int | None) -> str:
    return "" if value is None else fmt_percent(value, decimals=0)


def case_card(view: EmployerCaseView) -> CaseCard:
    cards = [feedback_card(f) for f in view.feedback]
    return CaseCard(
        name=f"{view.first_name} {view.last_name}",
        personnel_number=view.personnel_number,
        sick_since=day(view.sick_report_date),
        recovered_on=day(view.recovery_date),
        working_now=_percent(view.percent_working),
        working_since=day(view.working_since) if view.percent_working is not None else "",
        has_feedback=bool(cards),
        latest=cards[0] if cards else FeedbackCard(),
        history=cards[1:],
        consented=[ConsentedCard(item.label, item.value) for item in view.consented],
        appointments=[
            AppointmentCard(local_minute(a.starts_at), a.attendance) for a in view.appointments
        ],
    )


def _label(value: Any, prefix: str, keys: tuple[str, ...]) -> rx.Component:
    """A translated label for a known key; an unknown one is shown as it is."""
    return rx.match(value, *[(key, tr(f"{prefix}.{key}")) for key in keys], value)


def _capacity_item(item: Any) -> rx.Component:
    return rx.el.li(
        rx.el.span(_label(item.area, "capacity.area", CAPACITY_AREAS)),
        ": ",
        rx.el.strong(_label(item.level, "capacity.level", CAPACITY_LEVELS)),
        rx.cond(item.note != "", rx.el.span(" — ", item.note, class_name="capacity-note")),
        class_name=rx.cond(item.level == "cannot", "capacity cannot", "capacity"),
    )


def feedback_items(feedback: Any) -> rx.Component:
    """The four items of one released feedback, and when it was released."""
    return rx.el.div(
        rx.el.dl(
            rx.el.dt(tr("employer_case.capacity")),
            rx.el.dd(
                rx.cond(
                    feedback.capacity.length() > 0,
                    rx.el.ul(rx.foreach(feedback.capacity, _capacity_item), class_name="plain"),
                    rx.el.span(tr("employer_case.not_given")),
                )
            ),
            rx.el.dt(tr("employer_case.expected_period")),
            rx.el.dd(_or_not_given(feedback.expected_period)),
            rx.el.dt(tr("employer_case.incapacity")),
            rx.el.dd(_or_not_given(feedback.incapacity_degree)),
            rx.el.dt(tr("employer_case.advice")),
            rx.el.dd(_or_not_given(feedback.advice)),
            class_name="items",
        ),
        rx.cond(
            feedback.released_at != "",
            rx.el.p(tr("employer_case.released_at"), " ", feedback.released_at, class_name="meta"),
        ),
        class_name="feedback",
    )


def _or_not_given(value: Any) -> rx.Component:
    return rx.cond(value != "", rx.el.span(value), rx.el.span(tr("employer_case.not_given")))


def _history(card: Any) -> rx.Component:
    return rx.cond(
        card.history.length() > 0,
        rx.el.details(
            rx.el.summary(tr("employer_case.history")),
            rx.foreach(card.history, feedback_items),
            class_name="history",
        ),
        rx.el.span(),
    )


def _consented_item(item: Any) -> rx.Component:
    return rx.fragment(rx.el.dt(item.label), rx.el.dd(item.value, class_name="consented-value"))


def _consented(card: Any) -> rx.Component:
    """Seed ch. 1: nothing beyond the four items without the employee's explicit consent;
    what he chose to share is marked as his own choice."""
    return rx.cond(
        card.consented.length() > 0,
        rx.el.section(
            rx.el.h3(tr("employer_case.consented_title")),
            rx.el.p(tr("employer_case.consented_note"), class_name="meta"),
            rx.el.dl(rx.foreach(card.consented, _consented_item), class_name="items"),
            class_name="consented",
            custom_attrs={"data-part": "consented"},
        ),
        rx.el.span(),
    )


def _appointment_item(item: Any) -> rx.Component:
    return rx.el.li(
        rx.el.span(item.when),
        rx.match(
            item.attendance,
            ("attended", rx.el.span(" · ", tr("consults.attended"))),
            ("not_attended", rx.el.span(" · ", tr("consults.not_attended"))),
            rx.fragment(),
        ),
    )


def _appointments(card: Any) -> rx.Component:
    """Consult dates and whether attended: the same lines on the employer's page and on
    the employee's "what my employer sees"."""
    return rx.el.section(
        rx.el.h3(tr("consults.employer_title")),
        rx.cond(
            card.appointments.length() > 0,
            rx.el.ul(rx.foreach(card.appointments, _appointment_item), class_name="plain"),
            rx.el.p(tr("employer_case.no_appointments")),
        ),
        custom_attrs={"data-part": "appointments"},
    )


def employer_case_card(card: Any) -> rx.Component:
    """The whole employer view of one case: who, since when, the released feedback."""
    return rx.el.section(
        rx.el.h2(card.name, " (", card.personnel_number, ")", id="employer-case-title"),
        rx.el.p(tr("employer_case.sick_since"), " ", card.sick_since),
        rx.cond(
            card.recovered_on != "",
            rx.el.p(tr("employer_case.recovered_on"), " ", card.recovered_on),
            rx.el.span(),
        ),
        rx.cond(
            card.working_now != "",
            rx.el.p(
                tr("employer_case.working_now"),
                " ",
                card.working_now,
                ", ",
                tr("employer_case.working_since"),
                " ",
                card.working_since,
                custom_attrs={"data-field": "working-now"},
            ),
            rx.el.span(),
        ),
        rx.el.h3(tr("employer_case.feedback")),
        rx.cond(
            card.has_feedback,
            rx.el.div(feedback_items(card.latest), _history(card)),
            rx.el.p(tr("employer_case.no_feedback")),
        ),
        _consented(card),
        _appointments(card),
        aria_labelledby="employer-case-title",
        custom_attrs={"data-component": "employer-case"},
        class_name="card employer-case",
    )


def secrecy_note() -> rx.Component:
    """Seed ch. 1: everything beyond the four items falls under medical secrecy."""
    return rx.el.p(tr("employer.secrecy"), class_name="secrecy-note")
