"""Retention at scale (issue 8): the plan over many employees with mixed histories, and a run
destroying the files that are due, on SQLite (WAL, synchronous=FULL) and PostgreSQL.

    .venv/bin/python benchmarks/retention.py [--employees 200000] [--due 20000] [--batch 100]
                                             [--only sqlite|postgresql]

Setup (migrations and bulk inserts) is timed and printed apart from the measured plan and run.
Prints files/s, counts per rule and per hold reason, and checks the audit chain afterwards.
Not part of the pass/fail suite.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import random
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from _databases import PG_ADMIN, postgres_database, sqlite_database
from sqlalchemy import create_engine, func, insert, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import select

from kwportal.db import read_transaction
from kwportal.models import (
    AuditCheckpoint,
    ConsentRecord,
    Employee,
    ExposureRecord,
    LegalHold,
    MedicalNote,
    Organisation,
    RetentionTombstone,
    SickLeaveCase,
)
from kwportal.services import audit
from kwportal.services.retention import run as retention_run
from kwportal.services.retention.plan import RETENTION_CONSENT, plan

SECRET = "benchmark-secret"
TODAY = date(2026, 11, 28)
PLAN_TARGET_SECONDS = 30
SETUP_CHUNK = 20_000
SEED = 8

# (name, contract_start, contract_end, how many employers)
EMPLOYERS = (
    ("ancient", date(1970, 1, 1), date(1985, 1, 1), 1),
    ("old", date(1988, 1, 1), None, 12),  # contract_end spread over 1996-2005
    ("edge", date(1990, 1, 1), date(2006, 12, 20), 1),  # due within the 90-day horizon
    ("recent", date(1995, 1, 1), None, 12),  # contract_end spread over 2008-2024
    ("running", date(2000, 1, 1), None, 24),
)
DUE_KINDS = {
    "ended": 70,
    "died": 8,
    "consent_expired": 6,
    "consent_lapsing": 3,
    "hold_lifted": 5,
    "radiation_old": 5,
    "hazardous_old": 3,
}
KEPT_KINDS = {
    "working": 40,
    "left_running_employer": 12,
    "left_recent_employer": 15,
    "upcoming": 1,
    "open_case": 4,
    "legal_hold": 3,
    "hazardous": 5,
    "radiation_young": 3,
    "radiation_running": 1,
    "radiation_no_birth_date": 1,
    "consent_valid": 4,
    "recent_change": 5,
    "employment_open": 3,
    "died_recently": 3,
}
KIND_EMPLOYER = {
    "ended": "old",
    "died": "old",
    "consent_expired": "old",
    "consent_lapsing": "old",
    "hold_lifted": "old",
    "radiation_old": "ancient",
    "hazardous_old": "ancient",
    "working": "running",
    "left_running_employer": "running",
    "left_recent_employer": "recent",
    "upcoming": "edge",
    "died_recently": "recent",
}


@dataclass
class Employer:
    id: int
    group: str
    contract_start: date
    contract_end: date | None


@dataclass
class Rows:
    employees: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    exposures: list[dict[str, Any]] = field(default_factory=list)
    consents: list[dict[str, Any]] = field(default_factory=list)
    holds: list[dict[str, Any]] = field(default_factory=list)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=UTC)


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _employers() -> list[Employer]:
    result: list[Employer] = []
    for group, start, end, count in EMPLOYERS:
        for k in range(count):
            if group == "old":
                end = date(1996 + (9 * k) // max(1, count - 1), 7, 1)
            elif group == "recent":
                end = date(2008 + (16 * k) // max(1, count - 1), 1, 1)
            result.append(Employer(len(result) + 1, group, start, end))
    return result


def _organisation_rows(employers: list[Employer]) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "name": f"Werkgever {e.id} ({e.group})",
            "kvk_number": f"{90_000_000 + e.id}",
            "contract_start": e.contract_start,
            "contract_end": e.contract_end,
            "created_at": _at(e.contract_start),
        }
        for e in employers
    ]


class Builder:
    """Rows for one employee at a time, with ids computed from known ranges: the employee's
    case has the employee's id, notes are numbered in order."""

    def __init__(self, employers: list[Employer], seed: int) -> None:
        self.rng = random.Random(seed)
        self.by_group: dict[str, list[Employer]] = {}
        for employer in employers:
            self.by_group.setdefault(employer.group, []).append(employer)
        self.next_note = 1

    def employee(self, rows: Rows, employee_id: int, kind: str) -> None:
        rng = self.rng
        employer = rng.choice(self.by_group[KIND_EMPLOYER.get(kind, "old")])
        running = employer.contract_end is None
        last_day = TODAY - timedelta(days=60) if running else employer.contract_end
        assert last_day is not None
        start = _between(rng, employer.contract_start, last_day - timedelta(days=3 * 365))
        end: date | None = _between(rng, start + timedelta(days=2 * 365), last_day)
        born = _between(rng, start - timedelta(days=60 * 365), start - timedelta(days=18 * 365))
        death = None
        if kind in ("working", "employment_open"):
            end = None
        elif kind in ("died", "died_recently"):
            death, end = end, None
        elif kind == "radiation_old":
            born = _between(rng, date(1930, 1, 1), date(1950, 12, 31))
        elif kind == "radiation_young":
            born = _between(rng, start - timedelta(days=25 * 365), start - timedelta(days=18 * 365))
        rows.employees.append(
            {
                "id": employee_id,
                "organisation_id": employer.id,
                "personnel_number": f"P{employee_id:07d}",
                "first_name": "Werknemer",
                "last_name": f"Nummer {employee_id}",
                "date_of_birth": None if kind == "radiation_no_birth_date" else born,
                "date_of_death": death,
                "employment_start": start,
                "employment_end": end,
                "created_at": _at(start),
            }
        )
        self._case(rows, employee_id, employer.id, kind, start, end or death or last_day)
        self._extras(rows, employee_id, kind, start, end or death or last_day)

    def _case(
        self, rows: Rows, employee_id: int, org_id: int, kind: str, start: date, end: date
    ) -> None:
        rng = self.rng
        reported = _between(rng, start + timedelta(days=365), end - timedelta(days=200))
        recovered = None if kind == "open_case" else reported + timedelta(rng.randint(7, 180))
        rows.cases.append(
            {
                "id": employee_id,
                "employee_id": employee_id,
                "organisation_id": org_id,
                "sick_report_date": reported,
                "recovery_date": recovered,
                "care_address": f"Zorgadres {employee_id}",
                "created_at": _at(reported),
            }
        )
        for k in range(rng.randint(1, 2)):
            written = reported + timedelta(days=7 * (k + 1))
            if kind == "recent_change" and k == 0:
                written = _between(rng, date(2010, 1, 1), date(2020, 12, 31))
            rows.notes.append(
                {
                    "id": self.next_note,
                    "employee_id": employee_id,
                    "case_id": employee_id,
                    "kind": "consult",
                    "body": f"Medische notitie {k + 1} bij werknemer {employee_id}.",
                    "created_at": _at(written),
                }
            )
            self.next_note += 1

    def _extras(self, rows: Rows, employee_id: int, kind: str, start: date, end: date) -> None:
        rng = self.rng
        if kind in ("hazardous", "hazardous_old"):
            self._exposure(rows, employee_id, "hazardous_substance", start, end)
        elif kind.startswith("radiation"):
            ended = None if kind == "radiation_running" else end
            self._exposure(rows, employee_id, "ionising_radiation", start, ended)
        elif kind.startswith("consent"):
            until = {
                "consent_expired": (date(2010, 1, 1), date(2020, 12, 31)),
                "consent_lapsing": (date(2025, 1, 1), date(2026, 11, 1)),
                "consent_valid": (date(2030, 1, 1), date(2040, 12, 31)),
            }[kind]
            rows.consents.append(
                {
                    "employee_id": employee_id,
                    "kind": RETENTION_CONSENT,
                    "purpose": "langer bewaren van het dossier",
                    "data_description": "medisch dossier",
                    "recipient": "KrachtWerkt",
                    "notice_version": "1",
                    "granted_at": _at(end),
                    "valid_until": _between(rng, *until),
                }
            )
        elif kind in ("legal_hold", "hold_lifted"):
            rows.holds.append(
                {
                    "employee_id": employee_id,
                    "reason": "rechtszaak",
                    "set_at": _at(date(2020, 3, 1)),
                    "lifted_at": _at(date(2022, 3, 1)) if kind == "hold_lifted" else None,
                    "lift_reason": "uitspraak" if kind == "hold_lifted" else "",
                }
            )

    def _exposure(
        self, rows: Rows, employee_id: int, kind: str, start: date, ended: date | None
    ) -> None:
        rows.exposures.append(
            {
                "employee_id": employee_id,
                "kind": kind,
                "agent": "benzeen" if kind == "hazardous_substance" else "röntgen",
                "started_on": start,
                "ended_on": ended,
                "recorded_at": _at(start + timedelta(days=30)),
            }
        )


