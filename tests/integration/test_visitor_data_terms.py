"""Visitors' data three years at most (issue 17 item 10): the cut address of a visitor's
event is kept apart from the hash-chained audit row and goes after three years while the
chain still verifies; the privacy officer takes an address off the newsletter for a visitor
who asked by e-mail, exactly as the self-service unsubscribe and without the address in the
log; the UWV deskundigenoordeel is a real link with the steps."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.i18n import CATALOGS
from kwportal.models import (
    AuditEvent,
    NewsletterSubscriber,
    NewsletterSuppression,
    VisitorAddress,
)
from kwportal.services import audit
from kwportal.services.visitors import newsletter, staff_unsubscribe
from kwportal.services.visitors import purge as visitor_purge
from kwportal.ui.components import second_opinion
from kwportal.ui.pages.visitors.requests import VisitorRequestsState
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    T0,
    cheap_argon2,
    ctx,
    new_enrolled,
    sign_in,
)
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state
from tests.integration.visitor_helpers import staff

CONFIRM = re.compile(r"/newsletter-confirm\?token=([A-Za-z0-9_-]+)")
ADDRESS = "lezer@example.nl"
PAGE = "http://localhost:3000"


def _subscribe(engine: Engine, email: str = ADDRESS, *, now=T0, ip="192.0.2.10") -> None:
    with transaction(engine) as session:
        done = newsletter.sign_up(session, ctx(now, ip=ip), name="Lies", email=email, language="nl")
    token = CONFIRM.search(done.mails[0].body)
    assert token
    with transaction(engine) as session:
        assert newsletter.confirm(session, ctx(now, ip=ip), token.group(1)).ok


# --- (a) the visitor's address follows the visitor term, the chain still verifies ---


def test_a_visitor_address_is_kept_apart_and_gone_after_three_years(engine: Engine) -> None:
    old_moment = T0 - timedelta(days=1097)  # three years (one of them a leap year) and a day
    _subscribe(engine, "oud@example.nl", now=old_moment, ip="198.51.100.77")
    _subscribe(engine, "nieuw@example.nl", now=T0, ip="203.0.113.9")
    with Session(engine) as session:
        visitor_rows = session.exec(
            select(AuditEvent).where(col(AuditEvent.access_agent) == "visitor")
        ).all()
        before = {a.ip_prefix for a in session.exec(select(VisitorAddress)).all()}
    # the chained rows never hold the address; the side table does, under the event number
    assert visitor_rows and all(row.access_ip == "" for row in visitor_rows)
    assert before == {"198.51.100.0", "203.0.113.0"}
    with transaction(engine) as session:
        removed = visitor_purge.purge(session, now=T0)
    with Session(engine) as session:
        left = session.exec(select(VisitorAddress)).all()
        seqs = {row.seq for row in visitor_rows}
        report = audit.verify_chain(session, secret=TEST_SECRET)
    assert removed["visitor_address"] == 2  # the old sign-up and its confirmation
    assert {a.ip_prefix for a in left} == {"203.0.113.0"}
    assert all(a.audit_seq in seqs for a in left)
    assert report.ok, report


# --- (b) the privacy officer unsubscribes an address that asked by e-mail ---


def test_the_officer_unsubscribes_an_address_like_the_self_service(engine: Engine) -> None:
    _subscribe(engine)
    officer = staff(engine, Role.PRIVACY_OFFICER)
    with transaction(engine) as session:
        done = staff_unsubscribe.unsubscribe_address(session, ctx(), officer, "  Lezer@Example.NL ")
    with transaction(engine) as session:
        again = staff_unsubscribe.unsubscribe_address(session, ctx(), officer, ADDRESS)
        unknown = staff_unsubscribe.unsubscribe_address(session, ctx(), officer, "nooit@example.nl")
    with Session(engine) as session:
        subscribers = session.exec(select(NewsletterSubscriber)).all()
        suppressions = session.exec(select(NewsletterSuppression.email_hash)).all()
        logged = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == staff_unsubscribe.EVENT)
        ).all()
        blocked = newsletter.suppressed(session, TEST_SECRET, ADDRESS)
        chain = audit.verify_chain(session, secret=TEST_SECRET)
    assert (done.message, again.message, unknown.message) == (
        staff_unsubscribe.REMOVED,
        staff_unsubscribe.ALREADY,
        staff_unsubscribe.UNKNOWN,
    )
    assert subscribers == [] and blocked
    # one suppression, for the address that was on the list; none for the unknown one
    assert suppressions == [newsletter.email_hash(TEST_SECRET, ADDRESS)]
    assert [json.loads(e.details)["outcome"] for e in logged] == ["removed", "already", "unknown"]
    assert [e.actor_account_id for e in logged] == [officer.account_id] * 3
    assert json.loads(logged[0].details)["address"] == suppressions[0]
    text = " ".join(e.details + e.objects for e in logged).lower()
    assert "lezer" not in text and "example" not in text and "nooit" not in text
    assert chain.ok


def test_a_bad_address_is_refused_and_only_the_officer_may(engine: Engine) -> None:
    _subscribe(engine)
    officer = staff(engine, Role.PRIVACY_OFFICER)
    manager = staff(engine, Role.CASE_MANAGER)
    with transaction(engine) as session:
        bad = staff_unsubscribe.unsubscribe_address(session, ctx(), officer, "geen adres")
        with pytest.raises(PermissionError):
            staff_unsubscribe.unsubscribe_address(session, ctx(), manager, ADDRESS)
    with Session(engine) as session:
        still = session.exec(select(NewsletterSubscriber)).all()
    assert (bad.ok, bad.message) == (False, "visitor.email_invalid")
    assert len(still) == 1


# --- (c) the deskundigenoordeel is a real link with the steps ---


def test_the_deskundigenoordeel_is_a_link_to_uwv_with_the_steps() -> None:
    rendered = str(second_opinion.deskundigenoordeel())
    assert second_opinion.UWV_DESKUNDIGENOORDEEL.startswith("https://www.uwv.nl/")
    assert second_opinion.UWV_DESKUNDIGENOORDEEL in rendered
    for step in second_opinion.STEPS:
        key = f"second_opinion.step.{step}"
        assert key in CATALOGS["nl"] and key in CATALOGS["en"]
    bring = CATALOGS["nl"]["second_opinion.step.bring"]
    assert "bedrijfsarts" in bring and "plan van aanpak" in bring
    assert "€" in CATALOGS["nl"]["second_opinion.step.costs"]


@pytest.mark.usefixtures("cheap_argon2")
def test_the_visitor_requests_page_unsubscribes_without_keeping_the_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with portal_database(tmp_path, monkeypatch) as portal:
        _subscribe(portal)
        _id, username, secret = new_enrolled(portal, CHEAP_HASH, role=Role.PRIVACY_OFFICER)
        token = sign_in(portal, username, secret, datetime.now(UTC))
        state = page_state(VisitorRequestsState, token, url=f"{PAGE}/visitor-requests")
        call(state, "load")
        call(state, "unsubscribe_address", {"email": "geen adres"})
        refused = state.notice_key
        call(state, "unsubscribe_address", {"email": ADDRESS})
        with Session(portal) as session:
            left = session.exec(select(NewsletterSubscriber)).all()
    assert refused == "visitor.email_invalid"
    assert state.notice_key == staff_unsubscribe.REMOVED and left == []
    assert ADDRESS not in repr(state.dict())  # the address never sat in the page's state
