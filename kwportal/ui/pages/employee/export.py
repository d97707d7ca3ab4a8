"""Download my data (issue 5 item 5): one tap posts a plain form to the download route,
which asks for a fresh code first (step-up) and answers with the ZIP; nothing of the
export passes through a state var."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import reflex as rx

from kwportal.domain.roles import Role
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


class MyExportState(AuthState):
    @rx.event
    @guarded(Role.EMPLOYEE)
    def load(self) -> None:
        key = parse_qs(urlsplit(str(self.router.url)).query).get("e", [""])[0]
        self.notice_key = key if key in MESSAGES else ""


def my_export_page() -> rx.Component:
    return portal_page(
        rx.el.h1(tr("export.title")),
        notice(MyExportState.notice_text),
        rx.el.p(tr("export.intro")),
        rx.el.p(tr("export.contents")),
        post_form(
            routes.API_EXPORT,
            rx.el.input(type="hidden", name="lang", value=AppState.lang),
            submit("export.download"),
        ),
        rx.el.p(tr("export.stepup_note")),
    )
