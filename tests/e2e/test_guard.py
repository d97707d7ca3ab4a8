"""The guard on every page and every event handler (issue 4, item 7).

Pages and handlers are enumerated from the app itself (``app_map.py``), never listed by
hand. Then

(a) statically, every handler of a kwportal state is wrapped by ``guarded`` or marked
    ``public``, and every Reflex built-in is one reviewed below;
(b) over a raw socket.io connection (``rawclient.py``), every handler and every page is
    called without a session and with a session of each role: a protected one answers a
    redirect and no data; ``setvar`` and ``update_vars_internal`` set nothing;
(c) in Chromium, each page without a session ends at /login or, if public, shows its h1.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from reflex.event import EventHandler
from reflex.state import State, UpdateVarsInternalState

from kwportal.domain.roles import Role
from kwportal.services.demo.accounts import demo_accounts
from kwportal.ui import guard
from tests.e2e.accounts import (
    SESSION_COOKIE,
    TotpCodes,
    database,
    demo,
    log_out_over_http,
    people,
    sign_in_over_http,
)
from tests.e2e.app_map import (
    HANDLERS,
    KW_STATES,
    OPEN,
    PAGE_DATA_STATES,
    PAGES,
    PROTECTED,
    SESSION_STATES,
    SIGNED_IN_ROLES,
    Handler,
    PageRoute,
    chain,
    guard_roles,
    registered_page_count,
)
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.rawclient import RawReflexClient, state_handler_names
from tests.e2e.replies import CANARIES, PROBE, Reply, call, open_page, problems, sample_payload
from tests.e2e.test_consent_e2e import make_account
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

#: the demo accounts the socket tests sign in with, one per role
ROLE_ACCOUNT_SUFFIXES = (".metaal", ".krachtwerkt")

SETVAR_REASON = (
    "Reflex's setter on every state: it only calls set_<var>, which exists only as an explicit "
    "handler (auto-setters are off), itself guarded or public; probed over the socket below"
)
#: Reflex's own handlers, each reviewed; a new one fails the static test until it is added
REFLEX_BUILTINS = {
    ("State", "hydrate"): "sends the tab's state snapshot; a fresh tab holds no data",
    ("State", "hydrate_and_load"): "hydrates and queues the page's on_load handlers",
    ("State", "set_is_hydrated"): "flips the is_hydrated flag only",
    ("OnLoadInternalState", "on_load_internal"): "queues the page's on_load handlers",
    ("OnLoadInternalState", "set_is_hydrated"): "flips the is_hydrated flag only",
    ("UpdateVarsInternalState", "update_vars_internal"): "sets client-storage vars only",
    ("FrontendEventExceptionState", "handle_frontend_exception"): "logs a browser error",
}
#: kwportal handlers found neither guarded nor marked public (none known)
UNMARKED: dict[str, str] = {}


def builtin_reason(handler: Handler) -> str | None:
    if handler.name == "setvar":
        return SETVAR_REASON
    return REFLEX_BUILTINS.get((handler.state.__qualname__, handler.name))


def _static_param(handler: Handler) -> Any:
    marks = []
    if handler.label in UNMARKED:
        marks.append(pytest.mark.xfail(reason=UNMARKED[handler.label], strict=True))
    return pytest.param(handler, id=handler.label, marks=marks)


def _ids(handlers: Iterable[Handler]) -> list[Any]:
    return [pytest.param(h, id=h.label) for h in handlers]


# --- (a) static ---------------------------------------------------------------------------


def test_enumeration_finds_the_app() -> None:
    assert len(PAGES) == registered_page_count() >= 2
    assert any(not page.public for page in PAGES), "no signed-in page found"
    assert PROTECTED, "no guarded handler found"
    assert {h.label for h in HANDLERS} >= {"State.setvar", "AuthState.setvar"}


@pytest.mark.parametrize("handler", [_static_param(h) for h in HANDLERS])
def test_every_handler_is_guarded_public_or_a_reviewed_builtin(handler: Handler) -> None:
    if handler.of_reflex or handler.name == "setvar":
        assert builtin_reason(handler), (
            f"{handler.label} is a Reflex handler nobody reviewed: add it to REFLEX_BUILTINS "
            "with the reason it cannot reveal or change data"
        )
        return
    assert handler.state.__module__.startswith("kwportal."), f"foreign state {handler.label}"
    assert handler.protected or handler.public, (
        f"{handler.label} is neither wrapped by @guarded(...) nor marked @public"
    )
    assert not (handler.protected and handler.public), f"{handler.label} is both"


@pytest.mark.parametrize("handler", _ids(PROTECTED))
def test_guard_roles_are_signed_in_roles(handler: Handler) -> None:
    roles = handler.roles
    assert roles and set(roles) <= set(SIGNED_IN_ROLES), f"{handler.label}: {roles}"


def test_public_marker_names_existing_handlers() -> None:
    names = {getattr(f, "__qualname__", "") for h in HANDLERS for f in chain(h.fn)}
    assert names >= guard.PUBLIC_HANDLERS, guard.PUBLIC_HANDLERS - names


@pytest.mark.parametrize("state", [*KW_STATES, State], ids=lambda s: s.__qualname__)
def test_wire_names_are_the_enumerated_handlers(state: type[State]) -> None:
    ours = sorted(h.event for h in HANDLERS if h.state is state)
    assert state_handler_names(state) == ours


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_every_page_is_public_or_loads_through_the_guard(page: PageRoute) -> None:
    if page.public:
        assert not page.guarded_loads, f"{page.path} is public but its on_load is guarded"
    else:
        assert page.guarded_loads, f"{page.path} ({page.module}) has no guarded on_load"
        assert page.roles, f"{page.path}: no role passes every guarded on_load"


@dataclass(frozen=True)
class Caller:
    role: Role
    username: str
    cookie: str


@pytest.fixture(scope="module")
def callers(portal: Portal, totp_codes: TotpCodes) -> dict[Role, Caller]:
    """One signed-in demo account per role, each signed in once (TOTP replay rule)."""
    found: dict[Role, Caller] = {}
    for role in SIGNED_IN_ROLES:
        account = next(
            a
            for a in demo_accounts()
            if a.role == role.value and a.username.endswith(ROLE_ACCOUNT_SUFFIXES)
        )
        token = sign_in_over_http(portal, account, totp_codes)
        found[role] = Caller(role, account.username, f"{SESSION_COOKIE}={token}")
    return found


@pytest.fixture(scope="module")
def everyone(portal: Portal) -> dict[str, tuple[str, ...]]:
    return people(portal)


def _others(everyone: dict[str, tuple[str, ...]], username: str | None) -> list[str]:
    return [value for name, values in everyone.items() if name != username for value in values]


def _all(everyone: dict[str, tuple[str, ...]]) -> list[str]:
    return _others(everyone, None)


def _own_medical_texts(portal: Portal, caller: Caller) -> list[str]:
    """An employee's own medical texts, which his own pages show him (BRIEF.md: the
    employee reads his own file): his intake answers, his care thread, his move reasons."""
    if caller.role is not Role.EMPLOYEE:
        return []
    with database(portal) as db:
        [(employee_id,)] = db.execute(
            "SELECT employee_id FROM account WHERE username = ?", (caller.username,)
        ).fetchall()
        queries = (
            "SELECT answer FROM questionnaire_answer WHERE employee_id = ?",
            "SELECT body FROM case_message WHERE employee_id = ? AND thread = 'care'",
            "SELECT move_reason FROM appointment WHERE employee_id = ?",
            "SELECT filename FROM case_upload WHERE employee_id = ?",
        )
        texts = [row[0] for q in queries for row in db.execute(q, (employee_id,)).fetchall()]
    return sorted((t for t in texts if t), key=len, reverse=True)


def _others_for(everyone: dict[str, tuple[str, ...]], caller: Caller) -> list[str]:
    """Everyone else, except those the caller may see by name: an employee's access log
    names the contacts of his own employer who looked at his file (issue 5, item 3); a
    doctor's caseload names the members of his own team (issue 7, item 3)."""
    known = {caller.username}
    if caller.role is Role.COMPANY_DOCTOR:
        # the doctor's caseload names the members of his own team (release delegation)
        mine = next(a for a in demo_accounts() if a.username == caller.username)
        known |= {
            a.username
            for a in demo_accounts()
            if a.role in (Role.CARE_TEAM.value, Role.CASE_MANAGER.value)
            and a.organisation == mine.organisation
        }
    if caller.role in (Role.CASE_MANAGER, Role.CARE_TEAM):
        # the consult agenda names whose slots they are: the people of his own team
        # (issue 15 item 1), never another team's
        mine = next(a for a in demo_accounts() if a.username == caller.username)
        known |= {
            a.username
            for a in demo_accounts()
            if a.role in (Role.COMPANY_DOCTOR.value, Role.CARE_TEAM.value, Role.CASE_MANAGER.value)
            and a.organisation == mine.organisation
        }
    if caller.role is Role.EMPLOYEE:
        # ... and the people who care for him: the doctor, team member and case manager of
        # his employer's team write in his threads and hold his consults (issue 15)
        mine = next(a for a in demo_accounts() if a.username == caller.username)
        known |= {
            a.username
            for a in demo_accounts()
            if a.role
            in (
                Role.EMPLOYER_CONTACT.value,
                Role.COMPANY_DOCTOR.value,
                Role.CARE_TEAM.value,
                Role.CASE_MANAGER.value,
            )
            and a.organisation == mine.organisation
        }
    if caller.role is Role.ADMIN:
        # the administrator manages the accounts themselves (BRIEF.md, Roles: "accounts"):
        # every account's name, username and e-mail is his to see; the canaries still count
        return []
    found = [value for name, values in everyone.items() if name not in known for value in values]
    if caller.role is Role.PRIVACY_OFFICER:
        # the access-log search names who acted, by name and username (issue 7, item 7),
        # never by e-mail address
        return [value for value in found if "@" in value]
    return found


