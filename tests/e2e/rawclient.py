"""Drive Reflex event handlers over a raw socket.io connection, bypassing the browser, the
way an attacker can: any handler of any state, any payload, every reply frame.

Wire format of Reflex 0.10.1 (Engine.IO 4 + socket.io 5 text packets, namespace ``/_event``):

- handshake ``ws://host:port/_event/?EIO=4&transport=websocket&token=<uuid>`` (Origin must be
  allowed; the ``Cookie`` header rides on this request) -> ``0{"sid":..,"pingInterval":..}``
- connect ``40/_event,{"event": <hydrate_and_load event>}`` -> ``40/_event,{"sid":..}``, or
  ``44/_event,{"message":..}`` when refused; server pings ``2`` are answered with ``3``
- call ``42/_event,["event",{"name": <full handler name>, "payload": {<arg>: value},
  "router_data": {"pathname": "/", "asPath": "/"}}]``
- reply, one frame per delta and one per batch of frontend events, e.g.
  ``42/_event,["event",{"delta": {<state full name>: {"<var>_rx_state_": value}}}]``,
  ``42/_event,["event",{"events": [{"name": "_call_script", ..}]}]``; an unknown handler
  gets no frame at all, a handler that raises gets the ``backend_error`` toast event.

Reflex 0.10 sends no end-of-processing marker (``StateUpdate.final`` is deprecated). The events
of one token run strictly in order, so a call is followed by ``set_is_hydrated(False)`` and
``(True)`` of ``OnLoadInternalState``, whose one-var deltas mark the end; as chained events
queue behind them, they are sent again (twice at least) until a round brings nothing else.
Limits: background handlers report after the end (use ``drain``); a chain whose first two
levels emit nothing ends too early. Reflex's own hydration handlers (``hydrate_and_load``,
``on_load_internal``, ``set_is_hydrated``) emit the same one-var deltas as the sentinels:
``connect`` waits for the hydration's end, but after calling them directly, reconnect.
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from typing import Any

import websocket

NAMESPACE = "/_event"
ROOT_STATE = "reflex___state____state"
HYDRATE = f"{ROOT_STATE}.hydrate_and_load"
SENTINEL = f"{ROOT_STATE}.reflex___state____on_load_internal_state.set_is_hydrated"
_EVENT = f"42{NAMESPACE},"


def state_handler_names(state_cls: type) -> list[str]:
    """Full event names of every handler of a state class, as the frontend sends them:
    ``<state.get_full_name()>.<function name>``, the built-in ``setvar`` included."""
    from reflex_base.utils.format import format_event_handler

    handlers = state_cls.event_handlers.values()  # type: ignore[attr-defined]
    return sorted(format_event_handler(handler) for handler in handlers)


def decode(frame: str) -> Any:
    """The data of a ``42/_event,["event",{..}]`` frame, or None for any other packet."""
    if not frame.startswith(_EVENT):
        return None
    message = json.loads(frame[len(_EVENT) :])
    return message[1] if len(message) > 1 and message[0] == "event" else None


def _is_sentinel(frame: str, value: bool) -> bool:
    data = decode(frame)
    return (
        isinstance(data, dict)
        and data.get("delta") == {ROOT_STATE: {"is_hydrated_rx_state_": value}}
        and not data.get("events")
    )


class RawReflexClient:
    """A synchronous raw socket.io client of the Reflex backend: one browser tab."""

    def __init__(
        self,
        base_url: str,
        cookie: str | None = None,
        *,
        token: str | None = None,
        pathname: str = "/",
        origin: str | None = None,  # None: websocket-client sends the URL's scheme://host:port
        hydrate: bool = True,
    ) -> None:
        self.token = token or str(uuid.uuid4())
        ws_base = base_url.rstrip("/").replace("http", "ws", 1)
        self.url = f"{ws_base}{NAMESPACE}/?EIO=4&transport=websocket&token={self.token}"
        self.cookie, self.origin, self.hydrate = cookie, origin, hydrate
        self.router_data: dict[str, Any] = {"pathname": pathname, "asPath": pathname}
        self.hydrate_frames: list[str] = []  # the reply to the hydrate event sent on connect
        self.stray: list[str] = []  # late frames of an earlier call that timed out
        self.complete = False  # whether the last reply ended on its sentinels, not a timeout
        self.connected = False
        self._ws: websocket.WebSocket | None = None
        self._pairs_due = 0

    def __enter__(self) -> RawReflexClient:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def event(self, name: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"name": name, "payload": payload or {}, "router_data": dict(self.router_data)}

    def connect(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        self._ws = websocket.create_connection(
            self.url, timeout=timeout, cookie=self.cookie, origin=self.origin
        )
        if not str(opening := self._ws.recv()).startswith("0{"):
            raise ConnectionError(f"unexpected Engine.IO open packet: {opening!r}")
        auth = {"event": self.event(HYDRATE)} if self.hydrate else {}
        self._ws.send(f"40{NAMESPACE},{json.dumps(auth)}")
        while not self.connected and (frame := self._recv(deadline)) is not None:
            if frame.startswith(f"44{NAMESPACE},"):
                raise ConnectionRefusedError(frame)
            self.connected = frame.startswith(f"40{NAMESPACE},")
            if not self.connected:
                self.hydrate_frames.append(frame)  # a hydrate delta may overtake the ack
        if not self.connected:
            raise ConnectionError("no socket.io connect acknowledgement")
        # The hydration (and the page's on_load chain) ends on an is_hydrated=True delta
        # like the sentinels': wait for it first, or it would end a round too early.
        while self.hydrate and not any(_is_sentinel(f, True) for f in self.hydrate_frames):
            if (frame := self._recv(deadline)) is None:
                break
            self.hydrate_frames.append(frame)
        if self.hydrate:
            self.hydrate_frames += self._collect(deadline)

    def call(
        self, handler_path: str, payload: dict[str, Any] | None = None, timeout: float = 5.0
    ) -> list[str]:
        """Send one event; return the raw text of every frame of its reply, in order."""
        return self.send(self.event(handler_path, payload), timeout)

    def send(self, data: Any, timeout: float = 5.0) -> list[str]:
        """Send any data as an ``event`` message (malformed ones too); collect the reply."""
        if self._ws is None or not self.connected:
            raise ConnectionError("not connected")
        deadline = time.monotonic() + timeout
        while self._pairs_due and self.connected:  # finish a call that timed out earlier
            if (late := self._until_sentinels(deadline)) is None:
                break
            self.stray += late
        self._ws.send(_EVENT + json.dumps(["event", data]))
        return self._collect(deadline)

    def drain(self, seconds: float) -> list[str]:
        """Every frame that arrives within ``seconds`` (background tasks report late)."""
        deadline = time.monotonic() + seconds
        frames: list[str] = []
        while (frame := self._recv(deadline)) is not None:
            frames.append(frame)
        return frames

    def close(self) -> None:
        if self._ws is not None:
            try:
                if self.connected:
                    self._ws.send(f"41{NAMESPACE},")
            finally:
                self._ws.close()
        self._ws, self.connected = None, False

    def _collect(self, deadline: float) -> list[str]:
        """Frames up to the sentinels, in rounds until one (not the first) brings no other."""
        frames: list[str] = []
        self.complete = False
        rounds = 0
        while self._ws is not None and self.connected:
            for value in (False, True):
                sentinel = self.event(SENTINEL, {"value": value})
                self._ws.send(_EVENT + json.dumps(["event", sentinel]))
            self._pairs_due += 1
            if (round_frames := self._until_sentinels(deadline)) is None:
                break
            frames += round_frames
            rounds += 1
            if (rounds >= 2 and not round_frames) or not self.connected:
                self.complete = self.connected
                break
        return frames

    def _until_sentinels(self, deadline: float) -> list[str] | None:
        """Frames before the next sentinel pair; None on timeout (the frames go to stray)."""
        frames: list[str] = []
        armed: int | None = None  # index of the latest set_is_hydrated(False) frame
        while (frame := self._recv(deadline)) is not None:
            if armed is not None and _is_sentinel(frame, True):
                self._pairs_due -= 1
                return frames[:armed] + frames[armed + 1 :]
            if _is_sentinel(frame, False):
                armed = len(frames)
            frames.append(frame)
            if frame.startswith(f"41{NAMESPACE}"):  # the server disconnected us
                self.connected = False
                return frames
        self.stray += frames
        return None

    def _recv(self, deadline: float) -> str | None:
        """The next socket.io packet's frame, answering pings; None on timeout or close."""
        assert self._ws is not None
        while (remaining := deadline - time.monotonic()) > 0:
            self._ws.settimeout(remaining)
            try:
                frame = str(self._ws.recv())
            except websocket.WebSocketTimeoutException:
                return None
            except (websocket.WebSocketConnectionClosedException, OSError):
                self.connected = False
                return None
            if frame == "2":
                self._ws.send("3")
            elif frame.startswith("4"):  # an Engine.IO message carries a socket.io packet
                return frame
            elif frame == "1":
                self.connected = False
                return None
        return None


if __name__ == "__main__":
    from kwportal.ui.states.base import AppState

    set_lang = next(n for n in state_handler_names(AppState) if n.endswith(".set_lang"))
    with RawReflexClient(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:3000") as c:
        print(f"hydrate: {len(c.hydrate_frames)} frames; calling {set_lang}")
        replies = c.call(set_lang, {"value": "en"})
        print(*replies, sep="\n")
        lang = [(decode(r) or {}).get("delta", {}).get(AppState.get_full_name()) for r in replies]
        assert {"lang_rx_state_": "en"} in lang, "no delta with lang = 'en'"
        print(f"OK: {len(replies)} frames, complete={c.complete}")
