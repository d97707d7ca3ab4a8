"""Callback requests (issue 9 item 5): the short form validated on the server, the case
managers' queue with status, audited reads, and retention; SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain.roles import Role
from kwportal.models import CallbackRequest
from kwportal.services import audit
from kwportal.services.visitors import callbacks
from kwportal.services.visitors import purge as visitor_purge
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import T0, ctx
from tests.integration.visitor_helpers import events, staff

GOOD = {
    "name": "Bert Beller",
    "phone": "06-12345678",
    "preferred_time": "morning",
    "topic": "absence",
    "message": "Graag informatie over verzuimbegeleiding.",
}
HERE = audit.AccessPoint(ip="10.0.0.1", agent="pytest")


def _submit(engine: Engine, now=T0, **changes: str) -> callbacks.Result:
    with transaction(engine) as session:
        return callbacks.submit(session, ctx(now), **{**GOOD, **changes}, language="nl")


def _queue(engine: Engine, role: Role = Role.CASE_MANAGER) -> list[callbacks.CallbackLine]:
    actor = staff(engine, role)
    with transaction(engine) as session:
        return callbacks.queue(session, actor, access_point=HERE, secret=TEST_SECRET, now=T0)


def test_a_request_lands_in_the_case_managers_queue(engine: Engine) -> None:
    assert _submit(engine).message == "visitor.callback_received"
    [line] = _queue(engine)
    assert (line.name, line.phone, line.topic, line.status) == (
        "Bert Beller",
        "06-12345678",
        "absence",
        "new",
    )
    assert len(events(engine, "callback_requested")) == 1
    viewed = events(engine, "callback_queue_viewed")
    assert len(viewed) == 1 and '"callback_request"' in viewed[0].objects


@pytest.mark.parametrize(
    "role",
    [Role.EMPLOYER_CONTACT, Role.EMPLOYEE, Role.PRIVACY_OFFICER, Role.ADMIN, Role.COMPANY_DOCTOR],
)
def test_other_roles_are_refused_the_queue(engine: Engine, role: Role) -> None:
    _submit(engine)
    with pytest.raises(PermissionError):
        _queue(engine, role)


def test_status_moves_and_done_leaves_the_queue(engine: Engine) -> None:
    _submit(engine)
    actor = staff(engine, Role.CASE_MANAGER)
    [line] = _queue(engine)

    def change(status: str, who=actor) -> str:
        with transaction(engine) as session:
            return callbacks.change_status(
                session,
                who,
                line.callback_id,
                status,
                access_point=HERE,
                secret=TEST_SECRET,
                now=T0,
            )

    assert change("in_progress") == ""
    assert _queue(engine)[0].status == "in_progress"
    assert change("nonsense") == "visitor.choice_invalid"
    assert change("done", staff(engine, Role.EMPLOYER_CONTACT)) == "auth.not_allowed"
    assert change("done") == ""
    assert _queue(engine) == []
    with Session(engine) as session:
        row = session.exec(select(CallbackRequest)).one()
    assert row.closed_at is not None and row.handled_by_account_id == actor.account_id
    assert len(events(engine, "callback_status_changed")) == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "x" * 10_000, "visitor.name_invalid"),
        ("phone", "x" * 10_000, "visitor.phone_invalid"),
        ("phone", "<script>alert(1)</script>", "visitor.phone_invalid"),
        ("preferred_time", "x" * 10_000, "visitor.choice_invalid"),
        ("topic", "<script>", "visitor.choice_invalid"),
        ("message", "x" * 10_000, "visitor.text_too_long"),
        ("name", "", "visitor.name_missing"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(
    engine: Engine, field: str, value: str, message: str
) -> None:
    result = _submit(engine, **{field: value})
    assert not result.ok and result.message == message
    with Session(engine) as session:
        assert session.exec(select(CallbackRequest)).all() == []


def test_script_tags_are_kept_as_text(engine: Engine) -> None:
    script = "<script>alert(1)</script>"
    _submit(engine, name=script, message=script)
    [line] = _queue(engine)
    assert line.name == script and line.message == script


def test_retention_180_days_after_done_and_a_year_at_most(engine: Engine) -> None:
    _submit(engine, name="Oud Open", now=T0 - timedelta(days=366))
    _submit(engine, name="Lang Klaar")
    _submit(engine, name="Net Klaar")
    with transaction(engine) as session:
        for row in session.exec(select(CallbackRequest)):
            if row.name == "Lang Klaar":
                row.status, row.closed_at = "done", T0 - timedelta(days=181)
            if row.name == "Net Klaar":
                row.status, row.closed_at = "done", T0 - timedelta(days=10)
            session.add(row)
    with transaction(engine) as session:
        removed = visitor_purge.purge(session, now=T0)
    assert removed["callback_request"] == 2
    with Session(engine) as session:
        assert [r.name for r in session.exec(select(CallbackRequest))] == ["Net Klaar"]