@pytest.mark.parametrize("handler", _ids(PROTECTED))
def test_protected_handler_refuses_caller_without_session(
    portal: Portal, everyone: dict[str, tuple[str, ...]], handler: Handler
) -> None:
    reply = call(portal, handler.event, sample_payload(handler), cookie=None)
    assert reply.complete, "the reply did not end"
    assert reply.refused_to_login(), f"no redirect to /login: {reply.frames}"
    assert problems(reply, _all(everyone), states=SESSION_STATES, computed=True) == []


@pytest.mark.parametrize("handler", _ids(OPEN))
def test_open_handler_gives_caller_without_session_no_data(
    portal: Portal, everyone: dict[str, tuple[str, ...]], handler: Handler
) -> None:
    reply = call(portal, handler.event, sample_payload(handler), cookie=None)
    assert problems(reply, _all(everyone), states=SESSION_STATES, computed=False) == []


WRONG_ROLE_CASES = [
    pytest.param(h, role, id=f"{h.label}-{role.value}")
    for h in PROTECTED
    for role in SIGNED_IN_ROLES
    if role not in (h.roles or ())
]


@pytest.mark.parametrize(("handler", "role"), WRONG_ROLE_CASES)
def test_protected_handler_refuses_roles_it_excludes(
    portal: Portal,
    callers: dict[Role, Caller],
    everyone: dict[str, tuple[str, ...]],
    handler: Handler,
    role: Role,
) -> None:
    caller = callers[role]
    reply = call(portal, handler.event, sample_payload(handler), cookie=caller.cookie)
    assert reply.complete, "the reply did not end"
    assert reply.refused_as_not_allowed(), f"no refusal: {reply.frames}"
    others = _others(everyone, caller.username)
    assert problems(reply, others, states=PAGE_DATA_STATES, computed=False) == []


