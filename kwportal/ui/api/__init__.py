"""HTTP routes beside the Reflex app (Starlette). Each feature module has ``routes()``;
:func:`all_routes` is what ``kwportal.py`` mounts."""

from __future__ import annotations

from starlette.routing import BaseRoute


def all_routes() -> list[BaseRoute]:
    from kwportal.ui.api import auth, desk, wellknown

    return [*auth.routes(), *wellknown.routes(), *desk.routes()]
