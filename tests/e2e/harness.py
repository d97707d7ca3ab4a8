"""Serving the built portal and recording everything a page receives."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, Response, WebSocket

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT_S = 240
DEMO_TODAY = "2026-11-02"


def web_dir(suffix: str = "") -> str:
    """The build directory of a portal the tests start: ``KWPORTAL_E2E_WEB_DIR`` (else
    ``.web-e2e``), one per xdist worker (each serves its own portal: the build bakes the
    port in), plus ``suffix`` for a second portal in the same worker."""
    base = os.environ.get("KWPORTAL_E2E_WEB_DIR", str(ROOT / ".web-e2e"))
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return base + (f"-{worker}" if worker else "") + suffix


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def portal_env(data_dir: Path, port: int, smtp_port: int | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PATH=f"{BIN}:{env.get('PATH', '')}",
        KWPORTAL_DATA_DIR=str(data_dir),
        KWPORTAL_DATABASE_URL=f"sqlite:///{data_dir / 'kwportal.db'}",
        KWPORTAL_DEMO="1",
        KWPORTAL_PORT=str(port),
        REFLEX_USE_NPM="1",
        REFLEX_TELEMETRY_ENABLED="false",
        # public forms refuse posts made within 2 s of loading (bots); a test is that fast
        KWPORTAL_FORM_MIN_SECONDS="0",
        # its own build directory, so a running `make run` (.web) is never disturbed
        REFLEX_WEB_WORKDIR=web_dir(),
        # were any tab state written to disk, it would land beside the data (issue 16)
        REFLEX_STATES_WORKDIR=str(data_dir / "reflex-states"),
    )
    env.pop("KWPORTAL_SECRET_KEY", None)
    # one process, tab state in memory, the socket peer as the client: unless a test asks
    for name in ("KWPORTAL_REDIS_URL", "KWPORTAL_TRUSTED_PROXIES", "REFLEX_REDIS_URL"):
        env.pop(name, None)
    for name in ("KWPORTAL_SMTP_HOST", "KWPORTAL_SMTP_PORT"):
        env.pop(name, None)
    if smtp_port is not None:
        env.update(KWPORTAL_SMTP_HOST="127.0.0.1", KWPORTAL_SMTP_PORT=str(smtp_port))
    return env


@dataclass
class Portal:
    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log: Path
    #: the environment the portal runs with, for CLI commands against the same database
    env: dict[str, str] = field(default_factory=dict)
    #: the task queue's worker beside it (``kwportal jobs worker``, as ``make run``): it
    #: sends the mail the portal queues in its outbox
    worker: subprocess.Popen[bytes] | None = None

    @property
    def db(self) -> Path:
        return self.data_dir / "kwportal.db"


def start_portal(
    data_dir: Path,
    *,
    smtp_port: int | None = None,
    extra_env: dict[str, str] | None = None,
    demo_data: bool = True,
) -> Portal:
    """``extra_env`` on top of the usual environment (e.g. ``KWPORTAL_REDIS_URL``; then
    also its own ``REFLEX_WEB_WORKDIR``: the build bakes the port in). Without
    ``demo_data`` the database is only migrated: what a new arbodienst starts with."""
    port = free_port()
    env = {**portal_env(data_dir, port, smtp_port), **(extra_env or {})}
    kwportal = str(BIN / "kwportal")
    subprocess.run([kwportal, "migrate"], env=env, check=True, cwd=ROOT)
    if demo_data:
        subprocess.run(
            [kwportal, "seed", "--demo", "--today", DEMO_TODAY],
            env=env,
            check=True,
            cwd=ROOT,
        )
    log = data_dir / "reflex.log"
    process = subprocess.Popen(
        [
            str(BIN / "reflex"),
            "run",
            "--env",
            "prod",
            "--single-port",
            "--frontend-port",
            str(port),
            "--backend-port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    worker = subprocess.Popen(
        [kwportal, "jobs", "worker", "--stop-with-parent"],
        cwd=ROOT,
        env=env,
        stdout=(data_dir / "worker.log").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    portal = Portal(f"http://localhost:{port}", data_dir, process, log, env, worker)
    _wait_until_up(portal)
    return portal


def _wait_until_up(portal: Portal) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if portal.process.poll() is not None:
            pytest.fail(f"portal exited early:\n{portal.log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(portal.url + "/ping", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)  # polling a starting server, not a test sleep
    stop_portal(portal)
    pytest.fail(f"portal did not start:\n{portal.log.read_text()[-4000:]}")


def stop_portal(portal: Portal) -> None:
    for process in (portal.process, portal.worker):
        if process is None or process.poll() is not None:
            continue
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def url_at(path: str) -> re.Pattern[str]:
    """Matches a page URL whose path is ``path`` (Reflex adds a trailing slash), any query."""
    return re.compile(r"^https?://[^/]+" + re.escape(path.rstrip("/")) + r"/?(\?.*)?$")


@dataclass
class Recording:
    """Every websocket frame and HTTP response a page received."""

    frames: list[str] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    #: every websocket the pages opened (a new one means the tab reconnected)
    sockets: list[WebSocket] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("websocket", self._on_websocket)
        page.on("response", self._on_response)

    def _on_response(self, response: Response) -> None:
        self.responses.append(response)

    def _on_websocket(self, ws: WebSocket) -> None:
        self.sockets.append(ws)
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload: str | bytes) -> None:
        text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        self.frames.append(text)

    def bodies(self) -> Iterable[tuple[str, str]]:
        for response in self.responses:
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 - redirects and aborted loads have none
                continue
            yield response.url, body.decode("utf-8", "replace")


def assert_no_leak(recording: Recording, forbidden_values: Iterable[str]) -> None:
    """Fail naming the value and where it arrived, if any forbidden value reached the page."""
    values = [v for v in forbidden_values if v]
    for number, frame in enumerate(recording.frames):
        for value in values:
            if value in frame:
                at = frame.index(value)
                pytest.fail(
                    f"leak: {value!r} in websocket frame #{number}: "
                    f"...{frame[max(0, at - 80) : at + 80]}..."
                )
    for url, body in recording.bodies():
        for value in values:
            if value in body:
                pytest.fail(f"leak: {value!r} in HTTP response body of {url}")