@pytest.mark.parametrize("role", SIGNED_IN_ROLES, ids=lambda r: r.value)
def test_each_role_gets_its_handlers_and_no_one_elses_data(
    portal: Portal, callers: dict[Role, Caller], everyone: dict[str, tuple[str, ...]], role: Role
) -> None:
    """The control for the refusals: the session cookie works, and only its own person shows;
    open handlers (on a fresh tab) give no person at all."""
    caller = callers[role]
    own = everyone[caller.username]
    mine = _own_medical_texts(portal, caller)
    admitted = []
    for handler in (h for h in PROTECTED if role in (h.roles or ())):
        reply = call(portal, handler.event, sample_payload(handler), cookie=caller.cookie)
        assert reply.complete, f"{handler.label}: the reply did not end"
        assert not reply.redirects(), f"{handler.label} refused {role}: {reply.redirects()}"
        others = _others_for(everyone, caller)
        assert problems(reply, others, states=set(), computed=False, own=mine) == []
        admitted.append(reply)
    if admitted:
        assert any(own[0] in r.text() for r in admitted), "the session never resolved to its person"
    for handler in OPEN:
        reply = call(portal, handler.event, sample_payload(handler), cookie=caller.cookie)
        found = problems(reply, _all(everyone), states=SESSION_STATES, computed=False)
        assert found == [], f"{handler.label}: {found}"


