"""HTTP routes beside the Reflex app (Starlette). Each feature module has ``routes()``;
:func:`all_routes` is what ``kwportal.py`` mounts."""

from __future__ import annotations

from importlib import import_module

from starlette.routing import BaseRoute

#: one module per feature, each with ``routes()``
MODULES = (
    "auth",
    "care_transfer",
    "case_files",
    "desk",
    "desk_export",
    "downloads",
    "employer",
    "letters",
    "public",
    "reintegration",
    "sso",
    "wellknown",
)


def all_routes() -> list[BaseRoute]:
    routes: list[BaseRoute] = []
    for name in MODULES:
        routes.extend(import_module(f"kwportal.ui.api.{name}").routes())
    return routes
