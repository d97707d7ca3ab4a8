"""Every read of someone's personal data is audited (issue 16, item 7).

The demo portal (seeded as ``kwportal seed --demo`` does, plus a file falling due for
destruction, a legal hold, a consent request and two visitors' requests) is opened page by
page as every staff role: each signed-in page the role may open (``SIGNED_IN_PAGES``) has
its real load handler run in this process with the account's session cookie
(``state_driver``). Whoever the loaded state names — an employee by personnel number or
name, an account by its e-mail address, a visitor by name, phone or e-mail — must have an
audit row written by that very read: the actor, from where, and the person as subject
(NEN 7513: who, whose, what, when, from where)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyotp
import pytest
from reflex.state import BaseState
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

import kwportal.ui.pages
from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import (
    Account,
    AuditEvent,
    CallbackRequest,
    Employee,
    LegalHold,
    NewsletterSubscriber,
    Organisation,
    SickLeaveCase,
    VisitorRightsRequest,
)
from kwportal.services import audit
from kwportal.services.auth import login, passwords
from kwportal.services.case import consent_requests
from kwportal.services.demo.accounts import DemoAccount, demo_accounts
from kwportal.services.demo.seed import seed_demo
from kwportal.services.visitors import newsletter
from kwportal.ui.pages.privacy.desk_log import DeskLogState
from kwportal.ui.states.auth import AuthState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import CHEAP, ctx
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

DEMO_TODAY = date(2026, 11, 2)
#: the staff roles, in the order they walk (the privacy desk then reads what they did)
STAFF = (
    Role.COMPANY_DOCTOR,
    Role.CARE_TEAM,
    Role.CASE_MANAGER,
    Role.EMPLOYER_CONTACT,
    Role.PRIVACY_OFFICER,
    Role.ADMIN,
)
#: the demo employer whose staff walk (the one with 2,100 employees)
ORG_SUFFIX = ".metaal"
ADDRESS = "127.0.0.1"
#: a read handler beyond ``load``: the access-log desk opens empty and reads on search
SEARCHES: dict[type[BaseState], tuple[str, tuple[Any, ...]]] = {
    DeskLogState: ("search", ({},)),
}
VISITOR_EMAIL = "vera.bezoeker@example.test"
PERSONNEL_NUMBER = re.compile(r"\b[A-Z]{3}\d{5}\b")
#: pages that must show somebody in this world, so the walk cannot pass by showing nobody
MUST_SHOW = {
    (Role.COMPANY_DOCTOR, "/care"),
    (Role.COMPANY_DOCTOR, "/consent-requests"),
    (Role.CARE_TEAM, "/consent-requests"),
    (Role.CASE_MANAGER, "/callbacks"),
    (Role.EMPLOYER_CONTACT, "/employer"),
    (Role.PRIVACY_OFFICER, "/retention-desk"),
    (Role.PRIVACY_OFFICER, "/rights-desk"),
    (Role.PRIVACY_OFFICER, "/visitor-requests"),
    (Role.PRIVACY_OFFICER, "/access-log-desk"),
    (Role.ADMIN, "/admin-accounts"),
}


@dataclass(frozen=True)
class Shown:
    """Somebody a page named, and what counts as the audit row of that read."""

    label: str
    #: employees any of whom the row may name as subject (a name can be shared)
    employees: frozenset[int] = frozenset()
    #: (table, id) an object of the row may name instead (accounts, visitors)
    objects: frozenset[tuple[str, int]] = frozenset()

    def audited_by(self, rows: list[AuditEvent]) -> bool:
        for row in rows:
            if row.subject_employee_id in self.employees:
                return True
            named = {(o.get("table"), o.get("id")) for o in json.loads(row.objects or "[]")}
            if named & self.objects:
                return True
        return False


@dataclass
class People:
    """Every person of the world and the strings a page would name him by."""

    by_number: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, set[int]] = field(default_factory=dict)
    accounts: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    visitors: dict[str, set[tuple[str, int]]] = field(default_factory=dict)

    def shown_in(self, text: str) -> list[Shown]:
        found = [
            Shown(number, frozenset({self.by_number[number]}))
            for number in sorted(set(PERSONNEL_NUMBER.findall(text)) & set(self.by_number))
        ]
        found += [
            Shown(name, frozenset(ids))
            for name, ids in self.by_name.items()
            if name in text and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
        ]
        for email, (account_id, employee_id) in self.accounts.items():
            if email in text:
                ids = frozenset({employee_id}) if employee_id else frozenset()
                found.append(Shown(email, ids, frozenset({("account", account_id)})))
        found += [
            Shown(value, objects=frozenset(rows))
            for value, rows in self.visitors.items()
            if value in text
        ]
        return found


@dataclass
class World:
    engine: Engine
    tokens: dict[Role, tuple[int, str]]
    case_id: int
    people: People


def _sign_in(engine: Engine, account: DemoAccount) -> str:
    now = datetime.now(UTC)
    with transaction(engine) as session:
        first = login.begin(
            session, ctx(now, ip=ADDRESS), username=account.username, password=account.password
        )
    assert first.ok, first
    code = pyotp.TOTP(account.totp_secret).at(now)
    with transaction(engine) as session:
        done = login.complete(session, ctx(now, ip=ADDRESS), token=first.token, code=code)
    assert done.ok and done.stage == login.STAGE_ACTIVE, done
    return done.token


def _staff_account(role: Role) -> DemoAccount:
    suffix = ".krachtwerkt" if role in (Role.PRIVACY_OFFICER, Role.ADMIN) else ORG_SUFFIX
    return next(a for a in demo_accounts() if a.role == role.value and a.username.endswith(suffix))


def _extras(session: Session, metaal: Organisation, doctor_id: int, case_id: int) -> None:
    """What the demo set lacks for these pages: a file falling due within the desk's 90
    days, a legal hold, a consent request, a callback and a confirmed visitor request."""
    ended = datetime.now(UTC) - timedelta(days=20 * 365 + 5) + timedelta(days=40)
    old = factories.organisation(session, name="Oud Metaal BV", contract_end=ended.date())
    factories.employee(
        session,
        old,
        personnel_number="OUD00001",
        first_name="Gerrit",
        last_name="Vervaldag",
        employment_end=ended.date(),
        created_at=ended,
    )
    held = session.exec(
        select(Employee).where(Employee.organisation_id == metaal.id).order_by(col(Employee.id))
    ).all()[5]
    session.add(LegalHold(employee_id=held.id, reason="rechtszaak"))
    consent_requests.request_datum(
        session,
        Actor(doctor_id, Role.COMPANY_DOCTOR, employer_ids=frozenset({metaal.id})),
        case_id=case_id,
        datum_kind="emergency_note",
        label="Bij een aanval",
        value="Niet vasthouden.",
        purpose="Collega's kunnen helpen",
        now=datetime.now(UTC),
        access=audit.AccessPoint(ip=ADDRESS, agent="pytest"),
        secret=TEST_SECRET,
    )
    now = datetime.now(UTC)
    session.add(
        CallbackRequest(
            name="Wilma Terugbel",
            phone="06-12345678",
            phone_digits="0612345678",
            preferred_time="morning",
            topic="general",
            created_at=now,
        )
    )
    session.add(
        VisitorRightsRequest(
            kind="access",
            name="Vera Bezoeker",
            email=VISITOR_EMAIL,
            phone="06-12345678",
            status="received",
            created_at=now,
            confirmed_at=now,
            due_at=(now + timedelta(days=28)).date(),
        )
    )
    session.add(
        NewsletterSubscriber(
            name="Nina Nieuwsbrief",
            email=VISITOR_EMAIL,
            email_hash=newsletter.email_hash(TEST_SECRET, VISITOR_EMAIL),
            consent_version="test",
            unsubscribe_salt="salt",
        )
    )


def _people(session: Session) -> People:
    people = People()
    for number, ident, first, last in session.execute(
        select(Employee.personnel_number, Employee.id, Employee.first_name, Employee.last_name)
    ).all():
        people.by_number[number] = ident
        people.by_name.setdefault(f"{first} {last}", set()).add(ident)
    for ident, email, employee_id in session.execute(
        select(Account.id, Account.email, Account.employee_id)
    ).all():
        if email:
            people.accounts[email] = (ident, employee_id)
    for row in session.exec(select(CallbackRequest)).all():
        for value in (row.name, row.phone):
            people.visitors.setdefault(value, set()).add(("callback_request", row.id or 0))
    for rights_row in session.exec(select(VisitorRightsRequest)).all():
        for value in (rights_row.name, rights_row.email):
            people.visitors.setdefault(value, set()).add(
                ("visitor_rights_request", rights_row.id or 0)
            )
    for subscriber in session.exec(select(NewsletterSubscriber)).all():
        for value in (subscriber.name, subscriber.email):
            people.visitors.setdefault(value, set()).add(
                ("newsletter_subscriber", subscriber.id or 0)
            )
    return people


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    executor = ThreadPoolExecutor(max_workers=2)
    with pytest.MonkeyPatch.context() as patch:
        # argon2id with tiny parameters, in this process: the walk is not about hashing
        patch.setattr(passwords, "_hasher", CHEAP)
        patch.setattr(passwords, "_pool", lambda: executor)
        path: Path = tmp_path_factory.mktemp("audited-reads")
        with portal_database(path, patch) as engine:
            with transaction(engine) as session:
                seed_demo(session, today=DEMO_TODAY, secret=TEST_SECRET)
                metaal = session.exec(
                    select(Organisation).where(Organisation.name.startswith("Twentse"))  # type: ignore[attr-defined]
                ).one()
                case_id = session.exec(
                    select(SickLeaveCase.id)
                    .where(
                        SickLeaveCase.organisation_id == metaal.id,
                        col(SickLeaveCase.recovery_date).is_(None),
                    )
                    .order_by(col(SickLeaveCase.id))
                ).first()
                doctor = session.exec(
                    select(Account.id).where(Account.username == f"arts{ORG_SUFFIX}")
                ).one()
                assert case_id is not None and doctor is not None
                _extras(session, metaal, doctor, case_id)
            tokens = {}
            for role in STAFF:
                account = _staff_account(role)
                with Session(engine) as session:
                    account_id = session.exec(
                        select(Account.id).where(Account.username == account.username)
                    ).one()
                assert account_id is not None
                tokens[role] = (account_id, _sign_in(engine, account))
            with Session(engine) as session:
                people = _people(session)
            yield World(engine, tokens, case_id, people)
    executor.shutdown()


def _roles_of(state: type[BaseState]) -> tuple[Role, ...]:
    fn: Any = state.event_handlers["load"].fn
    while fn is not None:
        roles = getattr(fn, "kw_guard_roles", None)
        if roles is not None:
            return tuple(roles)
        fn = getattr(fn, "__wrapped__", None)
    return ()


def signed_in_pages() -> list[tuple[str, type[BaseState]]]:
    """(route, state) of every signed-in page: each page module's ``ROUTE`` and the state
    it defines with a guarded ``load`` (the ``SIGNED_IN_PAGES`` of kwportal.py, found
    without importing the app, which demands the production secrets)."""
    pages = []
    for info in pkgutil.walk_packages(kwportal.ui.pages.__path__, "kwportal.ui.pages."):
        module = importlib.import_module(info.name)
        route = getattr(module, "ROUTE", None)
        if route is None or info.name.startswith("kwportal.ui.pages.public."):
            continue
        pages += [
            (route, value)
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, AuthState)
            and value.__module__ == info.name
            and "load" in value.event_handlers
            and _roles_of(value)
        ]
    return sorted(pages, key=lambda page: page[0])


WALK = [
    pytest.param(role, route, state, id=f"{role.value}{route}")
    for role in STAFF
    for route, state in signed_in_pages()
    if role in _roles_of(state)
]


def _last_seq(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.max(AuditEvent.id))).one() or 0)


def _read(
    world: World, role: Role, route: str, state_class: type[BaseState]
) -> tuple[str, list[AuditEvent]]:
    """Open the page as ``role``; the state's text and the audit rows the read wrote."""
    _account_id, token = world.tokens[role]
    before = _last_seq(world.engine)
    url = f"http://localhost:3000{route}?case={world.case_id}"
    state = page_state(state_class, token, url=url)
    answers = [call(state, "load")]
    handler, args = SEARCHES.get(state_class, ("", ()))
    if handler:
        answers.append(call(state, handler, *args))
    assert answers == [None] * len(answers), f"{route} sent {role.value} away: {answers}"
    text = json.dumps(state.dict(), default=str, ensure_ascii=False)
    with Session(world.engine) as session:
        rows = list(
            session.exec(
                select(AuditEvent).where(col(AuditEvent.id) > before).order_by(col(AuditEvent.id))
            )
        )
    return text, rows


@pytest.mark.parametrize(("role", "route", "state_class"), WALK)
def test_every_person_a_page_shows_is_in_the_audit_log(
    world: World, role: Role, route: str, state_class: type[BaseState]
) -> None:
    account_id, _token = world.tokens[role]
    text, rows = _read(world, role, route, state_class)
    shown = world.people.shown_in(text)
    if (role, route) in MUST_SHOW:
        assert shown, f"{route} showed {role.value} nobody: the walk would prove nothing"
    mine = [r for r in rows if r.actor_account_id == account_id]
    assert all(r.access_ip == ADDRESS and r.actor_role == role.value for r in mine)
    unaudited = [s.label for s in shown if not s.audited_by(mine)]
    assert unaudited == [], (
        f"{role.value} on {route} saw {len(unaudited)} of {len(shown)} people without an "
        f"audit row of that read: {unaudited[:8]}"
    )


def test_the_walk_covers_every_staff_role_and_the_pages_named_in_the_issue() -> None:
    walked = {(p.values[0], p.values[1]) for p in WALK}
    assert {role for role, _route in walked} == set(STAFF)
    assert walked >= MUST_SHOW