def _own_vars(state: type[State]) -> list[str]:
    annotated = inspect.get_annotations(state)
    backend = [n for n in annotated if n.startswith("_") and not n.startswith("__")]
    return [*state.base_vars, *state.computed_vars, *backend]


def _protected_setters(state: type[State]) -> list[tuple[str, tuple[Role, ...]]]:
    """``set_*`` handlers ``setvar`` can reach on ``state`` (own or inherited) that are guarded."""
    found = []
    for name in dir(state):
        target = getattr(state, name, None)
        if name.startswith("set_") and isinstance(target, EventHandler):
            roles = guard_roles(target.fn)
            if roles is not None:
                found.append((name.removeprefix("set_"), roles))
    return found


def test_checks_catch_data_that_did_arrive(
    portal: Portal, callers: dict[Role, Caller], everyone: dict[str, tuple[str, ...]]
) -> None:
    """The detector itself: a signed-in caller's own data, treated as forbidden, is named."""
    caller = callers[SIGNED_IN_ROLES[0]]
    handler = next(h for h in PROTECTED if caller.role in (h.roles or ()))
    reply = call(portal, handler.event, sample_payload(handler), cookie=caller.cookie)
    own = everyone[caller.username]
    found = problems(reply, own, states=SESSION_STATES, computed=True)
    assert f"{own[0]!r} in the reply" in found
    assert any(f.startswith("AuthState.display_name = ") for f in found), found


def test_tab_keeps_no_data_once_its_session_ended(
    portal: Portal, totp_codes: TotpCodes, everyone: dict[str, tuple[str, ...]]
) -> None:
    account = demo("team.logistiek")
    token = sign_in_over_http(portal, account, totp_codes)
    tab = str(uuid.uuid4())
    cookie, shown = f"{SESSION_COOKIE}={token}", ""
    for page in (p for p in PAGES if not p.public):
        with RawReflexClient(portal.url, cookie, token=tab, pathname=page.path) as signed_in:
            shown += "".join(signed_in.hydrate_frames)
    assert everyone[account.username][0] in shown, "the signed-in pages showed no person"
    log_out_over_http(portal, token)
    with RawReflexClient(portal.url, None, token=tab, pathname="/login") as reloaded:
        after = Reply(reloaded.hydrate_frames, reloaded.complete, {})
    assert [v for v in everyone[account.username] if v in after.text()] == []


CALLER_IDS = ["no-session", *(r.value for r in SIGNED_IN_ROLES)]
UPDATE_VARS = f"{UpdateVarsInternalState.get_full_name()}.update_vars_internal"


def _probe_vars(client: RawReflexClient, state: type[State]) -> list[str]:
    """Try to write the probe into every var of ``state``; name the writes that got through."""
    setvar = f"{state.get_full_name()}.setvar"
    landed = []
    for var in _own_vars(state):
        if PROBE in "".join(client.call(setvar, {"var_name": var, "value": PROBE})):
            landed.append(f"setvar {state.__qualname__}.{var}")
        if state._is_client_storage(var):  # the browser owns those (the language) by design
            continue
        full_name = f"{state.get_full_name()}.{var}"
        if PROBE in "".join(client.call(UPDATE_VARS, {"vars": {full_name: PROBE}})):
            landed.append(f"update_vars_internal {state.__qualname__}.{var}")
    return landed


