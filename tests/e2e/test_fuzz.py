"""Fuzzing every event handler over the raw socket (issue 16, item 12).

Hypothesis sends every event handler of every state (``app_map.HANDLERS``, Reflex's own
included) random payloads — wrong types, huge and NUL-laden strings, lone surrogates,
nested objects, negative and huge numbers, lists where a form is expected, arguments
missing or unknown — over a raw socket.io connection (``rawclient.py``), without a session
and as every role. Each role fuzzes on one tab: the handlers it may call with twenty
examples each (Reflex's setter and hydration handlers with three), the others with two.
Then

- no server error: no Reflex backend-error toast in any reply, and nothing logged as an
  error (traceback, "[Reflex Backend Exception]") in the served portal's log;
- every refusal is the usual one: a redirect only to the guard's answers (sign in, not
  allowed, no person, fresh code) and every message key shown is a catalog key;
- no state is corrupted: afterwards every page of the role still loads normally on the
  fuzzed tab, with the same session (its guarded load runs and names the account).

The fuzzing changes data at random (a random id may well exist), so the portal's database
is copied first and put back afterwards: the other e2e tests find the demo set as it was.
Bounded: a fixed number of examples per handler, derandomised, no deadline.
"""

from __future__ import annotations

import inspect
import json
import re
import sqlite3
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from kwportal.domain.roles import Role
from kwportal.i18n import CATALOGS
from kwportal.models import Account, CareTeam, Organisation, TeamAssignment, TeamMember
from kwportal.services.demo.accounts import DEMO_ORGS, DemoAccount
from kwportal.ui import guard, routes
from tests.e2e.accounts import (
    SESSION_COOKIE,
    TotpCodes,
    database,
    people,
    portal_unit,
    sign_in_over_http,
)
from tests.e2e.app_map import HANDLERS, PAGES, SIGNED_IN_ROLES, Handler
from tests.e2e.harness import Portal
from tests.e2e.rawclient import RawReflexClient
from tests.e2e.replies import Reply
from tests.e2e.test_consent_e2e import make_account

#: examples per handler the caller may call (Reflex's setter, the same function on every
#: state, fewer), and per handler that refuses him
ADMITTED_EXAMPLES = 20
SETVAR_EXAMPLES = 3
REFUSED_EXAMPLES = 2
ZORG = next(org for org in DEMO_ORGS if org.slug == "zorg")
#: the roles in the order they fuzz (the administrator last: he can switch accounts off)
ORDER = (
    Role.EMPLOYEE,
    Role.EMPLOYER_CONTACT,
    Role.COMPANY_DOCTOR,
    Role.CARE_TEAM,
    Role.CASE_MANAGER,
    Role.PRIVACY_OFFICER,
    Role.ADMIN,
)
#: what a server error looks like in the portal's log and in a reply
LOG_ERRORS = re.compile(r"Traceback \(most recent call last\)|Reflex Backend Exception|\bERROR\b")
TOAST_ERRORS = ("backend_error", "An error occurred")
#: the guard's answers; a fresh-code step is answered with its page and the way back
USUAL_REDIRECTS = (guard.LOGIN_EXPIRED, guard.NOT_ALLOWED, guard.NO_PERSON)
STEP_UP_PREFIX = routes.STEP_UP
KEY_VAR = re.compile(r"(^|_)keys?(_rx_state_)?$")
FORM_KEY = re.compile(r"""(?:form_data|form|data)\.get\(\s*["']([A-Za-z0-9_]+)["']""")
HUGE = 300_000
#: Reflex's handlers whose answers look like the reply's end markers (rawclient.py)
HYDRATION = ("hydrate", "hydrate_and_load", "set_is_hydrated", "on_load_internal")
CALL_TIMEOUT_S = 5.0
#: how long the answer to a hydration handler is read (it never ends like a reply)
HYDRATION_WAIT_S = 0.5

# --- payloads ---------------------------------------------------------------------------

