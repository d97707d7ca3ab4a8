"""The websocket accepts only the configured origin (Reflex's default `*` would let any
site open it)."""

from __future__ import annotations

import pytest
import websocket

from tests.e2e.harness import Portal


def _handshake(portal: Portal, origin: str) -> str:
    url = portal.url.replace("http://", "ws://") + "/_event/?EIO=4&transport=websocket"
    connection = websocket.create_connection(url, origin=origin, timeout=10)
    try:
        return str(connection.recv())
    finally:
        connection.close()


def test_foreign_origin_is_refused(portal: Portal) -> None:
    with pytest.raises(websocket.WebSocketBadStatusException, match="403"):
        _handshake(portal, "http://evil.example")


def test_own_origin_is_accepted(portal: Portal) -> None:
    assert _handshake(portal, portal.url).startswith('0{"sid"')
