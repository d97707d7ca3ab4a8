"""A tab is bound to its session (issue 16, item 8), seen inside the server: the middleware
runs before each event as Reflex runs it, on a tab whose page was loaded by a real guarded
handler. The browser-level proof, over the raw socket, is tests/e2e/test_tab_state_e2e.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from reflex.istate.data import HeaderData, ReflexURL, RouterData, SessionData
from reflex.state import State
from reflex.utils.format import format_event_handler
from reflex_base.event import Event
from sqlalchemy import event
from sqlalchemy.engine import Engine

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.services.auth import sessions
from kwportal.ui import tab_sessions
from kwportal.ui.api.http import SESSION_COOKIE
from kwportal.ui.middleware import BindTabToSession, forget_session_states, is_guarded
from kwportal.ui.pages.portal.home import PortalState
from kwportal.ui.states.auth import ENDED, AuthState
from kwportal.ui.states.base import AppState
from tests.integration.auth_helpers import ctx
from tests.integration.served import portal_database, signed_in_token
from tests.integration.state_driver import call

SET_LANG = format_event_handler(AppState.event_handlers["set_lang"])
LOAD = format_event_handler(PortalState.event_handlers["load"])
TAB = "0b6f3d4e-tab-binding-test"


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


@pytest.fixture(autouse=True)
def fresh_registry() -> Iterator[None]:
    tab_sessions._registry.cache_clear()
    yield
    tab_sessions._registry.cache_clear()


def _tab(cookie_token: str) -> State:
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
    _handshake(root, cookie_token)
    return root


def _handshake(root: State, cookie_token: str) -> None:
    root.router = RouterData(
        session=SessionData(client_ip="127.0.0.1", client_token=TAB),
        headers=HeaderData(cookie=f"{SESSION_COOKIE}={cookie_token}", user_agent="pytest"),
        url=ReflexURL("http://localhost:3000/portal"),
    )


def _loaded_home(root: State) -> PortalState:
    home = asyncio.run(root.get_state(PortalState))
    call(home, "load")
    assert home.display_name and home.display_name in home.welcome
    return home


def _event(root: State, name: str) -> None:
    """What Reflex does before the handler runs: the middleware's preprocess."""
    asyncio.run(BindTabToSession().preprocess(None, root, Event(name=name)))


def _end(engine: Engine, token: str) -> None:
    with transaction(engine) as session:
        sessions.logout(session, ctx(datetime.now(UTC)), token)


def _wiped(home: PortalState) -> bool:
    auth = home.parent_state
    assert isinstance(auth, AuthState)
    blank = asyncio.run(State(_reflex_internal_init=True).get_state(PortalState))  # type: ignore[call-arg]
    shown = (home.display_name, home.role, home.welcome, home.role_line)
    return shown == (blank.display_name, "", blank.welcome, "") and (
        auth._signed_in,
        auth._bound,
    ) == (None, "")


@pytest.fixture
def transactions(portal: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(connection: Any) -> None:
        seen.append("BEGIN")

    event.listen(portal, "begin", count)
    yield seen
    event.remove(portal, "begin", count)


def test_a_public_event_after_logout_finds_the_tab_emptied(
    portal: Engine, transactions: list[str]
) -> None:
    token = signed_in_token(portal, Role.ADMIN)
    root = _tab(token)
    home = _loaded_home(root)
    assert home.parent_state._bound == tab_sessions.binding(token)  # type: ignore[union-attr]
    _end(portal, token)
    transactions.clear()
    _event(root, SET_LANG)  # the same socket: the very same cookie, its session ended
    assert _wiped(home)
    assert transactions == ["BEGIN"]  # one small read found the session gone


def test_a_public_event_of_a_live_session_keeps_the_page(
    portal: Engine, transactions: list[str]
) -> None:
    token = signed_in_token(portal, Role.ADMIN)
    root = _tab(token)
    home = _loaded_home(root)
    transactions.clear()
    _event(root, SET_LANG)
    assert home.display_name and not _wiped(home)
    assert transactions == ["BEGIN"]


def test_a_guarded_event_costs_no_extra_transaction(
    portal: Engine, transactions: list[str]
) -> None:
    token = signed_in_token(portal, Role.ADMIN)
    root = _tab(token)
    _loaded_home(root)
    transactions.clear()
    _event(root, LOAD)
    assert transactions == []  # the runner checks the session in the click's own unit


@pytest.mark.parametrize("cookie", ["", "another-token"])
def test_a_changed_or_missing_cookie_empties_the_tab_without_a_read(
    portal: Engine, transactions: list[str], cookie: str
) -> None:
    token = signed_in_token(portal, Role.ADMIN)
    root = _tab(token)
    home = _loaded_home(root)
    _handshake(root, cookie)  # the tab reconnected with another cookie, or none
    transactions.clear()
    _event(root, LOAD)
    assert _wiped(home)
    assert transactions == []


def test_a_guard_that_finds_the_session_gone_empties_every_loaded_page(portal: Engine) -> None:
    token = signed_in_token(portal, Role.ADMIN)
    root = _tab(token)
    home = _loaded_home(root)
    other = asyncio.run(root.get_state(AuthState))
    _end(portal, token)
    call(home, "keep_alive")  # guarded: refused, and the tab forgets
    assert (home.display_name, home.role, other._signed_in) == ("", "", None)
    assert other._bound == ENDED  # so the next event resets what was not loaded
    _event(root, SET_LANG)
    assert _wiped(home)


def test_logout_resets_the_tabs_of_that_session(portal: Engine) -> None:
    token = signed_in_token(portal, Role.ADMIN)
    root = _tab(token)
    home = _loaded_home(root)
    reset: list[str] = []

    async def reset_tab(tab: str) -> None:
        reset.append(tab)
        await forget_session_states(root)

    tab_sessions.install(reset_tab)
    try:
        assert asyncio.run(tab_sessions.end_session("someone-else")) == 0
        assert home.display_name
        assert asyncio.run(tab_sessions.end_session(token)) == 1
    finally:
        tab_sessions.install(None)  # type: ignore[arg-type]
    assert reset == [TAB]
    assert _wiped(home)
    assert asyncio.run(tab_sessions.end_session(token)) == 0  # forgotten once reset


def test_the_middleware_tells_guarded_handlers_from_the_rest() -> None:
    assert is_guarded(LOAD)
    assert not is_guarded(SET_LANG)
    assert not is_guarded(f"{State.get_full_name()}.hydrate")
    assert not is_guarded("no.such.state.handler")
    assert not is_guarded(f"{PortalState.get_full_name()}.no_such_handler")


def test_a_tab_that_never_signed_in_is_not_marked_for_a_reset(portal: Engine) -> None:
    root = _tab("not-a-session")
    home = asyncio.run(root.get_state(PortalState))
    call(home, "keep_alive")
    assert home.parent_state._bound == ""  # type: ignore[union-attr]
