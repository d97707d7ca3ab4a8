"""A browser tab's server-side state (issue 16, items 2 and 8), on the served portal.

Item 2, nothing medical at rest outside the database: a doctor opens a medical file (the
demo's ``MEDISCH-`` canaries), logs out, and no canary is left on disk (the data directory
with its would-be ``.states``, and any file of the app's working directory written since)
nor in Redis. Once with the default portal (tab state in memory, one process), once with
a portal on Redis (``KWPORTAL_REDIS_URL``, two workers, a db of its own that this module
flushes): there the canary is in Redis while the tab is open — the scan sees it — and gone
the moment the session is logged out, though the tab never sends another event.

Item 8, a tab is bound to its session: after logging out over HTTP, or after the session
went idle, the same tab on the same socket (the very cookie of the ended session on its
handshake) calls the public ``set_lang``, which makes Reflex recompute and resend computed
values: the reply frames carry nothing of the person or the file.

Accounts: arts.zorg (at rest, memory), arts.metaal and team.metaal (item 8), arts.logistiek
(Redis: its own database).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import redis

from kwportal.ui.pages.care.case_file import CareCaseState
from kwportal.ui.states.base import AppState
from tests.e2e.accounts import (
    SESSION_COOKIE,
    TotpCodes,
    account_id,
    database,
    demo,
    end_reasons,
    log_out_over_http,
    move_back,
    people,
    sign_in_over_http,
)
from tests.e2e.harness import ROOT, Portal, start_portal, stop_portal, web_dir
from tests.e2e.rawclient import SENTINEL, RawReflexClient, decode, state_handler_names

REDIS_URL = "redis://127.0.0.1:6379/5"
#: Reflex's disk manager writes a tab's state 2 s after its last change (its debounce):
#: a file would be on disk well within this
WRITE_BEHIND_S = 6.0
#: how long a tab's state may outlive its last event (settings.tab_state_seconds)
TAB_STATE_S = 20 * 60
#: past the session's 15-minute idle limit
IDLE = timedelta(minutes=16)
CANARY = re.compile(r"MEDISCH-[A-Z]?\d+(?:-\d+)?")
SKIPPED_DIRS = {".git", ".venv", "node_modules", ".mypy_cache", ".ruff_cache", "__pycache__"}
DATABASE_FILES = re.compile(r"\.db(-wal|-shm|-journal)?$")


def _handler(state: type, name: str) -> str:
    return next(n for n in state_handler_names(state) if n.endswith(f".{name}"))


def _case_of(portal: Portal, employee: str) -> tuple[int, str]:
    """The employee's latest case, and his name as a page shows it."""
    with database(portal) as db:
        row = db.execute(
            "SELECT c.id, e.first_name || ' ' || e.last_name FROM sick_leave_case c"
            " JOIN employee e ON e.id = c.employee_id JOIN account a ON a.employee_id = e.id"
            " WHERE a.username = ? ORDER BY c.sick_report_date DESC, c.id DESC LIMIT 1",
            (employee,),
        ).fetchone()
    assert row, f"no case of {employee}"
    return int(row[0]), str(row[1])


def _open_file(client: RawReflexClient, case_id: int) -> str:
    """The care-case page's on_load, as the browser runs it on /care-case?case=…"""
    client.router_data = {"pathname": "/care-case", "asPath": f"/care-case?case={case_id}"}
    return "".join(client.call(_handler(CareCaseState, "load")))


def _emptied(tab: RawReflexClient) -> bool:
    """Whether the server pushed the open tab an empty medical file (the logout's reset):
    it arrived during the logout request, before the frames of this no-op call."""
    notes = [
        delta[CareCaseState.get_full_name()]["notes_rx_state_"]
        for frame in tab.call(SENTINEL, {"value": True})
        if CareCaseState.get_full_name() in (delta := (decode(frame) or {}).get("delta") or {})
        and "notes_rx_state_" in delta[CareCaseState.get_full_name()]
    ]
    return notes == [[]]


def _canaries(text: str) -> set[str]:
    return set(CANARY.findall(text))


def _files_with(roots: list[Path], values: set[str], since: float) -> list[str]:
    """Files under ``roots`` holding any of ``values`` (the database excepted); under the
    app's working directory only those written since ``since``."""
    needles = [v.encode() for v in values]
    found = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.startswith(".web")]
            for name in files:
                path = Path(folder) / name
                if DATABASE_FILES.search(name):
                    continue
                try:
                    if root == ROOT and path.stat().st_mtime < since:
                        continue
                    data = path.read_bytes()
                except OSError:
                    continue
                found += [f"{path}: {n.decode()}" for n in needles if n in data]
    return found


def _redis_values(client: redis.Redis) -> Iterator[tuple[bytes, bytes]]:
    for key in client.scan_iter(count=500):
        kind = client.type(key)
        if kind == b"string":
            values = [client.get(key) or b""]
        elif kind == b"set":
            values = list(client.smembers(key))  # type: ignore[arg-type]
        elif kind == b"hash":
            values = [*client.hgetall(key).values()]  # type: ignore[union-attr]
        elif kind == b"list":
            values = list(client.lrange(key, 0, -1))  # type: ignore[arg-type]
        else:
            values = [kind]
        for value in values:
            yield key, value if isinstance(value, bytes) else str(value).encode()


