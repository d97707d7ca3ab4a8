"""Soak (issue 19, item 5): 200 simulated phones for 10 minutes on the production topology
(2 granian workers, PostgreSQL, tab state in Redis), watching for errors, for memory that
keeps growing, and for Redis keys that pile up.

    .venv/bin/python benchmarks/soak.py [--users 200] [--minutes 10] [--think 2.0]

Each phone is a signed-in employee's tab on ``/my-consents`` (the protocol and the set-up of
benchmarks/scale.py: sessions written straight into ``login_session``), tapping like a person
with ``--think`` seconds between taps: the trivial event, grant a request, withdraw it. Every
``--reload`` seconds a phone reloads its page: the socket closes and a new one hydrates the
same tab (a browser keeps the tab's token over a reload), as phones do all day.

Sampled every ``--sample`` seconds: the resident memory (RSS) of the portal's processes,
summed, and of each; the number of keys in the Redis database; events and errors so far.
Goals: no errors; memory at the end ≤ 1.10 × memory after the first ``--warmup`` seconds (the
caches filled); the key count stays bounded (the largest sample after warm-up ≤ 1.10 × the
first). Not part of the pass/fail suite: `make test` runs the fault tests instead.

What it starts and drops: a scratch database ``kw_scale_<hex>`` on the machine's PostgreSQL,
Redis database ``--redis-db`` (default 8, flushed before and after), the portal backend-only
(no frontend build: the phones are websocket clients).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import re
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
import redis  # noqa: E402
from sqlalchemy import update  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402
from sqlmodel import col  # noqa: E402

from benchmarks import scale  # noqa: E402
from kwportal.db import make_engine, transaction  # noqa: E402
from kwportal.models import LoginSession  # noqa: E402
from kwportal.ui.pages.employee.consents import MyConsentsState  # noqa: E402
from kwportal.ui.states.base import AppState  # noqa: E402
from tests.e2e.harness import BIN, DEMO_TODAY, free_port, portal_env  # noqa: E402

GOAL_MEMORY, GOAL_KEYS = 1.10, 1.10
TAB_KEY = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_")


@dataclass
class Tally:
    events: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    reloads: int = 0
    reissued: int = 0  # tabs Reflex took for a duplicate and gave a new token (new_token)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


@dataclass
class Sample:
    at: float
    rss_mb: float
    per_process_mb: list[float]
    keys: int
    events: int
    errors: int


def _rss_mb(pids: list[int]) -> list[float]:
    found = []
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    found.append(int(line.split()[1]) / 1024)
    return found


async def _phone(
    http: aiohttp.ClientSession,
    url: str,
    token: str,
    requests: list[int],
    calls: dict[str, tuple[str, str]],
    tally: Tally,
    until: float,
    args: argparse.Namespace,
) -> None:
    tab_token = str(uuid.uuid4())
    await asyncio.sleep(random.uniform(0, args.think))  # the phones do not start in step
    tab: scale.Tab | None = None
    reload_at = time.monotonic() + random.uniform(0.5, 1.0) * args.reload
    steps = [("trivial", {"value": "nl"}, None)]
    while time.monotonic() < until and requests:
        try:
            if tab is None or time.monotonic() >= reload_at:
                if tab is not None:
                    await tab.close()
                    tally.reloads += 1
                tab = await _open(http, url, token, tab_token)
                if tab.reissued:
                    tally.reissued += 1
                    tab_token = tab.token
                reload_at = time.monotonic() + args.reload
            consent = {"form_data": {"consent_id": str(requests.pop())}}
            for kind, payload, notice in [
                *steps,
                ("grant", consent, {"consents.granted"}),
                ("withdraw", consent, {"consents.withdrawn"}),
            ]:
                name, state = calls[kind]
                tally.latencies.append(await tab.call(name, payload, state, notice))
                tally.events += 1
                await asyncio.sleep(args.think)
        except (scale.CallError, TimeoutError, aiohttp.ClientError) as exc:
            tally.error(f"{str(exc) or type(exc).__name__}"[:60])
            if tab is not None:
                await tab.close()
            tab = None
    if tab is not None:
        await tab.close()


async def _open(http: aiohttp.ClientSession, url: str, token: str, tab_token: str) -> scale.Tab:
    """The tab of ``tab_token`` (kept over reloads, as a browser keeps it in the tab)."""
    tab, _ms = await scale.Tab.open(http, url, token, "/my-consents", tab_token)
    return tab


def _fresh_codes(engine: Engine) -> None:
    """Every phone gives a fresh code: grant and withdraw are step-up acts (a code at most
    ``STEP_UP_MAX_AGE`` old), and a soak outlasts the window. Written straight into the
    sessions, as benchmarks/scale.py writes them, instead of 200 TOTP forms."""
    with transaction(engine) as session:
        session.execute(
            update(LoginSession)
            .where(col(LoginSession.user_agent) == "benchmarks/scale.py")
            .values(last_totp_at=datetime.now(UTC))
        )


async def _sampler(
    pids: list[int],
    store: redis.Redis,
    tally: Tally,
    began: float,
    until: float,
    every: float,
    samples: list[Sample],
    engine: Engine,
) -> None:
    while True:
        await asyncio.to_thread(_fresh_codes, engine)
        per = _rss_mb(pids)
        sample = Sample(
            time.monotonic() - began,
            sum(per),
            per,
            int(store.dbsize()),
            tally.events,
            sum(tally.errors.values()),
        )
        samples.append(sample)
        print(
            f"  {sample.at:6.0f} s  RSS {sample.rss_mb:7.1f} MB "
            f"({', '.join(f'{m:.0f}' for m in per)})  Redis keys {sample.keys:6d}  "
            f"events {sample.events:7d}  errors {sample.errors}",
            flush=True,
        )
        if time.monotonic() >= until:
            return
        await asyncio.sleep(min(every, max(0.0, until - time.monotonic())))


async def _soak(
    url: str,
    tokens: list[str],
    requests: list[list[int]],
    pids: list[int],
    store: redis.Redis,
    engine: Engine,
    args: argparse.Namespace,
) -> tuple[Tally, list[Sample]]:
    calls = {
        "trivial": (scale._handler(AppState, "set_lang"), AppState.get_full_name()),
        "grant": (
            scale._handler(MyConsentsState, "grant_request"),
            MyConsentsState.get_full_name(),
        ),
        "withdraw": (
            scale._handler(MyConsentsState, "withdraw_consent"),
            MyConsentsState.get_full_name(),
        ),
    }
    tally, samples = Tally(), []
    began = time.monotonic()
    until = began + args.minutes * 60
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        await asyncio.gather(
            _sampler(pids, store, tally, began, until, args.sample, samples, engine),
            *(
                _phone(http, url, t, r, calls, tally, until, args)
                for t, r in zip(tokens, requests, strict=True)
            ),
        )
    return tally, samples


def _print_failures(log: Path) -> None:
    """What the portal logged as failed (class and stack only: kwportal/ui/errors.py)."""
    lines = log.read_text(errors="replace").splitlines()
    failed = [n for n, line in enumerate(lines) if "event handler failed" in line]
    print(f"handler failures logged: {len(failed)}")
    for n in failed[:2]:
        print("\n".join(lines[n : n + 14]))


def _key_kinds(store: redis.Redis) -> dict[str, int]:
    """The Redis keys by kind: a tab's state (``<tab token>_<state name>``), else the text
    before the first ``:``."""
    kinds: dict[str, int] = {}
    for key in store.scan_iter(count=1000):
        text = key.decode(errors="replace")
        head = "tab state" if TAB_KEY.match(text) else text.split(":", 1)[0][:40]
        kinds[head] = kinds.get(head, 0) + 1
    return dict(sorted(kinds.items(), key=lambda kv: -kv[1])[:8])


def _verdict(tally: Tally, samples: list[Sample], warmup: float) -> None:
    after = [s for s in samples if s.at >= warmup] or samples
    first, last = after[0], samples[-1]
    errors = sum(tally.errors.values())
    growth = last.rss_mb / first.rss_mb if first.rss_mb else float("nan")
    keys = max(s.keys for s in after) / first.keys if first.keys else float("nan")
    latencies = sorted(tally.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    print(
        f"\nevents {tally.events} ({tally.events / max(last.at, 1):.1f}/s), p95 {p95:.0f} ms, "
        f"reloads {tally.reloads}, of which given a new tab token {tally.reissued}"
    )
    print("Goals (issue 19 item 5)")
    print(f"  errors: {errors} (goal 0) {'met' if errors == 0 else 'MISSED'} {tally.errors}")
    print(
        f"  memory: {first.rss_mb:.0f} MB at {first.at:.0f} s -> {last.rss_mb:.0f} MB at "
        f"{last.at:.0f} s = {growth:.3f}x (goal <= {GOAL_MEMORY}x) "
        f"{'met' if growth <= GOAL_MEMORY else 'MISSED'}"
    )
    print(
        f"  Redis keys: {first.keys} at {first.at:.0f} s, at most {max(s.keys for s in after)} "
        f"after = {keys:.3f}x (goal <= {GOAL_KEYS}x) {'met' if keys <= GOAL_KEYS else 'MISSED'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--think", type=float, default=4.0, help="seconds between taps")
    parser.add_argument("--reload", type=float, default=120.0, help="seconds between reloads")
    parser.add_argument("--sample", type=float, default=30.0, help="seconds between samples")
    parser.add_argument("--warmup", type=float, default=90.0, help="seconds before the baseline")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis-db", type=int, default=8, help="flushed before and after")
    args = parser.parse_args()
    if args.redis_db == 0:
        parser.error("--redis-db 0 is the machine's default database: choose another")
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; PostgreSQL + Redis db {args.redis_db} on loopback; "
        f"{args.users} phones, {args.minutes:g} min, {args.think:g} s between taps, "
        f"{args.workers} workers; load before: {scale._load()}"
    )
    store = redis.Redis.from_url(redis_url)
    store.flushdb()
    db_name, db_url = scale._create_database()
    try:
        with tempfile.TemporaryDirectory(prefix="kw-soak-") as folder:
            data_dir = Path(folder)
            port = free_port()
            secret = secrets.token_urlsafe(48)
            env = {
                **portal_env(data_dir, port),
                "KWPORTAL_DATABASE_URL": db_url,
                "KWPORTAL_REDIS_URL": redis_url,
                "KWPORTAL_SECRET_KEY": secret,
            }
            kwportal = str(BIN / "kwportal")
            subprocess.run([kwportal, "migrate"], env=env, check=True, cwd=ROOT)
            subprocess.run(
                [kwportal, "seed", "--demo", "--today", DEMO_TODAY],
                env=env,
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
            engine = make_engine(db_url)
            world = scale._populate(engine, args.users)
            # enough requests for the whole run: one per round of three taps
            rounds = int(args.minutes * 60 / (3 * args.think)) + 10
            requests = scale._consent_requests(engine, world.employee_cases, rounds)
            served = scale._start(env, port, args.workers, data_dir, backend_only=True)
            try:
                pids = scale._worker_pids(served)
                tokens = scale._sessions(engine, secret, world.employee_accounts)
                tally, samples = asyncio.run(
                    _soak(served.url, tokens, requests, pids, store, engine, args)
                )
                print(f"Redis keys at the end, by kind: {_key_kinds(store)}")
                _print_failures(served.log)
            finally:
                scale._stop(served)
                engine.dispose()
        _verdict(tally, samples, args.warmup)
    finally:
        scale._drop_database(db_name)
        store.flushdb()
        store.close()
    print(f"load after: {scale._load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
