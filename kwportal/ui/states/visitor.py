"""The public pages' state: the visitor's cookie choice (read from the functional choice
cookie on the server, never from script), a fresh form token, and the message a form route
sent back. Marketing and statistics scripts are started from here, and only after consent."""

from __future__ import annotations

from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import reflex as rx
from reflex.event import EventSpec

from kwportal.i18n import CATALOGS, t
from kwportal.i18n.fmt import fmt_date
from kwportal.services import runner
from kwportal.services.visitors import site
from kwportal.ui import routes
from kwportal.ui.client_address import socket_access
from kwportal.ui.guard import public
from kwportal.ui.notices import kind_or_empty
from kwportal.ui.routes import CHOICE_COOKIE, FORM_COOKIE
from kwportal.ui.states.auth import _LINK_TOKEN
from kwportal.ui.states.base import AppState, Localised

T = TypeVar("T")
#: the stand-in marketing tag (assets/marketing-standin.js), injected only after consent
MARKETING_SCRIPT = (
    "if(!document.getElementById('kw-marketing')){var s=document.createElement('script');"
    "s.id='kw-marketing';s.src='/marketing-standin.js';document.head.appendChild(s);}"
)
#: the first-party statistics beacon: path and referrer, to our own server
STATISTICS_BEACON = (
    "navigator.sendBeacon('" + routes.API_HIT + "',new URLSearchParams("
    "{p:location.pathname,r:document.referrer}));"
)


class VisitorState(Localised, AppState):
    show_banner: bool = False
    has_choice: bool = False
    analytics: bool = False
    marketing: bool = False
    gpc: bool = False
    accepted_version: int = 0
    accepted_on: str = ""
    form_token: str = ""
    form_nonce: str = rx.Cookie("", name=FORM_COOKIE, same_site="strict", path="/")
    message_key: str = ""
    wait: int = 0
    link_token: str = ""
    back_path: str = routes.HOME
    doc_version: int = 0
    since_version: int = 0

    @rx.var
    def message(self) -> str:
        if not self.message_key:
            return ""
        return t(self.message_key, self._lang).replace("{wait}", str(self.wait))

    @rx.var
    def message_kind(self) -> str:
        return kind_or_empty(self.message_key)

    def _cookie(self, name: str) -> str:
        try:
            jar = SimpleCookie(self.router.headers.cookie or "")
        except CookieError:
            return ""
        morsel = jar.get(name)
        return morsel.value[:100] if morsel else ""

    def _open(self, work: Callable[..., T], *args: Any) -> T:
        """One unit without a session (the public site has none): ``work(*args, ctx=ctx)``."""
        return runner.run_public(socket_access(self.router), work, *args)

    def _gpc(self) -> bool:
        raw = getattr(self.router.headers, "raw_headers", {}) or {}
        return str(raw.get("sec-gpc", "")).strip() == "1"

    def _read_query(self) -> None:
        query = parse_qs(urlsplit(str(self.router.url)).query)
        key = query.get("m", [""])[0]
        self.message_key = key if key.startswith("visitor.") and key in CATALOGS["nl"] else ""
        wait = query.get("wait", ["0"])[0]
        self.wait = int(wait) if wait.isdigit() and len(wait) < 6 else 0
        token = query.get("token", query.get("t", [""]))[0]
        self.link_token = token if _LINK_TOKEN.match(token.replace(".", "")) else ""
        self.doc_version = _small_int(query.get("v", ["0"])[0])
        self.since_version = _small_int(query.get("since", ["0"])[0])

    @rx.event
    @public
    def load(self) -> list[EventSpec]:
        """The choice, a new form token, the URL's message; then the scripts consented to."""
        self._read_query()
        self.back_path = self.router.page.path or routes.HOME
        visit = self._open(site.do_open_page, self._cookie(CHOICE_COOKIE))
        self.form_token, self.form_nonce = visit.form_token, visit.form_nonce
        choice = visit.choice
        self.gpc = self._gpc()
        self.has_choice = choice is not None
        self.show_banner = choice is None
        self.analytics = bool(choice and choice.analytics)
        self.marketing = bool(choice and choice.marketing and not self.gpc)
        self.accepted_version = choice.version_number if choice else 0
        self.accepted_on = fmt_date(choice.given_at, short=True) if choice else ""
        scripts = []
        if self.analytics:
            scripts.append(rx.call_script(STATISTICS_BEACON))
        if self.marketing:
            scripts.append(rx.call_script(MARKETING_SCRIPT))
        return scripts


def _small_int(value: str) -> int:
    return int(value) if value.isdigit() and len(value) < 4 else 0
