"""Drive a page state's event handler in this process, as the websocket would: a root
state with the browser's cookie and address, the handler called by name with its payload.
Used where a test must see inside the server (e.g. count transactions), which a browser
cannot; the browser tests call the same handlers over the real socket."""

from __future__ import annotations

import asyncio
from typing import Any, TypeVar

from reflex.istate.data import HeaderData, ReflexURL, RouterData, SessionData
from reflex.state import BaseState, State

from kwportal.ui.api.http import SESSION_COOKIE

S = TypeVar("S", bound=BaseState)


def page_state(state_class: type[S], token: str, *, url: str = "http://localhost:3000/") -> S:
    """A fresh tab's instance of ``state_class`` whose handshake carried ``token``."""
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
    root.router = RouterData(
        session=SessionData(client_ip="127.0.0.1"),
        headers=HeaderData(cookie=f"{SESSION_COOKIE}={token}", user_agent="pytest"),
        url=ReflexURL(url),
    )
    return asyncio.run(root.get_state(state_class))


def call(state: BaseState, handler: str, *args: Any) -> Any:
    """Call one event handler of ``state`` (guard included) and return what it returned."""
    return getattr(type(state), handler).fn(state, *args)
