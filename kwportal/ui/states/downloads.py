"""The one handler behind every download link of a person's own files (case documents,
consent receipts): a fresh code first, then the browser fetches the file itself.

BRIEF.md asks a fresh code before every download of personal data. The download route
refuses a stale code (it sends the browser to ``/stepup``), but a link with the
``download`` attribute would save that answer as a file. So the click asks the server
first (``runner.do_confirm_fresh_code``): with a stale code the guard sends the tab to
``/stepup?next=<this page>``, which returns here; with a fresh one the browser is told to
download the link, and the file never travels through the websocket."""

from __future__ import annotations

import re
from typing import Any

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.services import runner
from kwportal.ui import routes
from kwportal.ui.guard import guarded
from kwportal.ui.states.auth import AuthState

#: the only links this handler downloads: the employee's own documents and receipts
_DOWNLOADS = re.compile(
    "^(?:"
    + "|".join(
        re.escape(route.split("{", 1)[0]) + "[1-9][0-9]{0,11}"
        for route in (routes.API_DOCUMENT, routes.API_RECEIPT)
    )
    + ")$"
)


def is_own_download(href: str) -> bool:
    return isinstance(href, str) and _DOWNLOADS.match(href) is not None


class DownloadState(AuthState):
    @rx.event
    @guarded(Role.EMPLOYEE)
    def fetch(self, href: str) -> Any:
        if not is_own_download(href):
            return None
        self._run(runner.do_confirm_fresh_code)
        # an empty name: the browser takes the server's Content-Disposition filename
        return rx.download(url=href, filename="")
