"""Nothing of a person stays in a browser tab's server-side state once the tab's session is
gone, and nothing of it is sent again (issue 4; issue 16, items 2 and 8).

Reflex keeps a state tree per tab, keyed by a token in the tab's session storage. It sends
a full snapshot of the tree when the tab (re)connects — before any on_load handler could
check the session — and it recomputes and sends computed values whenever an event, a public
one such as ``set_lang`` included, changes what they depend on. So before every event:

- a tab that (re)connects has every session state (``AuthState`` and its page states)
  reset; a guarded on_load fills them again only if the cookie resolves to a session;
- a tab bound to a session (``AuthState._bound``, see ``tab_sessions.py``) whose cookie
  changed or is gone, or that a guard found signed out (``AuthState._forget``), is reset;
- for a handler that runs no use case (a public one, or one of Reflex's own), the cookie
  must still resolve to the very session the tab is bound to: one small read. A guarded
  handler's runner makes that check itself, in the click's one unit of work.
"""

from __future__ import annotations

import asyncio
from functools import lru_cache
from typing import Any

from reflex.istate.manager.token import BaseStateToken
from reflex.middleware.middleware import Middleware
from reflex.state import BaseState, State
from reflex.utils.format import format_event_handler
from reflex_base.constants.state import FIELD_MARKER

from kwportal.i18n import normalise_language
from kwportal.services import runner
from kwportal.ui import tab_sessions
from kwportal.ui.guard import guard_roles_of
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import AppState, Localised, follow_lang


def _hydrate_names() -> frozenset[str]:
    return frozenset(
        format_event_handler(State.event_handlers[name]) for name in ("hydrate", "hydrate_and_load")
    )


@lru_cache(maxsize=4096)
def is_guarded(event_name: str) -> bool:
    """Whether the event's handler is wrapped by ``guarded`` (unknown names: not)."""
    path, _, name = event_name.rpartition(".")
    try:
        handler = State.get_class_substate(path).event_handlers.get(name)
    except ValueError:
        return False
    return handler is not None and guard_roles_of(handler.fn) is not None


def loaded_auth_state(state: BaseState) -> AuthState | None:
    """The tab's ``AuthState`` if this event loaded it (Redis loads only the handler's
    branch: a state not loaded cannot be in this event's reply)."""
    node: BaseState | None = state._get_root_state()
    for name in AuthState.get_full_name().split(".")[1:]:
        node = node.substates.get(name) if node is not None else None
    return node if isinstance(node, AuthState) else None


async def forget_session_states(state: BaseState) -> None:
    """Reset ``AuthState`` and every state below it (loading them all first)."""
    auth = await state._get_root_state().get_state(AuthState)
    auth.reset()  # type: ignore[no-untyped-call]


async def _still_bound(auth: AuthState, event_name: str) -> bool:
    if auth._bound != tab_sessions.binding(auth._cookie_token()) or auth._signed_in is None:
        return False
    if is_guarded(event_name):
        return True  # the guard's runner checks the session in the click's own unit
    session_id = await asyncio.to_thread(runner.session_of, auth._caller())
    return session_id == auth._signed_in.session_id


class BindTabToSession(Middleware):
    """Reset every session state of a tab that (re)connects or whose session is gone."""

    async def preprocess(self, app: Any, state: BaseState, event: Any) -> None:
        if event.name in _hydrate_names():
            await forget_session_states(state)
            return None
        auth = loaded_auth_state(state)
        if auth is not None and auth._bound and not await _still_bound(auth, event.name):
            await forget_session_states(state)
        return None


def _sent_lang(event: Any) -> str | None:
    """The language a (re)connecting tab sends from its browser storage, if any."""
    sent = event.payload.get("vars") if isinstance(event.payload, dict) else None
    if not isinstance(sent, dict):
        return None
    for key, value in sent.items():
        state_name, _, var = str(key).rpartition(".")
        if var.removesuffix(FIELD_MARKER) == "lang" and state_name.endswith(AppState.get_name()):
            return str(value)
    return None


class FollowLanguage(Middleware):
    """Before every event, the event's own state and those below it take the tab's language
    for their computed values (``states/base.py`` says why they keep a copy). A
    (re)connecting tab's language arrives with the event, so it is read from there, and
    every state takes it: Reflex sends them all in its snapshot."""

    async def preprocess(self, app: Any, state: BaseState, event: Any) -> None:
        root = state._get_root_state()
        app_state = root.substates.get(AppState.get_name())
        if not isinstance(app_state, AppState):
            return None
        if event.name in _hydrate_names():
            lang = normalise_language(_sent_lang(event) or app_state.lang)
            follow_lang(app_state, lang)
            return None
        target = _target_of(root, event.name)
        lang = normalise_language(app_state.lang)
        if isinstance(target, Localised):
            follow_lang(target, lang, use=True)
        elif target is not None:  # e.g. AuthState's: all below it are loaded, few used
            follow_lang(target, lang, used=True)
        return None


def _target_of(root: BaseState, event_name: str) -> BaseState | None:
    """The loaded state whose handler the event names (None for an unknown name)."""
    path = event_name.rpartition(".")[0].split(".")
    if path[0] != root.get_name():
        return None
    try:
        return root.get_substate(path)
    except ValueError:
        return None


def bind_tabs_to_sessions(app: Any) -> None:
    """Check every event (the middleware), let logout reset the session's tabs, and
    let a reloaded tab keep its token (``tab_sessions.ReconnectingTokenManager``)."""

    async def reset_tab(tab: str) -> None:
        async with app.modify_state(BaseStateToken(ident=tab, cls=AuthState)) as state:
            await forget_session_states(state)

    app.add_middleware(BindTabToSession())
    app.add_middleware(FollowLanguage())  # after the reset of a (re)connecting tab
    tab_sessions.install(reset_tab)
    tab_sessions.keep_tokens_over_reloads(app.event_namespace)
