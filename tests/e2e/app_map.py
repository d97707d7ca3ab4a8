"""The app as the guard test sees it: every page and every event handler of every state,
enumerated from the registered app (``app._unevaluated_pages``) and by walking the
``rx.State`` tree, never listed by hand."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reflex.state import State

import kwportal.kwportal as portal_app  # registers every page and every state
from kwportal.domain.roles import Role
from kwportal.settings import get_settings
from kwportal.ui import guard
from kwportal.ui.states.auth import AuthState

get_settings.cache_clear()  # the import read the settings; other tests set their own

PUBLIC_PAGES_PACKAGE = "kwportal.ui.pages.public."
SIGNED_IN_ROLES: tuple[Role, ...] = tuple(guard.ALL_SIGNED_IN)


def _states(root: type[State] = State) -> Iterator[type[State]]:
    yield root
    for substate in sorted(root.get_substates(), key=lambda s: s.get_full_name()):
        yield from _states(substate)


def chain(fn: Any) -> Iterator[Any]:
    while fn is not None:
        yield fn
        fn = getattr(fn, "__wrapped__", None)


def guard_roles(fn: Any) -> tuple[Role, ...] | None:
    for layer in chain(fn):
        roles = getattr(layer, "kw_guard_roles", None)
        if roles is not None:
            return tuple(roles)
    return None


@dataclass(frozen=True)
class Handler:
    state: type[State]
    name: str
    fn: Any = field(compare=False)

    @property
    def event(self) -> str:
        return f"{self.state.get_full_name()}.{self.name}"

    @property
    def label(self) -> str:
        return f"{self.state.__qualname__}.{self.name}"

    @property
    def roles(self) -> tuple[Role, ...] | None:
        return guard_roles(self.fn)

    @property
    def protected(self) -> bool:
        return self.roles is not None

    @property
    def public(self) -> bool:
        return any(getattr(f, "__qualname__", "") in guard.PUBLIC_HANDLERS for f in chain(self.fn))

    @property
    def of_reflex(self) -> bool:
        return self.state.__module__.split(".")[0] == "reflex"


@dataclass(frozen=True)
class PageRoute:
    path: str
    module: str
    on_load: tuple[Any, ...] = field(compare=False)

    @property
    def public(self) -> bool:
        return self.module.startswith(PUBLIC_PAGES_PACKAGE)

    @property
    def guarded_loads(self) -> list[tuple[Role, ...]]:
        return [r for fn in self.on_load if (r := guard_roles(fn)) is not None]

    @property
    def roles(self) -> set[Role]:
        """Roles every guarded on_load admits (all, for a page without one)."""
        allowed = set(SIGNED_IN_ROLES)
        for roles in self.guarded_loads:
            allowed &= set(roles)
        return allowed


def _on_load_fns(on_load: Any) -> tuple[Any, ...]:
    items = on_load if isinstance(on_load, list | tuple) else [on_load] if on_load else []
    return tuple(getattr(getattr(item, "handler", item), "fn", None) for item in items)


def registered_page_count() -> int:
    return len(portal_app.app._unevaluated_pages)


def _pages() -> list[PageRoute]:
    pages = []
    for key, page in portal_app.app._unevaluated_pages.items():
        path = "/" if key == "index" else "/" + key.strip("/")
        path = "/".join("x" if part.startswith("[") else part for part in path.split("/"))
        component = page.component
        module = getattr(component, "__module__", "") or ""
        pages.append(PageRoute(path or "/", module, _on_load_fns(page.on_load)))
    return sorted(pages, key=lambda p: p.path)


STATES = list(_states())
STATE_BY_NAME = {state.get_full_name(): state for state in STATES}
KW_STATES = [s for s in STATES if s.__module__.startswith("kwportal.")]
SESSION_STATES = {s.get_full_name() for s in STATES if issubclass(s, AuthState)}
PAGE_DATA_STATES = {s.get_full_name() for s in STATES if issubclass(s, AuthState)} - {
    AuthState.get_full_name()
}
HANDLERS = [Handler(s, name, h.fn) for s in STATES for name, h in s.event_handlers.items()]
PROTECTED = [h for h in HANDLERS if h.protected]
OPEN = [h for h in HANDLERS if not h.protected]
PAGES = _pages()
