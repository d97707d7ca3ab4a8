"""Calling handlers and opening pages over a raw socket.io connection, and reading the reply:
redirects, deltas, and any data that should not be there."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kwportal.ui import guard
from tests.e2e.app_map import STATE_BY_NAME, Handler
from tests.e2e.harness import Portal
from tests.e2e.rawclient import RawReflexClient, decode

CANARIES = ("MEDISCH-", "ZORGADRES-", "CONCEPT-")
#: a value no state holds: written by the tests, it must never come back
PROBE = "KW-GUARD-PROBE-7f3a"
FIELD = "_rx_state_"


@dataclass
class Reply:
    frames: list[str]
    complete: bool
    baseline: dict[str, dict[str, Any]]

    def data(self) -> list[dict[str, Any]]:
        return [d for f in self.frames if isinstance(d := decode(f), dict)]

    def deltas(self) -> list[dict[str, dict[str, Any]]]:
        return [d["delta"] for d in self.data() if isinstance(d.get("delta"), dict)]

    def redirects(self) -> list[str]:
        return [
            str(event.get("payload", {}).get("path", ""))
            for d in self.data()
            for event in d.get("events") or []
            if event.get("name") == "_redirect"
        ]

    def refused_to_login(self) -> bool:
        return any(path.startswith("/login") for path in self.redirects())

    def refused_as_not_allowed(self) -> bool:
        return guard.NOT_ALLOWED in self.redirects()

    def text(self) -> str:
        decoded = [json.dumps(d, ensure_ascii=False) for d in self.data()]
        return "\n".join(self.frames + decoded)


def _merged(frames: Iterable[str]) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for frame in frames:
        data = decode(frame)
        for state, values in ((data or {}).get("delta") or {}).items():
            merged.setdefault(state, {}).update(values)
    return merged


def sample_payload(handler: Handler) -> dict[str, Any]:
    """A value for each required argument, by its annotation."""
    samples = {"str": PROBE, "int": 1, "bool": True, "dict": {}, "list": [], "float": 1.0}
    target = inspect.unwrap(handler.fn)
    payload: dict[str, Any] = {}
    for name, param in list(inspect.signature(target).parameters.items())[1:]:
        if param.default is not inspect.Parameter.empty or param.kind in (
            inspect.Parameter.VAR_POSITIONAL,
            inspect.Parameter.VAR_KEYWORD,
        ):
            continue
        hint = param.annotation
        spelled = hint.__name__ if isinstance(hint, type) else str(hint)
        annotation = spelled.split("[")[0].split("|")[0].strip()
        payload[name] = samples.get(annotation, PROBE)
    return payload


def call(portal: Portal, event: str, payload: dict[str, Any], cookie: str | None) -> Reply:
    with RawReflexClient(portal.url, cookie) as client:
        baseline = _merged(client.hydrate_frames)
        frames = client.call(event, payload)
        return Reply(frames, client.complete, baseline)


def open_page(portal: Portal, path: str, cookie: str | None) -> Reply:
    with RawReflexClient(portal.url, cookie, pathname=path) as client:
        return Reply(client.hydrate_frames, client.complete, {})


def problems(
    reply: Reply,
    forbidden: Iterable[str],
    *,
    states: set[str],
    computed: bool,
    own: Iterable[str] = (),
) -> list[str]:
    """Forbidden strings anywhere in the reply, and vars of ``states`` that moved off the
    fresh tab's values (base vars, and computed ones too when ``computed``). ``own`` are the
    caller's own texts (an employee's own intake answers and messages carry the demo's
    canaries): taken out of the reply first, so only someone else's data counts."""
    text = reply.text()
    for value in own:
        text = text.replace(value, "").replace(json.dumps(value)[1:-1], "")
    found = [f"{value!r} in the reply" for value in (*CANARIES, *forbidden) if value in text]
    for delta in reply.deltas():
        for state_name, values in delta.items():
            state = STATE_BY_NAME.get(state_name)
            if state is None or state_name not in states:
                continue
            for key, value in values.items():
                var = key.removesuffix(FIELD)
                if not computed and var in state.computed_vars:
                    continue
                if value != reply.baseline.get(state_name, {}).get(key):
                    found.append(f"{state.__qualname__}.{var} = {value!r}")
    return found
