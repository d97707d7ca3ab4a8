"""The privacy officer and the administrator never receive medical content (BRIEF.md roles;
issue 16 item 1). On the demo data (every medical text carries ``MEDISCH-<id>``, every care
address ``ZORGADRES-<id>``, every unreleased draft ``CONCEPT-<id>``), with an open access
request, an open transfer request and a transfer package the company doctor released,
each of the two roles, signed in with a fresh code:

- calls every HTTP route of ``all_routes()`` (GET and POST, with the ids of the requests,
  cases, receipts and documents there are) and reads every answer, opening a ZIP to read
  each file in it;
- calls every event handler of every page state in this process (as the websocket would,
  tests/integration/state_driver.py), with the same ids in every form field a page reads,
  and reads the whole state tree afterwards (frontend and backend vars) and what the
  handler returned;

and finds no canary anywhere. Before issue 16 the desk's access-export and transfer routes
streamed both files (medical notes included) to the privacy officer."""

from __future__ import annotations

import importlib
import inspect
import io
import pickle
import pkgutil
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from reflex.state import BaseState, State
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from starlette.routing import Route
from starlette.testclient import TestClient

import kwportal.ui.pages as page_package
from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import (
    Account,
    CaseDocument,
    ConsentReceipt,
    Employee,
    MedicalNote,
    RightsRequest,
    SickLeaveCase,
    TeamAssignment,
    TeamMember,
)
from kwportal.services import audit
from kwportal.services.auth.actors import actor_for
from kwportal.services.case import transfer as case_transfer
from kwportal.services.demo.seed import seed_demo
from kwportal.services.privacy import rights
from kwportal.ui.api import all_routes
from kwportal.ui.api.http import SESSION_COOKIE
from kwportal.ui.pages.care.case_file import CareCaseState
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (
    CHEAP_HASH,
    ORIGIN,
    cheap_argon2,  # noqa: F401 - fixture
    new_enrolled,
    sign_in,
)
from tests.integration.served import portal_database, route_client, signed_in_token
from tests.integration.state_driver import page_state

pytestmark = pytest.mark.usefixtures("cheap_argon2")
CANARIES = ("MEDISCH-", "ZORGADRES-", "CONCEPT-")
STAFF = (Role.PRIVACY_OFFICER, Role.ADMIN)
WEB = audit.AccessPoint("127.0.0.1", "pytest")
PROBE = "kw-walk-probe"
#: Reflex's own handlers (checked by the guard test): not part of a page's data
BUILT_IN = frozenset({"setvar", "update_vars_internal", "on_load_internal", "hydrate"})
FORM_KEY = re.compile(r"""form_data(?:\.get\(|\[)\s*["'](\w+)["']""")
#: fields a page reads through a helper (``form_data.get(field)``)
MORE_KEYS = frozenset({"answer", "reason", "text"})
PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")


@dataclass(frozen=True)
class World:
    request_ids: tuple[int, ...]
    case_ids: tuple[int, ...]
    personnel_numbers: tuple[str, ...]
    receipt_ids: tuple[int, ...]
    document_ids: tuple[int, ...]

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys((*self.request_ids, *self.case_ids[:2])))


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _transfer_request(session: Session, case: SickLeaveCase, now: datetime) -> int:
    """A transfer request of the employee of ``case`` (an account made for him if needed)."""
    account = session.exec(select(Account).where(Account.employee_id == case.employee_id)).first()
    if account is None:
        account = Account(
            username=f"walk{case.employee_id}",
            display_name="Werknemer",
            role=str(Role.EMPLOYEE),
            employee_id=case.employee_id,
            organisation_id=case.organisation_id,
        )
        session.add(account)
        session.flush()
    employee = Actor(account.id, Role.EMPLOYEE, case.organisation_id, case.employee_id)
    return rights.submit(
        employee,
        "transfer",
        "Naar Arbo Oost",
        session=session,
        now=now,
        access=WEB,
        secret=TEST_SECRET,
    )


