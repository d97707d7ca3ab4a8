"""The one way the HTTP route tests set up what a running portal has: settings from the
environment, a migrated SQLite database that ``kwportal.db.get_engine`` hands out, and a
Starlette test client with just the routes under test. The services themselves run on both
databases in their own tests; these are about HTTP."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.routing import BaseRoute
from starlette.testclient import TestClient

from kwportal import db, settings
from kwportal.domain.roles import Role
from kwportal.migrate import upgrade
from kwportal.ui.api.http import SESSION_COOKIE
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import CHEAP_HASH, ORIGIN, new_enrolled, sign_in

_TEMPLATE: list[Path] = []


def _migrated_template() -> Path:
    """One database per test process migrated to head (its audit genesis sealed with the
    tests' secret), copied for each test: a fresh migration per test cost ~1 s."""
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="kw-portal-template-"))
        engine = db.make_engine(f"sqlite:///{folder / 'portal.db'}")
        try:
            upgrade(engine, secret=TEST_SECRET)
        finally:
            engine.dispose()
        _TEMPLATE.append(folder / "portal.db")
    return _TEMPLATE[0]


def reset_cached() -> None:
    """Forget the cached engine and settings, so the next use reads the environment."""
    if db.get_engine.cache_info().currsize:
        db.get_engine().dispose()
    db.get_engine.cache_clear()
    settings.get_settings.cache_clear()


@contextmanager
def portal_database(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    signing_key: str | None = None,
    unset: Iterable[str] = (),
) -> Iterator[Engine]:
    """The portal's own database (``get_engine``), migrated, outside demo mode."""
    monkeypatch.setenv("KWPORTAL_DATABASE_URL", f"sqlite:///{tmp_path / 'portal.db'}")
    monkeypatch.setenv("KWPORTAL_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("KWPORTAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KWPORTAL_PUBLIC_ORIGIN", ORIGIN)
    if signing_key is not None:
        monkeypatch.setenv("KWPORTAL_SIGNING_KEY", signing_key)
    for name in ("KWPORTAL_DEMO", *unset):
        monkeypatch.delenv(name, raising=False)
    reset_cached()
    try:
        shutil.copyfile(_migrated_template(), tmp_path / "portal.db")
        yield db.get_engine()
    finally:
        reset_cached()


@contextmanager
def route_client(routes: Sequence[BaseRoute]) -> Iterator[TestClient]:
    """A client of an app with only ``routes``, as a browser on the portal's origin sees it:
    no redirect followed, a server error answered as a 500 rather than raised."""
    app = Starlette(routes=list(routes))
    with TestClient(
        app, base_url=ORIGIN, follow_redirects=False, raise_server_exceptions=False
    ) as client:
        yield client


def signed_in_token(engine: Engine, role: Role) -> str:
    """The session cookie value of a freshly enrolled and signed-in account of ``role``."""
    _id, username, secret = new_enrolled(engine, CHEAP_HASH, role=role)
    return sign_in(engine, username, secret, datetime.now(UTC))


def post_form(
    client: TestClient, path: str, token: str | None, fields: dict[str, str], origin: str = ORIGIN
) -> httpx.Response:
    """A browser's form post to ``path``: with the session cookie (if any) and an Origin."""
    client.cookies.clear()
    if token:
        client.cookies.set(SESSION_COOKIE, token)
    return client.post(path, data=fields, headers={"Origin": origin})


def redirect_target(response: httpx.Response) -> tuple[str, dict[str, list[str]]]:
    """Path and query of a 303 answer (a route's way of sending the browser on)."""
    assert response.status_code == 303, (response.status_code, response.text[:300])
    location = urlparse(response.headers["location"])
    return location.path, parse_qs(location.query)
