"""Consent to keep a file longer: granted and withdrawn by the employee alone, audited, and
honoured by the retention rules at once."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.domain.policy import Actor
from kwportal.domain.retention import Rule
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, ConsentRecord
from kwportal.services import audit
from kwportal.services.retention import consent as retention_consent
from kwportal.services.retention import desk as retention_desk
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
OLD = datetime(2000, 1, 3, tzinfo=UTC)


def _employee(session: Session) -> Actor:
    org = factories.organisation(session, contract_end=date(2001, 1, 1))
    person = factories.employee(session, org, employment_end=date(2000, 12, 31), created_at=OLD)
    return Actor(account_id=1, role=Role.EMPLOYEE, organisation_id=org.id, employee_id=person.id)


def test_grant_postpones_and_withdraw_restores_at_once(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        me = _employee(session)
        before = retention_desk.own_retention(session, me)
        assert before is not None and before.rule is Rule.MEDICAL_FILE_20Y
        consent_id = retention_consent.grant(
            session, me, until=date(2040, 6, 30), now=NOW, access=WEB, secret=TEST_SECRET
        )
        longer = retention_desk.own_retention(session, me)
        assert longer is not None and longer.rule is Rule.CONSENT_LONGER
        assert longer.destroy_from == date(2040, 7, 1)
        retention_consent.withdraw(
            session, me, consent_id=consent_id, now=NOW, access=WEB, secret=TEST_SECRET
        )
        after = retention_desk.own_retention(session, me)
        assert after is not None and after.destroy_from == before.destroy_from
        record = session.get(ConsentRecord, consent_id)
        assert record is not None and record.notice_version == retention_consent.NOTICE_VERSION
        types = [e.event_type for e in session.exec(select(AuditEvent))]
        assert types.count("consent_granted") == 1 and types.count("consent_withdrawn") == 1


@pytest.mark.parametrize(
    ("until", "code"),
    [(date(2026, 11, 28), "consent.until_in_past"), (date(2200, 1, 1), "consent.until_too_far")],
)
def test_bad_dates_are_refused(sqlite_engine: Engine, until: date, code: str) -> None:
    with Session(sqlite_engine) as session, session.begin():
        me = _employee(session)
        with pytest.raises(retention_consent.ConsentError) as refused:
            retention_consent.grant(
                session, me, until=until, now=NOW, access=WEB, secret=TEST_SECRET
            )
        assert refused.value.code == code


def test_withdrawing_twice_or_someone_elses_is_refused(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, session.begin():
        me = _employee(session)
        other = _employee(session)
        consent_id = retention_consent.grant(
            session, me, until=date(2040, 1, 1), now=NOW, access=WEB, secret=TEST_SECRET
        )
        with pytest.raises(retention_consent.ConsentError, match=r"consent\.unknown"):
            retention_consent.withdraw(
                session, other, consent_id=consent_id, now=NOW, access=WEB, secret=TEST_SECRET
            )
        retention_consent.withdraw(
            session, me, consent_id=consent_id, now=NOW, access=WEB, secret=TEST_SECRET
        )
        with pytest.raises(retention_consent.ConsentError, match="already_withdrawn"):
            retention_consent.withdraw(
                session, me, consent_id=consent_id, now=NOW, access=WEB, secret=TEST_SECRET
            )


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.EMPLOYEE])
def test_only_the_employee_himself(sqlite_engine: Engine, role: Role) -> None:
    with Session(sqlite_engine) as session, session.begin():
        _employee(session)
        with pytest.raises(retention_consent.ConsentError, match="not_allowed"):
            retention_consent.grant(
                session,
                Actor(9, role, 1, 1),
                until=date(2040, 1, 1),
                now=NOW,
                access=WEB,
                secret=TEST_SECRET,
            )
