"""Faults survived, nothing lost (issue 19, item 4): the production topology — two granian
workers (``python -m kwportal.serve``, as ``make run-prod``), tab state in Redis, data in
PostgreSQL — under a bounded load of signed-in phones granting consents, while the test
kills a worker with ``kill -9``, restarts Redis (which keeps nothing on disk: every tab's
state is gone) and stops PostgreSQL for some seconds.

What must hold:
- a worker killed: the other serves; a tab that was on it reconnects and goes on;
- Redis restarted: tabs reconnect and stay signed in (the session is the HttpOnly cookie
  and its row in the database, not the tab state);
- PostgreSQL down: a call fails with the portal's usual message (never a stack trace) for
  the seconds it is down, then works again without restarting the portal;
- afterwards every grant that was acknowledged to a phone is in the database, and
  ``kwportal verify-audit`` proves the chain.

The database and Redis are the test's own (tests/e2e/private_services.py): the machine's
shared ones serve the other tests meanwhile. The portal runs backend-only (the phones are
raw websocket clients, tests/e2e/rawclient.py): no frontend build is needed.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlmodel import col, select

from benchmarks import scale
from kwportal.db import make_engine, transaction
from kwportal.models import ConsentRecord
from kwportal.ui.pages.employee.consents import MyConsentsState
from tests.e2e.harness import BIN, DEMO_TODAY, ROOT, free_port, portal_env
from tests.e2e.private_services import PrivatePostgres, PrivateRedis
from tests.e2e.rawclient import RawReflexClient, decode, state_handler_names

PHONES = 3
GRANT = next(h for h in state_handler_names(MyConsentsState) if h.endswith(".grant_request"))
GRANTED = "consents.granted"
ALREADY = "consents.already_granted"
UNAVAILABLE = "errors.unavailable"


@dataclass
class Topology:
    url: str
    env: dict[str, str]
    portal: subprocess.Popen[bytes]
    pg: PrivatePostgres
    redis: PrivateRedis
    log: Path


def _up(url: str, portal: subprocess.Popen[bytes], log: Path, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if portal.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url + "/ping", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)  # polling a starting server
    raise AssertionError(f"the portal did not answer /ping:\n{log.read_text()[-3000:]}")


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "kwportal"), *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, f"kwportal {args[0]}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def topology(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Topology]:
    base = tmp_path_factory.mktemp("faults")
    pg, redis = PrivatePostgres(), PrivateRedis(base)
    pg.start()
    redis.start()
    port = free_port()
    data = base / "data"
    data.mkdir()
    env = {
        **portal_env(data, port),
        "KWPORTAL_DATABASE_URL": pg.url,
        "KWPORTAL_REDIS_URL": redis.url,
        "KWPORTAL_SECRET_KEY": secrets.token_urlsafe(48),
        "REFLEX_USE_GRANIAN": "1",
        "GRANIAN_WORKERS": "2",
    }
    _cli(env, "migrate")
    _cli(env, "seed", "--demo", "--today", DEMO_TODAY)
    log = base / "portal.log"
    portal = subprocess.Popen(
        [
            *(str(BIN / "python"), "-m", "kwportal.serve", "run", "--env", "prod"),
            *("--backend-only", "--backend-port", str(port), "--backend-host", "127.0.0.1"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _up(f"http://127.0.0.1:{port}", portal, log)
        yield Topology(f"http://localhost:{port}", env, portal, pg, redis, log)
    finally:
        os.killpg(portal.pid, signal.SIGKILL)
        portal.wait(timeout=10)
        redis.close()
        pg.close()


@dataclass
class Phone:
    """One signed-in phone on ``/my-consents``, granting its open requests one by one."""

    url: str
    token: str
    requests: list[int]
    acknowledged: list[int] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # notices other than "granted"
    reconnects: int = 0
    broken: str = ""  # the last connection error, for the report
    last_reply: str = ""  # the end of the last reply, for the report
    signed_out: int = 0
    last_ok: float = 0.0
    _tab: RawReflexClient | None = None

    def _open(self) -> RawReflexClient:
        tab = RawReflexClient(
            self.url, f"kw_session={self.token}", pathname="/my-consents", origin=self.url
        )
        tab.connect(timeout=10)
        return tab

    def step(self) -> None:
        if not self.requests:
            return
        try:
            if self._tab is None:
                self._tab = self._open()
            frames = self._tab.call(
                GRANT, {"form_data": {"consent_id": str(self.requests[0])}}, timeout=10
            )
        except Exception as exc:  # noqa: BLE001 - any broken socket: the phone reconnects
            self.reconnects += 1
            self.broken = f"{type(exc).__name__}: {exc}"[:200]
            self._drop()
            time.sleep(0.2)  # a phone retries after a moment
            return
        self.last_reply = " | ".join(frames)[-600:]
        notice = _notice(frames)
        if any(_redirected(f) for f in frames):
            self.signed_out += 1
        if notice == GRANTED:
            self.acknowledged.append(self.requests.pop(0))
            self.last_ok = time.monotonic()
        elif notice == ALREADY:
            # the grant was committed but its reply was lost with the fault: not acknowledged,
            # and not lost either; the phone goes on with the next request
            self.requests.pop(0)
        elif notice:
            self.messages.append(notice)
        elif any("backend_error" in f for f in frames):
            self.messages.append(_toast(frames))
        if not self._tab or not self._tab.complete:
            self._drop()

    def _drop(self) -> None:
        if self._tab is not None:
            with contextlib.suppress(Exception):  # a socket that is already gone
                self._tab.close()
        self._tab = None


def _notice(frames: list[str]) -> str:
    """The notice a reply set (``notice_key`` lives on AuthState, the page's parent)."""
    for frame in frames:
        data = decode(frame)
        if isinstance(data, dict):
            for delta in (data.get("delta") or {}).values():
                if isinstance(delta, dict) and delta.get("notice_key_rx_state_"):
                    return str(delta["notice_key_rx_state_"])
    return ""


def _redirected(frame: str) -> bool:
    data = decode(frame)
    names = [e.get("name", "") for e in (data or {}).get("events") or [] if isinstance(e, dict)]
    return any("redirect" in str(n) for n in names)


def _toast(frames: list[str]) -> str:
    for frame in frames:
        if "backend_error" in frame:
            return "toast:" + json.dumps(decode(frame))[:300]
    return ""


class Load:
    """The phones, each on its own thread, tapping until stopped."""

    def __init__(self, phones: list[Phone]) -> None:
        self.phones = phones
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(p,)) for p in phones]

    def _run(self, phone: Phone) -> None:
        while not self._stop.is_set() and phone.requests:
            phone.step()

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)
        for phone in self.phones:
            phone._drop()

    def all_granted_since(self, moment: float, within: float) -> None:
        """Every phone has a grant acknowledged after ``moment`` within ``within`` s."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if all(p.last_ok > moment for p in self.phones):
                return
            time.sleep(0.2)  # waiting for the phones' next acknowledged grant
        late = [
            (round(p.last_ok - moment, 1), p.reconnects, p.broken, p.messages[-3:], p.last_reply)
            for p in self.phones
        ]
        raise AssertionError(f"phones without a grant in time: {late}")


@pytest.fixture(scope="module")
def phones(topology: Topology) -> list[Phone]:
    engine = make_engine(topology.env["KWPORTAL_DATABASE_URL"])
    world = scale._populate(engine, PHONES)
    tokens = scale._sessions(engine, topology.env["KWPORTAL_SECRET_KEY"], world.employee_accounts)
    requests = scale._consent_requests(engine, world.employee_cases, 400)
    engine.dispose()
    return [Phone(topology.url, t, r) for t, r in zip(tokens, requests, strict=True)]


def _worker_pids(topology: Topology) -> list[int]:
    """granian's worker processes: the children of its main process that serve."""
    found = subprocess.run(
        ["pgrep", "-g", str(topology.portal.pid), "-f", "granian|kwportal.serve"],
        capture_output=True,
        text=True,
        check=False,
    )
    pids = [int(p) for p in found.stdout.split()]
    parents = {pid: _parent(pid) for pid in pids}
    # workers are the processes whose parent is in the group as well, and serve
    return sorted(pid for pid, parent in parents.items() if parent in parents)


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def test_a_killed_worker_the_other_serves(topology: Topology, phones: list[Phone]) -> None:
    workers = _worker_pids(topology)
    assert len(workers) >= 2, workers
    with Load(phones) as load:
        load.all_granted_since(time.monotonic(), within=20)
        os.kill(workers[0], signal.SIGKILL)
        killed = time.monotonic()
        load.all_granted_since(killed, within=30)
    assert topology.portal.poll() is None, "the portal stopped with its worker"
    # granian started a new worker in its place
    deadline = time.monotonic() + 30
    while len(_worker_pids(topology)) < len(workers) and time.monotonic() < deadline:
        time.sleep(0.2)  # waiting for the respawn
    assert len(_worker_pids(topology)) >= len(workers)
    assert all(p.signed_out == 0 for p in phones)


