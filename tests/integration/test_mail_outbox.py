"""No mail is lost and none blocks the server (issue 16, item 10). A unit writes its mail to
the outbox in its own transaction; the task queue's worker sends it with retries and
backoff; two workers never send one message twice (SQLite and PostgreSQL). Real SMTP is an
aiosmtpd server on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from cryptography.exceptions import InvalidTag
from huey import RedisHuey, SqliteHuey
from sqlalchemy.engine import Engine
from sqlmodel import select

from kwportal import cli
from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import CareTeam, OutboxMail, TeamAssignment
from kwportal.models.outbox import FAILED, PENDING, SENDING, SENT
from kwportal.services import audit, runner
from kwportal.services.jobs import outbox, queue, sealing, tasks
from kwportal.services.mail import SMTP_TIMEOUT_S, DeliveryError, Mail
from kwportal.services.unit import Ctx
from kwportal.settings import Settings
from kwportal.ui.api import auth
from kwportal.ui.pages.care.consent_requests import ConsentRequestState
from kwportal.ui.routes import API_FORGOT
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    ORIGIN,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.served import portal_database, route_client
from tests.integration.state_driver import call, page_state
from tests.integration.test_mail_smtp import (  # noqa: F401 (cli_env and smtp are fixtures)
    Collector,
    body_of,
    cli_env,
    free_port,
    smtp,
)

EMPLOYEE_MAIL = "eva.epi@example.test"
#: what the doctor asks consent for: it must never travel by mail
PRIVATE = {
    "label": "Wat te doen bij een aanval",
    "value": "Epilepsie: niet vasthouden, 112 bellen na 5 minuten.",
    "purpose": "Collega's kunnen helpen in een noodgeval",
}
T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
SETTINGS = Settings(secret_key=TEST_SECRET, database_url="sqlite://", smtp_host="127.0.0.1")


@contextmanager
def smtp_server(port: int) -> Iterator[Collector]:
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


@contextmanager
def hung_smtp_server(port: int) -> Iterator[None]:
    """A mail server that accepts connections and never says a word: a client that waits
    for it hangs until its own timeout."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(8)
        yield


def rows(engine: Engine) -> list[OutboxMail]:
    with transaction(engine) as session:
        return list(session.exec(select(OutboxMail).order_by(OutboxMail.id)).all())


def queue_mails(engine: Engine, count: int, *, now: datetime = T0) -> None:
    mails = [Mail(f"person{n}@example.test", f"Bericht {n}", f"Tekst {n}") for n in range(count)]
    with transaction(engine) as session:
        outbox.enqueue(session, mails, now=now, secret=TEST_SECRET)


def _doctor_and_asked_case(engine: Engine) -> tuple[str, int]:
    """A signed-in company doctor whose team serves an employer, and an open case of an
    employee there who has an account; (token, case id)."""
    doctor_id, username, secret = new_enrolled(engine, CHEAP_HASH, role=Role.COMPANY_DOCTOR)
    with transaction(engine) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org, first_name="Eva", last_name="Epi")
        case = factories.sick_case(session, person, sick_report_date=date(2026, 11, 1))
        factories.account(
            session,
            Role.EMPLOYEE,
            employee_id=person.id,
            organisation_id=org.id,
            email=EMPLOYEE_MAIL,
        )
        team = CareTeam(name="Team", doctor_account_id=doctor_id)
        session.add(team)
        session.flush()
        session.add(TeamAssignment(care_team_id=team.id, organisation_id=org.id))
        case_id = case.id
    return sign_in(engine, username, secret, datetime.now(UTC)), case_id


