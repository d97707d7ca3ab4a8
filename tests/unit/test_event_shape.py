"""The websocket event check (issue 16, item 12): a frame the pages never send is dropped
before Reflex calls the handler; text no page can produce is made harmless. The socket
fuzzing (tests/e2e/test_fuzz.py) found each of these as a server error."""

from __future__ import annotations

from typing import Any

import pytest
from reflex.state import State

from kwportal.ui.event_shape import clean_text, fits, prune_client_storage, well_formed
from kwportal.ui.pages.admin.accounts import AdminAccountsState
from kwportal.ui.pages.employer.overview import EmployerOverviewState
from kwportal.ui.states.base import AppState

LANG = f"{AppState.get_full_name()}.lang_rx_state_"


@pytest.mark.parametrize(
    ("state", "name", "payload"),
    [
        (State, "setvar", {"var_name": None, "value": None}),  # Reflex: str + None
        (AppState, "setvar", {"var_name": "rows", "value": 1}),  # no such setter
        (AppState, "set_lang", {"value": 5}),  # .strip() of an int
        (AppState, "set_lang", {}),  # an argument missing
        (AppState, "set_lang", {"value": "en", "extra": 1}),  # an unknown one
        (AppState, "sync_html_lang", {"x": 1}),
        (AdminAccountsState, "find", {"form_data": None}),  # None.get(...)
        (AdminAccountsState, "find", {"form_data": ["a"]}),
        (EmployerOverviewState, "go_to_page", {"page": "twee"}),
        (EmployerOverviewState, "go_to_page", {"page": True}),
        (State, "handle_frontend_exception", {"info": 1, "component_stack": ""}),
    ],
)
def test_a_payload_the_pages_never_send_is_refused(
    state: Any, name: str, payload: dict[str, Any]
) -> None:
    target = (
        state
        if name in state.event_handlers
        else next(s for s in State.get_substates() if name in s.event_handlers)
    )
    assert not well_formed(target, name, payload)


@pytest.mark.parametrize(
    ("state", "name", "payload"),
    [
        (AppState, "set_lang", {"value": "en"}),
        (AppState, "setvar", {"var_name": "lang", "value": "en"}),
        (AdminAccountsState, "find", {"form_data": {"query": 5, "x": [None]}}),
        (EmployerOverviewState, "go_to_page", {"page": 3}),
        (EmployerOverviewState, "go_to_page", {"page": "3"}),  # Reflex converts digits
        (State, "hydrate_and_load", {}),
        (State, "hydrate_and_load", {"vars": {LANG: "nl"}, "hashes": []}),
        (AppState, "no_such_handler", {"anything": 1}),  # Reflex answers it with nothing
    ],
)
def test_what_the_pages_send_passes(state: Any, name: str, payload: dict[str, Any]) -> None:
    assert well_formed(state, name, payload)


def test_hints_are_read_as_reflex_converts_them() -> None:
    assert fits(None, int | None) and fits("12", int) and not fits("1.5", int)
    assert fits(1, float) and fits("1.5", float) and not fits(False, float)
    assert fits([1], list[str]) and fits({}, dict[str, Any]) and not fits([], dict)


def test_nul_and_lone_surrogates_are_made_harmless_in_place() -> None:
    payload = {"form_data": {"name": "Ja\x00n", "notes": ["a\ud800b", {"x": "\x00"}]}}
    clean_text(payload)
    assert payload == {"form_data": {"name": "Jan", "notes": ["a\ufffdb", {"x": ""}]}}


def test_client_storage_keeps_only_existing_text_vars() -> None:
    payload = {"vars": {LANG: "en", "": None, "nowhere.lang": "nl", LANG + "x": "nl"}}
    prune_client_storage(State, payload)
    assert payload == {"vars": {LANG: "en"}}
    odd = {"vars": {LANG: {"a": 1}}}
    prune_client_storage(State, odd)
    assert odd == {"vars": {}}
