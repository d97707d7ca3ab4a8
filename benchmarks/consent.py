"""Consent grant and withdrawal over the real websocket (issue 5): each call is the whole
round trip a phone makes — guard (session from the cookie), the actor fresh from the
database, the locked consent row, its audit row, the signed receipt (Ed25519 JWS), the
disclosure row on a grant, the commit, and the page's refreshed list — measured beside a
trivial Reflex event (``set_lang``) on the same connections in the same run.

    .venv/bin/python benchmarks/consent.py [--rounds 10] [--clients 50]

Starts its own portal (``reflex run --env prod --single-port``, demo data on SQLite,
WAL + synchronous=FULL) from the e2e build directory (``.web-e2e``; run the e2e tests
once first), signs in one employee per client over HTTP, and drives the handlers with the
raw socket.io client of the e2e tests. Every call ends when the server has sent all of its
reply (the client's sentinel rounds), for the trivial event too, so the ratio is fair.
Targets: p50 <= 10 x the trivial event, p95 <= 50 ms at 50 clients.
Not part of the pass/fail suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from kwportal.db import make_engine, transaction  # noqa: E402
from kwportal.models import Account, ConsentReceipt, ConsentRecord, SickLeaveCase  # noqa: E402
from kwportal.services import passwords  # noqa: E402
from kwportal.services.demo_accounts import DemoAccount, demo_totp_secret  # noqa: E402
from kwportal.ui.pages.employee.consents import MyConsentsState  # noqa: E402
from kwportal.ui.states.base import AppState  # noqa: E402
from tests.e2e.accounts import TotpCodes, sign_in_over_http  # noqa: E402
from tests.e2e.harness import start_portal, stop_portal  # noqa: E402
from tests.e2e.rawclient import RawReflexClient, state_handler_names  # noqa: E402

PASSWORD = "Benchmark-toestemming-2026"


def _handler(state: type, name: str) -> str:
    return next(h for h in state_handler_names(state) if h.endswith(f".{name}"))


def _setup(db: Path, clients: int, rounds: int) -> list[tuple[DemoAccount, list[int]]]:
    """One employee account per client, each with ``rounds`` open consent requests."""
    engine = make_engine(f"sqlite:///{db}")
    hashed = passwords.hash_password(PASSWORD)
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
            for n, case in enumerate(list(seen.values())[:clients]):
                username = f"bench.consent{n}"
                session.add(
                    Account(
                        username=username,
                        display_name=f"Bench {n}",
                        role="employee",
                        employee_id=case.employee_id,
                        password_hash=hashed,
                        totp_secret=demo_totp_secret(username),
                        totp_confirmed_at=datetime.now(UTC) - timedelta(days=1),
                    )
                )
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


def _client_run(
    url: str,
    token: str,
    consent_ids: list[int],
    names: dict[str, str],
    start: threading.Barrier,
    results: dict[str, list[float]],
    lock: threading.Lock,
) -> None:
    own: dict[str, list[float]] = {"trivial": [], "grant": [], "withdraw": []}
    with RawReflexClient(url, f"kw_session={token}", pathname="/my-consents") as client:
        start.wait()
        for consent_id in consent_ids:
            form = {"form_data": {"consent_id": str(consent_id)}}
            for kind, payload in (
                ("trivial", {"value": "nl"}),
                ("grant", form),
                ("withdraw", form),
            ):
                began = time.perf_counter()
                client.call(names[kind], payload, timeout=60)
                own[kind].append((time.perf_counter() - began) * 1000)
    with lock:
        for kind, values in own.items():
            results[kind] += values


def _run(url: str, sessions: list[tuple[str, list[int]]], names: dict[str, str]):
    results: dict[str, list[float]] = {"trivial": [], "grant": [], "withdraw": []}
    lock = threading.Lock()
    start = threading.Barrier(len(sessions))
    threads = [
        threading.Thread(target=_client_run, args=(url, t, ids, names, start, results, lock))
        for t, ids in sessions
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - began


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
    args = parser.parse_args()
    names = {
        "trivial": _handler(AppState, "set_lang"),
        "grant": _handler(MyConsentsState, "grant_request"),
        "withdraw": _handler(MyConsentsState, "withdraw_consent"),
    }
    with tempfile.TemporaryDirectory(prefix="kw-consent-bench-") as folder:
        portal = start_portal(Path(folder))
        try:
            made = _setup(portal.db, args.clients + 1, args.rounds)
            codes = TotpCodes()
            tokens = [(sign_in_over_http(portal, a, codes), ids) for a, ids in made]
            single, one_s = _run(portal.url, tokens[:1], names)
            many, many_s = _run(portal.url, tokens[1:], names)
            engine = make_engine(f"sqlite:///{portal.db}")
            with transaction(engine) as session:
                receipts = len(session.exec(select(ConsentReceipt.id)).all())
            engine.dispose()
        finally:
            stop_portal(portal)
    expected = 2 * args.rounds * len(made)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores shared with other agents, "
        f"Python {platform.python_version()}; SQLite WAL synchronous=FULL"
    )
    print(f"receipts issued: {receipts} of {expected} expected (every grant and withdrawal)")
    _report("1 client", single, one_s)
    _report(f"{len(tokens) - 1} concurrent clients", many, many_s)


if __name__ == "__main__":
    main()
