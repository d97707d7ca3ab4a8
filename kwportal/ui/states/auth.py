"""Session-aware states. The signed-in account lives in a backend-only var; the browser
gets only a display name and a role label."""

from __future__ import annotations

import re
from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import reflex as rx

from kwportal.i18n import CATALOGS, t
from kwportal.services import audit, runner
from kwportal.services.auth import sessions
from kwportal.ui import routes
from kwportal.ui.guard import guarded, public
from kwportal.ui.routes import SESSION_COOKIE
from kwportal.ui.states.base import AppState

T = TypeVar("T")
_LINK_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


class AuthState(AppState):
    display_name: str = ""
    role: str = ""
    #: the outcome of the last action on a signed-in page (a catalog key, or empty)
    notice_key: str = ""
    _signed_in: sessions.SignedIn | None = None
    #: the gate of the handler being run and how many units it ran (set by the guard)
    _gate: runner.Gate | None = None
    _units: int = 0

    @rx.var
    def notice_text(self) -> str:
        return t(self.notice_key, self.lang) if self.notice_key else ""

    def _cookie_token(self) -> str:
        try:
            jar = SimpleCookie(self.router.headers.cookie or "")
        except CookieError:
            return ""
        morsel = jar.get(SESSION_COOKIE)
        return morsel.value[:200] if morsel else ""

    def _caller(self) -> runner.Caller:
        return runner.Caller(
            token=self._cookie_token(),
            access=audit.AccessPoint(
                ip=self.router.session.client_ip or "",
                agent=(self.router.headers.user_agent or "")[:300],
            ),
        )

    def _run(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Hand one use case to the runner: one transaction for the whole click. A refusal
        propagates to the guard, which answers it the one way."""
        done = runner.run(self._caller(), work, *args, guard=self._gate, **kwargs)
        self._units += 1
        self._signed_in = done.signed_in
        self.display_name = done.signed_in.display_name
        self.role = str(done.signed_in.role)
        return done.value

    @rx.event
    @guarded()
    def keep_alive(self) -> None:
        """ "Stay signed in": the guard has touched the session."""

    def _forget(self) -> None:
        """Drop everything this state (and the session fields it inherits) holds."""
        self.reset()  # type: ignore[no-untyped-call]
        self._signed_in = None
        # the inherited fields too: a handler refused only after it ran (its use case found
        # no session) may have set a notice on its way
        self.display_name = self.role = self.notice_key = ""


class AuthPageState(AppState):
    """The public sign-in pages: a message key, a wait time and a link token from the URL,
    each allow-listed."""

    message_key: str = ""
    wait: int = 0
    link_token: str = ""
    next_path: str = routes.PORTAL

    @rx.var
    def message(self) -> str:
        if not self.message_key:
            return ""
        return t(self.message_key, self.lang).replace("{wait}", str(self.wait))

    @rx.event
    @public
    def load_query(self) -> None:
        query = parse_qs(urlsplit(str(self.router.url)).query)
        key = query.get("e", [""])[0]
        self.message_key = key if key.startswith("auth.") and key in CATALOGS["nl"] else ""
        wait = query.get("wait", ["0"])[0]
        self.wait = int(wait) if wait.isdigit() and len(wait) < 6 else 0
        token = query.get("token", [""])[0]
        self.link_token = token if _LINK_TOKEN.match(token) else ""
        nxt = query.get("next", [routes.PORTAL])[0]
        self.next_path = nxt if nxt.startswith("/") and not nxt.startswith("//") else routes.PORTAL
