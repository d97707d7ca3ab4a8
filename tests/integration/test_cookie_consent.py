"""Cookie choices as consent records (issue 9 item 2), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.db import transaction
from kwportal.domain import legal_texts
from kwportal.domain.visitors import COOKIE_CHOICE_DAYS
from kwportal.models import CookieConsent
from kwportal.services.visitors import cookies
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import T0, ctx
from tests.integration.visitor_helpers import events


def _record(engine: Engine, choice_id: str = "", **kwargs: object) -> tuple[str, cookies.Choice]:
    values: dict[str, object] = {"method": "custom", "analytics": False, "marketing": False}
    values.update(kwargs)
    now = values.pop("now", T0)
    with transaction(engine) as session:
        return cookies.record(
            session, ctx(now), choice_id, gpc=bool(values.pop("gpc", False)), **values
        )  # type: ignore[arg-type]


def _current(engine: Engine, choice_id: str, now=T0) -> cookies.Choice | None:
    with transaction(engine) as session:
        return cookies.current(session, TEST_SECRET, choice_id, now)


def test_accept_all_is_recorded_with_version_and_time(engine: Engine) -> None:
    choice_id, choice = _record(engine, method="accept_all", analytics=True, marketing=True)
    assert len(choice_id) >= 32
    assert choice.text_version == legal_texts.version_tag(legal_texts.Document.COOKIES)
    found = _current(engine, choice_id)
    assert found is not None and found.analytics and found.marketing and found.given_at == T0
    with Session(engine) as session:
        row = session.exec(select(CookieConsent)).one()
    assert row.choice_hash != choice_id and choice_id not in row.choice_hash  # only a keyed hash
    assert len(events(engine, "cookie_choice_recorded")) == 1


def test_a_change_closes_the_previous_record(engine: Engine) -> None:
    choice_id, _ = _record(engine, method="accept_all", analytics=True, marketing=True)
    later = T0 + timedelta(days=3)
    same_id, _ = _record(engine, choice_id, method="custom", analytics=True, now=later)
    assert same_id == choice_id
    found = _current(engine, choice_id, later)
    assert found is not None and found.analytics and not found.marketing
    with Session(engine) as session:
        rows = session.exec(select(CookieConsent).order_by(CookieConsent.id)).all()
    assert [r.superseded_at is not None for r in rows] == [True, False]
    assert rows[0].marketing is True  # what was consented to before stays provable


def test_withdrawal_turns_everything_off(engine: Engine) -> None:
    choice_id, _ = _record(engine, method="accept_all", analytics=True, marketing=True)
    _record(engine, choice_id, method="withdraw", analytics=True, marketing=True)
    found = _current(engine, choice_id)
    assert found is not None and not found.analytics and not found.marketing
    assert found.method == "withdraw"
    assert len(events(engine, "cookie_choice_withdrawn")) == 1


def test_global_privacy_control_refuses_marketing(engine: Engine) -> None:
    choice_id, choice = _record(
        engine, method="accept_all", analytics=True, marketing=True, gpc=True
    )
    assert choice.analytics and not choice.marketing and choice.gpc
    found = _current(engine, choice_id)
    assert found is not None and not found.marketing


def test_unknown_or_old_choices_ask_again(engine: Engine) -> None:
    assert _current(engine, "") is None
    assert _current(engine, "x" * 10_000) is None
    assert _current(engine, "never-issued") is None
    choice_id, _ = _record(engine, method="reject_all")
    assert _current(engine, choice_id, T0 + timedelta(days=COOKIE_CHOICE_DAYS)) is not None
    assert _current(engine, choice_id, T0 + timedelta(days=COOKIE_CHOICE_DAYS + 1)) is None


def test_an_unknown_choice_id_is_never_adopted(engine: Engine) -> None:
    """A visitor cannot pick his own id (fixation): an id we never issued gets a new one."""
    choice_id, _ = _record(engine, "chosen-by-the-visitor", method="reject_all")
    assert choice_id != "chosen-by-the-visitor"
