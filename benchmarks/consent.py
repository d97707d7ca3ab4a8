"""Consent grant and withdrawal over the real websocket (issue 5): each call is the whole
round trip a phone makes — guard (session from the cookie), the actor fresh from the
database, the locked consent row, its audit row, the signed receipt (Ed25519 JWS), the
disclosure row on a grant, the commit, and the page's refreshed list — measured beside a
trivial Reflex event (``set_lang``) on the same connections in the same run.

    .venv/bin/python benchmarks/consent.py [--rounds 10] [--clients 50] [--think 1.0]

Starts its own portal (``reflex run --env prod --single-port``, demo data on SQLite,
WAL + synchronous=FULL) from the e2e build directory (``.web-e2e``), signs in one employee
per client over HTTP, and drives the handlers with an asyncio socket.io client (aiohttp),
one connection per client in one event loop: a thread per client made the load generator
itself the bottleneck (the server was idle two thirds of the time). A call ends when the
reply's delta for the handler's state arrives, which is when a phone shows the result.

Three runs: 1 client; ``--clients`` clients at a person's pace (each waits a random 0.5 to
1.5 x ``--think`` seconds before each tap, so 50 clients tap about 50 times a second); and
the same clients with no pause at all, which finds the server's ceiling. Targets: p50 <= 10 x
the trivial event, p95 <= 50 ms at 50 clients. Not part of the pass/fail suite.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from sqlmodel import select  # noqa: E402

from kwportal.db import make_engine, transaction  # noqa: E402
from kwportal.models import (  # noqa: E402
    Account,
    ConsentReceipt,
    ConsentRecord,
    Employee,
    SickLeaveCase,
)
from kwportal.services.auth import passwords, secrets_box  # noqa: E402
from kwportal.services.demo.accounts import DemoAccount, demo_totp_secret  # noqa: E402
from kwportal.settings import decode_key  # noqa: E402
from kwportal.ui.pages.employee.consents import MyConsentsState  # noqa: E402
from kwportal.ui.states.base import AppState  # noqa: E402
from tests.e2e.accounts import TotpCodes, sign_in_over_http  # noqa: E402
from tests.e2e.harness import start_portal, stop_portal  # noqa: E402
from tests.e2e.rawclient import (  # noqa: E402
    _EVENT,
    HYDRATE,
    NAMESPACE,
    _is_sentinel,
    decode,
    state_handler_names,
)

PASSWORD = "Benchmark-toestemming-2026"


def _handler(state: type, name: str) -> str:
    return next(h for h in state_handler_names(state) if h.endswith(f".{name}"))


def _setup(db: Path, clients: int, rounds: int) -> list[tuple[DemoAccount, list[int]]]:
    """One employee account per client, each with ``rounds`` open consent requests."""
    engine = make_engine(f"sqlite:///{db}")
    hashed = passwords.hash_password(PASSWORD)
    key = os.environ.get("KWPORTAL_TOTP_KEY") or (db.parent / "totp_key.demo").read_text()
    ring = secrets_box.Keyring(decode_key(key) or b"")
    made: list[tuple[DemoAccount, list[int]]] = []
    try:
        with transaction(engine) as session:
            taken = select(Account.employee_id).where(Account.employee_id.is_not(None))  # type: ignore[union-attr]
            cases = session.exec(
                select(SickLeaveCase)
                .where(SickLeaveCase.employee_id.not_in(taken))  # type: ignore[attr-defined]
                .order_by(SickLeaveCase.id)
                .limit(clients * 20)
            ).all()
            seen: dict[int, SickLeaveCase] = {}
            for case in cases:
                seen.setdefault(case.employee_id, case)
            if len(seen) < clients:  # the demo data has 50 cases: open more, as a sick report would
                spare = session.exec(
                    select(Employee)
                    .where(Employee.id.not_in(taken), Employee.id.not_in(list(seen)))  # type: ignore[union-attr]
                    .order_by(Employee.id)
                    .limit(clients - len(seen))
                ).all()
                for person in spare:
                    case = SickLeaveCase(
                        employee_id=person.id,
                        organisation_id=person.organisation_id,
                        sick_report_date=datetime.now(UTC).date() - timedelta(days=10),
                    )
                    session.add(case)
                    session.flush()
                    seen[case.employee_id] = case
            for n, case in enumerate(list(seen.values())[:clients]):
                username = f"bench.consent{n}"
                account_row = Account(
                    username=username,
                    display_name=f"Bench {n}",
                    role="employee",
                    employee_id=case.employee_id,
                    password_hash=hashed,
                    totp_confirmed_at=datetime.now(UTC) - timedelta(days=1),
                )
                session.add(account_row)
                session.flush()  # the sealed secret is bound to the account's id
                secrets_box.set_account_secret(account_row, demo_totp_secret(username), ring)
                records = [
                    ConsentRecord(
                        employee_id=case.employee_id,
                        kind="employer_datum",
                        status="requested",
                        purpose="Collega's kunnen helpen in een noodgeval",
                        data_description="Noodinstructie",
                        data_categories="consented_datum",
                        recipient="Werkgever",
                        recipient_organisation_id=case.organisation_id,
                        legal_basis="explicit_consent",
                        notice_version="bench",
                        case_id=case.id,
                        datum_kind="emergency_note",
                        datum_label=f"Noodinstructie {r}",
                        datum_value="Bij een aanval: 112 bellen.",
                        requested_at=datetime.now(UTC),
                    )
                    for r in range(rounds)
                ]
                session.add_all(records)
                session.flush()
                for record in records:
                    record.granted_at = None
                account = DemoAccount(
                    "employee", username, PASSWORD, demo_totp_secret(username), ""
                )
                made.append((account, [r.id or 0 for r in records]))
    finally:
        engine.dispose()
    return made


def _is_delta_of(frame: str, state: str) -> bool:
    data = decode(frame)
    return isinstance(data, dict) and state in (data.get("delta") or {})


class AsyncTab:
    """One browser tab over a raw socket.io websocket (the protocol of tests/e2e/rawclient)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, pathname: str) -> None:
        self.ws, self.pathname = ws, pathname

    @classmethod
    async def open(
        cls, http: aiohttp.ClientSession, base_url: str, cookie: str, pathname: str
    ) -> AsyncTab:
        ws_url = base_url.replace("http", "ws", 1)
        url = f"{ws_url}{NAMESPACE}/?EIO=4&transport=websocket&token={uuid.uuid4()}"
        ws = await http.ws_connect(url, headers={"Cookie": cookie, "Origin": base_url})
        tab = cls(ws, pathname)
        opening = await tab._recv()
        if not opening.startswith("0{"):
            raise ConnectionError(opening)
        await ws.send_str(f"40{NAMESPACE}," + json.dumps({"event": tab._event(HYDRATE, {})}))
        # the hydration and the page's on_load chain end on an is_hydrated=True delta
        while not _is_sentinel(await tab._recv(), True):
            pass
        await tab._quiet(0.3)
        return tab

    def _event(self, name: str, payload: dict[str, object]) -> dict[str, object]:
        route = {"pathname": self.pathname, "asPath": self.pathname}
        return {"name": name, "payload": payload, "router_data": route}

    async def _recv(self) -> str:
        while True:
            message = await self.ws.receive(timeout=60)
            if message.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"websocket closed: {message.type}")
            if message.data == "2":  # Engine.IO ping
                await self.ws.send_str("3")
                continue
            return str(message.data)

    async def _quiet(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            while True:
                await asyncio.wait_for(self._recv(), seconds)

    async def call(self, name: str, payload: dict[str, object], state: str) -> float:
        """Milliseconds from sending the event to the delta of ``state`` in its reply."""
        began = time.perf_counter()
        await self.ws.send_str(_EVENT + json.dumps(["event", self._event(name, payload)]))
        while not _is_delta_of(await self._recv(), state):
            pass
        return (time.perf_counter() - began) * 1000

    async def close(self) -> None:
        await self.ws.close()


async def _client_run(
    tab: AsyncTab,
    consent_ids: list[int],
    calls: dict[str, tuple[str, str]],
    think: float,
    rng: random.Random,
    results: dict[str, list[float]],
) -> None:
    for consent_id in consent_ids:
        form = {"form_data": {"consent_id": str(consent_id)}}
        for kind, payload in (("trivial", {"value": "nl"}), ("grant", form), ("withdraw", form)):
            if think:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
            name, state = calls[kind]
            results[kind].append(await tab.call(name, payload, state))


async def _run(
    url: str,
    sessions: list[tuple[str, list[int]]],
    calls: dict[str, tuple[str, str]],
    think: float,
) -> tuple[dict[str, list[float]], float]:
    results: dict[str, list[float]] = {"trivial": [], "grant": [], "withdraw": []}
    async with aiohttp.ClientSession() as http:
        tabs = [
            await AsyncTab.open(http, url, f"kw_session={token}", "/my-consents")
            for token, _ in sessions
        ]
        began = time.perf_counter()
        await asyncio.gather(
            *(
                _client_run(tab, ids, calls, think, random.Random(n), results)
                for n, (tab, (_, ids)) in enumerate(zip(tabs, sessions, strict=True))
            )
        )
        seconds = time.perf_counter() - began
        for tab in tabs:
            await tab.close()
    return results, seconds


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _report(label: str, results: dict[str, list[float]], seconds: float) -> None:
    trivial = statistics.median(results["trivial"])
    print(f"\n{label}: {sum(len(v) for v in results.values()):,} calls in {seconds:.1f} s")
    for kind, values in results.items():
        p50, p95 = statistics.median(values), _pct(values, 0.95)
        ratio = f"  p50 = {p50 / trivial:.1f} x trivial" if kind != "trivial" else ""
        print(f"  {kind:<9} n={len(values):>4}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause before a tap, s")
    args = parser.parse_args()
    calls = {
        "trivial": (_handler(AppState, "set_lang"), AppState.get_full_name()),
        "grant": (_handler(MyConsentsState, "grant_request"), MyConsentsState.get_full_name()),
        "withdraw": (
            _handler(MyConsentsState, "withdraw_consent"),
            MyConsentsState.get_full_name(),
        ),
    }
    clients = args.clients
    with tempfile.TemporaryDirectory(prefix="kw-consent-bench-") as folder:
        portal = start_portal(Path(folder))
        try:
            # one employee for the single client, then per run its own set of employees
            made = _setup(portal.db, 1 + 2 * clients, args.rounds)
            codes = TotpCodes()
            tokens = [(sign_in_over_http(portal, a, codes), ids) for a, ids in made]
            single, one_s = asyncio.run(_run(portal.url, tokens[:1], calls, 0))
            paced_tokens, busy_tokens = tokens[1 : 1 + clients], tokens[1 + clients :]
            paced, paced_s = asyncio.run(_run(portal.url, paced_tokens, calls, args.think))
            busy, busy_s = asyncio.run(_run(portal.url, busy_tokens, calls, 0))
            engine = make_engine(f"sqlite:///{portal.db}")
            with transaction(engine) as session:
                receipts = len(session.exec(select(ConsentReceipt.id)).all())
            engine.dispose()
        finally:
            stop_portal(portal)
    expected = 2 * args.rounds * len(made)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; SQLite WAL synchronous=FULL"
    )
    print(f"receipts issued: {receipts} of {expected} expected (every grant and withdrawal)")
    _report("1 client", single, one_s)
    _report(f"{clients} clients, each tapping about every {args.think:g} s", paced, paced_s)
    _report(f"{clients} clients, no pause between taps (the ceiling)", busy, busy_s)


if __name__ == "__main__":
    main()