def _kinds(employees: int, due: int, rng: random.Random) -> list[str]:
    due = min(due, employees)
    kinds = rng.choices(list(DUE_KINDS), weights=list(DUE_KINDS.values()), k=due)
    kinds += rng.choices(list(KEPT_KINDS), weights=list(KEPT_KINDS.values()), k=employees - due)
    rng.shuffle(kinds)
    return kinds


def _chunks(kinds: list[str]) -> Iterator[tuple[int, list[str]]]:
    for start in range(0, len(kinds), SETUP_CHUNK):
        yield start + 1, kinds[start : start + SETUP_CHUNK]


def _load(engine: Engine, employees: int, due: int) -> dict[str, int]:
    """Bulk inserts (executemany) in chunks, parents before children."""
    employers = _employers()
    builder = Builder(employers, SEED)
    counts: dict[str, int] = {"organisations": len(employers)}
    with engine.begin() as conn:
        conn.execute(insert(Organisation), _organisation_rows(employers))
    for first_id, kinds in _chunks(_kinds(employees, due, random.Random(SEED))):
        rows = Rows()
        for offset, kind in enumerate(kinds):
            builder.employee(rows, first_id + offset, kind)
        with engine.begin() as conn:
            for name, model in (
                ("employees", Employee),
                ("cases", SickLeaveCase),
                ("notes", MedicalNote),
                ("exposures", ExposureRecord),
                ("consents", ConsentRecord),
                ("holds", LegalHold),
            ):
                batch = getattr(rows, name)
                if batch:
                    conn.execute(insert(model), batch)
                counts[name] = counts.get(name, 0) + len(batch)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            _after_postgresql_load(conn)
    return counts


