"""Download my data (issue 5 item 5): one tap posts a plain form to the download route,
which asks for a fresh code first (step-up) and answers with the ZIP; nothing of the
export passes through a state var. An access request is answered here too: the privacy
desk delivers the export to this page (never to itself), the employee is told by a
content-free e-mail, and the page names the requests whose export waits for him."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_date, fmt_datetime
from kwportal.services.privacy import access_export
from kwportal.ui import routes
from kwportal.ui.components.forms import notice, post_form, submit
from kwportal.ui.components.portal_layout import portal_page
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import AppState
from kwportal.ui.text import tr

ROUTE = routes.MY_EXPORT
#: the messages the download route may send back in ``?e=``
MESSAGES = frozenset({"export.busy", "export.unknown", "auth.not_allowed"})


@dataclass
class DeliveryRow:
    received: str = ""
    delivered: str = ""
    downloaded: str = ""


def _local(moment: datetime | None) -> str:
    return fmt_datetime(moment, short=True)


class MyExportState(AuthState):
    deliveries: list[DeliveryRow] = []

    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        key = parse_qs(urlsplit(str(self.router.url)).query).get("e", [""])[0]
        self.notice_key = key if key in MESSAGES else ""
        self.deliveries = [
            DeliveryRow(
                fmt_date(d.received_at, short=True), _local(d.delivered_at), _local(d.downloaded_at)
            )
            for d in self._run(access_export.do_my_deliveries)
        ]


def _delivery(row: DeliveryRow) -> rx.Component:
    return rx.el.li(
        rx.el.dl(
            rx.el.dt(tr("rights.received_on")),
            rx.el.dd(row.received),
            rx.el.dt(tr("export.delivered_on")),
            rx.el.dd(row.delivered),
            rx.el.dt(tr("export.downloaded_on")),
            rx.el.dd(rx.cond(row.downloaded != "", row.downloaded, tr("export.not_downloaded"))),
            class_name="items",
        ),
    )


def _deliveries() -> rx.Component:
    rows: Any = MyExportState.deliveries
    return rx.cond(
        rows.length() > 0,
        rx.el.section(
            rx.el.h2(tr("export.delivered_title")),
            rx.el.p(tr("export.delivered_intro")),
            rx.el.ul(rx.foreach(rows, _delivery), class_name="plain"),
            class_name="card",
            aria_label=tr("export.delivered_title"),
        ),
    )


def my_export_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("export.title")),
        notice(MyExportState.notice_text, MyExportState.notice_kind),
        rx.el.p(tr("export.intro")),
        _deliveries(),
        rx.el.p(tr("export.contents")),
        post_form(
            routes.API_EXPORT,
            rx.el.input(type="hidden", name="lang", value=AppState.lang),
            submit("export.download"),
        ),
        rx.el.p(tr("export.stepup_note")),
    )