def test_with_the_mail_server_down_a_click_returns_at_once_and_its_mail_arrives_once_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    monkeypatch.setenv("KWPORTAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KWPORTAL_SMTP_PORT", str(port))
    with portal_database(tmp_path, monkeypatch) as engine:
        token, case_id = _doctor_and_asked_case(engine)
        state = page_state(
            ConsentRequestState, token, url="http://localhost:3000/care-consent-requests"
        )
        form = {"case_id": str(case_id), "kind": "emergency_note", **PRIVATE}
        with hung_smtp_server(port):
            started = time.monotonic()
            call(state, "send_request", form)
            took = time.monotonic() - started
        # sending inline would have waited for the hung server's SMTP timeout
        assert took < SMTP_TIMEOUT_S / 2, f"the click took {took:.1f} s"
        assert state.notice_key == "consent_req.sent"
        [queued] = rows(engine)
        assert (queued.status, queued.recipient, queued.attempts) == (PENDING, EMPLOYEE_MAIL, 0)

        # the worker's drain while the server is down: nothing lost, tried again later
        down = outbox.drain(engine=engine)
        assert (down.sent, down.retrying) == (0, 1)
        [waiting] = rows(engine)
        assert waiting.status == PENDING and waiting.attempts == 1 and waiting.last_error
        retry_at = waiting.next_attempt_at

        with smtp_server(port) as server:
            assert outbox.drain(engine=engine).sent == 0  # not due yet: backoff
            assert outbox.drain(engine=engine, now=retry_at).sent == 1
            assert outbox.drain(engine=engine, now=retry_at + timedelta(days=1)).sent == 0
            [message] = server.messages()
    assert [e.rcpt_tos for e in server.envelopes] == [[EMPLOYEE_MAIL]]
    body = body_of(message)
    assert "/my-consents" in body
    for private in PRIVATE.values():
        assert private not in body and private not in str(message["Subject"])
    [sent] = rows(engine)
    assert sent.status == SENT and sent.sent_at == retry_at and sent.payload == b""
    assert message["Message-ID"] == sent.message_id


def test_several_workers_draining_at_once_send_each_mail_once(engine: Engine) -> None:
    workers = 3
    queue_mails(engine, 30)
    delivered: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(workers)

    def keep(message: EmailMessage, _first: bool) -> None:
        with lock:
            delivered.append(str(message["Message-ID"]))

    def work() -> None:
        start.wait()
        outbox.drain(engine=engine, settings=SETTINGS, now=T0, transport=keep)

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(delivered) == 30 and len(set(delivered)) == 30
    assert {(row.status, row.attempts) for row in rows(engine)} == {(SENT, 1)}


def test_of_two_workers_racing_for_one_mail_only_one_claims_it(engine: Engine) -> None:
    queue_mails(engine, 1)
    claims: list[outbox.Claimed | None] = []
    start = threading.Barrier(2)

    def work() -> None:
        start.wait()
        claims.append(outbox.claim_next(engine, T0))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claim is None for claim in claims) == [False, True]


def test_a_claim_holds_for_its_lease_and_a_dead_workers_mail_is_taken_over(
    engine: Engine,
) -> None:
    queue_mails(engine, 1)
    first = outbox.claim_next(engine, T0)
    assert first is not None and first.attempts == 1
    assert outbox.claim_next(engine, T0 + outbox.LEASE - timedelta(seconds=1)) is None
    later = T0 + outbox.LEASE + timedelta(seconds=1)
    second = outbox.claim_next(engine, later)
    assert second is not None and second.attempts == 2 and second.token != first.token
    # the first worker comes back too late: its claim no longer settles the row
    outbox.settle(engine, first, later, None)
    assert rows(engine)[0].status == SENDING
    outbox.settle(engine, second, later, None)
    assert rows(engine)[0].status == SENT


