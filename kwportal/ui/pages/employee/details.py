"""My details (issue 5 item 8): what is stored about me, and per field a short form to ask
for a correction (seed ch. 3 B, rectification), filed as a rights request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.services.employee import my_details
from kwportal.services.privacy.rights import RightsError
from kwportal.ui import routes
from kwportal.ui.components.forms import notice
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import AppState
from kwportal.ui.text import tr

ROUTE = routes.MY_DETAILS
MAX_INPUT = 100_000


@dataclass
class DetailRow:
    field: str = ""
    value: str = ""


class MyDetailsState(AuthState):
    details: list[DetailRow] = []

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        self.notice_key = ""
        # the care addresses are not loaded here: they reach the page only in a frame
        details = self._run(my_details.do_show_details)
        self.details = [DetailRow(d.field, d.value) for d in details]

    @rx.event
    @guarded(Role.EMPLOYEE)
    def ask_correction(self, form_data: dict[str, Any]) -> None:
        field = str(form_data.get("field", ""))[:40]
        label_key = f"details.field.{field}"
        label = t(label_key, "nl") if field in my_details.RECTIFIABLE else field
        correction = str(form_data.get("correction", ""))[:MAX_INPUT]
        try:
            self._run(my_details.do_ask_correction, field, correction, field_label=label)
        except RightsError as error:
            self.notice_key = error.code
            return
        self.notice_key = "details.sent"


def _label(field: Any) -> rx.Component:
    keys = [*my_details.FIELDS, my_details.CARE_ADDRESS]
    return rx.match(field, *[(k, tr(f"details.field.{k}")) for k in keys], field)


def _fix_form(field: Any, ident: Any) -> rx.Component:
    return rx.el.details(
        rx.el.summary(tr("details.fix")),
        rx.el.form(
            rx.el.input(type="hidden", name="field", value=field),
            rx.el.label(tr("details.correction"), html_for=ident),
            rx.el.textarea(name="correction", id=ident, rows=2, required=True),
            rx.el.button(tr("details.send"), type="submit", class_name="button"),
            on_submit=MyDetailsState.ask_correction,
            reset_on_submit=True,
            class_name="form",
        ),
    )


def _detail(row: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(_label(row.field)),
        ": ",
        rx.cond(row.value != "", rx.el.span(row.value), rx.el.span(tr("details.empty"))),
        _fix_form(row.field, "fix-" + row.field),
    )


def my_details_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("details.title")),
        notice(MyDetailsState.notice_text),
        rx.el.p(tr("details.intro")),
        rx.el.section(
            rx.el.h2(tr("details.personal")),
            rx.el.ul(rx.foreach(MyDetailsState.details, _detail), class_name="plain details"),
            class_name="card",
        ),
        rx.el.section(
            rx.el.h2(tr("details.field.care_address")),
            rx.el.p(tr("details.care_note")),
            rx.el.iframe(
                src=f"{routes.API_CARE_ADDRESS}?lang={AppState.lang}",
                title=tr("details.field.care_address"),
                class_name="secret-frame",
            ),
            _fix_form(my_details.CARE_ADDRESS, "fix-care-address"),
            class_name="card",
        ),
    )
