"""A case's three busiest clicks over the real portal (issue 15 "Checks"): the case manager
books a consult, the employee sends the care team a message, the employee uploads a photo.
Each is the whole round trip a phone or a desk makes, measured beside a trivial Reflex event
(``set_lang``) on the same connections in the same run, and the upload also beside a trivial
HTTP GET (``/ping``) on the same HTTP client.

    .venv/bin/python benchmarks/case_flow.py [--rounds 10] [--clients 50] [--think 1.0]

Like ``consent.py``: starts its own portal (``reflex run --env prod --single-port``, demo
data on SQLite, WAL + synchronous=FULL) from the e2e build directory (``.web-e2e``, or
``KWPORTAL_E2E_WEB_DIR``; ``make test`` builds it), writes its own accounts into the
portal's database (an employee account per open case, a case manager in the case's care
team per case, free slots in the team doctor's agenda), signs every account in over HTTP and
drives the handlers with an asyncio socket.io client, one connection per client in one event
loop.

- Booking: ``ConsultsState.book(slot_id)`` on ``/care-consults?case=N``: guard, actor, the
  case's scope, the free slot, the appointment row (unique slot), two audit rows, the
  invitation mail with its iCalendar file in the outbox, the commit and the page read
  again (agenda, the case's consults, the team's free slots, its audited reads). All the
  slots are made up front, so the free list stands at its cap (200 slots, a ~75 KB delta)
  throughout: the page of a team with a full agenda.
- Message: ``MessagesState.send({"body": ...})`` on ``/messages`` (the employee's own case,
  care thread): the row, its audit row, the content-free notice mail, the thread read again.
- Upload: ``POST /api/case/upload`` (multipart, a ~20 KB PNG) as the employee: two units
  (may he? then store), the image decoded and written anew without metadata in between.

A websocket call ends when the reply's delta for the handler's state arrives (when a phone
shows the result); an upload when its 303 answer arrives. Per operation three runs: 1
client; ``--clients`` clients at a person's pace (each waits a random 0.5 to 1.5 x
``--think`` seconds before each tap); the same number of other clients with no pause at
all, which finds the server's ceiling. Goal: p50 <= 10 x the trivial event at 50 clients.
Not part of the pass/fail suite: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import io
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from consent import AsyncTab  # noqa: E402
from PIL import Image  # noqa: E402
from sqlmodel import Session, col, func, select  # noqa: E402

from kwportal.db import make_engine, transaction  # noqa: E402
from kwportal.models import (  # noqa: E402
    Account,
    Appointment,
    CareTeam,
    CaseMessage,
    CaseUpload,
    ConsultSlot,
    Employee,
    SickLeaveCase,
    TeamAssignment,
    TeamMember,
)
from kwportal.services.auth import passwords, secrets_box  # noqa: E402
from kwportal.services.demo.accounts import DemoAccount, demo_totp_secret  # noqa: E402
from kwportal.services.employee.my_case import latest_case  # noqa: E402
from kwportal.settings import decode_key  # noqa: E402
from kwportal.ui import routes  # noqa: E402
from kwportal.ui.pages.care.consults import ConsultsState  # noqa: E402
from kwportal.ui.pages.portal.messages import MessagesState  # noqa: E402
from kwportal.ui.states.base import AppState  # noqa: E402
from tests.e2e.accounts import SESSION_COOKIE, TotpCodes, sign_in_over_http  # noqa: E402
from tests.e2e.harness import start_portal, stop_portal  # noqa: E402
from tests.e2e.rawclient import _EVENT, decode, state_handler_names  # noqa: E402

PASSWORD = "Benchmark-casus-2026"
GOAL = 10.0
#: a bookable slot every quarter hour from tomorrow on, at minutes no demo slot uses
SLOT_STEP = timedelta(minutes=15)
SLOT_OFFSET = timedelta(days=1, minutes=7)
#: frames that mean the handler raised (tests/e2e/test_fuzz.py)
TOAST_ERRORS = ("backend_error", "An error occurred")
#: delta vars whose non-empty value means the click was refused
REFUSALS = ("error_keys_rx_state_", "error_key_rx_state_", "not_found_key_rx_state_")
MESSAGE = (
    "Goedemorgen, de fysiotherapeut heeft mijn oefenschema aangepast. Ik stuur de brief "
    "vandaag mee als foto. Kunnen we dat bij het volgende spreekuur bespreken? Ronde {r}."
)


# --- the benchmark's own accounts, cases and slots ---


@dataclass
class Client:
    """One signed-in person: an employee (message, upload) or a case manager (booking)."""

    account: DemoAccount
    case_id: int
    account_id: int = 0
    slot_ids: list[int] = field(default_factory=list)
    token: str = ""


def _open_cases(session: Session, count: int) -> list[SickLeaveCase]:
    """Each a different employee's latest case, none of them with an account yet; where the
    demo data has too few, more are opened, as a sick report would."""
    taken = select(Account.employee_id).where(col(Account.employee_id).is_not(None))
    sick = session.exec(
        select(SickLeaveCase.employee_id)
        .where(col(SickLeaveCase.employee_id).not_in(taken))
        .where(col(SickLeaveCase.recovery_date).is_(None))
        .distinct()
        .limit(count)
    ).all()
    cases = [c for e in sick if (c := latest_case(session, e)) is not None]
    spare = session.exec(
        select(Employee)
        .where(col(Employee.id).not_in(taken), col(Employee.id).not_in(list(sick)))
        .where(col(Employee.employment_end).is_(None))
        .order_by(col(Employee.id))
        .limit(max(0, count - len(cases)))
    ).all()
    for person in spare:
        case = SickLeaveCase(
            employee_id=person.id or 0,
            organisation_id=person.organisation_id,
            sick_report_date=datetime.now(UTC).date() - timedelta(days=10),
        )
        session.add(case)
        cases.append(case)
    session.flush()
    return cases[:count]


def _account(
    session: Session, ring: secrets_box.Keyring, hashed: str, username: str, **row: Any
) -> tuple[DemoAccount, int]:
    """An enrolled account (password and sealed TOTP secret), the way consent.py makes one."""
    account = Account(
        username=username,
        display_name=f"Bench {username}",
        password_hash=hashed,
        totp_confirmed_at=datetime.now(UTC) - timedelta(days=1),
        **row,
    )
    session.add(account)
    session.flush()  # the sealed secret is bound to the account's id
    secrets_box.set_account_secret(account, demo_totp_secret(username), ring)
    role = str(row["role"])
    return DemoAccount(role, username, PASSWORD, demo_totp_secret(username), ""), account.id or 0


def _teams(session: Session) -> dict[int, tuple[int, int]]:
    """Per organisation: its care team and that team's doctor (whose agenda gets slots)."""
    rows = session.exec(
        select(TeamAssignment.organisation_id, CareTeam.id, CareTeam.doctor_account_id).join(
            CareTeam, col(CareTeam.id) == col(TeamAssignment.care_team_id)
        )
    ).all()
    return {org: (team or 0, doctor) for org, team, doctor in rows}