@pytest.mark.parametrize("who", CALLER_IDS)
def test_setvar_and_update_vars_neither_set_vars_nor_call_protected_handlers(
    portal: Portal, callers: dict[Role, Caller], who: str
) -> None:
    caller = None if who == "no-session" else callers[Role(who)]
    cookie = caller.cookie if caller else None
    landed: list[str] = []
    for state in KW_STATES:
        with RawReflexClient(portal.url, cookie) as client:
            landed += _probe_vars(client, state)
            for var, roles in _protected_setters(state):
                setvar = f"{state.get_full_name()}.setvar"
                frames = client.call(setvar, {"var_name": var, "value": PROBE})
                reply = Reply(frames, client.complete, {})
                if caller is None:
                    assert reply.refused_to_login(), f"setvar reached set_{var}: {reply.frames}"
                elif caller.role not in roles:
                    assert reply.refused_as_not_allowed(), f"setvar reached set_{var}"
        with RawReflexClient(portal.url, cookie, token=client.token) as reloaded:
            if PROBE in "".join(reloaded.hydrate_frames):
                landed.append(f"{state.__qualname__}: the probe is in the tab's snapshot")
    assert landed == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_page_over_raw_socket_without_session(
    portal: Portal, everyone: dict[str, tuple[str, ...]], page: PageRoute
) -> None:
    reply = open_page(portal, page.path, cookie=None)
    assert reply.complete, "the page's on_load chain did not end"
    if page.public:
        assert not reply.refused_to_login(), reply.redirects()
    else:
        assert reply.refused_to_login(), f"no redirect to /login: {reply.redirects()}"
    leaked = [v for v in (*CANARIES, *_all(everyone)) if v in reply.text()]
    assert leaked == []


WRONG_ROLE_PAGES = [
    pytest.param(page, role, id=f"{page.path}-{role.value}")
    for page in PAGES
    if not page.public
    for role in SIGNED_IN_ROLES
    if role not in page.roles
]


@pytest.mark.parametrize(("page", "role"), WRONG_ROLE_PAGES)
def test_page_over_raw_socket_refuses_roles_it_excludes(
    portal: Portal,
    callers: dict[Role, Caller],
    everyone: dict[str, tuple[str, ...]],
    page: PageRoute,
    role: Role,
) -> None:
    caller = callers[role]
    reply = open_page(portal, page.path, cookie=caller.cookie)
    assert reply.refused_as_not_allowed(), reply.redirects()
    leaked = [v for v in (*CANARIES, *_others(everyone, caller.username)) if v in reply.text()]
    assert leaked == []


EMPLOYEE_ONLY = [h for h in PROTECTED if tuple(h.roles or ()) == (Role.EMPLOYEE,)]


def test_employee_handlers_refuse_an_account_linked_to_no_person(
    portal: Portal, totp_codes: TotpCodes
) -> None:
    """An employee account not (yet) linked to a person: every employee handler answers
    with the start page and its reason, never a server error, and the reply ends."""
    assert EMPLOYEE_ONLY, "no employee-only handlers were found"
    account = make_account(portal, "employee", "werknemer.ongekoppeld")
    cookie = f"{SESSION_COOKIE}={sign_in_over_http(portal, account, totp_codes)}"
    for handler in EMPLOYEE_ONLY:
        reply = call(portal, handler.event, sample_payload(handler), cookie=cookie)
        assert reply.complete, f"{handler.label}: the reply did not end"
        assert reply.redirects() == [guard.NO_PERSON], f"{handler.label}: {reply.frames}"


def test_unlinked_employee_is_told_why_in_the_browser(
    portal: Portal, phone_page: Page, totp_codes: TotpCodes
) -> None:
    account = make_account(portal, "employee", "werknemer.nogniet")
    sign_in(phone_page, portal, account, totp_codes)
    phone_page.goto(portal.url + "/my-consents")
    expect(phone_page).to_have_url(url_at("/portal"))
    alert(phone_page).to_have_text(nl("auth.no_person"))
    fits_and_passes_axe(phone_page)


# --- (c) in the browser ---------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_page_in_browser_without_session(
    portal: Portal,
    phone_page: Page,
    recording: Recording,
    everyone: dict[str, tuple[str, ...]],
    page: PageRoute,
) -> None:
    phone_page.goto(portal.url + page.path)
    if page.public:
        expect(phone_page).to_have_url(url_at(page.path))
    else:
        expect(phone_page).to_have_url(url_at("/login"))
    expect(phone_page.get_by_role("heading", level=1)).to_be_visible()
    expect(phone_page.get_by_role("heading", level=1)).not_to_have_text("")
    assert_no_leak(recording, [*CANARIES, *_all(everyone)])