def test_retries_back_off_exponentially_and_give_up_only_after_every_attempt(
    sqlite_engine: Engine,
) -> None:
    queue_mails(sqlite_engine, 1)

    def down(_message: EmailMessage, _first: bool) -> None:
        raise DeliveryError("ConnectionRefusedError: [Errno 111] Connection refused")

    now, waits = T0, []
    for _ in range(outbox.MAX_ATTEMPTS - 1):
        report = outbox.drain(engine=sqlite_engine, settings=SETTINGS, now=now, transport=down)
        assert report.retrying == 1
        [row] = rows(sqlite_engine)
        waits.append(row.next_attempt_at - now)
        assert (
            outbox.drain(
                engine=sqlite_engine,
                settings=SETTINGS,
                now=row.next_attempt_at - timedelta(seconds=1),
            )
            == outbox.Drained()
        )
        now = row.next_attempt_at
    minutes = [int(wait.total_seconds() // 60) for wait in waits]
    assert minutes[:8] == [1, 2, 4, 8, 16, 32, 60, 60] and set(minutes[6:]) == {60}
    last = outbox.drain(engine=sqlite_engine, settings=SETTINGS, now=now, transport=down)
    assert last.failed == 1
    [row] = rows(sqlite_engine)
    assert row.status == FAILED and row.attempts == outbox.MAX_ATTEMPTS
    assert "Connection refused" in (row.last_error or "")

    assert outbox.retry_failed(sqlite_engine, now) == 1
    kept: list[EmailMessage] = []
    report = outbox.drain(
        engine=sqlite_engine,
        settings=SETTINGS,
        now=now,
        transport=lambda message, _first: kept.append(message),
    )
    assert report.sent == 1 and len(kept) == 1


def test_queued_mail_is_sealed_at_rest_and_forgotten_once_sent(sqlite_engine: Engine) -> None:
    link = "http://localhost:3000/invite?token=Secret-Invitation-Token-123"
    mail = Mail("zoe@example.test", "Uitnodiging", f"Welkom! Kies uw wachtwoord: {link}")
    with transaction(sqlite_engine) as session:
        outbox.enqueue(session, [mail], now=T0, secret=TEST_SECRET)
    [row] = rows(sqlite_engine)
    assert b"Secret-Invitation-Token" not in row.payload and b"Welkom" not in row.payload
    with pytest.raises(InvalidTag):  # another server secret opens nothing
        sealing.unseal(row.payload, row.message_id, "another-secret")
    with pytest.raises(InvalidTag):  # nor does the sealed message copied onto another row
        sealing.unseal(row.payload, "<another@kracht-werkt.nl>", TEST_SECRET)
    kept: list[EmailMessage] = []
    outbox.drain(
        engine=sqlite_engine,
        settings=SETTINGS,
        now=T0,
        transport=lambda message, _first: kept.append(message),
    )
    assert link in body_of(kept[0])
    [row] = rows(sqlite_engine)
    assert row.status == SENT and row.payload == b"" and row.recipient == ""
    assert outbox.purge_sent(sqlite_engine, T0 + outbox.KEEP_SENT - timedelta(hours=1)) == 0
    assert outbox.purge_sent(sqlite_engine, T0 + outbox.KEEP_SENT + timedelta(hours=1)) == 1


def _sends_then_fails(address: str, *, ctx: Ctx) -> None:
    ctx.send(Mail(address, "Onderwerp", "Tekst"))
    raise ValueError("the change fails after its mail was queued")


def _sends(address: str, *, ctx: Ctx) -> None:
    ctx.send(Mail(address, "Onderwerp", "Tekst"))


def test_a_unit_that_fails_queues_no_mail_and_one_that_commits_queues_it_in_its_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with portal_database(tmp_path, monkeypatch) as engine:
        with pytest.raises(ValueError):
            runner.run_public(audit.CLI, _sends_then_fails, "a@example.test")
        assert rows(engine) == []
        runner.run_public(audit.CLI, _sends, "b@example.test")
        assert [(row.recipient, row.status) for row in rows(engine)] == [
            ("b@example.test", PENDING)
        ]


def _wait_for(server: Collector, count: int, worker: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while len(server.envelopes) < count:
        if worker.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{len(server.envelopes)} of {count} mails; worker log:\n{log.read_text()}")
        time.sleep(0.1)  # polling for mail the worker process sends


def test_the_worker_process_sends_what_waited_for_it_and_wakes_when_a_click_queues_mail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    monkeypatch.setenv("KWPORTAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KWPORTAL_SMTP_PORT", str(port))
    with portal_database(tmp_path, monkeypatch) as engine, smtp_server(port) as server:
        # queued while no worker ran (before a restart): the outbox is the truth
        runner.run_public(audit.CLI, _sends, "voor@example.test")
        log = tmp_path / "worker.log"
        worker = subprocess.Popen(
            [str(Path(sys.executable).parent / "kwportal"), "jobs", "worker"],
            env=dict(os.environ),
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(server, 1, worker, log)
            runner.run_public(audit.CLI, _sends, "na@example.test")  # wakes the worker
            _wait_for(server, 2, worker, log)
        finally:
            worker.send_signal(2)  # SIGINT: finish the task at hand, then stop
            assert worker.wait(timeout=30) == 0
        assert [e.rcpt_tos for e in server.envelopes] == [
            ["voor@example.test"],
            ["na@example.test"],
        ]
        assert {row.status for row in rows(engine)} == {SENT}


def test_a_sign_in_route_queues_its_mail_in_the_units_transaction_and_never_sends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reset mail was sent after the answer, in the web process (a hung server held a
    worker thread for the SMTP timeout, and a crash lost the mail); it is now a row of the
    reset's own transaction, and the answer only wakes the worker."""
    port = free_port()
    monkeypatch.setenv("KWPORTAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KWPORTAL_SMTP_PORT", str(port))
    with portal_database(tmp_path, monkeypatch) as engine, hung_smtp_server(port):
        _id, username, _secret = new_enrolled(engine, CHEAP_HASH, email="anna@example.test")
        with route_client(auth.routes()) as client:
            for identifier in (username, "nobody-here"):
                started = time.monotonic()
                answer = client.post(
                    API_FORGOT, data={"identifier": identifier}, headers={"Origin": ORIGIN}
                )
                took = time.monotonic() - started
                assert answer.status_code == 303
                assert took < SMTP_TIMEOUT_S / 2, f"the answer took {took:.1f} s"
        assert [(row.recipient, row.status) for row in rows(engine)] == [
            ("anna@example.test", PENDING)
        ]


def test_kwportal_jobs_run_sends_what_is_due_once_and_exits(
    cli_env: Collector,  # noqa: F811 - the CLI's environment, its SMTP server
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = cli_env
    assert cli.main(["migrate"]) == 0
    runner.run_public(audit.CLI, _sends, "c@example.test")
    capsys.readouterr()
    assert cli.main(["jobs", "run"]) == 0
    assert "outbox: 1 sent" in capsys.readouterr().out
    assert cli.main(["jobs", "run"]) == 0
    assert "outbox: 0 sent" in capsys.readouterr().out
    assert [e.rcpt_tos for e in server.envelopes] == [["c@example.test"]]


def test_the_consumers_periodic_task_drains_the_outbox(
    cli_env: Collector,  # noqa: F811
) -> None:
    server = cli_env
    assert cli.main(["migrate"]) == 0
    runner.run_public(audit.CLI, _sends, "p@example.test")
    huey = queue.queue_for()
    due = huey.read_periodic(datetime.now(UTC))
    # the outbox every minute; the other jobs on their own minutes (whichever are due now)
    assert "every_outbox" in {type(task).__name__ for task in due}
    assert {type(task).__name__ for task in due} <= {f"every_{job.name}" for job in tasks.JOBS}
    (outbox,) = [task for task in due if type(task).__name__ == "every_outbox"]
    huey.execute(outbox)
    assert [e.rcpt_tos for e in server.envelopes] == [["p@example.test"]]


def test_the_embedded_queue_is_a_file_in_the_data_dir_and_survives_a_restart(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path, secret_key=TEST_SECRET)
    assert isinstance(queue.queue_for(settings), SqliteHuey)
    queue.wake_now(tasks.OUTBOX, settings)
    name = queue.queue_name(settings)
    restarted = SqliteHuey(name, filename=str(tmp_path / queue.QUEUE_FILE))
    assert restarted.pending_count() == 1


def test_with_a_redis_url_the_queue_lives_in_redis(tmp_path: Path) -> None:
    url = os.environ.get("KWPORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.skip(f"!!! SKIPPING THE REDIS QUEUE TEST: {url} is not reachable ({error})")
    settings = Settings(data_dir=tmp_path, secret_key=TEST_SECRET, redis_url=url)
    huey = queue.queue_for(settings)
    assert isinstance(huey, RedisHuey)
    huey.flush()
    try:
        queue.wake_now(tasks.OUTBOX, settings)
        assert huey.pending_count() == 1
        task = huey.dequeue()
        assert task is not None and task.args == (tasks.OUTBOX,)
    finally:
        huey.flush()
    assert not (tmp_path / queue.QUEUE_FILE).exists()
