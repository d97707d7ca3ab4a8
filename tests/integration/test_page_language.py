"""Page states keep their own copy of the interface language (issue 19, item 3), and of
the reader's name and role where a computed text needs them.

Reflex loads, for each event, every state whose computed values read a var of the event's
state or of one of its parents. When the page states' computed values read ``AppState.lang``,
every event under Redis loaded all of a tab's page states (40 of 55). They read ``_lang``
instead, which follows the tab's language before every event and when it is switched; here
is proof that an event loads only its own branch, and that the texts still follow the
language: switched, on a (re)connect, and before a handler driven on its own."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from reflex.istate.data import HeaderData, ReflexURL, RouterData, SessionData
from reflex.istate.manager.redis import StateManagerRedis
from reflex.state import BaseState, State
from reflex.utils.format import format_event_handler
from reflex_base.constants.state import FIELD_MARKER
from reflex_base.event import Event
from sqlalchemy.engine import Engine

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.ui.api.http import SESSION_COOKIE
from kwportal.ui.middleware import FollowLanguage
from kwportal.ui.pages.portal.home import PortalState
from kwportal.ui.pages.portal.messages import MessagesState
from kwportal.ui.states.auth import AuthState
from kwportal.ui.states.base import AppState
from tests.e2e.app_map import KW_STATES
from tests.integration.served import portal_database, signed_in_token
from tests.integration.state_driver import call

#: the most states one event of any kwportal state loads under Redis (was 41)
MOST_STATES_PER_EVENT = 5
HYDRATE = format_event_handler(State.event_handlers["hydrate_and_load"])
SET_LANG = format_event_handler(AppState.event_handlers["set_lang"])
LOAD = format_event_handler(PortalState.event_handlers["load"])


def _loads(state: type[BaseState]) -> set[type[BaseState]]:
    manager = StateManagerRedis.__new__(StateManagerRedis)
    return manager._get_required_state_classes(state)


@pytest.mark.parametrize("state", KW_STATES, ids=lambda s: s.__name__)
def test_an_event_loads_only_its_own_branch(state: type[BaseState]) -> None:
    loaded = _loads(state)
    assert len(loaded) <= MOST_STATES_PER_EVENT, sorted(s.__name__ for s in loaded)


@pytest.mark.parametrize("parent", [AppState, AuthState], ids=lambda s: s.__name__)
def test_only_the_parent_of_every_page_reads_its_vars(parent: type[BaseState]) -> None:
    """What reads ``AppState.lang`` or ``AuthState``'s name, role and notice is loaded by
    every page's events anyway (the parent of them all): no page state reads them."""
    readers = {name for deps in parent._var_dependencies.values() for name, _var in deps}
    assert readers <= {AuthState.get_full_name()}


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _tab(cookie_token: str) -> State:
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
    root.router = RouterData(
        session=SessionData(client_ip="127.0.0.1", client_token="page-language-test"),
        headers=HeaderData(cookie=f"{SESSION_COOKIE}={cookie_token}", user_agent="pytest"),
        url=ReflexURL("http://localhost:3000/portal"),
    )
    return root


def _home(root: State) -> PortalState:
    home = asyncio.run(root.get_state(PortalState))
    call(home, "load")
    return home


def _welcome(home: PortalState, lang: str) -> str:
    return t("portal.welcome", lang).replace("{name}", home.display_name)


def test_switching_the_language_translates_the_loaded_page(portal: Engine) -> None:
    root = _tab(signed_in_token(portal, Role.ADMIN))
    home = _home(root)
    assert home.welcome == _welcome(home, "nl")
    app = asyncio.run(root.get_state(AppState))

    call(app, "set_lang", "en")

    assert home._lang == "en" and home.welcome == _welcome(home, "en")
    assert "welcome" in home.dirty_vars  # so the switch sends it


def test_a_handler_driven_alone_reads_the_tab_language(portal: Engine) -> None:
    root = _tab(signed_in_token(portal, Role.ADMIN))
    asyncio.run(root.get_state(AppState)).lang = "en"

    home = _home(root)

    assert home._lang == "en" and home.welcome == _welcome(home, "en")


def test_every_event_brings_its_page_to_the_tab_language(portal: Engine) -> None:
    """E.g. another tab switched it through the browser storage: the next event follows."""
    root = _tab(signed_in_token(portal, Role.ADMIN))
    home = _home(root)
    app = asyncio.run(root.get_state(AppState))
    app.lang = "en"  # as Reflex's storage sync sets it: no handler of ours ran
    assert home._lang == "nl"

    asyncio.run(FollowLanguage().preprocess(None, root, Event(name=LOAD)))

    assert home._lang == "en" and home.welcome == _welcome(home, "en")


def test_a_switch_writes_only_the_states_the_tab_used(portal: Engine) -> None:
    """Every state of the tab is loaded for ``set_lang``; a state written back to Redis
    costs CPU, so those the tab has not used stay as they are (and untouched)."""
    root = _tab(signed_in_token(portal, Role.ADMIN))
    home = _home(root)
    unused = asyncio.run(root.get_state(MessagesState))
    app = asyncio.run(root.get_state(AppState))
    home._was_touched = unused._was_touched = False
    asyncio.run(FollowLanguage().preprocess(None, root, Event(name=SET_LANG)))
    assert not unused._was_touched and not home._was_touched

    call(app, "set_lang", "en")

    assert (home._lang, home._was_touched) == ("en", True)
    assert (unused._used, unused._lang, unused._was_touched) == (False, "nl", False)


@pytest.mark.parametrize("sent", ["en", "EN-gb", "xx", None])
def test_a_reconnecting_tab_takes_the_language_its_browser_sends(
    portal: Engine, sent: str | None
) -> None:
    """The snapshot a (re)connect sends is computed before any handler of the page runs,
    from the language in the event; an unknown one is Dutch, a missing one the tab's."""
    root = _tab(signed_in_token(portal, Role.ADMIN))
    home = _home(root)
    asyncio.run(root.get_state(AppState)).lang = "en"
    key = f"{AppState.get_full_name()}.lang{FIELD_MARKER}"
    payload = {"vars": {key: sent}} if sent is not None else {}

    asyncio.run(FollowLanguage().preprocess(None, root, Event(name=HYDRATE, payload=payload)))

    assert home._lang == {"en": "en", "EN-gb": "en", "xx": "nl", None: "en"}[sent]