def _after_postgresql_load(conn: Connection) -> None:
    """Explicit ids leave the sequences behind; statistics as autovacuum would gather them."""
    for table in ("organisation", "employee", "sick_leave_case", "medical_note"):
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        )
    conn.execute(text("ANALYZE"))


def _label(name: str, step: str) -> str:
    return f"{name:<10} {step:<6}"


def _by_count(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))


def _bench_plan(name: str, engine: Engine) -> None:
    with read_transaction(engine) as session:
        started = time.perf_counter()
        result = plan(session, today=TODAY)
        seconds = time.perf_counter() - started
    verdict = "ok" if seconds <= PLAN_TARGET_SECONDS else "OVER TARGET"
    print(
        f"{_label(name, 'plan')} {result.employees:,} files in {seconds:.2f} s: "
        f"{result.employees / seconds:,.0f} files/s (target <= {PLAN_TARGET_SECONDS} s: {verdict})"
    )
    print(f"{_label(name, 'plan')} due {len(result.due):,}: {_by_count(result.due_by_rule)}")
    print(f"{_label(name, 'plan')} held by reason: {_by_count(result.held_by_reason)}")
    print(f"{_label(name, 'plan')} upcoming within 90 days: {len(result.upcoming):,}")


def _bench_run(name: str, engine: Engine, batch: int) -> None:
    ticks: list[float] = []
    started = time.perf_counter()
    result = retention_run.run(
        engine,
        today=TODAY,
        run_by="benchmark",
        secret=SECRET,
        batch_size=batch,
        progress=lambda _done, _total: ticks.append(time.perf_counter()),
    )
    seconds = time.perf_counter() - started
    print(
        f"{_label(name, 'run')} {result.destroyed:,} files destroyed in {result.batches:,} "
        f"batches of {batch}, {seconds:.2f} s: {result.destroyed / seconds:,.1f} files/s"
    )
    if len(ticks) > 1:
        per_batch = (ticks[-1] - ticks[0]) / (len(ticks) - 1)
        print(
            f"{_label(name, 'run')} phases: plan ~{ticks[0] - started - per_batch:.2f} s, "
            f"batches {ticks[-1] - ticks[0] + per_batch:.2f} s "
            f"({per_batch * 1000:.0f} ms per batch, "
            f"{result.destroyed / len(ticks) / per_batch:,.1f} files/s), "
            f"audit prune and finish {started + seconds - ticks[-1]:.2f} s "
            f"({result.audit_rows_pruned:,} audit rows pruned)"
        )


