"""Visitors' rights requests (issue 9 item 6): identity confirmed by an e-mail link, then in
the privacy officer's queue with the four-week due date; access, rectification and deletion
of newsletter and callback data. SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.rights import due_date
from kwportal.domain.roles import Role
from kwportal.domain.visitors import CONFIRM_LINK_VALIDITY
from kwportal.models import CallbackRequest, NewsletterSubscriber, NewsletterSuppression
from kwportal.services import audit
from kwportal.services.visitors import callbacks, newsletter, rights
from kwportal.services.visitors.common import Result
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import T0, ctx
from tests.integration.visitor_helpers import events, staff, stored_text

LINK = re.compile(r"/visitor-rights-confirm\?token=([A-Za-z0-9_-]+)")
ADDRESS = "bezoeker@example.nl"
PHONE = "06 1234 5678"
HERE = audit.AccessPoint(ip="10.0.0.2", agent="pytest")


def _ask(engine: Engine, kind: str, details: str = "", **changes: str) -> Result:
    values = {
        "kind": kind,
        "name": "Vera Bezoeker",
        "email": ADDRESS,
        "phone": PHONE,
        "details": details,
    }
    values.update(changes)
    with transaction(engine) as session:
        return rights.submit(session, ctx(), **values, language="nl")


def _confirm(engine: Engine, result: Result, now=T0) -> Result:
    token = LINK.search(result.mails[0].body)
    assert token
    with transaction(engine) as session:
        return rights.confirm(session, ctx(now), token.group(1))


def _visitor_data(engine: Engine) -> None:
    with transaction(engine) as session:
        signed = newsletter.sign_up(
            session, ctx(), name="Vera Bezoeker", email=ADDRESS, language="nl"
        )
        callbacks.submit(
            session,
            ctx(),
            name="Vera Bezoeker",
            phone="0612345678",
            preferred_time="any",
            topic="pmo",
            message="",
            language="nl",
        )
    token = re.search(r"token=([A-Za-z0-9_-]+)", signed.mails[0].body)
    assert token
    with transaction(engine) as session:
        newsletter.confirm(session, ctx(), token.group(1))


def _queue(engine: Engine, actor=None) -> list[rights.DeskLine]:
    actor = actor or staff(engine, Role.PRIVACY_OFFICER)
    with transaction(engine) as session:
        return rights.queue(session, actor, access_point=HERE, secret=TEST_SECRET, now=T0)


def _carry_out(engine: Engine, line: rights.DeskLine, actor=None, new_name: str = "") -> Result:
    actor = actor or staff(engine, Role.PRIVACY_OFFICER)
    with transaction(engine) as session:
        return rights.carry_out(session, ctx(), actor, line.request_id, new_name=new_name)


def test_a_request_reaches_the_desk_only_after_the_email_link(engine: Engine) -> None:
    result = _ask(engine, "access")
    assert result.message == "visitor.rights_check_mail" and result.mails[0].to == ADDRESS
    assert _queue(engine) == []
    assert _confirm(engine, result).message == "visitor.rights_confirmed"
    [line] = _queue(engine)
    assert line.kind == "access" and line.due_on == due_date(T0.date()) == T0.date() + timedelta(
        days=28
    )
    assert len(events(engine, "visitor_requests_viewed")) == 2


def test_confirmation_links_are_single_use_and_expire(engine: Engine) -> None:
    result = _ask(engine, "access")
    assert _confirm(engine, result).ok
    assert _confirm(engine, result).message == "visitor.link_invalid"
    late = _ask(engine, "deletion")
    assert (
        _confirm(engine, late, T0 + CONFIRM_LINK_VALIDITY + timedelta(seconds=1)).message
        == "visitor.link_invalid"
    )


def test_access_sends_the_data_found(engine: Engine) -> None:
    _visitor_data(engine)
    _confirm(engine, _ask(engine, "access"))
    [line] = _queue(engine)
    assert dict(line.found.newsletter)["email"] == ADDRESS
    assert len(line.found.callbacks) == 1  # found by phone digits
    done = _carry_out(engine, line)
    assert done.message == "visitor.request_done"
    body = done.mails[0].body
    assert ADDRESS in body and "Vera Bezoeker" in body and done.mails[0].to == ADDRESS
    assert _queue(engine) == []
    assert len(events(engine, "visitor_rights_access_done")) == 1


def test_deletion_deletes_newsletter_and_callback_data(engine: Engine) -> None:
    _visitor_data(engine)
    _confirm(engine, _ask(engine, "deletion"))
    [line] = _queue(engine)
    _carry_out(engine, line)
    with Session(engine) as session:
        assert session.exec(select(NewsletterSubscriber)).all() == []
        assert session.exec(select(CallbackRequest)).all() == []
        assert len(session.exec(select(NewsletterSuppression)).all()) == 1
    # what remains is the request itself (proof of the answer), not the deleted data
    remaining = stored_text(engine)
    assert "0612345678" not in remaining


def test_rectification_corrects_the_name(engine: Engine) -> None:
    _visitor_data(engine)
    _confirm(engine, _ask(engine, "rectification", details="Mijn naam is Vera de Bezoeker"))
    [line] = _queue(engine)
    assert _carry_out(engine, line, new_name="").message == "visitor.name_missing"
    assert _carry_out(engine, line, new_name="Vera de Bezoeker").ok
    with Session(engine) as session:
        assert session.exec(select(NewsletterSubscriber)).one().name == "Vera de Bezoeker"
        assert session.exec(select(CallbackRequest)).one().name == "Vera de Bezoeker"


@pytest.mark.parametrize(
    "role", [Role.CASE_MANAGER, Role.ADMIN, Role.EMPLOYEE, Role.EMPLOYER_CONTACT]
)
def test_only_the_privacy_officer_handles_them(engine: Engine, role: Role) -> None:
    _confirm(engine, _ask(engine, "access"))
    other = staff(engine, role)
    with pytest.raises(PermissionError):
        _queue(engine, other)
    [line] = _queue(engine)
    assert _carry_out(engine, line, actor=other).message == "auth.not_allowed"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "<script>"}, "visitor.choice_invalid"),
        ({"email": "x" * 10_000}, "visitor.email_invalid"),
        ({"name": "x" * 10_000}, "visitor.name_invalid"),
        ({"phone": "x" * 10_000}, "visitor.phone_invalid"),
        ({"details": "x" * 10_000}, "visitor.text_too_long"),
        ({"kind": "rectification"}, "visitor.details_missing"),
    ],
)
def test_bad_requests_are_refused(engine: Engine, changes: dict[str, str], message: str) -> None:
    values = dict(changes)  # the parameter is shared by both databases' runs
    result = _ask(engine, values.pop("kind", "access"), **values)
    assert not result.ok and result.message == message and result.mails == []
