"""Deterministic demo data and scale data.

Every medical text carries a canary ``MEDISCH-<id>``, every care address ``ZORGADRES-<id>``
and every unreleased feedback draft ``CONCEPT-<id>``, so a leak to a browser is found by a
plain text search.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from kwportal.domain.roles import Role
from kwportal.models import (
    Account,
    CareTeam,
    Employee,
    Organisation,
    TeamAssignment,
    TeamMember,
)
from kwportal.services import audit
from kwportal.services.auth import secrets_box
from kwportal.services.auth.passwords import hash_password
from kwportal.services.demo import journeys, privacy_duties
from kwportal.services.demo.accounts import (
    DEMO_ORGS,
    GLOBAL_ROLES,
    KRACHTWERKT,
    PER_ORG_ROLES,
    DemoAccount,
    OrgSpec,
    demo_accounts,
)
from kwportal.services.demo.cases import CaseBuilder
from kwportal.services.demo.vocabulary import (
    CITIES,
    DEPARTMENTS,
    FIRST_NAMES,
    JOB_TITLES,
    LAST_NAMES,
    STREETS,
)
from kwportal.services.employer import roster

SYSTEM_ACTOR = audit.SYSTEM_ACTOR


class SeedRefusedError(RuntimeError):
    """Seeding would mix demo data into a database that is not empty or not demo."""


@dataclass
class SeedSummary:
    organisations: int = 0
    employees: int = 0
    cases: int = 0
    accounts: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def database_is_empty(session: Session) -> bool:
    return session.exec(select(func.count()).select_from(Organisation)).one() == 0


def seed_demo(session: Session, *, today: date, secret: str) -> SeedSummary:
    """The demo set of BRIEF.md: three employers, one with more than 2,000 employees,
    at least 40 cases in every phase, one account per role per employer. Only the people
    in care are stored; the workforce is the roster's counts (issue 17 item 1)."""
    summary = SeedSummary()
    passwords = {(a.role, a.organisation): a for a in demo_accounts()}
    made: list[tuple[int, Organisation, dict[Role, Account]]] = []
    for index, spec in enumerate(DEMO_ORGS):
        if _kvk_exists(session, spec.kvk):
            continue
        org = _organisation(session, spec, today)
        # only the people in care are stored; the rest of the workforce is the roster's counts
        # (issue 17 item 1; the cases are built for the first ``spec.cases``)
        employee_ids = _employees(session, org, spec.employees, spec.slug, today, stored=spec.cases)
        accounts = _org_accounts(session, org, spec, employee_ids[0], passwords)
        builder = CaseBuilder(session, org, accounts, random.Random(spec.slug), today, secret)
        builder.build(employee_ids[: spec.cases], phase_offset=index)
        made.append((index, org, accounts))
        summary.organisations += 1
        summary.employees += len(employee_ids)
        summary.cases += spec.cases
        summary.accounts += len(accounts)
        _add(summary, builder.counts)
    summary.accounts += _global_accounts(session, passwords)
    admin = session.exec(select(Account).where(Account.role == str(Role.ADMIN))).first()
    for index, org, accounts in made:
        _add(summary, journeys.live_cases(session, org, accounts, today=today, secret=secret))
        if admin is not None:
            journeys.employer_settings(
                session, index, org, accounts, admin, today=today, secret=secret
            )
    slugs = [(DEMO_ORGS[index].slug, org, accounts) for index, org, accounts in made]
    duties = privacy_duties.seed_privacy_duties(session, slugs, today=today, secret=secret)
    summary.employees += duties.people
    summary.cases += duties.people
    _add(summary, duties.counts)
    _audit_seed(session, "demo_seed", summary, secret)
    return summary


