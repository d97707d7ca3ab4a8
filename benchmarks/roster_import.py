"""Roster import at 10,000 rows (issue 6, "Roster import": 10,000 rows <= 10 s): stage,
preview and apply a 10,000-row CSV, then re-import it with half the rows changed, on SQLite
(WAL, synchronous=FULL) and PostgreSQL. Each step is its own committed transaction, with its
audit rows, as the pages run them. Only the people in care are updated (issue 17 item 1): 5 %
of the rows have a case, the rest are counted into the workforce figures and dropped.

    .venv/bin/python benchmarks/roster_import.py [--runs 3]

Not part of the pass/fail suite (tests/integration/test_roster.py checks the result, not
the time).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial

from _databases import postgres_database, sqlite_database
from sqlalchemy.engine import Engine

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account, Employee, Organisation, SickLeaveCase
from kwportal.services import audit
from kwportal.services.employer import roster

SECRET = "benchmark-secret"
TODAY = date(2026, 11, 28)
ROWS = 10_000
IN_CARE = ROWS // 20
TARGET_S = 10.0
WEB = audit.AccessPoint(ip="127.0.0.1", agent="benchmark")
HEADER = "personeelsnummer;voornaam;achternaam;e-mail;afdeling;in dienst;uit dienst"


def _csv(department: Callable[[int], str]) -> bytes:
    rows = [
        f"N{n:05d};Voor{n};Achter{n};p{n}@voorbeeld.nl;{department(n)};2015-01-01;"
        for n in range(ROWS)
    ]
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8")


def _employer(engine: Engine, n: int) -> Actor:
    with transaction(engine) as session:
        org = Organisation(name=f"Rooster {n}", kvk_number=f"9100{n:04d}", contract_start=TODAY)
        session.add(org)
        session.flush()
        account = Account(
            username=f"rooster{n}",
            display_name="Rooster",
            email=f"rooster{n}@voorbeeld.nl",
            role=Role.EMPLOYER_CONTACT,
            organisation_id=org.id,
            password_hash="x",
        )
        session.add(account)
        session.flush()
        assert account.id is not None and org.id is not None
        for k in range(IN_CARE):
            person = Employee(
                organisation_id=org.id, personnel_number=f"N{k:05d}", first_name="V", last_name="A"
            )
            session.add(person)
            session.flush()
            assert person.id is not None
            session.add(
                SickLeaveCase(employee_id=person.id, organisation_id=org.id, sick_report_date=TODAY)
            )
        return Actor(account.id, Role.EMPLOYER_CONTACT, organisation_id=org.id)


def _import(engine: Engine, actor: Actor, content: bytes) -> tuple[float, roster.Applied]:
    started = time.perf_counter()
    with transaction(engine) as session:
        upload = roster.stage(
            actor, "rooster.csv", content, session=session, access=WEB, secret=SECRET
        )
    with transaction(engine) as session:
        roster.preview(actor, upload, session=session)
    with transaction(engine) as session:
        result = roster.apply(
            actor, upload, session=session, today=TODAY, access=WEB, secret=SECRET
        )
    return time.perf_counter() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    first, second = (
        _csv(lambda n: f"Afdeling {n % 40}"),
        _csv(lambda n: f"Dept {n % 40}" if n % 2 else f"Afdeling {n % 40}"),
    )
    missed = False
    for label, database in (
        ("SQLite", partial(sqlite_database, SECRET, "kw-roster-")),
        ("PostgreSQL", partial(postgres_database, SECRET)),
    ):
        creates, updates = [], []
        with database() as engine:
            for run in range(args.runs):
                actor = _employer(engine, run)
                seconds, result = _import(engine, actor, first)
                assert (result.updated, result.dropped) == (IN_CARE, ROWS - IN_CARE), result
                creates.append(seconds)
                seconds, result = _import(engine, actor, second)
                assert (result.updated, result.unchanged) == (IN_CARE // 2, IN_CARE // 2), result
                updates.append(seconds)
        worst = max(creates + updates)
        missed |= worst > TARGET_S
        print(
            f"{label:10} {ROWS:,} rows  new: median {statistics.median(creates):.2f} s"
            f"  re-import (half changed): median {statistics.median(updates):.2f} s"
            f"  worst {worst:.2f} s  target <= {TARGET_S:.0f} s"
            f"  {'MISSED' if worst > TARGET_S else 'met'}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
