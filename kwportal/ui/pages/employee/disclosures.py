"""The employee's disclosure timeline (issue 5, item 2): every disclosure of his data,
newest first — what, to whom, when, by whom (care staff by function), on which ground."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import CATALOGS, t
from kwportal.services.employee import disclosures
from kwportal.ui import routes
from kwportal.ui.components.employer_case import day
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import Localised
from kwportal.ui.text import tr

ROUTE = routes.MY_DISCLOSURES


@dataclass
class DisclosureRow:
    when: str = ""
    recipient_kind: str = ""
    recipient_name: str = ""
    categories: list[str] = field(default_factory=list)
    by_role: str = ""
    ground: str = ""


@dataclass
class DisclosureCard:
    when: str = ""
    recipient: str = ""
    what: str = ""
    by: str = ""
    ground: str = ""


def _label(prefix: str, key: str, lang: str, fallback: str = "") -> str:
    full = f"{prefix}.{key}"
    return t(full, lang) if full in CATALOGS["nl"] else (fallback or key)


class MyDisclosuresState(Localised, AuthState):
    rows: list[DisclosureRow] = []

    @rx.var
    def cards(self) -> list[DisclosureCard]:
        lang = self._lang
        cards = []
        for row in self.rows:
            to = _label("recipient", row.recipient_kind, lang, t("recipient.other", lang))
            if row.recipient_name and row.recipient_kind not in ("uwv",):
                to = f"{to} ({row.recipient_name})"
            cards.append(
                DisclosureCard(
                    when=row.when,
                    recipient=to,
                    what=", ".join(_label("category", c, lang) for c in row.categories),
                    by=_label("role", row.by_role, lang, t("disclosures.unknown_by", lang))
                    if row.by_role
                    else t("disclosures.unknown_by", lang),
                    ground=_label("ground", row.ground, lang),
                )
            )
        return cards

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        lines = self._run(disclosures.do_list_disclosures)
        self.rows = [
            DisclosureRow(
                day(line.disclosed_at),
                line.recipient_kind,
                line.recipient_name,
                list(line.categories),
                line.by_role,
                line.ground,
            )
            for line in lines
        ]


def _card(card: Any) -> rx.Component:
    return rx.el.li(
        rx.el.h2(card.when, " · ", card.recipient),
        rx.el.dl(
            rx.el.dt(tr("disclosures.what")),
            rx.el.dd(card.what),
            rx.el.dt(tr("disclosures.by")),
            rx.el.dd(card.by),
            rx.el.dt(tr("disclosures.ground")),
            rx.el.dd(card.ground),
            class_name="items",
        ),
        class_name="card disclosure",
    )


def my_disclosures_page() -> rx.Component:
    cards: Any = MyDisclosuresState.cards
    return portal_page(
        rx.el.h1(tr("disclosures.title")),
        rx.el.p(tr("disclosures.intro")),
        rx.el.p(rx.el.a(tr("disclosures.see_view"), href=routes.MY_EMPLOYER_VIEW)),
        rx.cond(
            cards.length() > 0,
            rx.el.ol(rx.foreach(cards, _card), class_name="plain disclosure-list"),
            rx.el.p(tr("disclosures.none")),
        ),
    )
