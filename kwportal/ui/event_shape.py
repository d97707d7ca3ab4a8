"""A websocket event the pages never send is dropped before any handler runs (issue 16,
item 12: fuzzing).

Reflex calls ``handler(state, **payload)`` with whatever a client put in the frame, and
its own handlers (``setvar``, ``handle_frontend_exception``, ...) trust their argument
types: a missing or unknown argument, a number where a name is expected, or ``setvar`` of
a var without a setter raised inside Reflex and was logged as a server error. So every
event is checked against its handler's signature first: the arguments must bind, and an
argument annotated ``str``, ``bool``, ``int``, ``float``, ``dict`` or ``list`` must be of
that kind (a number may come as its digits, which Reflex converts). A frame that does not
fit is dropped with a warning and no answer. Text that no page can produce is made
harmless in place: NUL is removed (PostgreSQL refuses it) and a lone surrogate, which
JSON can carry but UTF-8 cannot, becomes U+FFFD; client-storage values that name no
state's client-storage var are left out.
"""

from __future__ import annotations

import inspect
import logging
import re
import types
import typing
from typing import Any

from reflex.event import EventHandler
from reflex.middleware.middleware import Middleware
from reflex.state import BaseState, State, StateUpdate

log = logging.getLogger(__name__)
SETTER_PREFIX = "set_"
_NUMBER = re.compile(r"^-?\d{1,30}$")
_DECIMAL = re.compile(r"^-?\d{1,30}(\.\d{1,30})?$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTAINERS: dict[Any, type] = {dict: dict, list: list, tuple: list, set: list, frozenset: list}


def clean_text(value: Any) -> Any:
    """``value`` with NUL removed and lone surrogates replaced, in every string it holds
    (dicts and lists are changed in place)."""
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "")
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        for key in list(value):
            value[key] = clean_text(value[key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = clean_text(item)
    return value


def fits(value: Any, hint: Any) -> bool:
    """Whether ``value`` (decoded JSON) can be the argument annotated ``hint``."""
    origin = typing.get_origin(hint)
    if hint is Any or hint is inspect.Parameter.empty:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(fits(value, arg) for arg in typing.get_args(hint))
    if hint is None or hint is type(None):
        return value is None
    kind = _CONTAINERS.get(origin or hint)
    if kind is not None:
        return isinstance(value, kind)
    if hint is str:
        return isinstance(value, str)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, str) and bool(_NUMBER.match(value))
        )
    if hint is float:
        return (isinstance(value, int | float) and not isinstance(value, bool)) or (
            isinstance(value, str) and bool(_DECIMAL.match(value))
        )
    return True


def _hints(handler: EventHandler) -> dict[str, Any]:
    try:
        return dict(handler._type_hints or typing.get_type_hints(handler.fn))
    except Exception:  # noqa: BLE001 - an unresolvable hint is checked by binding only
        return {}


def well_formed(state_cls: type[BaseState], name: str, payload: Any) -> bool:
    """Whether ``payload`` fits handler ``name`` of ``state_cls``."""
    handler = state_cls.event_handlers.get(name)
    if handler is None or not isinstance(payload, dict):
        return handler is None  # an unknown name: Reflex answers it (with nothing)
    try:
        inspect.signature(handler.fn).bind(None, **payload)
    except TypeError:
        return False
    hints = _hints(handler)
    if not all(fits(value, hints.get(arg, Any)) for arg, value in payload.items()):
        return False
    if name == "setvar":
        setter = getattr(state_cls, SETTER_PREFIX + payload["var_name"], None)
        return isinstance(setter, EventHandler)
    return True


#: Reflex handlers that write the browser's cookie and local-storage values into the state
CLIENT_STORAGE_HANDLERS = frozenset({"update_vars_internal", "hydrate_and_load"})
FIELD_MARKER = "_rx_state_"


def prune_client_storage(root: type[BaseState], payload: dict[str, Any]) -> None:
    """Keep only the entries of ``payload["vars"]`` that name a client-storage var of an
    existing state and carry text (what a browser's cookie or local storage holds): Reflex
    looks each name up and raised on one that names no state."""
    values = payload.get("vars")
    if not isinstance(values, dict):
        return
    for name in list(values):
        path, _, var = str(name).rpartition(".")
        owner = _state_at(root, path)
        if (
            owner is None
            or not isinstance(values[name], str)
            or not owner._is_client_storage(var.removesuffix(FIELD_MARKER))
        ):
            del values[name]


def _state_at(root: type[BaseState], path: str) -> type[BaseState] | None:
    try:
        return root.get_class_substate(path) if path else None
    except ValueError:
        return None


class CheckEventShape(Middleware):
    """Drop an event whose payload does not fit its handler; clean the text of the rest."""

    async def preprocess(self, app: Any, state: BaseState, event: Any) -> StateUpdate | None:
        path, _, name = str(event.name).rpartition(".")
        state_cls = _state_at(State, path)
        if state_cls is None:
            return None  # not a state's handler: Reflex answers it (with nothing)
        if not well_formed(state_cls, name, event.payload):
            log.warning("dropped an event that does not fit its handler: %s", name[:80])
            return StateUpdate()
        clean_text(event.payload)
        if name in CLIENT_STORAGE_HANDLERS:
            prune_client_storage(State, event.payload)
        return None