def test_redis_restarted_tabs_reconnect_signed_in(topology: Topology, phones: list[Phone]) -> None:
    with Load(phones) as load:
        load.all_granted_since(time.monotonic(), within=20)
        topology.redis.stop()
        time.sleep(1.0)  # Redis stays away for a second, under load
        topology.redis.start()
        load.all_granted_since(time.monotonic(), within=30)
    assert all(p.signed_out == 0 for p in phones), [p.signed_out for p in phones]


def test_postgres_down_usual_message_then_works(topology: Topology, phones: list[Phone]) -> None:
    for phone in phones:
        phone.messages.clear()
    with Load(phones) as load:
        load.all_granted_since(time.monotonic(), within=20)
        topology.pg.stop("immediate")  # a crash, not a polite shutdown
        time.sleep(3.0)  # the seconds it is down, under load
        topology.pg.start()
        load.all_granted_since(time.monotonic(), within=30)
    seen = {m for p in phones for m in p.messages}
    assert seen, "no phone was told anything while the database was down"
    assert seen <= {UNAVAILABLE}, seen
    assert all(p.signed_out == 0 for p in phones)


def test_every_acknowledged_change_is_kept_and_the_chain_verifies(
    topology: Topology, phones: list[Phone]
) -> None:
    acknowledged = [i for p in phones for i in p.acknowledged]
    assert len(acknowledged) > 30
    engine = make_engine(topology.env["KWPORTAL_DATABASE_URL"])
    with transaction(engine) as session:
        stored = session.exec(
            select(ConsentRecord.id, ConsentRecord.status).where(
                col(ConsentRecord.id).in_(acknowledged)
            )
        ).all()
    engine.dispose()
    assert {i: s for i, s in stored} == dict.fromkeys(acknowledged, "granted")
    _cli(topology.env, "verify-audit")
