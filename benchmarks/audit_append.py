"""Audit-log append cost: one audited write per transaction, sequential and with
concurrent writers, on SQLite (WAL, synchronous=FULL) and PostgreSQL.

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
from kwportal.services import audit
from kwportal.services.demo.seed import SYSTEM_ACTOR

SECRET = "benchmark-secret"


def _append(engine: Engine, n: int) -> None:
    with transaction(engine) as session:
        audit.record(
            session,
            actor=SYSTEM_ACTOR,
            access=audit.CLI,
            event_type="benchmark",
            action=audit.Action.READ,
            details={"n": n},
            secret=SECRET,
        )


def _run(engine: Engine, events: int, threads: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(count: int) -> None:
        for n in range(count):
            start = time.perf_counter()
            _append(engine, n)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(events // threads,)) for _ in range(threads)]
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
    _report(f"{name} {threads} writers", *_run(engine, events, threads))
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
