"""Mail over real SMTP: an aiosmtpd server on loopback receives what the outbox's drain (the
task queue's worker) and ``kwportal create-user`` send (issue 4, item 1; issue 16, item 10:
a dead server delays mail, a refused recipient is given up, neither raises)."""

from __future__ import annotations

import email
import email.policy
import logging
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from kwportal import cli
from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import OutboxMail
from kwportal.models.outbox import FAILED, PENDING
from kwportal.services.auth import enrolment
from kwportal.services.auth.enrolment import NewAccount
from kwportal.services.demo.seed import SYSTEM_ACTOR
from kwportal.services.jobs import outbox
from kwportal.services.mail import Mail
from kwportal.settings import Settings
from tests.integration.auth_helpers import ctx
from tests.integration.served import reset_cached

INVITE_LINK = re.compile(r"(https?://[^\s]+)/invite\?token=([A-Za-z0-9_-]+)")
CLI_SECRET = "smtp-test-secret-key"


@dataclass
class Collector:
    """An aiosmtpd handler that keeps every envelope; ``refuse`` rejects recipients."""

    envelopes: list[Any] = field(default_factory=list)
    refuse: bool = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [parse(e.original_content or e.content) for e in self.envelopes]


def parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[int, Collector]]:
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, handler
    finally:
        controller.stop()


def mail_settings(port: int, tmp_path: Path, *, demo: bool) -> Settings:
    return Settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        demo=demo,
        data_dir=tmp_path,
        secret_key="mail-test",
        database_url="sqlite://",
    )


def queue(engine, mails: list[Mail], settings: Settings) -> None:
    """Queue as a unit does, in a transaction of its own."""
    with transaction(engine) as session:
        outbox.enqueue(session, mails, now=datetime.now(UTC), secret=settings.secret_key)


def send(engine, mails: list[Mail], settings: Settings) -> outbox.Drained:
    """Queue, then one drain as the worker runs it."""
    queue(engine, mails, settings)
    return outbox.drain(engine=engine, settings=settings)


def the_row(engine) -> OutboxMail:
    with transaction(engine) as session:
        [row] = session.exec(select(OutboxMail)).all()
    return row


def invitation(sqlite_engine) -> tuple[Mail, str]:
    new = NewAccount(
        username="zoe.ozturk",
        display_name="Zoë Öztürk",
        email="zoe@example.test",
        role=Role.EMPLOYEE,
        language="nl",
    )
    with transaction(sqlite_engine) as session:
        outcome = enrolment.invite(session, ctx(), SYSTEM_ACTOR, new)
    [mail] = outcome.mails
    return mail, outcome.token


def test_the_invitation_goes_out_over_smtp_and_into_the_demo_outbox(smtp, tmp_path, sqlite_engine):
    port, server = smtp
    mail, token = invitation(sqlite_engine)
    config = mail_settings(port, tmp_path / "data", demo=True)

    assert send(sqlite_engine, [mail], config).sent == 1

    [envelope] = server.envelopes
    assert envelope.rcpt_tos == ["zoe@example.test"]
    assert envelope.mail_from == "noreply@kracht-werkt.nl"
    [message] = server.messages()
    assert message["To"] == "zoe@example.test"
    assert message["Subject"] == mail.subject
    assert message["Message-ID"]
    body = body_of(message)
    assert "Zoë Öztürk" in body and "één" in body
    found = INVITE_LINK.search(body)
    assert found and found.groups() == ("http://localhost:3000", token)

    [saved] = sorted((tmp_path / "data" / "outbox").glob("*.eml"))
    kept = parse(saved.read_bytes())
    assert kept["Message-ID"] == message["Message-ID"]
    assert INVITE_LINK.search(body_of(kept)).group(2) == token  # type: ignore[union-attr]


def test_outside_demo_mode_nothing_is_kept_on_disk(smtp, tmp_path, sqlite_engine):
    port, server = smtp
    mail, _ = invitation(sqlite_engine)

    assert send(sqlite_engine, [mail, mail], mail_settings(port, tmp_path, demo=False)).sent == 2

    assert len(server.envelopes) == 2
    assert not (tmp_path / "outbox").exists()


def test_a_dead_smtp_server_is_logged_not_raised(tmp_path, caplog, sqlite_engine):
    mail, _ = invitation(sqlite_engine)
    caplog.set_level(logging.WARNING, logger="kwportal.services.jobs.outbox")

    report = send(sqlite_engine, [mail], mail_settings(free_port(), tmp_path, demo=False))

    assert (report.sent, report.retrying) == (0, 1)
    assert any("zoe@example.test" in r.getMessage() for r in caplog.records)
    row = the_row(sqlite_engine)
    assert row.status == PENDING and row.attempts == 1 and row.last_error
    assert row.next_attempt_at > datetime.now(UTC)  # tried again later, not lost


def test_a_dead_smtp_server_in_demo_mode_still_fills_the_outbox(tmp_path, sqlite_engine):
    mail, token = invitation(sqlite_engine)

    assert send(sqlite_engine, [mail], mail_settings(free_port(), tmp_path, demo=True)).sent == 0

    [saved] = (tmp_path / "outbox").glob("*.eml")
    assert token in body_of(parse(saved.read_bytes()))


def test_a_refused_recipient_is_logged_not_raised(smtp, tmp_path, caplog, sqlite_engine):
    port, server = smtp
    server.refuse = True
    mail, _ = invitation(sqlite_engine)
    caplog.set_level(logging.ERROR, logger="kwportal.services.jobs.outbox")

    report = send(sqlite_engine, [mail], mail_settings(port, tmp_path, demo=False))
    assert (report.sent, report.failed) == (0, 1)
    assert server.envelopes == []
    assert caplog.records
    row = the_row(sqlite_engine)
    assert row.status == FAILED and "550" in (row.last_error or "")  # the server's final word


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smtp) -> Iterator[Collector]:
    port, server = smtp
    monkeypatch.setenv("KWPORTAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KWPORTAL_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("KWPORTAL_SECRET_KEY", CLI_SECRET)
    monkeypatch.setenv("KWPORTAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KWPORTAL_SMTP_PORT", str(port))
    monkeypatch.delenv("KWPORTAL_DEMO", raising=False)
    monkeypatch.delenv("KWPORTAL_PUBLIC_ORIGIN", raising=False)
    reset_cached()
    yield server
    reset_cached()


def test_create_user_on_the_command_line_mails_a_working_invitation(cli_env, capsys):
    server = cli_env
    assert cli.main(["migrate"]) == 0

    code = cli.main(
        [
            "create-user",
            "--username",
            "Bea.Admin",
            "--name",
            "Bea Beheer",
            "--email",
            "bea@example.test",
            "--role",
            "admin",
            "--language",
            "en",
        ]
    )

    out = capsys.readouterr().out
    assert code == 0
    assert "account bea.admin created" in out
    [message] = server.messages()
    assert message["To"] == "bea@example.test"
    found = INVITE_LINK.search(body_of(message))
    assert found is not None
    token = found.group(2)
    assert token not in out
    context = replace(ctx(), now=datetime.now(UTC), secret=CLI_SECRET)
    with transaction() as session:
        row = enrolment.redeem(session, context, token, enrolment.PURPOSE_INVITATION)
    assert row is not None

    again = cli.main(
        [
            *("create-user", "--username", "bea.admin", "--name", "X"),
            *("--email", "x@example.test", "--role", "admin"),
        ]
    )
    assert again == 2
    assert len(server.envelopes) == 1