def _slots(session: Session, doctor_id: int, first: datetime, count: int) -> list[int]:
    rows = [
        ConsultSlot(
            account_id=doctor_id,
            starts_at=first + n * SLOT_STEP,
            minutes=10,
            place_kind="video",
            created_by_account_id=doctor_id,
        )
        for n in range(count)
    ]
    session.add_all(rows)
    session.flush()
    return [r.id or 0 for r in rows]


def _setup(db: Path, count: int, rounds: int) -> tuple[list[Client], list[Client]]:
    """``count`` employees with an open case each, and as many case managers, each in the
    care team of one of those cases with ``rounds`` free slots of its doctor to book."""
    engine = make_engine(f"sqlite:///{db}")
    hashed = passwords.hash_password(PASSWORD)
    key = os.environ.get("KWPORTAL_TOTP_KEY") or (db.parent / "totp_key.demo").read_text()
    ring = secrets_box.Keyring(decode_key(key) or b"")
    employees: list[Client] = []
    managers: list[Client] = []
    first = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + SLOT_OFFSET
    try:
        with transaction(engine) as session:
            teams = _teams(session)
            booked: dict[int, int] = {}  # slots made so far per doctor
            for n, case in enumerate(_open_cases(session, count)):
                made, account_id = _account(
                    session,
                    ring,
                    hashed,
                    f"bench.case{n}",
                    role="employee",
                    employee_id=case.employee_id,
                    organisation_id=case.organisation_id,
                )
                employees.append(Client(made, case.id or 0, account_id))
                team, doctor = teams[case.organisation_id]
                made, account_id = _account(
                    session, ring, hashed, f"bench.manager{n}", role="case_manager"
                )
                session.add(TeamMember(care_team_id=team, account_id=account_id))
                start = first + booked.get(doctor, 0) * SLOT_STEP
                slots = _slots(session, doctor, start, rounds)
                booked[doctor] = booked.get(doctor, 0) + rounds
                managers.append(Client(made, case.id or 0, account_id, slots))
    finally:
        engine.dispose()
    return employees, managers


