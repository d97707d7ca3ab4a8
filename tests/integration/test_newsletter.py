"""The newsletter (issue 9 item 4 and "Bad input"), on SQLite and PostgreSQL: double opt-in
with links as for invitations, no enumeration, unsubscribe deletes name and address and
keeps only a suppression hash."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.visitors import CONFIRM_LINK_VALIDITY
from kwportal.models import NewsletterSubscriber, NewsletterSuppression, VisitorToken
from kwportal.services.visitors import newsletter
from kwportal.services.visitors.common import Result
from tests.integration.auth_helpers import T0, ctx
from tests.integration.visitor_helpers import stored_text

CONFIRM = re.compile(r"/newsletter-confirm\?token=([A-Za-z0-9_-]+)")
ADDRESS = "lezer@example.nl"


def _sign_up(engine: Engine, name: str = "Lies Lezer", email: str = ADDRESS, now=T0) -> Result:
    with transaction(engine) as session:
        return newsletter.sign_up(session, ctx(now), name=name, email=email, language="nl")


def _token(result: Result) -> str:
    match = CONFIRM.search(result.mails[0].body)
    assert match, result.mails[0].body
    return match.group(1)


def _confirm(engine: Engine, token: str, now=T0) -> Result:
    with transaction(engine) as session:
        return newsletter.confirm(session, ctx(now), token)


def _subscribed(engine: Engine) -> str:
    token = _token(_sign_up(engine))
    assert _confirm(engine, token).ok
    with Session(engine) as session:
        row = session.exec(select(NewsletterSubscriber)).one()
    assert row.status == "active"
    return newsletter.unsubscribe_token(ctx().secret, row)


def test_sign_up_is_pending_until_the_link_is_followed(engine: Engine) -> None:
    result = _sign_up(engine)
    assert result.ok and result.message == newsletter.SIGNED_UP
    mail = result.mails[0]
    assert mail.to == ADDRESS
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.headers["List-Unsubscribe"].startswith("<http://localhost:3000/api/public/")
    assert "/newsletter-unsubscribe?t=" in mail.body
    token = _token(result)
    assert len(token) >= 43  # 256 bits, URL-safe
    with Session(engine) as session:
        row = session.exec(select(NewsletterSubscriber)).one()
        link = session.exec(select(VisitorToken)).one()
    assert row.status == "pending" and row.consent_version == "privacy-2"
    assert link.token_hash != token and token not in link.token_hash
    assert link.expires_at.replace(tzinfo=T0.tzinfo) == T0 + CONFIRM_LINK_VALIDITY
    confirmed = _confirm(engine, token, T0 + timedelta(hours=1))
    assert confirmed.message == "visitor.newsletter_confirmed"


def test_a_confirmation_link_works_once(engine: Engine) -> None:
    token = _token(_sign_up(engine))
    assert _confirm(engine, token).ok
    again = _confirm(engine, token)
    assert not again.ok and again.message == "visitor.link_invalid"


def test_an_expired_confirmation_link_is_refused(engine: Engine) -> None:
    token = _token(_sign_up(engine))
    late = _confirm(engine, token, T0 + CONFIRM_LINK_VALIDITY + timedelta(seconds=1))
    assert late.message == "visitor.link_invalid"
    with Session(engine) as session:
        assert session.exec(select(NewsletterSubscriber)).one().status == "pending"


@pytest.mark.parametrize("token", ["", "x" * 10_000, "<script>alert(1)</script>"])
def test_bad_confirmation_tokens_are_refused(engine: Engine, token: str) -> None:
    assert _confirm(engine, token).message == "visitor.link_invalid"


def test_an_address_already_subscribed_gets_the_same_answer_and_no_mail(engine: Engine) -> None:
    _subscribed(engine)
    again = _sign_up(engine, name="Iemand Anders", email=" LEZER@example.nl ")
    fresh = _sign_up(engine, email="nieuw@example.nl")
    assert again.message == fresh.message == newsletter.SIGNED_UP
    assert again.mails == [] and len(fresh.mails) == 1
    with Session(engine) as session:
        names = {r.name for r in session.exec(select(NewsletterSubscriber))}
    assert "Iemand Anders" not in names  # the subscriber's data is not overwritten


def test_unsubscribing_deletes_name_and_address_and_keeps_a_hash(engine: Engine) -> None:
    token = _subscribed(engine)
    with transaction(engine) as session:
        assert newsletter.unsubscribe(session, ctx(), token).message == "visitor.unsubscribed"
    text = stored_text(engine)
    assert "Lies Lezer" not in text and ADDRESS not in text
    with Session(engine) as session:
        assert session.exec(select(NewsletterSubscriber)).all() == []
        assert session.exec(select(VisitorToken)).all() == []
        assert len(session.exec(select(NewsletterSuppression)).all()) == 1
        assert newsletter.suppressed(session, ctx().secret, ADDRESS)
    with transaction(engine) as session:  # a second click finds nothing and says the same
        assert newsletter.unsubscribe(session, ctx(), token).message == "visitor.unsubscribed"


@pytest.mark.parametrize("token", ["", "1.forged", "999.abc", "x" * 10_000])
def test_bad_unsubscribe_tokens_change_nothing(engine: Engine, token: str) -> None:
    _subscribed(engine)
    with transaction(engine) as session:
        newsletter.unsubscribe(session, ctx(), token)
    with Session(engine) as session:
        assert len(session.exec(select(NewsletterSubscriber)).all()) == 1


def test_an_issue_goes_only_to_confirmed_unsuppressed_addresses(engine: Engine) -> None:
    _subscribed(engine)
    _sign_up(engine, name="Nog Niet", email="pending@example.nl")
    issue = newsletter.Issue("Nieuws", "Tekst", "News", "Text")
    with transaction(engine) as session:
        mails = newsletter.issue_mails(session, ctx(), issue)
        session.add(NewsletterSuppression(email_hash=newsletter.email_hash(ctx().secret, ADDRESS)))
    assert [m.to for m in mails] == [ADDRESS]
    assert "List-Unsubscribe" in mails[0].headers and "newsletter-unsubscribe?t=" in mails[0].body
    with transaction(engine) as session:
        assert newsletter.issue_mails(session, ctx(), issue) == []  # suppressed now


@pytest.mark.parametrize(
    ("name", "email", "message"),
    [
        ("x" * 10_000, ADDRESS, "visitor.name_invalid"),
        ("Lies", "x" * 10_000, "visitor.email_invalid"),
        ("", ADDRESS, "visitor.name_missing"),
        ("Lies", "", "visitor.email_missing"),
    ],
)
def test_bad_sign_ups_are_refused_with_a_clear_message(
    engine: Engine, name: str, email: str, message: str
) -> None:
    result = _sign_up(engine, name=name, email=email)
    assert not result.ok and result.message == message and result.mails == []


def test_script_tags_are_stored_as_text(engine: Engine) -> None:
    script = "<script>alert('x')</script>"
    _sign_up(engine, name=script)
    with Session(engine) as session:
        assert session.exec(select(NewsletterSubscriber)).one().name == script


def test_an_unconfirmed_sign_up_is_purged_after_thirty_days_a_confirmed_one_stays(
    engine: Engine,
) -> None:
    """Seed ch. 2: "niet langer dan noodzakelijk" — a sign-up nobody confirmed is kept
    ``UNCONFIRMED_DAYS`` (30) and then deleted with its link; a confirmed one stays until
    its owner unsubscribes ("totdat de persoon zich afmeldt")."""
    from kwportal.domain.visitors import UNCONFIRMED_DAYS
    from kwportal.services.visitors import purge

    _subscribed(engine)  # confirmed at T0
    _sign_up(engine, name="Niet Bevestigd", email="later@example.nl")
    day_before = T0 + timedelta(days=UNCONFIRMED_DAYS) - timedelta(minutes=1)
    with transaction(engine) as session:
        purge.purge(session, now=day_before)
    with Session(engine) as session:
        rows = session.exec(select(NewsletterSubscriber)).all()
        assert len(rows) == 2
        pending = next(row.id for row in rows if row.status == "pending")
    with transaction(engine) as session:
        removed = purge.purge(session, now=T0 + timedelta(days=UNCONFIRMED_DAYS, minutes=1))
    assert removed["newsletter_subscriber"] == 1
    with Session(engine) as session:
        left = session.exec(select(NewsletterSubscriber)).all()
        assert [row.status for row in left] == ["active"]
        links = session.exec(select(VisitorToken)).all()
        assert [link for link in links if link.subscriber_id == pending] == []
