"""The employer dashboard at scale (issue 6, "Benchmark"): an employer with 5,000 and with
50,000 employees and 2,500 open cases each; the overview's first page, a search and a case
page, timed through the services (with their audit rows, committed) on SQLite (WAL,
synchronous=FULL) and PostgreSQL. Target: p95 <= 100 ms, and <= 2x from 5k to 50k.

    .venv/bin/python benchmarks/dashboard.py [--runs 40] [--only sqlite|postgresql]

Setup (migrations and bulk inserts) is timed apart. Where a target is missed the query plans
of the page query are printed. Not part of the pass/fail suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

from _databases import postgres_database, sqlite_database
from sqlalchemy import insert, text
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account, Employee, EmployerFeedback, Organisation, SickLeaveCase
from kwportal.services import audit
from kwportal.services.demo.seed import _employees
from kwportal.services.employer import dashboard as employer_dashboard

SECRET = "benchmark-secret"
TODAY = date(2026, 11, 28)
SCALES = (5_000, 50_000)
OPEN_CASES = 2_500
CLOSED_CASES = 1_000
TARGET_P95_MS = 100.0
TARGET_GROWTH = 2.0
WEB = audit.AccessPoint(ip="127.0.0.1", agent="benchmark")


def _seed(engine: Engine, employees: int) -> tuple[Actor, list[int], str]:
    rng = random.Random(employees)
    with transaction(engine) as session:
        org = Organisation(name="Schaal BV", kvk_number="90000001", contract_start=date(2020, 1, 1))
        session.add(org)
        session.flush()
        assert org.id is not None
        ids = _employees(session, org, employees, "schaal", TODAY)
        sick = rng.sample(ids, OPEN_CASES + CLOSED_CASES)
        now = datetime.now(UTC)
        rows: list[dict[str, Any]] = []
        for n, employee_id in enumerate(sick):
            first = TODAY - timedelta(days=rng.randint(1, 700))
            closed = n >= OPEN_CASES
            rows.append(
                {
                    "employee_id": employee_id,
                    "organisation_id": org.id,
                    "sick_report_date": first - timedelta(days=800) if closed else first,
                    "recovery_date": first - timedelta(days=700) if closed else None,
                    "care_address": f"ZORGADRES-{n}",
                    "created_at": now,
                }
            )
        session.execute(insert(SickLeaveCase), rows)
        case_ids = list(
            session.exec(
                select(SickLeaveCase.id).where(col(SickLeaveCase.recovery_date).is_(None))
            ).all()
        )
        session.execute(
            insert(EmployerFeedback),
            [
                {
                    "case_id": case_id,
                    "expected_period": "4 tot 6 weken",
                    "status": "released",
                    "released_at": now - timedelta(days=rng.randint(0, 60)),
                    "created_at": now,
                    "functional_capacity": "{}",
                    "incapacity_degree": "",
                    "advice": "",
                    "employee_reaction": "",
                }
                for case_id in case_ids[::2]
            ],
        )
        account = Account(
            username="werkgever.schaal",
            display_name="Werkgever",
            role=str(Role.EMPLOYER_CONTACT),
            organisation_id=org.id,
        )
        session.add(account)
        session.flush()
        owner = session.exec(
            select(col(SickLeaveCase.employee_id)).where(col(SickLeaveCase.id) == case_ids[0])
        ).one()
        person = session.get(Employee, owner)
        assert person is not None
        actor = Actor(account.id, Role.EMPLOYER_CONTACT, organisation_id=org.id)
    return actor, [i for i in case_ids if i is not None], person.last_name


def _timed(work: Callable[[], object], runs: int) -> tuple[float, float]:
    for _ in range(3):
        work()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * len(samples)) - 1)]
    return statistics.median(samples), p95


def _measure(engine: Engine, employees: int, runs: int) -> dict[str, tuple[float, float]]:
    started = time.perf_counter()
    actor, case_ids, last_name = _seed(engine, employees)
    with engine.connect() as conn:  # statistics, as a live database has them after a bulk load
        conn.execute(text("ANALYZE"))
        conn.commit()
    print(f"  setup {employees:,} employees: {time.perf_counter() - started:.1f} s", flush=True)
    rng = random.Random(1)

    def overview(search: str = "") -> None:
        with transaction(engine) as session:
            page = employer_dashboard.overview(
                actor, session=session, search=search, today=TODAY, access=WEB, secret=SECRET
            )
            assert page.lines

    def case_page() -> None:
        with transaction(engine) as session:
            employer_dashboard.case_page(
                actor,
                rng.choice(case_ids),
                session=session,
                today=TODAY,
                access=WEB,
                secret=SECRET,
            )

    def trivial() -> None:
        with transaction(engine) as session:
            session.execute(text("SELECT 1"))

    return {
        "trivial transaction": _timed(trivial, runs),
        "overview, first page": _timed(overview, runs),
        "search by last name": _timed(lambda: overview(last_name), runs),
        "case page": _timed(case_page, runs),
    }


def _plans(engine: Engine, organisation_like: str = "") -> None:
    """The plans of the overview's page query and of the search, as the database sees them."""
    page = (
        "SELECT c.id, e.first_name, e.last_name FROM sick_leave_case c JOIN employee e"
        " ON e.id = c.employee_id WHERE c.organisation_id = 1 AND c.recovery_date IS NULL"
        " {extra} ORDER BY c.sick_report_date, c.id LIMIT 20"
    )
    search = (
        "AND (e.personnel_number LIKE '%jan%' OR (e.first_name || ' ' || e.last_name) LIKE '%jan%')"
    )
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN ANALYZE "
    with engine.connect() as conn:
        for extra in ("", search):
            print("  plan:", page.format(extra=extra)[:90], "...")
            for row in conn.execute(text(prefix + page.format(extra=extra))):
                print("    ", " | ".join(str(v) for v in row))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--plans", action="store_true", help="print query plans always")
    args = parser.parse_args()
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    missed = False
    for kind, database in (
        ("sqlite", partial(sqlite_database, SECRET, "kw-dashboard-")),
        ("postgresql", partial(postgres_database, SECRET)),
    ):
        if args.only and args.only != kind:
            continue
        results: dict[int, dict[str, tuple[float, float]]] = {}
        for employees in SCALES:
            print(f"{kind}, {employees:,} employees, {OPEN_CASES:,} open cases:", flush=True)
            with database() as engine:
                results[employees] = _measure(engine, employees, args.runs)
                for name, (p50, p95) in results[employees].items():
                    print(f"  {name:<28} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
                small = results[SCALES[0]]
                growth = {
                    n: results[employees][n][1] / small[n][1] for n in small if small[n][1] > 0
                }
                bad = [
                    n
                    for n, (_, p95) in results[employees].items()
                    if p95 > TARGET_P95_MS or growth.get(n, 1.0) > TARGET_GROWTH
                ]
                if employees != SCALES[0]:
                    for n, g in growth.items():
                        print(f"  growth 5k -> 50k, {n:<20} p95 x{g:.2f}")
                if bad or args.plans:
                    missed = missed or bool(bad)
                    if bad:
                        print(f"  MISSED: {', '.join(bad)}")
                    _plans(engine)
    print("all targets met" if not missed else "some targets missed (plans above)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