def _stored(db: Path, employees: list[Client], managers: list[Client]) -> dict[str, int]:
    """What the runs wrote: appointments, messages, uploads by the benchmark's accounts."""
    people = [c.account_id for c in employees]
    staff = [c.account_id for c in managers]
    engine = make_engine(f"sqlite:///{db}")
    try:
        with Session(engine) as session:
            return {
                "booking": session.exec(
                    select(func.count())
                    .select_from(Appointment)
                    .where(col(Appointment.booked_by_account_id).in_(staff))
                ).one(),
                "message": session.exec(
                    select(func.count())
                    .select_from(CaseMessage)
                    .where(col(CaseMessage.author_account_id).in_(people))
                ).one(),
                "upload": session.exec(
                    select(func.count())
                    .select_from(CaseUpload)
                    .where(col(CaseUpload.uploaded_by_account_id).in_(people))
                ).one(),
            }
    finally:
        engine.dispose()


def _photo() -> bytes:
    """A ~20 KB PNG of noise (it does not compress), as a phone's cropped snapshot."""
    pixels = random.Random(15).randbytes(82 * 82 * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (82, 82), pixels).save(out, "PNG")
    return out.getvalue()


# --- the clients ---


class Tab(AsyncTab):
    """consent.py's tab on a page with a query (``?case=N``), telling refusals apart."""

    def _event(self, name: str, payload: dict[str, object]) -> dict[str, object]:
        route = {"pathname": self.pathname.split("?")[0], "asPath": self.pathname}
        return {"name": name, "payload": payload, "router_data": route}

    async def ask(self, name: str, payload: dict[str, object], state: str) -> bool:
        """Send the event and wait for the delta of ``state``: True unless it refused."""
        await self.ws.send_str(_EVENT + json.dumps(["event", self._event(name, payload)]))
        while True:
            frame = await self._recv()
            if any(error in frame for error in TOAST_ERRORS):
                return False
            data = decode(frame)
            delta = data.get("delta") if isinstance(data, dict) else None
            if delta and state in delta:
                return not _refused(delta)


def _refused(delta: dict[str, dict[str, object]]) -> bool:
    for values in delta.values():
        if any(values.get(name) for name in REFUSALS):
            return True
        if str(values.get("notice_key_rx_state_", "")).endswith("not_found"):
            return True
    return False


@functools.cache
def _handler(state: type, name: str) -> str:
    return next(h for h in state_handler_names(state) if h.endswith(f".{name}"))


def _trivial(tab: Tab) -> Awaitable[bool]:
    return tab.ask(_handler(AppState, "set_lang"), {"value": "nl"}, AppState.get_full_name())


async def _ping(http: aiohttp.ClientSession, url: str) -> bool:
    async with http.get(f"{url}/ping", allow_redirects=False) as reply:
        await reply.read()
        return reply.status == 200


async def _upload(http: aiohttp.ClientSession, url: str, token: str, photo: bytes) -> bool:
    form = aiohttp.FormData()
    form.add_field("file", photo, filename="brief-fysio.png", content_type="image/png")
    headers = {"Cookie": f"{SESSION_COOKIE}={token}", "Origin": url}
    target = f"{url}{routes.API_CASE_UPLOAD}"
    async with http.post(target, data=form, headers=headers, allow_redirects=False) as reply:
        await reply.read()
        return reply.status == 303 and "done=" in reply.headers.get("Location", "")


