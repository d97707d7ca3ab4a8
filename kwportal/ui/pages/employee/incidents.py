"""The employee's notices of a breach that concerned his data (AVG art. 34; seed ch. 3
"maatregelen … gevolgen … beperken"): what happened in plain words, the likely
consequences, what was done, and whom to ask. The privacy officer wrote them
(kwportal/ui/pages/privacy/breaches.py); the mail that told him says only that they are
here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_date
from kwportal.services.privacy import breaches
from kwportal.ui import routes
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr

ROUTE = routes.MY_INCIDENTS


@dataclass
class IncidentCard:
    when: str = ""
    text: str = ""
    consequences: str = ""
    measures: str = ""


class MyIncidentsState(AuthState):
    cards: list[IncidentCard] = []

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.cards = [
            IncidentCard(fmt_date(n.told_at, short=True), n.text, n.consequences, n.measures)
            for n in self._run(breaches.do_my_incidents)
        ]


def _part(label_key: str, value: Any) -> rx.Component:
    return rx.cond(
        value != "",
        rx.fragment(rx.el.h3(tr(label_key)), rx.el.p(value, class_name="note-body")),
        rx.fragment(),
    )


def _card(card: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h2(tr("incidents.notice_of"), " ", card.when),
        rx.el.p(card.text, class_name="note-body"),
        _part("incidents.consequences", card.consequences),
        _part("incidents.measures", card.measures),
        rx.el.h3(tr("incidents.questions")),
        rx.el.p(tr("incidents.contact")),
        class_name="card",
    )


def my_incidents_page() -> rx.Component:
    cards: Any = MyIncidentsState.cards
    return portal_page(
        rx.el.h1(tr("incidents.title")),
        rx.el.p(tr("incidents.intro")),
        rx.cond(
            cards.length() > 0,
            rx.el.ul(rx.foreach(MyIncidentsState.cards, _card), class_name="plain"),
            rx.el.p(tr("incidents.none")),
        ),
    )
