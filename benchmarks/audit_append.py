"""Audit-log append cost: one audited write per transaction, sequential and with
concurrent writers, on SQLite (WAL, synchronous=FULL) and PostgreSQL. Concurrent writers
run twice: all on one chain (the system chain: what every writer shared before issue 19),
and each for his own employer (one chain per organisation, the usual case).

    .venv/bin/python benchmarks/audit_append.py [--events 500] [--threads 8]

Prints p50/p95/p99 per transaction and throughput. Not part of the pass/fail suite.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time

from _databases import postgres_database, sqlite_database
from sqlalchemy.engine import Engine

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.services import audit
from kwportal.services.demo.seed import SYSTEM_ACTOR

SECRET = "benchmark-secret"


def _append(engine: Engine, n: int, actor: Actor) -> None:
    with transaction(engine) as session:
        audit.record(
            session,
            actor=actor,
            access=audit.CLI,
            event_type="benchmark",
            action=audit.Action.READ,
            details={"n": n},
            secret=SECRET,
        )


def _employer(organisation_id: int) -> Actor:
    return Actor(
        account_id=organisation_id, role=Role.EMPLOYER_CONTACT, organisation_id=organisation_id
    )


def _run(
    engine: Engine, events: int, threads: int, *, per_employer: bool = False
) -> tuple[list[float], float]:
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(count: int, index: int) -> None:
        actor = _employer(index + 1) if per_employer else SYSTEM_ACTOR
        for n in range(count):
            start = time.perf_counter()
            _append(engine, n, actor)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)

    started = time.perf_counter()
    pool = [
        threading.Thread(target=worker, args=(events // threads, index)) for index in range(threads)
    ]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return latencies, time.perf_counter() - started


def _report(label: str, latencies: list[float], wall: float) -> None:
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    print(
        f"{label:<28} n={len(ms):>5}  p50 {q[49]:6.2f} ms  p95 {q[94]:6.2f} ms  "
        f"p99 {q[98]:6.2f} ms  {len(ms) / wall:8.0f} events/s"
    )


def _bench(name: str, engine: Engine, events: int, threads: int) -> None:
    _report(f"{name} 1 writer", *_run(engine, events, 1))
    _report(f"{name} {threads} writers, 1 chain", *_run(engine, events, threads))
    per_employer = _run(engine, events, threads, per_employer=True)
    _report(f"{name} {threads} writers, {threads} chains", *per_employer)
    with transaction(engine) as session:
        started = time.perf_counter()
        report = audit.verify_chain(session, secret=SECRET)
        seconds = time.perf_counter() - started
        print(f"{name} verify {report.rows} rows: {seconds:.3f} s, ok={report.ok}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    with sqlite_database(SECRET) as engine:
        _bench("sqlite", engine, args.events, args.threads)
    with postgres_database(SECRET) as engine:
        _bench("postgresql", engine, args.events, args.threads)


if __name__ == "__main__":
    main()
