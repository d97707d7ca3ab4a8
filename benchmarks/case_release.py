"""Care-team workload: open a case file with 500 medical notes, then draft, save and
release employer feedback — release including its disclosure row, the employee's notice,
the audit row and the (composed, content-free) mail — with 1 and with 20 concurrent care
users (one process each, against the services), on SQLite (WAL, synchronous=FULL) and PostgreSQL.

    .venv/bin/python benchmarks/case_release.py [--notes 500] [--users 20] [--rounds 5]
        [--skip-sqlite] [--skip-postgres] [--think 0]

Each user works on his own case of one employer: the doctor and 19 team members he lets
release. The file opens on its newest notes (a page of NOTES_PAGE, as the care page shows
it). Each process first runs one warm-up cycle (new connections, cold caches), reported on
its own line as "cold 1st"; the steps' p50/p95 are over the ``--rounds`` cycles after it.
By default the users click without pause (a closed loop: the machine's ceiling); with
``--think S`` each waits 0.5-1.5 x S seconds (random, seeded per user) before each cycle,
as people at work do, so the figures are the latency at that pace rather than the queue.
Not part of the pass/fail suite.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from _databases import postgres_database, sqlite_database
from sqlalchemy import event, insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from kwportal.db import make_engine, transaction
from kwportal.domain.roles import Role
from kwportal.models import (
    Account,
    CareTeam,
    Employee,
    MedicalNote,
    Organisation,
    SickLeaveCase,
    TeamAssignment,
    TeamMember,
)
from kwportal.services import audit
from kwportal.services.auth.actors import actor_for
from kwportal.services.case.file import open_case_file
from kwportal.services.feedback.editor import FeedbackForm, current_draft, save_draft
from kwportal.services.feedback.release import release_feedback

SECRET = "benchmark-secret"
STEPS = ("open", "draft+save", "release", "whole", "cold 1st", "failed")
#: per measured cycle, not steps: the process's own CPU and its SQL statements (actor_for,
#: outside the timed part, included)
COSTS = ("cpu", "statements")
ACCESS = audit.AccessPoint(ip="127.0.0.1", agent="benchmark")
FORM = FeedbackForm(
    levels={"personal_functioning": "can", "dynamic_movements": "limited"},
    notes={"dynamic_movements": "maximaal 10 kg tillen"},
    expected_period="4 tot 6 weken",
    incapacity_degree="gedeeltelijk (50%)",
    advice="Start met halve dagen in het eigen werk.",
)


def _setup(engine: Engine, users: int, notes: int) -> list[tuple[int, int]]:
    """(account id, case id) per care user."""
    with transaction(engine) as session:
        org = Organisation(name="Bench BV", kvk_number="99999999", contract_start=date(2020, 1, 1))
        session.add(org)
        session.flush()
        accounts = [
            Account(
                username=f"care{n}",
                display_name=f"Care {n}",
                role=str(Role.COMPANY_DOCTOR if n == 0 else Role.CARE_TEAM),
            )
            for n in range(users)
        ]
        session.add_all(accounts)
        session.flush()
        team = CareTeam(name="Bench team", doctor_account_id=accounts[0].id)
        session.add(team)
        session.flush()
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org.id))
        for account in accounts[1:]:
            session.add(TeamMember(care_team_id=team.id, account_id=account.id, may_release=True))
        pairs = []
        for n, account in enumerate(accounts):
            person = Employee(
                organisation_id=org.id or 0,
                personnel_number=f"B{n:05d}",
                first_name="Bench",
                last_name=f"Persoon {n}",
            )
            session.add(person)
            session.flush()
            session.add(
                Account(
                    username=f"employee{n}",
                    display_name=f"Employee {n}",
                    role=str(Role.EMPLOYEE),
                    employee_id=person.id,
                    email=f"employee{n}@bench.example",
                )
            )
            case = SickLeaveCase(
                employee_id=person.id or 0,
                organisation_id=org.id or 0,
                sick_report_date=date(2026, 1, 5),
            )
            session.add(case)
            session.flush()
            now = datetime(2026, 1, 5, tzinfo=UTC)
            session.execute(
                insert(MedicalNote),
                [
                    {
                        "case_id": case.id,
                        "employee_id": person.id,
                        "author_account_id": account.id,
                        "kind": "consult",
                        "body": f"Consult {k}: " + "bevindingen en afspraken. " * 12,
                        "created_at": now,
                    }
                    for k in range(notes)
                ],
            )
            pairs.append((account.id or 0, case.id or 0))
    return pairs


@contextmanager
def _unit(engine: Engine) -> Iterator[Session]:
    """A unit of work as the runner opens it: its audit rows written just before the
    commit (services/runner.py, ``audit.defer_until_commit``)."""
    with transaction(engine) as session:
        audit.defer_until_commit(session)
        yield session


def _cycle(engine: Engine, account_id: int, case_id: int, times: dict[str, list[float]]) -> None:
    with Session(engine) as session:
        account = session.get(Account, account_id)
        assert account is not None
        actor = actor_for(session, account)
    now = datetime.now(UTC)
    started = time.perf_counter()
    with _unit(engine) as session:
        view = open_case_file(actor, case_id, session=session, access_point=ACCESS, secret=SECRET)
    opened = time.perf_counter()
    assert view.notes and view.notes_total >= len(view.notes)
    with _unit(engine) as session:
        draft = current_draft(
            actor,
            case_id,
            session=session,
            create=True,
            now=now,
            access_point=ACCESS,
            secret=SECRET,
        )
        assert draft is not None
        saved = save_draft(
            actor,
            draft.feedback_id,
            expected_version=draft.version,
            form=FORM,
            session=session,
            access_point=ACCESS,
            secret=SECRET,
            now=now,
        )
    drafted = time.perf_counter()
    with _unit(engine) as session:
        outcome = release_feedback(
            actor,
            saved.feedback_id,
            expected_version=saved.version,
            session=session,
            access_point=ACCESS,
            secret=SECRET,
            now=now,
            origin="https://portal.example",
        )
    released = time.perf_counter()
    assert outcome.mails
    times["open"].append(opened - started)
    times["draft+save"].append(drafted - opened)
    times["release"].append(released - drafted)
    times["whole"].append(released - started)


def _worker(job: tuple[str, int, int, int, float]) -> dict[str, list[float]]:
    """One care user in his own process (production runs several workers): own engine,
    own connections, no shared interpreter lock."""
    url, account_id, case_id, rounds, think = job
    pause = random.Random(account_id)
    engine = make_engine(url)
    times: dict[str, list[float]] = {key: [] for key in STEPS + COSTS}
    statements = [0]

    def count(*_: object) -> None:
        statements[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        for n in range(rounds + 1):
            try:
                if n == 0:
                    warm_up: dict[str, list[float]] = {key: [] for key in STEPS}
                    _cycle(engine, account_id, case_id, warm_up)
                    times["cold 1st"] += warm_up["whole"]
                    continue
                if think:
                    time.sleep(think * pause.uniform(0.5, 1.5))
                cpu, statements[0] = time.process_time(), 0
                _cycle(engine, account_id, case_id, times)
                times["cpu"].append(time.process_time() - cpu)
                times["statements"].append(statements[0])
            except OperationalError as error:  # SQLite: the writer lock not had in time
                times["failed"].append(0.0)
                print(f"  cycle failed: {str(error.orig)[:60]}", file=sys.stderr)
    finally:
        engine.dispose()
    return times


def _run(
    url: str, pairs: list[tuple[int, int]], rounds: int, think: float = 0.0
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {key: [] for key in STEPS + COSTS}
    jobs = [(url, account_id, case_id, rounds, think) for account_id, case_id in pairs]
    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
        for result in pool.map(_worker, jobs):
            for key, values in result.items():
                times[key].extend(values)
    return times


def _report(label: str, times: dict[str, list[float]], wall: float) -> None:
    # the warm-up cycles released too, within the wall time
    releases = len(times["release"]) + len(times["cold 1st"])
    failed = len(times.pop("failed"))
    cpu, statements = times.pop("cpu"), times.pop("statements")
    print(
        f"{label}: {releases} releases in {wall:.2f} s ({releases / wall:.1f}/s),"
        f" {failed} cycles failed"
    )
    if cpu:
        print(
            f"  per cycle: {statistics.median(cpu) * 1000:.1f} ms CPU of the care user's"
            f" process (p50), {statistics.mean(statements):.0f} SQL statements"
        )
    for step, values in times.items():
        if not values:
            continue
        ms = sorted(v * 1000 for v in values)
        q = statistics.quantiles(ms, n=20) if len(ms) > 1 else [ms[0]] * 19
        print(f"  {step:<11} p50 {statistics.median(ms):7.1f} ms   p95 {q[18]:7.1f} ms")


def _bench(name: str, engine: Engine, args: argparse.Namespace) -> None:
    pairs = _setup(engine, args.users, args.notes)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    for users in (1, args.users):
        started = time.perf_counter()
        times = _run(url, pairs[:users], args.rounds, args.think)
        pace = f", {args.think:g} s think time" if args.think else ", no pause"
        _report(
            f"{name}, {users} care user(s), {args.notes} notes{pace}",
            times,
            time.perf_counter() - started,
        )
    with Session(engine) as session:
        report = audit.verify_chain(session, secret=SECRET)
    print(f"  audit chain verifies: {report.ok} ({report.rows} rows)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--think", type=float, default=0.0, help="seconds between cycles")
    args = parser.parse_args()
    if not args.skip_sqlite:
        with sqlite_database(SECRET) as engine:
            _bench("SQLite", engine, args)
    if not args.skip_postgres:
        with postgres_database(SECRET) as engine:
            _bench("PostgreSQL", engine, args)


if __name__ == "__main__":
    main()
