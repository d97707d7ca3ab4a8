"""Newsletter mail over real SMTP (aiosmtpd on loopback): the confirmation mail and an issue
carry the unsubscribe link and the RFC 8058 headers, and the header's URI unsubscribes with
one POST and nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from kwportal.db import transaction
from kwportal.models import NewsletterSubscriber, NewsletterSuppression
from kwportal.services.visitors import newsletter
from kwportal.settings import Settings
from kwportal.ui.api import public
from tests.integration.auth_helpers import ORIGIN, ctx
from tests.integration.test_mail_smtp import Collector, body_of, free_port, send
from tests.integration.test_visitor_routes import client, engine  # noqa: F401 - fixtures

HEADER_URI = re.compile(r"^<(http://localhost:3000(/api/public/newsletter/unsubscribe\?t=[^>]+))>$")


@pytest.fixture
def smtp() -> Iterator[tuple[int, Collector]]:
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, handler
    finally:
        controller.stop()


def test_every_newsletter_mail_can_unsubscribe_in_one_click(
    engine,  # noqa: F811 - the routes' database
    client: TestClient,  # noqa: F811
    smtp: tuple[int, Collector],
    tmp_path,
) -> None:
    port, inbox = smtp
    settings = Settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        data_dir=tmp_path,
        public_origin=ORIGIN,
        secret_key="newsletter-smtp-test",
    )
    with transaction(engine) as session:
        signed = newsletter.sign_up(
            session, ctx(), name="Lies", email="lies@example.nl", language="en"
        )
    assert send(engine, signed.mails, settings).sent == 1
    token = re.search(r"token=([A-Za-z0-9_-]+)", signed.mails[0].body)
    assert token
    with transaction(engine) as session:
        newsletter.confirm(session, ctx(), token.group(1))
        issue = newsletter.issue_mails(
            session, ctx(), newsletter.Issue("Nieuws", "Tekst", "News", "Hello")
        )
    assert send(engine, issue, settings).sent == 1
    confirm_mail, issue_mail = inbox.messages()
    for message in (confirm_mail, issue_mail):
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert HEADER_URI.match(message["List-Unsubscribe"]), message["List-Unsubscribe"]
        assert "/newsletter-unsubscribe?t=" in body_of(message)
    assert issue_mail["Subject"] == "News" and "Hello" in body_of(issue_mail)
    match = HEADER_URI.match(issue_mail["List-Unsubscribe"])
    assert match
    client.cookies.clear()
    answer = client.post(match.group(2), data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    with Session(engine) as session:
        assert session.exec(select(NewsletterSubscriber)).all() == []
        assert len(session.exec(select(NewsletterSuppression)).all()) == 1
    with transaction(engine) as session:
        assert newsletter.issue_mails(session, ctx(), newsletter.Issue("a", "b", "c", "d")) == []


def test_public_routes_are_mounted_in_the_app() -> None:
    from kwportal.ui.api import all_routes

    paths = {getattr(r, "path", "") for r in all_routes()}
    assert {"/api/public/cookies", "/api/public/newsletter/unsubscribe"} <= paths
    assert Starlette(routes=public.routes())


def test_the_newsletter_command_mails_each_subscriber(
    engine,  # noqa: F811 - the routes' database
    smtp: tuple[int, Collector],
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kwportal import cli, settings

    port, inbox = smtp
    with transaction(engine) as session:
        signed = newsletter.sign_up(
            session, ctx(), name="Lies", email="lies@example.nl", language="nl"
        )
    token = re.search(r"token=([A-Za-z0-9_-]+)", signed.mails[0].body)
    assert token
    with transaction(engine) as session:
        newsletter.confirm(session, ctx(), token.group(1))
    body = tmp_path / "nieuws.txt"
    body.write_text("Nieuws over gezond werken.", encoding="utf-8")
    monkeypatch.setenv("KWPORTAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KWPORTAL_SMTP_PORT", str(port))
    monkeypatch.setenv("KWPORTAL_DEMO", "1")  # the signing key is generated into tmp_path
    settings.get_settings.cache_clear()
    assert cli.main(["newsletter-send", "--subject-nl", "Nieuws", "--body-nl", str(body)]) == 0
    [message] = inbox.messages()
    assert message["Subject"] == "Nieuws" and message["List-Unsubscribe-Post"]
    assert "Nieuws over gezond werken." in body_of(message)
