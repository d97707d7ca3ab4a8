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
from kwportal.services import runner
from kwportal.services.auth import sessions
from kwportal.settings import get_settings
from kwportal.ui import routes, tab_sessions
from kwportal.ui.client_address import socket_access
from kwportal.ui.guard import guarded, public
from kwportal.ui.notices import kind_or_empty
from kwportal.ui.routes import session_cookie
from kwportal.ui.states.base import AppState, Localised

T = TypeVar("T")
#: ``_bound`` of a tab whose session a guard found gone: no binding ever equals it
ENDED = "ended"
_LINK_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


class AuthState(AppState):
    display_name: str = ""
    role: str = ""
    #: the outcome of the last action on a signed-in page (a catalog key, or empty)
    notice_key: str = ""
    _signed_in: sessions.SignedIn | None = None
    #: the session cookie's binding (``tab_sessions.binding``) this tab's data was loaded
    #: with; every later event is checked against it (kwportal/ui/middleware.py)
    _bound: str = ""
    #: the gate of the handler being run and how many units it ran (set by the guard)
    _gate: runner.Gate | None = None
    _units: int = 0

    @rx.var
    def notice_text(self) -> str:
        return t(self.notice_key, self.lang) if self.notice_key else ""

    @rx.var
    def notice_kind(self) -> str:
        """success / info / warning / error (kwportal/ui/notices.py), "" without a notice."""
        return kind_or_empty(self.notice_key)

    def _cookie_token(self) -> str:
        try:
            jar = SimpleCookie(self.router.headers.cookie or "")
        except CookieError:
            return ""
        morsel = jar.get(session_cookie(get_settings().secure_cookies))
        return morsel.value[:200] if morsel else ""

    def _caller(self) -> runner.Caller:
        return runner.Caller(token=self._cookie_token(), access=socket_access(self.router))

    def _run(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Hand one use case to the runner: one transaction for the whole click. A refusal
        propagates to the guard, which answers it the one way."""
        caller = self._caller()
        done = runner.run(caller, work, *args, guard=self._gate, **kwargs)
        self._units += 1
        self._bind(caller.token, done.signed_in)
        self._signed_in = done.signed_in
        self.display_name = done.signed_in.display_name
        self.role = str(done.signed_in.role)
        return done.value

    @rx.event
    @guarded()
    def keep_alive(self) -> None:
        """ "Stay signed in": the guard has touched the session."""

    def _bind(self, token: str, signed_in: sessions.SignedIn) -> None:
        bound = tab_sessions.binding(token)
        if bound != self._bound:
            tab_sessions.remember(bound, signed_in.account_id, self.router.session.client_token)
            self._bound = bound

    def _forget(self) -> None:
        """Drop everything the tab holds for the session: the session fields and every
        page state loaded with this one (a handler refused only after it ran may have set
        a notice on its way); the tab's next event resets the rest (``_bound``)."""
        session_root: Any = self
        while type(session_root) is not AuthState and session_root.parent_state is not None:
            session_root = session_root.parent_state
        was_bound = bool(session_root._bound)
        session_root.reset()
        session_root._bound = ENDED if was_bound else ""


class AuthPageState(Localised, AppState):
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
        return t(self.message_key, self._lang).replace("{wait}", str(self.wait))

    @rx.var
    def message_kind(self) -> str:
        return kind_or_empty(self.message_key)

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
