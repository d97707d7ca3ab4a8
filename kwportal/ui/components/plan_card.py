"""One plan of action (or evaluation) as a card: both views, the agreed actions, and where
it stands. The employer's plan page and the employee's /my-plan render the same card, so
they read the same document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from kwportal.i18n import t
from kwportal.services.employer.plan import PlanView
from kwportal.ui.components.employer_case import day
from kwportal.ui.text import tr


@dataclass
class PlanCard:
    plan_id: str = ""
    version: str = ""
    title: str = ""
    status: str = ""
    status_text: str = ""
    sent: str = ""
    goals: str = ""
    employer_view: str = ""
    employee_view: str = ""
    answer: str = ""
    reason: str = ""
    actions: list[str] = field(default_factory=list)


def plan_card(plan: PlanView, lang: str) -> PlanCard:
    answer = {True: "my_plan.agreed", False: "my_plan.disagreed"}.get(plan.employee_agrees)  # type: ignore[arg-type]
    return PlanCard(
        plan_id=str(plan.plan_id),
        version=str(plan.version),
        title=f"{t(f'step.{plan.kind}', lang)} · {day(plan.due)}",
        status=plan.status,
        status_text=t(f"plan.status.{plan.status}", lang),
        sent=day(plan.submitted_at),
        goals=plan.goals,
        employer_view=plan.employer_view,
        employee_view=plan.employee_view,
        answer=t(answer, lang) if answer else "",
        reason=plan.employee_reason,
        actions=[f"{a.description} — {a.owner}, {day(a.due_on)}" for a in plan.actions],
    )


def _labelled(label: str, value: Any) -> rx.Component:
    return rx.cond(
        value != "",
        rx.el.div(
            rx.el.p(rx.el.strong(tr(label))),
            rx.el.p(value, class_name="note-body"),
        ),
    )


def plan_article(card: Any) -> rx.Component:
    return rx.el.article(
        rx.el.h3(card.title),
        rx.el.p(card.status_text, " · ", tr("plan.sent"), " ", card.sent, class_name="meta"),
        _labelled("plan.goals", card.goals),
        _labelled("plan.employer_view", card.employer_view),
        rx.el.p(rx.el.strong(tr("plan.actions"))),
        rx.el.ul(rx.foreach(card.actions, lambda line: rx.el.li(line))),
        _labelled("plan.employee_view", card.employee_view),
        _labelled("plan.answer", card.answer),
        _labelled("plan.employee_reason", card.reason),
        class_name="card plan-card",
    )


def plan_cards(cards: Any, empty_key: str) -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr("plan.documents")),
        rx.cond(
            cards.length() > 0,
            rx.el.div(rx.foreach(cards, plan_article)),
            rx.el.p(tr(empty_key)),
        ),
    )


# --- small pieces both plan pages (the employer's and the employee's) use ---


def has_items(items: Any) -> Any:
    """A list var is not empty (for ``rx.cond``)."""
    return items.length() > 0


def as_key(counter: Any) -> Any:
    """A counter var as a React key: bumping it renders a fresh, empty form."""
    return counter.to(str)


def field_error(message: Any, ident: Any) -> rx.Component:
    """The message under a field, ``ident`` for its ``aria-describedby``; nothing when empty."""
    return rx.cond(message != "", rx.el.p(message, id=ident, class_name="field-error"))
