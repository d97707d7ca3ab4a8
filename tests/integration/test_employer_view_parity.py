""" "What my employer sees" shows every item the employer's case page shows (issue 17 item 5;
BRIEF.md: "Everything the employer's case page shows about him appears on his 'what my
employer sees' page, from the same component").

One case lived through the use cases — the problem analysis's employer part released, a
plan of action answered, an evaluation sent, two consults (one attended, one cancelled), an
emergency note the employee chose to share — is opened by its employer's contact and by the
employee. The test walks the employer's case screen field by field, and the employer's page
state var by var, and finds each on the employee's side with the same value. A new item on
the employer's page fails here until it is classified: shown (then the employee must see it
too) or the employer's own control (a form, a flag of the page)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Account, Appointment
from kwportal.services import audit
from kwportal.services.auth.actors import actor_for
from kwportal.services.case import consent_requests
from kwportal.services.employee import consents, employer_view
from kwportal.services.employer import case_screen
from kwportal.ui.components.employer_case import DeadlineRow
from kwportal.ui.pages.employee.employer_view import MyEmployerViewState
from kwportal.ui.pages.employer.case import EmployerCaseState
from kwportal.ui.states.auth import AuthState
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.plan_world import World, act_as, build_world, full_file
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

pytestmark = pytest.mark.usefixtures("cheap_argon2")
PAGE = "http://localhost:3000"
WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
NOTE = "Bij een hypo: iets zoets geven en 112 bellen als hij niet reageert."

#: each field of the employer's case screen, and where the employee's view holds it
SCREEN_FIELDS: dict[str, Callable[[Any], Any] | None] = {
    "view": lambda mine: mine.view,
    "appointments": lambda mine: mine.appointments,
    "deadlines": lambda mine: mine.deadlines,
    "restricted": lambda mine: mine.restricted,
    # the day the screen was made: not an item about him
    "today": None,
}
#: how a screen field compares with the employee's (the employer's steps carry whether
#: the contact may record them now: the employer's own control)
SCREEN_VALUE: dict[str, Callable[[Any], Any]] = {
    "deadlines": lambda steps: tuple(step.line for step in steps),
}
#: the employer's page vars the employee's page shows with the same value
SHOWN_VARS = {"card", "deadlines", "restricted"}
#: the employer's page's own controls and flags: forms, errors, what was found
CONTROL_VARS = {
    "found",
    "not_found_key",
    "not_found",
    "is_open",
    "today",
    "error_keys",
    "errors",
    "case_ref",
}


@pytest.fixture(scope="module")
def lived(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, World]]:
    monkeypatch = pytest.MonkeyPatch()
    tmp = Path(tmp_path_factory.mktemp("parity"))
    with portal_database(tmp, monkeypatch) as engine:
        world = build_world(engine)
        full_file(engine, world)
        _consults_and_a_shared_note(engine, world)
        yield engine, world
    monkeypatch.undo()


def _consults_and_a_shared_note(engine: Engine, world: World) -> None:
    now = datetime.now(UTC)
    with transaction(engine) as session:
        for starts, status, attendance in (
            (now - timedelta(days=20), "booked", "attended"),
            (now - timedelta(days=10), "cancelled", ""),
            (now + timedelta(days=5), "confirmed", ""),
        ):
            session.add(
                Appointment(
                    case_id=world.case,
                    employee_id=world.a.employees[0],
                    starts_at=starts,
                    status=status,
                    attendance=attendance,
                    subject="MEDISCH-consult",
                )
            )
        doctor = Actor(
            world.a.doctor, Role.COMPANY_DOCTOR, employer_ids=frozenset(world.a.employers)
        )
        consent_id = consent_requests.request_datum(
            session,
            doctor,
            case_id=world.case,
            datum_kind="emergency_note",
            label="Bij een hypo",
            value=NOTE,
            purpose="Collega's kunnen helpen",
            now=now,
            access=WEB,
            secret=TEST_SECRET,
        )
        account = session.get(Account, world.employee)
        assert account is not None
        employee = actor_for(session, account)
        consents.grant(session, employee, consent_id, now=now, access=WEB, secret=TEST_SECRET)


def _token(engine: Engine, **account: object) -> str:
    _, username, secret = new_enrolled(engine, CHEAP_HASH, **account)
    return sign_in(engine, username, secret, datetime.now(UTC))


def test_every_field_of_the_employers_case_screen_is_in_the_employees_view(lived) -> None:
    engine, world = lived
    now = datetime.now(UTC)
    screen, _ = act_as(engine, world.boss, case_screen.do_show_case, world.case, now=now)
    page, _ = act_as(engine, world.employee, employer_view.do_show, now=now)
    mine = page.mine
    assert mine is not None
    names = [f.name for f in dataclasses.fields(screen)]
    assert [n for n in names if n not in SCREEN_FIELDS] == [], (
        "a new item on the employer's case screen: the employee's view must show it too"
    )
    for name in names:
        where = SCREEN_FIELDS[name]
        if where is None:
            continue
        value = SCREEN_VALUE.get(name, lambda v: v)(getattr(screen, name))
        assert where(mine) == value, name
    # the case is not empty: each item is there to be compared
    view = mine.view
    assert view.feedback and view.consented and len(view.appointments) == 2
    assert [a.attendance for a in view.appointments] == ["attended", ""]
    assert any(line.done for line in mine.deadlines) and len(mine.deadlines) >= 5


def test_the_employees_page_shows_every_item_of_the_employers_page(lived) -> None:
    engine, world = lived
    boss = _token(engine, role=Role.EMPLOYER_CONTACT, organisation_id=world.a.employers[0])
    theirs = page_state(EmployerCaseState, boss, url=f"{PAGE}/employer-case?case={world.case}")
    call(theirs, "load")
    own = _token(engine, employee_id=world.a.employees[0])
    mine = page_state(MyEmployerViewState, own, url=f"{PAGE}/my-employer-view")
    call(mine, "load")
    assert theirs.found and mine.has_case
    declared = (set(EmployerCaseState.base_vars) - set(AuthState.base_vars)) | (
        set(EmployerCaseState.computed_vars) - set(AuthState.computed_vars)
    )
    assert declared - SHOWN_VARS - CONTROL_VARS == set(), (
        "a new var on the employer's case page: shown to the employer is shown to the "
        "employee (SHOWN_VARS), or it is the page's own control (CONTROL_VARS)"
    )
    for name in sorted(SHOWN_VARS):
        value, seen = getattr(theirs, name), getattr(mine, name)
        if name == "deadlines":
            value = [dataclasses.replace(_row(r), can_record=False) for r in value]
            seen = [_row(r) for r in seen]
        assert _plain(seen) == _plain(value), name
    assert mine.card.consented and NOTE in repr(_plain(mine.card))
    assert len(mine.card.appointments) == 2 and len(mine.deadlines) >= 5
    assert any(row.done for row in mine.deadlines)


def _row(row: Any) -> DeadlineRow:
    return DeadlineRow(**{f.name: getattr(row, f.name) for f in dataclasses.fields(DeadlineRow)})


def _plain(value: Any) -> Any:
    """A state value without Reflex's proxies, to compare."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    wrapped = getattr(value, "__wrapped__", None)
    return _plain(wrapped) if wrapped is not None else value