_SPECIAL_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\ud800",
        "x" * HUGE,
        "1" * 40,
        "-1",
        "0",
        "1e309",
        "NaN",
        "2026-02-30",
        "9999-12-31",
        "../../etc/passwd",
        "<script>alert(1)</script>",
        "'; DROP TABLE account; --",
        "%s%n",
        "\u202e\u200b",
        "true",
        "null",
        "[]",
        "{}",
    ]
)
_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 2**31, -(2**63), 2**64]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    _SPECIAL_TEXT,
)
VALUE = st.recursive(
    _LEAF,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def form_fields(handler: Handler) -> list[str]:
    """The form fields the handler's module reads (``form_data.get("x")``), so a random form
    reaches past the first missing field."""
    module = sys.modules[inspect.unwrap(handler.fn).__module__]
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        return []
    return sorted(set(FORM_KEY.findall(source)))


def _form(fields: list[str]) -> st.SearchStrategy[Any]:
    keys = st.sampled_from(fields) | st.text(max_size=8) if fields else st.text(max_size=8)
    as_text = st.dictionaries(keys, st.text(max_size=20) | _SPECIAL_TEXT, max_size=8)
    return st.one_of(as_text, st.dictionaries(keys, VALUE, max_size=8), VALUE)


def payloads(handler: Handler) -> st.SearchStrategy[dict[str, Any]]:
    """The handler's own arguments with random values; now and then one missing or one
    unknown argument more, as a hand-written frame can have."""
    params = list(inspect.signature(inspect.unwrap(handler.fn)).parameters.values())[1:]
    names = [p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    fields = form_fields(handler)
    full = st.fixed_dictionaries(
        {name: _form(fields) if "form" in name else VALUE for name in names}
    )
    extra = st.tuples(full, st.text(min_size=1, max_size=8), VALUE).map(
        lambda t: {**t[0], t[1]: t[2]}
    )
    shapes = [full, full, full, extra]
    if names:
        shapes.append(
            st.tuples(full, st.sampled_from(names)).map(
                lambda t: {k: v for k, v in t[0].items() if k != t[1]}
            )
        )
    return st.one_of(*shapes)


# --- the portal -------------------------------------------------------------------------


@dataclass
class LogTail:
    """The portal's log from where the test last looked."""

    path: Path
    offset: int = 0

    def new_errors(self) -> list[str]:
        """The new part of the log, if it holds an error (else nothing)."""
        with self.path.open("rb") as log:
            log.seek(self.offset)
            text = log.read().decode("utf-8", "replace")
            self.offset = log.tell()
        return [text[-4000:]] if LOG_ERRORS.search(text) else []


@dataclass
class Caller:
    role: Role
    cookie: str
    display_name: str


@pytest.fixture(scope="module")
def restored(portal: Portal, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    """The portal's database as it is now comes back after the module, whatever the
    fuzzing changed (SQLite's online backup, both ways)."""
    copy = tmp_path_factory.mktemp("fuzz") / "before.db"
    with (
        closing(sqlite3.connect(portal.db, timeout=30)) as live,
        closing(sqlite3.connect(copy)) as saved,
    ):
        live.backup(saved)
    yield portal
    with (
        closing(sqlite3.connect(copy)) as saved,
        closing(sqlite3.connect(portal.db, timeout=30)) as live,
    ):
        saved.backup(live)
    with database(portal) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute(
            "SELECT count(*) FROM account WHERE username LIKE 'fuzz.%'"
        ).fetchone() == (0,)
    with urllib.request.urlopen(portal.url + "/ping", timeout=10) as answer:
        assert answer.status == 200


def _zorg_ids(portal: Portal) -> tuple[int, int]:
    """(organisation id, employee id of an open case without an account) at the care home."""
    with database(portal) as db:
        row = db.execute(
            "SELECT o.id, c.employee_id FROM sick_leave_case c"
            " JOIN organisation o ON o.id = c.organisation_id"
            " WHERE o.name = ? AND c.recovery_date IS NULL AND c.employee_id NOT IN"
            " (SELECT employee_id FROM account WHERE employee_id IS NOT NULL)"
            " ORDER BY c.id LIMIT 1",
            (ZORG.name,),
        ).fetchone()
    assert row, "no open case without an account at the care home"
    return int(row[0]), int(row[1])


def _fuzz_accounts(portal: Portal) -> dict[Role, DemoAccount]:
    """One account per role for this file alone, with the care home's scope: the fuzz
    doctor takes over its team (the database is restored afterwards)."""
    org_id, employee_id = _zorg_ids(portal)
    made = {
        Role.EMPLOYEE: make_account(
            portal, "employee", "fuzz.werknemer", employee_id=employee_id, organisation_id=org_id
        ),
        Role.EMPLOYER_CONTACT: make_account(
            portal, "employer_contact", "fuzz.werkgever", organisation_id=org_id
        ),
    }
    for role in ORDER[2:]:
        made[role] = make_account(portal, role.value, f"fuzz.{role.value.replace('_', '')}")
    with portal_unit(portal) as session:
        team = session.exec(
            select(CareTeam)
            .join(TeamAssignment, TeamAssignment.care_team_id == CareTeam.id)  # type: ignore[arg-type]
            .join(Organisation, Organisation.id == TeamAssignment.organisation_id)  # type: ignore[arg-type]
            .where(Organisation.name == ZORG.name)
        ).one()
        ids = {
            a.username: a.id
            for a in session.exec(select(Account).where(Account.username.startswith("fuzz.")))  # type: ignore[attr-defined]
        }
        team.doctor_account_id = ids[made[Role.COMPANY_DOCTOR].username]
        session.add(team)
        for role in (Role.CARE_TEAM, Role.CASE_MANAGER):
            session.add(TeamMember(care_team_id=team.id, account_id=ids[made[role].username]))
    return made


@pytest.fixture(scope="module")
def callers(restored: Portal, totp_codes: TotpCodes) -> dict[Role, Caller]:
    made = _fuzz_accounts(restored)
    names = people(restored)
    return {
        role: Caller(
            role,
            f"{SESSION_COOKIE}={sign_in_over_http(restored, account, totp_codes)}",
            names[account.username][0],
        )
        for role, account in made.items()
    }


# --- the checks -------------------------------------------------------------------------


def unusual(reply: Reply) -> list[str]:
    """What in a reply is not the usual answer: an error toast, a redirect other than the
    guard's, a message key that is not in the catalog."""
    found = [f"server error toast: {m}" for m in TOAST_ERRORS if m in reply.text()]
    for path in reply.redirects():
        if path not in USUAL_REDIRECTS and not path.startswith(STEP_UP_PREFIX):
            found.append(f"redirect to {path}")
    for delta in reply.deltas():
        for values in delta.values():
            for var, value in values.items():
                if KEY_VAR.search(var):
                    found += [f"{var} = {k!r}" for k in _keys(value) if k not in CATALOGS["nl"]]
    return found


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if "." in value and " " not in value:
            yield value
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


@dataclass
class Tab:
    """One browser tab of the caller; after a reply that did not end (or one that looks
    like the end markers) the same tab connects afresh."""

    url: str
    cookie: str | None
    client: RawReflexClient | None = None

    def __enter__(self) -> Tab:
        self.client = RawReflexClient(self.url, self.cookie)
        self.client.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()

    def call(self, event: str, payload: dict[str, Any], timeout: float) -> Reply:
        assert self.client is not None
        if not self.client.connected:
            self.reconnect()
        frames = self.client.call(event, payload, timeout=timeout)
        return Reply(frames, self.client.complete, {})

    def reconnect(self) -> None:
        assert self.client is not None
        self.client.close()
        self.client = RawReflexClient(self.url, self.cookie, token=self.client.token)
        self.client.connect()


def _fuzz_handler(
    tab: Tab, log: LogTail, handler: Handler, examples: int, refusal: str
) -> list[str]:
    """``examples`` random calls of ``handler``; ``refusal`` is the one redirect a refused
    caller must get ("" when the caller may call it). The first problem found (shrunk to
    its simplest payload), or nothing."""

    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(payload=payloads(handler))
    def one(payload: dict[str, Any]) -> None:
        ends_itself = handler.of_reflex and handler.name in HYDRATION
        reply = tab.call(
            handler.event, payload, HYDRATION_WAIT_S if ends_itself else CALL_TIMEOUT_S
        )
        if ends_itself or not reply.complete:
            tab.reconnect()
        problems = unusual(reply) + log.new_errors()
        if not reply.complete and not ends_itself:
            problems.append("the reply did not end")
        if refusal and well_formed(handler, payload) and refusal not in reply.redirects():
            problems.append(f"not refused with {refusal}: {reply.redirects()}")
        assert problems == [], f"{handler.label}({_short(payload)}): {problems}"

    try:
        one()
    except AssertionError as failed:
        return [str(failed).split("\nFailing test case")[0][:6000]]
    return []


def well_formed(handler: Handler, payload: dict[str, Any]) -> bool:
    """A payload the pages could send: the arguments bind, and those annotated with a
    plain type hold that type (a refusal is owed to it; anything else may be dropped)."""
    target = inspect.unwrap(handler.fn)
    try:
        inspect.signature(target).bind(None, **payload)
    except TypeError:
        return False
    plain = {"str": str, "bool": bool, "dict": dict, "list": list}
    for name, param in inspect.signature(target).parameters.items():
        spelled = str(getattr(param.annotation, "__name__", param.annotation)).split("[")[0]
        kind = plain.get(spelled)
        if name in payload and kind is not None and not isinstance(payload[name], kind):
            return False
        if spelled == "int" and name in payload and type(payload[name]) is not int:
            return False
    return True


def _examples(handler: Handler) -> int:
    few = handler.name == "setvar" or (handler.of_reflex and handler.name in HYDRATION)
    return SETVAR_EXAMPLES if few else ADMITTED_EXAMPLES


def _short(payload: Any) -> str:
    text = json.dumps(payload, default=str)
    return text if len(text) < 300 else f"{text[:300]}... ({len(text)} characters)"


def _pages_of(role: Role) -> list[str]:
    return [page.path for page in PAGES if not page.public and role in page.roles]


@pytest.mark.parametrize("role", ORDER, ids=lambda r: r.value)
def test_fuzzed_handlers_answer_the_usual_way_and_leave_the_pages_working(
    restored: Portal, callers: dict[Role, Caller], role: Role
) -> None:
    caller = callers[role]
    log = LogTail(restored.log, restored.log.stat().st_size)
    found: list[str] = []
    with Tab(restored.url, caller.cookie) as tab:
        for handler in HANDLERS:
            if role in (handler.roles or ()) or not handler.protected:
                found += _fuzz_handler(tab, log, handler, _examples(handler), "")
            else:
                found += _fuzz_handler(tab, log, handler, REFUSED_EXAMPLES, guard.NOT_ALLOWED)
        assert tab.client is not None
        token = tab.client.token
    assert found == [], "\n\n".join(found)
    for path in _pages_of(role):
        with RawReflexClient(restored.url, caller.cookie, token=token, pathname=path) as page:
            reply = Reply(page.hydrate_frames, page.complete, {})
        assert reply.complete, f"{path} did not finish loading after the fuzzing"
        assert reply.redirects() == [], f"{path} after the fuzzing: {reply.redirects()}"
        assert unusual(reply) == [], f"{path} after the fuzzing: {unusual(reply)}"
        assert caller.display_name in reply.text(), f"{path} loaded nothing after the fuzzing"
    assert log.new_errors() == []


def test_fuzzed_handlers_refuse_a_caller_without_session(restored: Portal) -> None:
    log = LogTail(restored.log, restored.log.stat().st_size)
    found: list[str] = []
    with Tab(restored.url, None) as tab:
        for handler in HANDLERS:
            refusal = guard.LOGIN_EXPIRED if handler.protected else ""
            found += _fuzz_handler(tab, log, handler, REFUSED_EXAMPLES, refusal)
    assert found == [], "\n\n".join(found)
    assert log.new_errors() == []


def test_the_fuzzing_covers_every_role() -> None:
    assert set(ORDER) == set(SIGNED_IN_ROLES)