def seed_scale(session: Session, *, employees: int, today: date, secret: str) -> SeedSummary:
    """An extra employer with ``employees`` employees and 5 % of them on sick leave, for
    benchmarks. No accounts and no medical detail beyond the canaries."""
    number = session.exec(select(func.count()).select_from(Organisation)).one() + 1
    spec = OrgSpec(f"schaal{number}", f"Schaal BV {number}", f"9{number:07d}", employees, 0)
    org = _organisation(session, spec, today)
    employee_ids = _employees(session, org, employees, spec.slug, today)
    builder = CaseBuilder(session, org, {}, random.Random(spec.slug), today)
    open_cases = max(1, employees // 20)
    builder.build(employee_ids[:open_cases], phase_offset=0, light=True)
    summary = SeedSummary(1, employees, open_cases, 0, dict(builder.counts))
    _audit_seed(session, "scale_seed", summary, secret)
    return summary


def _add(summary: SeedSummary, counts: Mapping[str, int]) -> None:
    for key, value in counts.items():
        summary.counts[key] = summary.counts.get(key, 0) + value


def _kvk_exists(session: Session, kvk: str) -> bool:
    found = session.exec(select(Organisation.id).where(Organisation.kvk_number == kvk))
    return found.first() is not None


def _organisation(session: Session, spec: OrgSpec, today: date) -> Organisation:
    org = Organisation(
        name=spec.name,
        kvk_number=spec.kvk,
        contract_start=date(today.year - 6, 1, 1),
    )
    session.add(org)
    session.flush()
    return org


def _employees(
    session: Session,
    org: Organisation,
    count: int,
    slug: str,
    today: date,
    *,
    stored: int | None = None,
) -> list[int]:
    """The ids of the first ``stored`` of ``count`` generated employees (all by default);
    with ``stored``, the whole workforce goes in as counts only (the roster's figures)."""
    rng = random.Random(f"{slug}-employees")
    rows = [_employee_row(org, slug, n, rng, today) for n in range(1, count + 1)]
    if stored is not None:
        assert org.id is not None
        workforce = [(r["department"], r["employment_start"], r["employment_end"]) for r in rows]
        roster.replace_figures(session, org.id, workforce, today=today)
        rows = rows[:stored]
    session.execute(insert(Employee), rows)
    ids = session.exec(
        select(Employee.id).where(Employee.organisation_id == org.id).order_by(col(Employee.id))
    )
    return [i for i in ids if i is not None]


def _employee_row(
    org: Organisation, slug: str, n: int, rng: random.Random, today: date
) -> dict[str, Any]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    left = rng.random() < 0.05
    return {
        "organisation_id": org.id,
        "personnel_number": f"{slug[:3].upper()}{n:05d}",
        "first_name": first,
        "last_name": last,
        "street": f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
        "postal_code": f"75{rng.randint(10, 99)} {rng.choice('ABCDEFGHJK')}{rng.choice('LMNPRS')}",
        "city": rng.choice(CITIES),
        "email": f"{first.lower()}.{n}@{slug}.example",
        "phone": f"06{rng.randint(10000000, 99999999)}",
        "date_of_birth": date(rng.randint(1960, 2003), rng.randint(1, 12), rng.randint(1, 28)),
        "gender": rng.choice(("v", "m", "x")),
        "employment_start": date(rng.randint(2005, today.year - 1), rng.randint(1, 12), 1),
        "employment_end": today - timedelta(days=rng.randint(30, 900)) if left else None,
        "job_title": rng.choice(JOB_TITLES),
        "hours_per_week": rng.choice((24.0, 32.0, 36.0, 38.0, 40.0)),
        "department": rng.choice(DEPARTMENTS),
        "created_at": datetime.combine(today, time(8, 0), tzinfo=UTC),
    }


def _org_accounts(
    session: Session,
    org: Organisation,
    spec: OrgSpec,
    employee_id: int,
    passwords: dict[tuple[str, str], DemoAccount],
) -> dict[Role, Account]:
    accounts: dict[Role, Account] = {}
    for role in PER_ORG_ROLES:
        account = _new_account(passwords[(str(role), spec.name)], role, spec.name)
        if role is Role.EMPLOYEE:
            account.employee_id = employee_id
        if role in (Role.EMPLOYEE, Role.EMPLOYER_CONTACT):
            account.organisation_id = org.id
        session.add(account)
        accounts[role] = account
    session.flush()
    for role, account in accounts.items():
        secrets_box.set_account_secret(account, passwords[(str(role), spec.name)].totp_secret)
    team = CareTeam(
        name=f"Team {spec.name}",
        doctor_account_id=_id(accounts[Role.COMPANY_DOCTOR]),
    )
    session.add(team)
    session.flush()
    for role in (Role.CARE_TEAM, Role.CASE_MANAGER):
        session.add(TeamMember(care_team_id=_id(team), account_id=_id(accounts[role])))
    session.add(TeamAssignment(care_team_id=_id(team), organisation_id=_id(org)))
    session.flush()
    return accounts


def _global_accounts(session: Session, passwords: dict[tuple[str, str], DemoAccount]) -> int:
    created: list[tuple[Account, DemoAccount]] = []
    for role in GLOBAL_ROLES:
        demo = passwords[(str(role), KRACHTWERKT)]
        exists = session.exec(select(Account.id).where(Account.username == demo.username))
        if exists.first() is None:
            created.append((_new_account(demo, role, KRACHTWERKT), demo))
            session.add(created[-1][0])
    session.flush()
    for account, demo in created:
        secrets_box.set_account_secret(account, demo.totp_secret)
    session.flush()
    return len(created)


def _new_account(demo: DemoAccount, role: Role, organisation: str) -> Account:
    """Its TOTP secret is sealed once the row has its id (secrets_box binds it to the id)."""
    return Account(
        username=demo.username,
        display_name=f"{demo.username} ({organisation})",
        email=f"{demo.username}@demo.example",
        role=str(role),
        password_hash=hash_password(demo.password),
        totp_confirmed_at=datetime(2026, 1, 1, tzinfo=UTC),
        is_demo=True,
    )


def _id(row: Any) -> int:
    assert row.id is not None
    return int(row.id)


def _audit_seed(session: Session, event_type: str, summary: SeedSummary, secret: str) -> None:
    audit.record(
        session,
        actor=SYSTEM_ACTOR,
        access=audit.CLI,
        event_type=event_type,
        action=audit.Action.CREATE,
        ground=audit.Ground.CONTRACT,
        details={
            "organisations": summary.organisations,
            "employees": summary.employees,
            "cases": summary.cases,
            "accounts": summary.accounts,
            **summary.counts,
        },
        secret=secret,
    )