def _check(name: str, engine: Engine, employees: int) -> None:
    with read_transaction(engine) as session:
        started = time.perf_counter()
        report = audit.verify_chain(session, secret=SECRET)
        seconds = time.perf_counter() - started
        pruned_through = session.exec(select(func.max(AuditCheckpoint.pruned_through_seq))).one()
        left = session.exec(select(func.count()).select_from(Employee)).one()
        stones = session.exec(select(func.count()).select_from(RetentionTombstone)).one()
    print(
        f"{_label(name, 'audit')} chain {'intact' if report.ok else 'BROKEN: ' + report.reason}, "
        f"{report.rows:,} rows after the checkpoint at seq {pruned_through or 0:,}, "
        f"verified in {seconds:.2f} s"
    )
    print(
        f"{_label(name, 'after')} {left:,} employees left, {stones:,} tombstones "
        f"({'consistent' if left + stones == employees else 'INCONSISTENT'})"
    )


def _bench(name: str, engine: Engine, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    counts = _load(engine, args.employees, args.due)
    seconds = time.perf_counter() - started
    rows = sum(counts.values())
    print(f"{_label(name, 'setup')} {rows:,} rows in {seconds:.1f} s ({_by_count(counts)})")
    _bench_plan(name, engine)
    _bench_run(name, engine, args.batch)
    _check(name, engine, args.employees)


def _bench_sqlite(args: argparse.Namespace) -> None:
    with sqlite_database(SECRET, prefix="kwbench-retention-") as engine:
        _bench("sqlite", engine, args)


def _bench_postgresql(args: argparse.Namespace) -> None:
    with postgres_database(SECRET) as engine:
        _bench("postgresql", engine, args)


def _machine(only: str | None) -> str:
    parts = [
        f"{os.cpu_count()} cores",
        f"{platform.python_implementation()} {platform.python_version()}",
        platform.platform(terse=True),
    ]
    if only != "postgresql":
        parts.append(f"SQLite {sqlite3.sqlite_version}")
    if only != "sqlite":
        admin = create_engine(PG_ADMIN)
        with admin.connect() as conn:
            parts.append(f"PostgreSQL {conn.execute(text('SHOW server_version')).scalar_one()}")
        admin.dispose()
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=200_000)
    parser.add_argument("--due", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=retention_run.DEFAULT_BATCH)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)  # figures show up as they come, also in a log
    print(f"machine: {_machine(args.only)}")
    print(
        f"reference date {TODAY}, {args.employees:,} employees, {args.due:,} due by "
        f"construction, batch {args.batch}"
    )
    started = time.perf_counter()
    if args.only != "postgresql":
        _bench_sqlite(args)
    if args.only != "sqlite":
        _bench_postgresql(args)
    print(f"total wall time {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