@pytest.fixture
def world(portal: Engine) -> World:
    now = datetime.now(UTC)
    with transaction(portal) as session:
        seed_demo(session, today=now.date(), secret=TEST_SECRET)
    with transaction(portal) as session:
        noted = select(MedicalNote.case_id).distinct()
        cases = session.exec(
            select(SickLeaveCase)
            .where(
                col(SickLeaveCase.id).in_(noted),
                col(SickLeaveCase.recovery_date).is_(None),
            )
            .order_by(col(SickLeaveCase.id))
        ).all()
        released, waiting = cases[0], cases[1]
        released_request = _transfer_request(session, released, now)
        _transfer_request(session, waiting, now)
        doctor = session.exec(
            select(Account).where(
                Account.role == str(Role.COMPANY_DOCTOR),
                Account.is_active == True,  # noqa: E712
            )
        ).all()
        served = next(
            actor
            for actor in (actor_for(session, d) for d in doctor)
            if released.organisation_id in actor.employer_ids
        )
        case_transfer.release(
            served,
            released_request,
            "Arbo Oost BV",
            case_transfer.target("passphrase", "", "een lange wachtzin", "een lange wachtzin"),
            session=session,
            now=now,
            access=WEB,
            secret=TEST_SECRET,
            origin=ORIGIN,
        )
        requests = session.exec(select(RightsRequest.id).order_by(col(RightsRequest.id))).all()
        numbers = session.exec(
            select(Employee.personnel_number).where(
                col(Employee.id).in_([released.employee_id, waiting.employee_id])
            )
        ).all()
        return World(
            request_ids=tuple(i for i in requests if i is not None),
            case_ids=tuple(c.id for c in (released, waiting) if c.id is not None),
            personnel_numbers=tuple(numbers),
            receipt_ids=tuple(i for i in session.exec(select(ConsentReceipt.id)).all() if i),
            document_ids=tuple(i for i in session.exec(select(CaseDocument.id)).all()[:3] if i),
        )


def _leaks(text: str) -> list[str]:
    return [canary for canary in CANARIES if canary in text]


def _opened(content: bytes) -> str:
    """The answer as text, and every file inside it when it is a ZIP."""
    parts = [content.decode("utf-8", "replace")]
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    return "\n".join(parts)


# --- every HTTP route ---


def _paths(route: Route, world: World) -> list[str]:
    names = PARAM.findall(route.path)
    if not names:
        return [route.path]
    values = {
        "receipt_id": world.receipt_ids,
        "document_id": world.document_ids,
    }
    found = []
    for name in names:
        for value in values.get(name, world.ids) or (1,):
            found.append(PARAM.sub(str(value), route.path))
    return found


def _forms(world: World) -> list[dict[str, str]]:
    common = {
        "recipient": "Arbo Oost BV",
        "method": "passphrase",
        "passphrase": "een lange wachtzin",
        "passphrase_again": "een lange wachtzin",
        "lang": "nl",
        "answer": PROBE,
    }
    return [{"request_id": str(i), "case_id": str(i), "case": str(i), **common} for i in world.ids]


def _call_route(
    client: TestClient, token: str, method: str, path: str, form: dict[str, str]
) -> str:
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, token)
    headers = {"Origin": ORIGIN}
    if method == "GET":
        response = client.get(path, params={"lang": "nl"}, headers=headers)
    else:
        response = client.post(path, data=form, headers=headers)
    return f"{response.status_code} {dict(response.headers)}\n" + _opened(response.content)


@pytest.mark.parametrize("role", STAFF, ids=str)
def test_no_route_answers_staff_with_medical_content(
    portal: Engine, world: World, role: Role
) -> None:
    found: list[str] = []
    calls = 0
    with route_client(all_routes()) as client:
        for route in all_routes():
            if not isinstance(route, Route):
                continue
            for method in sorted((route.methods or {"GET"}) - {"HEAD"}):
                for path in _paths(route, world):
                    token = signed_in_token(portal, role)  # a route may end the session
                    for form in _forms(world) if method == "POST" else [{}]:
                        answer = _call_route(client, token, method, path, form)
                        calls += 1
                        found += [f"{method} {path} {form}: {c}" for c in _leaks(answer)]
    assert calls > len(all_routes())
    assert found == []


# --- every event handler of every page state ---


def _page_states() -> list[type[BaseState]]:
    for info in pkgutil.walk_packages(page_package.__path__, page_package.__name__ + "."):
        importlib.import_module(info.name)

    def walk(state: type[BaseState]) -> Iterator[type[BaseState]]:
        yield state
        for substate in sorted(state.get_substates(), key=lambda s: s.get_full_name()):
            yield from walk(substate)

    return [s for s in walk(State) if s.__module__.startswith("kwportal.")]


