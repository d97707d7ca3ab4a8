"""Sign-in cost: argon2id password verification on the server, and full sign-in round trips
(password, then TOTP code) over real HTTP with concurrent clients.

    .venv/bin/python benchmarks/login.py [--clients 10] [--per-client 5]

Slowness of the password hash is deliberate (100-400 ms is the budget). Prints p50/p95.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


TMP = Path(tempfile.mkdtemp(prefix="kwbench-login-"))
PORT = _free_port()
BASE = f"http://localhost:{PORT}"
os.environ.update(
    KWPORTAL_PUBLIC_ORIGIN=BASE,
    KWPORTAL_DATA_DIR=str(TMP),
    KWPORTAL_DATABASE_URL=f"sqlite:///{TMP / 'bench.db'}",
    KWPORTAL_SECRET_KEY="benchmark-secret",
    KWPORTAL_TOTP_KEY="YmVuY2htYXJrLXRvdHAta2V5LTMyLWJ5dGVzLWxvbmc=",
)

import httpx  # noqa: E402
import pyotp  # noqa: E402
import uvicorn  # noqa: E402
from starlette.applications import Starlette  # noqa: E402

from kwportal.db import get_engine, transaction  # noqa: E402
from kwportal.domain.roles import Role  # noqa: E402
from kwportal.migrate import upgrade  # noqa: E402
from kwportal.models import Account  # noqa: E402
from kwportal.services.auth import secrets_box  # noqa: E402
from kwportal.services.auth.passwords import hash_password, verify_password  # noqa: E402
from kwportal.ui.api.auth import routes  # noqa: E402

PASSWORD = "een lange zin als wachtwoord"


def _quantiles(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    q = statistics.quantiles(ms, n=20)
    return f"n={len(ms):>3}  p50 {statistics.median(ms):7.1f} ms  p95 {q[18]:7.1f} ms"


def bench_verify(rounds: int = 30) -> None:
    stored = hash_password(PASSWORD)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        verify_password(stored, PASSWORD)
        times.append(time.perf_counter() - start)
    print(f"argon2id verify (server time)        {_quantiles(times)}")


def _accounts(count: int) -> list[tuple[str, str]]:
    """Accounts share one stored hash; each has its own TOTP secret (each code once)."""
    upgrade(get_engine(), secret=os.environ["KWPORTAL_SECRET_KEY"])
    stored = hash_password(PASSWORD)
    made = []
    with transaction() as session:
        for n in range(count):
            secret = pyotp.random_base32()
            account = Account(
                username=f"bench{n}",
                display_name=f"Bench {n}",
                role=str(Role.EMPLOYEE),
                password_hash=stored,
                totp_confirmed_at=datetime.now(UTC),
            )
            session.add(account)
            session.flush()  # the sealed secret is bound to the account's id
            secrets_box.set_account_secret(account, secret)
            made.append((f"bench{n}", secret))
    return made


def _serve(port: int) -> uvicorn.Server:
    config = uvicorn.Config(
        Starlette(routes=routes()), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server


def _sign_in(base: str, username: str, secret: str) -> float:
    with httpx.Client(base_url=base, headers={"Origin": base}) as client:
        start = time.perf_counter()
        first = client.post("/api/auth/login", data={"username": username, "password": PASSWORD})
        cookie = first.cookies.get("kw_session", "")
        second = client.post(
            "/api/auth/code",
            data={"code": pyotp.TOTP(secret).now()},
            headers={"Cookie": f"kw_session={cookie}"},
        )
        elapsed = time.perf_counter() - start
    if first.status_code != 303 or second.headers.get("location") != "/portal":
        raise RuntimeError(f"sign-in of {username} failed: {second.headers.get('location')}")
    return elapsed


def bench_round_trips(clients: int, accounts: list[tuple[str, str]]) -> None:
    base = BASE
    times: list[float] = []
    lock = threading.Lock()

    def worker(mine: list[tuple[str, str]]) -> None:
        for username, secret in mine:
            elapsed = _sign_in(base, username, secret)
            with lock:
                times.append(elapsed)

    started = time.perf_counter()
    threads = [
        threading.Thread(target=worker, args=(accounts[i::clients],)) for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    print(
        f"sign-in round trip, {clients:>2} concurrent    {_quantiles(times)}  "
        f"{len(times) / wall:5.1f} sign-ins/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--per-client", type=int, default=5)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, SQLite WAL")
    bench_verify()
    accounts = _accounts(5 + args.clients * args.per_client)
    server = _serve(PORT)
    bench_round_trips(1, accounts[:5])
    bench_round_trips(args.clients, accounts[5:])
    server.should_exit = True


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