#: one tap: its kind ("trivial", "ping" or the operation's) and the call, True when it worked
Step = tuple[str, Callable[[], Awaitable[bool]]]


@dataclass(frozen=True)
class Operation:
    name: str
    title: str
    page: Callable[[Client], str]
    #: the taps of one round: (tab, HTTP session, base URL, client, round) -> steps
    steps: Callable[[Tab, aiohttp.ClientSession, str, Client, int], list[Step]]


def _booking_steps(tab: Tab, _http: object, _url: str, client: Client, r: int) -> list[Step]:
    book = _handler(ConsultsState, "book")
    state = ConsultsState.get_full_name()
    payload: dict[str, object] = {"slot_id": str(client.slot_ids[r])}
    return [("trivial", lambda: _trivial(tab)), ("booking", lambda: tab.ask(book, payload, state))]


def _message_steps(tab: Tab, _http: object, _url: str, client: Client, r: int) -> list[Step]:
    send = _handler(MessagesState, "send")
    state = MessagesState.get_full_name()
    payload: dict[str, object] = {"form_data": {"body": MESSAGE.format(r=r)}}
    return [("trivial", lambda: _trivial(tab)), ("message", lambda: tab.ask(send, payload, state))]


def _upload_steps(photo: bytes) -> Callable[..., list[Step]]:
    def steps(
        tab: Tab, http: aiohttp.ClientSession, url: str, client: Client, r: int
    ) -> list[Step]:
        return [
            ("trivial", lambda: _trivial(tab)),
            ("ping", lambda: _ping(http, url)),
            ("upload", lambda: _upload(http, url, client.token, photo)),
        ]

    return steps


@dataclass
class Results:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    async def timed(self, kind: str, call: Callable[[], Awaitable[bool]]) -> None:
        """One tap's milliseconds; a refusal, a crash or a broken connection is an error."""
        self.times.setdefault(kind, [])
        self.errors.setdefault(kind, 0)
        began = time.perf_counter()
        try:
            worked = await call()
        except (TimeoutError, ConnectionError, aiohttp.ClientError):
            worked = False
        if worked:
            self.times[kind].append((time.perf_counter() - began) * 1000)
        else:
            self.errors[kind] += 1


async def _client_run(
    op: Operation,
    tab: Tab,
    http: aiohttp.ClientSession,
    url: str,
    client: Client,
    rounds: int,
    think: float,
    rng: random.Random,
    results: Results,
) -> None:
    for r in range(rounds):
        for kind, call in op.steps(tab, http, url, client, r):
            if think:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
            await results.timed(kind, call)


async def _open_tabs(
    http: aiohttp.ClientSession, url: str, op: Operation, clients: list[Client]
) -> list[Tab]:
    """Every client's page, opened ten at a time (each hydration runs the page's load)."""
    gate = asyncio.Semaphore(10)

    async def one(client: Client) -> Tab:
        async with gate:
            cookie = f"{SESSION_COOKIE}={client.token}"
            tab = await Tab.open(http, url, cookie, op.page(client))
        assert isinstance(tab, Tab)  # AsyncTab.open makes an instance of its class
        return tab

    return list(await asyncio.gather(*(one(c) for c in clients)))


async def _run(
    url: str, op: Operation, clients: list[Client], rounds: int, think: float
) -> Results:
    results = Results()
    # no cookie jar shared between the clients, and no cap on open connections
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(
        connector=connector, cookie_jar=aiohttp.DummyCookieJar()
    ) as http:
        tabs = await _open_tabs(http, url, op, clients)
        began = time.perf_counter()
        await asyncio.gather(
            *(
                _client_run(op, tab, http, url, c, rounds, think, random.Random(n), results)
                for n, (tab, c) in enumerate(zip(tabs, clients, strict=True))
            )
        )
        results.seconds = time.perf_counter() - began
        for tab in tabs:
            await tab.close()
    return results


