"""Audit-log append cost: one audited write per transaction, sequential and with
concurrent writers, on SQLite (WAL, synchronous=FULL) and PostgreSQL. Concurrent writers
run twice: all on one chain (the system chain: what every writer shared before issue 19),
and each for his own employer (one chain per organisation, the usual case).

The writers are threads of one process (they share its interpreter lock: CPU, not the
chain, then limits them). On PostgreSQL both runs are repeated with the writers as
processes, each with its own connection pool, as the production topology serves clicks from
several worker processes (``make run-prod``); each pair's ratio compares like with like.

    .venv/bin/python benchmarks/audit_append.py [--events 500] [--threads 8]

Prints p50/p95/p99 per transaction and throughput. Not part of the pass/fail suite.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Barrier

from _databases import postgres_database, sqlite_database
from sqlalchemy.engine import Engine

from kwportal.db import make_engine, transaction
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


def _writer_process(url: str, count: int, actor: Actor, start: Barrier, out: Connection) -> None:
    """One writer process: its own engine, warmed up (connected, statements prepared)
    before the common start, then ``count`` audited transactions."""
    engine = make_engine(url, pool_size=1)
    for n in range(5):
        _append(engine, n, actor)
    start.wait()
    began = time.perf_counter()  # CLOCK_MONOTONIC: comparable between processes
    latencies = []
    for n in range(count):
        t = time.perf_counter()
        _append(engine, n, actor)
        latencies.append(time.perf_counter() - t)
    out.send((began, time.perf_counter(), latencies))
    engine.dispose()


def _run_processes(
    engine: Engine, events: int, writers: int, *, per_employer: bool = False
) -> tuple[list[float], float]:
    """As :func:`_run`, the writers being processes; the wall time runs from the first
    writer's start to the last one's end (their warm-up excluded)."""
    engine.dispose()  # no pooled connection is inherited by the forked writers
    context = multiprocessing.get_context("fork")
    start = context.Barrier(writers + 1)  # the writers warmed up, and this process
    url = engine.url.render_as_string(hide_password=False)
    pipes, pool = [], []
    for index in range(writers):
        actor = _employer(index + 1) if per_employer else SYSTEM_ACTOR
        receive, send = context.Pipe(duplex=False)
        process = context.Process(
            target=_writer_process, args=(url, events // writers, actor, start, send)
        )
        process.start()
        pipes.append(receive)
        pool.append(process)
    start.wait(timeout=120)
    results = [pipe.recv() for pipe in pipes]
    for process in pool:
        process.join()
    latencies = [x for _began, _ended, found in results for x in found]
    wall = max(ended for _b, ended, _l in results) - min(began for began, _e, _l in results)
    return latencies, wall


def _report(label: str, latencies: list[float], wall: float) -> float:
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    rate = len(ms) / wall
    print(
        f"{label:<40} n={len(ms):>5}  p50 {q[49]:6.2f} ms  p95 {q[94]:6.2f} ms  "
        f"p99 {q[98]:6.2f} ms  {rate:8.0f} events/s"
    )
    return rate


def _bench(name: str, engine: Engine, events: int, threads: int, *, processes: bool) -> None:
    _report(f"{name} 1 writer", *_run(engine, events, 1))
    one = _report(f"{name} {threads} writer threads, 1 chain", *_run(engine, events, threads))
    per_employer = _run(engine, events, threads, per_employer=True)
    many = _report(f"{name} {threads} writer threads, {threads} chains", *per_employer)
    print(f"{name} threads: {threads} chains / 1 chain = {many / one:.1f}x")
    if processes:
        one = _report(
            f"{name} {threads} writer processes, 1 chain",
            *_run_processes(engine, events, threads),
        )
        many = _report(
            f"{name} {threads} writer processes, {threads} chains",
            *_run_processes(engine, events, threads, per_employer=True),
        )
        print(f"{name} processes: {threads} chains / 1 chain = {many / one:.1f}x")
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
        _bench("sqlite", engine, args.events, args.threads, processes=False)
    with postgres_database(SECRET) as engine:
        _bench("postgresql", engine, args.events, args.threads, processes=True)


if __name__ == "__main__":
    main()
