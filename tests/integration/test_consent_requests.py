"""Consent requests (issue 7 item 6) and the employee's consents (issue 5 item 4): a doctor
asks for one named datum for the employer; only a granted, not withdrawn consent lets it
into the employer's view, and a withdrawal removes it from the very next request."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import (
    Account,
    AuditEvent,
    ConsentReceipt,
    ConsentRecord,
    Disclosure,
    Employee,
    EmployeeLetter,
)
from kwportal.services import audit
from kwportal.services.case import consent_requests
from kwportal.services.employee import consents, receipts
from kwportal.services.employee.consents import ConsentError
from kwportal.services.employee.employer_view import my_employer_view
from kwportal.services.employer import dashboard as employer_dashboard
from kwportal.services.unit import Ctx
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
SECRET_TEXT = "Bij een epileptische aanval: niet vasthouden, 112 bellen na 5 minuten."


def _world(session: Session):
    org = factories.organisation(session)
    other_org = factories.organisation(session)
    person = factories.employee(session, org, first_name="Eva", last_name="Epi")
    case = factories.sick_case(session, person, sick_report_date=date(2026, 11, 1))
    stranger = factories.employee(session, other_org)
    other_case = factories.sick_case(session, stranger)
    doctor = factories.account(session, Role.COMPANY_DOCTOR)
    own = factories.account(session, Role.EMPLOYEE, employee_id=person.id)
    member = factories.account(session, Role.CARE_TEAM)
    actors = {
        "doctor": Actor(doctor.id, Role.COMPANY_DOCTOR, employer_ids=frozenset({org.id})),
        "team": Actor(member.id, Role.CARE_TEAM, employer_ids=frozenset({org.id})),
        "employee": Actor(own.id, Role.EMPLOYEE, org.id, person.id),
        "stranger": Actor(51, Role.EMPLOYEE, other_org.id, stranger.id),
        "employer": Actor(60, Role.EMPLOYER_CONTACT, org.id),
    }
    return actors, case, other_case


def _ask(session: Session, actor: Actor, case_id: int, **overrides: str) -> int:
    values = {
        "datum_kind": "emergency_note",
        "label": "Wat te doen bij een aanval",
        "value": SECRET_TEXT,
        "purpose": "Collega's kunnen helpen in een noodgeval",
    }
    values.update(overrides)
    return consent_requests.request_datum(
        session,
        actor,
        case_id=case_id,
        now=NOW,
        access=WEB,
        secret=TEST_SECRET,
        **values,  # type: ignore[arg-type]
    )


def _employer_sees(session: Session, employer: Actor, case_id: int, today: date) -> list[str]:
    page = employer_dashboard.case_page(
        employer, case_id, session=session, today=today, access=WEB, secret=TEST_SECRET
    )
    return [f"{item.label}: {item.value}" for item in page.view.consented]


def test_request_grant_and_withdraw_drive_the_employers_view(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        actors, case, _ = _world(session)
        consent_id = _ask(session, actors["doctor"], case.id)
        today = NOW.date()
        assert _employer_sees(session, actors["employer"], case.id, today) == []
        mine = consents.list_mine(session, actors["employee"])
        assert [(c.consent_id, c.state, c.datum_value) for c in mine] == [
            (consent_id, "requested", SECRET_TEXT)
        ]
        grant_receipt = consents.grant(
            session, actors["employee"], consent_id, now=NOW, access=WEB, secret=TEST_SECRET
        )
        seen = _employer_sees(session, actors["employer"], case.id, today)
        assert seen == [f"Wat te doen bij een aanval: {SECRET_TEXT}"]
        # the employee's "what my employer sees" renders the very same items
        own = my_employer_view(actors["employee"], session=session, access=WEB, secret=TEST_SECRET)
        assert own is not None and [i.value for i in own.view.consented] == [SECRET_TEXT]
        later = NOW + timedelta(minutes=1)
        withdraw_receipt = consents.withdraw(
            session, actors["employee"], consent_id, now=later, access=WEB, secret=TEST_SECRET
        )
        assert _employer_sees(session, actors["employer"], case.id, today) == []
        record = session.get(ConsentRecord, consent_id)
        disclosures = session.exec(
            select(Disclosure).where(Disclosure.consent_id == consent_id)
        ).all()
        events = [e.event_type for e in session.exec(select(AuditEvent))]
        reads = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "employer_case_view")
        ).all()
    assert record is not None and record.withdrawn_at is not None and record.status == "granted"
    assert grant_receipt != withdraw_receipt
    assert [d.ground for d in disclosures] == ["consent"]
    assert events.count("consent_requested") == 1
    assert events.count("consent_granted") == 1 and events.count("consent_withdrawn") == 1
    # the employer's read while the consent was active names the consented datum
    assert sum("consented_datum" in e.objects for e in reads) == 1


def test_the_consented_datum_leaves_the_view_when_the_consent_expires(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        actors, case, _ = _world(session)
        consent_id = _ask(session, actors["team"], case.id)
        consents.grant(
            session, actors["employee"], consent_id, now=NOW, access=WEB, secret=TEST_SECRET
        )
        record = session.get(ConsentRecord, consent_id)
        assert record is not None
        record.valid_until = date(2026, 12, 31)
        session.add(record)
        session.flush()
        assert _employer_sees(session, actors["employer"], case.id, date(2026, 12, 31))
        assert not _employer_sees(session, actors["employer"], case.id, date(2027, 1, 1))


@pytest.mark.parametrize("kind", ["diagnosis", "medication", "treatment", "other_health"])
def test_a_request_for_a_forbidden_kind_is_refused_by_name(
    sqlite_engine: Engine, kind: str
) -> None:
    with Session(sqlite_engine) as session, session.begin():
        actors, case, _ = _world(session)
        with pytest.raises(ConsentError) as refused:
            _ask(session, actors["doctor"], case.id, datum_kind=kind, value="Diagnose: MEDISCH-X")
        assert refused.value.code == "consent_req.forbidden_kind"
        assert session.exec(select(ConsentRecord)).all() == []


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"datum_kind": "shoe_size"}, "consent_req.unknown_kind"),
        # issue 17 item 7: the route to the employer is the emergency note only
        ({"datum_kind": "contact_detail"}, "consent_req.unknown_kind"),
        ({"label": "   "}, "consent_req.label_required"),
        ({"value": ""}, "consent_req.value_required"),
        ({"value": "x" * 100_000}, "consent_req.value_too_long"),
        ({"purpose": "y" * 301}, "consent_req.purpose_too_long"),
    ],
)
def test_bad_requests_are_refused_with_a_clear_code(
    sqlite_engine: Engine, overrides: dict[str, str], code: str
) -> None:
    with Session(sqlite_engine) as session, session.begin():
        actors, case, _ = _world(session)
        with pytest.raises(ConsentError) as refused:
            _ask(session, actors["doctor"], case.id, **overrides)
        assert refused.value.code == code


def test_only_the_care_team_of_the_employer_may_ask(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        actors, case, other_case = _world(session)
        with pytest.raises(ConsentError, match=r"consent_req\.unknown_case"):
            _ask(session, actors["doctor"], other_case.id)
        for who in ("employee", "employer"):
            with pytest.raises(ConsentError, match=r"auth\.not_allowed"):
                _ask(session, actors[who], case.id)
        cases = consent_requests.open_cases(session, actors["doctor"])
        assert [c.case_id for c in cases] == [case.id]


def test_double_taps_change_nothing_twice(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        actors, case, _ = _world(session)
        consent_id = _ask(session, actors["doctor"], case.id)
        with pytest.raises(ConsentError, match=r"consent_req\.duplicate"):
            _ask(session, actors["doctor"], case.id)
        me = actors["employee"]
        consents.grant(session, me, consent_id, now=NOW, access=WEB, secret=TEST_SECRET)
        with pytest.raises(ConsentError, match=r"consents\.already_granted"):
            consents.grant(session, me, consent_id, now=NOW, access=WEB, secret=TEST_SECRET)
        with pytest.raises(ConsentError, match=r"consents\.already_granted"):
            consents.refuse(session, me, consent_id, now=NOW, access=WEB, secret=TEST_SECRET)
        consents.withdraw(session, me, consent_id, now=NOW, access=WEB, secret=TEST_SECRET)
        with pytest.raises(ConsentError, match=r"consent\.already_withdrawn"):
            consents.withdraw(session, me, consent_id, now=NOW, access=WEB, secret=TEST_SECRET)
        with pytest.raises(ConsentError, match=r"consent\.already_withdrawn"):
            consents.grant(session, me, consent_id, now=NOW, access=WEB, secret=TEST_SECRET)
        rows = session.exec(select(ConsentReceipt)).all()
        assert sorted(r.event for r in rows) == ["granted", "withdrawn"]


def test_refusal_shares_nothing_and_cannot_be_withdrawn(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        actors, case, _ = _world(session)
        consent_id = _ask(session, actors["doctor"], case.id)
        me = actors["employee"]
        consents.refuse(session, me, consent_id, now=NOW, access=WEB, secret=TEST_SECRET)
        with pytest.raises(ConsentError, match=r"consents\.already_refused"):
            consents.withdraw(session, me, consent_id, now=NOW, access=WEB, secret=TEST_SECRET)
        assert _employer_sees(session, actors["employer"], case.id, NOW.date()) == []
        assert session.exec(select(Disclosure)).all() == []
        lines = consent_requests.requests_in_scope(session, actors["doctor"])
        assert [line.state for line in lines] == ["refused"]


def test_nobody_answers_for_another_employee(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        actors, case, _ = _world(session)
        consent_id = _ask(session, actors["doctor"], case.id)
        for action in (consents.grant, consents.refuse, consents.withdraw):
            with pytest.raises(ConsentError, match=r"consent\.unknown"):
                action(
                    session,
                    actors["stranger"],
                    consent_id,
                    now=NOW,
                    access=WEB,
                    secret=TEST_SECRET,
                )
        with pytest.raises(ConsentError, match=r"auth\.not_allowed"):
            consents.grant(
                session, actors["doctor"], consent_id, now=NOW, access=WEB, secret=TEST_SECRET
            )


def test_the_list_holds_every_consent_with_its_receipts(engine: Engine) -> None:
    from kwportal.services.retention import consent as retention_consent

    with Session(engine) as session, session.begin():
        actors, case, _ = _world(session)
        me = actors["employee"]
        kept = retention_consent.grant(
            session, me, until=date(2050, 1, 1), now=NOW, access=WEB, secret=TEST_SECRET
        )
        asked = _ask(session, actors["doctor"], case.id)
        lines = {c.consent_id: c for c in consents.list_mine(session, me)}
        assert next(iter(lines)) == asked  # an open request comes first
        retention = lines[kept]
        assert retention.state == "granted" and retention.notice_version
        assert [r.event for r in retention.receipts] == ["granted"]
        token = session.get(ConsentReceipt, retention.receipts[0].receipt_id)
        assert token is not None
        fields = receipts.verify(token.token)
    assert fields["record_id"] == f"urn:kwportal:consent:{kept}"
    assert fields["state"] == "given" and fields["purpose"]


def test_the_employee_is_told_that_a_consent_is_asked_never_what(engine: Engine) -> None:
    """He hears of the request through services/employee/telling.py: a mail to his account;
    without an account or address on file, a letter for the case manager (issue 17 item 5)."""
    origin = "https://portal.test"
    ask = {
        "datum_kind": "emergency_note",
        "label": "Wat te doen bij een aanval",
        "value": SECRET_TEXT,
        "purpose": "Collega's kunnen helpen in een noodgeval",
    }
    with Session(engine, expire_on_commit=False) as session, session.begin():
        actors, case, other_case = _world(session)
        own = session.get(Account, actors["employee"].account_id)
        assert own is not None
        own.email, own.language = "eva@example.test", "nl"
        ctx = Ctx(access=WEB, now=NOW, secret=TEST_SECRET, origin=origin, session=session)
        consent_requests.do_request_datum(actors["doctor"], case.id, **ask, ctx=ctx)
        # the stranger has no account and no address on file: a letter is queued, no mail
        stranger = session.get(Employee, other_case.employee_id)
        assert stranger is not None
        stranger.email = ""
        other_doctor = factories.account(session, Role.COMPANY_DOCTOR)
        scope = frozenset({other_case.organisation_id})
        other = Actor(other_doctor.id, Role.COMPANY_DOCTOR, employer_ids=scope)
        later = Ctx(access=WEB, now=NOW, secret=TEST_SECRET, origin=origin, session=session)
        consent_requests.do_request_datum(other, other_case.id, **ask, ctx=later)
        letters = session.exec(select(EmployeeLetter)).all()
    [mail] = ctx.outbox
    assert later.outbox == []
    assert [(x.employee_id, x.kind) for x in letters] == [(stranger.id, "consent_request")]
    assert mail.to == "eva@example.test"
    assert "https://portal.test/my-consents" in mail.body
    for private in (SECRET_TEXT, "Wat te doen bij een aanval", "noodgeval"):
        assert private not in mail.body and private not in mail.subject