def _form_keys(state: type[BaseState]) -> set[str]:
    keys: set[str] = set(MORE_KEYS)
    for klass in state.__mro__:
        module = inspect.getmodule(klass)
        if module is not None and module.__name__.startswith("kwportal."):
            keys |= set(FORM_KEY.findall(inspect.getsource(module)))
    return keys


def _form(keys: set[str], value: int, world: World) -> dict[str, Any]:
    number = world.personnel_numbers[value % len(world.personnel_numbers)]
    form: dict[str, Any] = {}
    for key in keys:
        if key == "id" or key.endswith("_id") or key == "case":
            form[key] = str(value)
        elif key in {"personnel_number", "person", "q", "who", "number"}:
            form[key] = number
        elif key in {"lang", "role", "since", "until"}:
            form[key] = "nl" if key == "lang" else ""
        else:
            form[key] = PROBE
    return form


def _arguments(handler: Any, keys: set[str], world: World) -> list[tuple[Any, ...]]:
    """One call per id of the world: each parameter filled by its annotation."""
    params = list(inspect.signature(inspect.unwrap(handler)).parameters.values())[1:]
    params = [
        p
        for p in params
        if p.default is inspect.Parameter.empty and p.kind is p.POSITIONAL_OR_KEYWORD
    ]
    if not params:
        return [()]
    variants = []
    for value in world.ids:
        args: list[Any] = []
        for param in params:
            hint = str(param.annotation)
            if hint.startswith("dict"):
                args.append(_form(keys, value, world))
            elif hint.startswith("int"):
                args.append(value)
            elif hint.startswith("bool"):
                args.append(True)
            elif hint.startswith("list"):
                args.append([])
            else:
                args.append(str(value))
        variants.append(tuple(args))
    return variants


def _tree_text(state: BaseState) -> str:
    """Every var of every state in the tab's tree (frontend and backend), as pickled."""
    root = state
    while root.parent_state is not None:
        root = root.parent_state
    parts: list[str] = []
    pending = [root]
    while pending:
        current = pending.pop()
        parts.append(pickle.dumps(current.__getstate__()).decode("utf-8", "replace"))
        pending.extend(current.substates.values())
    return "\n".join(parts)


def _walk(state_class: type[BaseState], token: str, world: World) -> tuple[int, list[str]]:
    url = f"{ORIGIN}/x?case={world.case_ids[0]}&e=transfer.confirmed"
    state = page_state(state_class, token, url=url)
    keys = _form_keys(state_class)
    handlers = sorted(set(state_class.event_handlers) - BUILT_IN)
    order = (
        (["load"] if "load" in handlers else [])
        + handlers
        + (["load"] if "load" in handlers else [])
    )
    found: list[str] = []
    calls = 0
    for name in order:
        fn = state_class.event_handlers[name].fn
        for args in _arguments(fn, keys, world):
            returned = fn(state, *args)
            calls += 1
            text = repr(returned) + "\n" + _tree_text(state)
            found += [f"{state_class.__qualname__}.{name}{args}: {c}" for c in _leaks(text)]
    return calls, found


@pytest.mark.parametrize("role", STAFF, ids=str)
def test_no_event_handler_gives_staff_medical_content(
    portal: Engine, world: World, role: Role
) -> None:
    found: list[str] = []
    calls = 0
    states = _page_states()
    for state_class in states:
        if not set(state_class.event_handlers) - BUILT_IN:
            continue
        done, leaks = _walk(state_class, signed_in_token(portal, role), world)
        calls += done
        found += leaks
    assert len(states) > 30 and calls > 100
    assert found == []


def test_the_walk_would_see_a_leak(portal: Engine, world: World) -> None:
    """The same reading, done by a member of the care team on her case page, does find the
    canary: the walk reads what a page holds."""
    with Session(portal) as session:
        case = session.get(SickLeaveCase, world.case_ids[1])
        assert case is not None
        team = session.exec(
            select(TeamAssignment.care_team_id).where(
                TeamAssignment.organisation_id == case.organisation_id
            )
        ).one()
    member_id, username, secret = new_enrolled(portal, CHEAP_HASH, role=Role.CARE_TEAM)
    with transaction(portal) as session:
        session.add(TeamMember(care_team_id=team, account_id=member_id))
    token = sign_in(portal, username, secret, datetime.now(UTC))
    state = page_state(CareCaseState, token, url=f"{ORIGIN}/care-case?case={case.id}")
    CareCaseState.event_handlers["load"].fn(state)
    assert "MEDISCH-" in _tree_text(state)
