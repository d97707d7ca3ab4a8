"""Nothing of a person stays in a browser tab's server-side state across a (re)connect.

Reflex keeps a state tree per tab, keyed by a token in the tab's session storage, and sends
a full snapshot of it when the tab (re)connects — before any on_load handler could check
the session. So every session-bound state is reset at that moment; a guarded on_load fills
it again only if the cookie still resolves to an active session.
"""

from __future__ import annotations

from typing import Any

from reflex.middleware.middleware import Middleware
from reflex.state import BaseState, State
from reflex.utils.format import format_event_handler

from kwportal.ui.states.auth import AuthState


def _session_states(cls: type[BaseState]) -> list[type[BaseState]]:
    found = [cls]
    for sub in cls.get_substates():
        found += _session_states(sub)
    return found


def _hydrate_names() -> frozenset[str]:
    return frozenset(
        format_event_handler(State.event_handlers[name]) for name in ("hydrate", "hydrate_and_load")
    )


class ForgetOnConnect(Middleware):
    """Reset every :class:`AuthState` substate when a tab hydrates."""

    async def preprocess(self, app: Any, state: BaseState, event: Any) -> None:
        if event.name not in _hydrate_names():
            return None
        for cls in _session_states(AuthState):
            substate = await state.get_state(cls)
            substate.reset()  # type: ignore[no-untyped-call]
        return None
