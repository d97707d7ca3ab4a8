"""The client's address behind trusted reverse proxies (issue 16, item 9): the n-th entry
from the right of X-Forwarded-For for n trusted hops, the socket peer otherwise; whatever
the client wrote itself never counts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator

import pytest
from pydantic import ValidationError
from reflex.istate.data import HeaderData, RouterData, SessionData
from reflex.state import State
from starlette.requests import Request

from kwportal import settings
from kwportal.ui.client_address import client_address, request_access, socket_access
from kwportal.ui.states import visitor
from kwportal.ui.states.auth import AuthState

PEER = "10.0.0.5"


@pytest.mark.parametrize(
    ("header", "hops", "expected"),
    [
        # no trusted proxy: the header is the client's own word and ignored
        (["203.0.113.7"], 0, PEER),
        ([], 1, PEER),
        # one proxy: it appended the address it saw, the rightmost entry
        (["203.0.113.7"], 1, "203.0.113.7"),
        # spoofed entries the client sent along stand left of it and are ignored
        (["6.6.6.6, 7.7.7.7, 203.0.113.7"], 1, "203.0.113.7"),
        # two proxies (CDN, then ours): the second entry from the right
        (["6.6.6.6, 203.0.113.7, 198.51.100.2"], 2, "203.0.113.7"),
        # repeated header lines count in order, as one list
        (["6.6.6.6", "203.0.113.7, 198.51.100.2"], 2, "203.0.113.7"),
        # fewer entries than trusted hops: the request went round a proxy, the peer counts
        (["203.0.113.7"], 2, PEER),
        ([" , ,"], 1, PEER),
        # the chosen entry is no address
        (["203.0.113.7, unknown"], 1, PEER),
        (["203.0.113.7, 999.1.2.3"], 1, PEER),
        (["203.0.113.7, <script>"], 1, PEER),
        (["203.0.113.7, _hidden"], 1, PEER),
        # ... but a garbage entry left of the chosen one does not matter
        (["garbage, 203.0.113.7"], 1, "203.0.113.7"),
        # ports and brackets as some proxies write them; IPv6 normalised
        (["203.0.113.7:4711"], 1, "203.0.113.7"),
        (["[2001:DB8::1]:443"], 1, "2001:db8::1"),
        (["2001:DB8:0::1"], 1, "2001:db8::1"),
        # an absurdly long header is no proxy chain we trust
        ([("1.2.3.4," * 400) + "203.0.113.7"], 1, PEER),
    ],
)
def test_the_nth_address_from_the_right(header: list[str], hops: int, expected: str) -> None:
    assert client_address(PEER, header, hops) == expected


def test_negative_hops_mean_none() -> None:
    assert client_address(PEER, ["203.0.113.7"], -1) == PEER


@pytest.mark.parametrize("value", ["-1", "abc", "11", "1.5"])
def test_the_setting_refuses_nonsense(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KWPORTAL_TRUSTED_PROXIES", value)
    with pytest.raises(ValidationError):
        settings.Settings()


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], None]]:
    def set_hops(n: int) -> None:
        monkeypatch.setenv("KWPORTAL_TRUSTED_PROXIES", str(n))
        settings.get_settings.cache_clear()

    yield set_hops
    settings.get_settings.cache_clear()


def _request(forwarded: list[str]) -> Request:
    headers = [(b"user-agent", b"pytest")]
    headers += [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return Request({"type": "http", "headers": headers, "client": (PEER, 50000)})


def _router(forwarded: str) -> RouterData:
    raw = {"x-forwarded-for": forwarded} if forwarded else {}
    return RouterData(
        session=SessionData(client_ip=PEER),
        headers=HeaderData(user_agent="pytest", raw_headers=raw),  # type: ignore[arg-type]
    )


def test_http_routes_and_websocket_events_read_it_the_same_way(
    hops: Callable[[int], None],
) -> None:
    forwarded = "6.6.6.6, 203.0.113.7"
    hops(0)
    assert request_access(_request([forwarded])).ip == PEER
    assert socket_access(_router(forwarded)).ip == PEER
    hops(1)
    assert request_access(_request([forwarded])).ip == "203.0.113.7"
    assert socket_access(_router(forwarded)).ip == "203.0.113.7"
    assert request_access(_request([])).ip == PEER
    assert socket_access(_router("")).ip == PEER
    assert request_access(_request([])).agent == socket_access(_router("")).agent == "pytest"


def test_the_states_take_the_same_address(
    hops: Callable[[int], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signed-in pages' runner calls and the public site's units both see it."""
    hops(1)
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
    root.router = _router("6.6.6.6, 203.0.113.7")
    auth = asyncio.run(root.get_state(AuthState))
    assert auth._caller().access.ip == "203.0.113.7"
    seen: list[str] = []
    monkeypatch.setattr(
        visitor.runner, "run_public", lambda access, work, *args: seen.append(access.ip)
    )
    site = asyncio.run(root.get_state(visitor.VisitorState))
    site._open(print)
    assert seen == ["203.0.113.7"]