# --- the figures ---


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _p50(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _table(op: Operation, runs: list[tuple[str, int, Results]], goal_run: int) -> None:
    print(f"\n{op.title}")
    print(
        f"  {'run':<30} {'kind':<8} {'clients':>7} {'calls':>6} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'errors':>6}  p50/trivial"
    )
    for label, clients, results in runs:
        trivial = _p50(results.times.get("trivial", []))
        names = [label, f"  ({results.seconds:.1f} s)"]
        for n, (kind, values) in enumerate(results.times.items()):
            calls = len(values) + results.errors[kind]
            times = f"{_p50(values) / trivial:6.1f} x" if kind != "trivial" else ""
            print(
                f"  {names[n] if n < 2 else '':<30} {kind:<8} {clients:>7} {calls:>6} "
                f"{_p50(values):8.1f} {_pct(values, 0.95):8.1f} {_pct(values, 0.99):8.1f} "
                f"{results.errors[kind]:>6}  {times}"
            )
    label, clients, results = runs[goal_run]
    p50 = _p50(results.times[op.name])
    ratio = p50 / _p50(results.times["trivial"])
    verdict = "met" if ratio <= GOAL else f"missed by {ratio / GOAL:.1f} x"
    beside_ping = (
        f" ({p50 / _p50(results.times['ping']):.0f} x /ping)" if "ping" in results.times else ""
    )
    print(
        f"  goal p50 <= {GOAL:g} x trivial event, {clients} clients {label}: "
        f"{ratio:.1f} x{beside_ping}, {verdict}"
    )


def _operations(photo: bytes) -> list[Operation]:
    return [
        Operation(
            "booking",
            "Booking a consult: ConsultsState.book on /care-consults?case=N (case manager)",
            lambda c: f"{routes.CARE_CONSULTS}?case={c.case_id}",
            _booking_steps,
        ),
        Operation(
            "message",
            "Sending a message: MessagesState.send on /messages (employee, care thread)",
            lambda c: routes.MESSAGES,
            _message_steps,
        ),
        Operation(
            "upload",
            f"Uploading a {len(photo) // 1024} KB PNG: POST {routes.API_CASE_UPLOAD} (employee)",
            lambda c: routes.CASE_FILES,
            _upload_steps(photo),
        ),
    ]


def _sign_in(portal: object, people: list[Client], codes: TotpCodes) -> None:
    for person in people:
        person.token = sign_in_over_http(portal, person.account, codes)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause before a tap, s")
    args = parser.parse_args()
    clients, rounds = args.clients, args.rounds
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    photo = _photo()
    operations = _operations(photo)
    tables: list[tuple[Operation, list[tuple[str, int, Results]]]] = []
    with tempfile.TemporaryDirectory(prefix="kw-case-flow-bench-") as folder:
        portal = start_portal(Path(folder))
        try:
            employees, managers = _setup(portal.db, 1 + 2 * clients, rounds)
            codes = TotpCodes()
            _sign_in(portal, employees + managers, codes)
            for op in operations:
                people = managers if op.name == "booking" else employees
                one, paced, busy = people[:1], people[1 : 1 + clients], people[1 + clients :]
                runs = [
                    ("1 client", 1, asyncio.run(_run(portal.url, op, one, rounds, 0))),
                    (
                        f"paced, a tap every ~{args.think:g} s",
                        clients,
                        asyncio.run(_run(portal.url, op, paced, rounds, args.think)),
                    ),
                    (
                        "flat out, the ceiling",
                        clients,
                        asyncio.run(_run(portal.url, op, busy, rounds, 0)),
                    ),
                ]
                tables.append((op, runs))
            stored = _stored(portal.db, employees, managers)
        finally:
            stop_portal(portal)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; SQLite WAL synchronous=FULL; "
        f"load average before the run {load}"
    )
    expected = rounds * len(employees)
    print(
        "written: " + ", ".join(f"{stored[op.name]} of {expected} {op.name}s" for op in operations)
    )
    for op, runs in tables:
        _table(op, runs, goal_run=1)


if __name__ == "__main__":
    main()