def _in_redis(client: redis.Redis, values: set[str]) -> list[str]:
    needles = [v.encode() for v in values]
    return [
        f"{key.decode()}: {n.decode()}"
        for key, value in _redis_values(client)
        for n in needles
        if n in value
    ]


@pytest.fixture(scope="module")
def redis_db() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # Redis runs on this machine and in CI: no Redis is a failure, not a skip
    client.flushdb()  # db 5 is this module's own
    yield client
    client.flushdb()
    client.close()


@pytest.fixture(scope="module")
def redis_portal(
    tmp_path_factory: pytest.TempPathFactory, redis_db: redis.Redis
) -> Iterator[Portal]:
    served = start_portal(
        tmp_path_factory.mktemp("portal-redis"),
        extra_env={
            "KWPORTAL_REDIS_URL": REDIS_URL,
            "REFLEX_WEB_WORKDIR": web_dir("-redis"),
            "GRANIAN_WORKERS": "2",
        },
    )
    yield served
    stop_portal(served)


def _read_and_log_out(portal: Portal, doctor: str, employee: str, codes: TotpCodes) -> set[str]:
    """The doctor opens the employee's medical file in a tab that stays open (another
    window), and logs out; returns the canaries the page showed."""
    token = sign_in_over_http(portal, demo(doctor), codes)
    case_id, _name = _case_of(portal, employee)
    with RawReflexClient(portal.url, f"{SESSION_COOKIE}={token}", pathname="/portal") as tab:
        shown = _canaries(_open_file(tab, case_id))
        assert shown, "the medical file showed no canary"
        log_out_over_http(portal, token)
        assert _emptied(tab), "logging out left the open tab's file in place"
    return shown


def test_no_medical_canary_on_disk_after_logout(portal: Portal, totp_codes: TotpCodes) -> None:
    since = time.time()
    shown = _read_and_log_out(portal, "arts.zorg", "werknemer.zorg", totp_codes)
    roots = [portal.data_dir, ROOT]
    deadline = time.monotonic() + WRITE_BEHIND_S
    while time.monotonic() < deadline and not _files_with(roots, shown, since):
        time.sleep(0.5)  # bounded: gives a write-behind every chance to show itself
    assert _files_with(roots, shown, since) == []


def test_redis_holds_the_file_only_while_the_session_lasts(
    redis_portal: Portal, redis_db: redis.Redis, totp_codes: TotpCodes
) -> None:
    token = sign_in_over_http(redis_portal, demo("arts.logistiek"), totp_codes)
    case_id, _name = _case_of(redis_portal, "werknemer.logistiek")
    cookie = f"{SESSION_COOKIE}={token}"
    with RawReflexClient(redis_portal.url, cookie, pathname="/portal") as tab:
        shown = _canaries(_open_file(tab, case_id))
        assert shown, "the medical file showed no canary"
        assert _in_redis(redis_db, shown), "the scan does not see the open tab's state"
        state_keys = [k for k in redis_db.scan_iter(match="*_reflex___state____state*")]
        assert state_keys
        assert all(0 < redis_db.ttl(k) <= TAB_STATE_S for k in state_keys)
        log_out_over_http(redis_portal, token)
        assert _in_redis(redis_db, shown) == []
        assert _emptied(tab), "logging out left the open tab's file in place"
    assert _files_with([redis_portal.data_dir], shown, 0) == []


@pytest.mark.parametrize(("reader", "ending"), [("arts.metaal", "logout"), ("team.metaal", "idle")])
def test_a_tab_sends_nothing_personal_after_its_session_ended(
    portal: Portal, totp_codes: TotpCodes, reader: str, ending: str
) -> None:
    """``logout``: over HTTP, which also resets the session's tabs; ``idle``: the session
    went idle (its "last seen" moved back 16 minutes), which no request announces — only
    the binding checked before the event stands between the tab and its data."""
    token = sign_in_over_http(portal, demo(reader), totp_codes)
    case_id, patient = _case_of(portal, "werknemer.metaal")
    personal = {*people(portal)[reader], patient}
    set_lang = _handler(AppState, "set_lang")
    with RawReflexClient(portal.url, f"{SESSION_COOKIE}={token}", pathname="/portal") as tab:
        home = "".join(tab.hydrate_frames)
        shown = _canaries(_open_file(tab, case_id))
        assert people(portal)[reader][0] in home and shown, "the pages showed no data"
        if ending == "logout":
            log_out_over_http(portal, token)
        else:
            moved = move_back(
                portal, "login_session", "last_seen_at", account_id(portal, reader), IDLE
            )
            assert moved
        for lang in ("en", "nl"):
            reply = tab.call(set_lang, {"value": lang})
            assert _lang_of(reply) == lang, "set_lang did not run"
            text = "".join(reply)
            assert [v for v in {*personal, *shown, "MEDISCH-"} if v in text] == []
    if ending == "idle":
        assert end_reasons(portal, reader)[-1] == "idle"


def _lang_of(frames: list[str]) -> str | None:
    """The language a reply's deltas set, if any."""
    found = None
    for frame in frames:
        delta = (decode(frame) or {}).get("delta") or {}
        found = delta.get(AppState.get_full_name(), {}).get("lang_rx_state_", found)
    return found
