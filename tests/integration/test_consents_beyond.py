"""Consents beyond the employer (issue 17 item 7): the doctor, his team or the case manager
asks for each consent BRIEF.md names — a GP machtiging, a re-integration provider, the
absence insurer, a new arbodienst — with recipient, purpose, data and period; the employee
grants it with a receipt that verifies, withdraws it with another, and a withdrawn or expired
consent shows so to the staff (the consent-requests list, the doctor's case file)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_date
from kwportal.models import AuditEvent, ConsentReceipt, ConsentRecord, Disclosure
from kwportal.services import audit
from kwportal.services.case import consent_requests, file
from kwportal.services.case.consent_beyond import (
    ConsentAsk,
    consent_statuses,
    do_request_consent,
    request_consent,
)
from kwportal.services.employee import consents, receipts
from kwportal.services.employee.consents import ConsentError
from kwportal.services.unit import Ctx
from kwportal.ui.pages.care.consent_requests import ConsentRequestState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.dutch_time import dutch_today
from tests.integration.auth_helpers import cheap_argon2  # noqa: F401 (a fixture)
from tests.integration.plan_world import build_world
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state
from tests.integration.test_telling import signed_in_case_manager

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
UNTIL = "2027-03-01"
ASKED_BY = {
    "gp_authorisation": ("doctor", "team"),
    "reintegration_provider": ("doctor", "manager"),
    "insurer": ("doctor", "manager"),
    "new_arbodienst": ("doctor", "manager"),
}
EVERYONE = ("doctor", "team", "manager", "employer", "employee", "desk", "admin")


def _world(session: Session) -> tuple[dict[str, Actor], int, int]:
    org = factories.organisation(session)
    person = factories.employee(session, org, first_name="Gert", last_name="Grant")
    case = factories.sick_case(session, person, sick_report_date=date(2026, 11, 1))
    other = factories.sick_case(
        session, factories.employee(session, factories.organisation(session))
    )
    scope = frozenset({org.id or 0})
    ids = {
        name: factories.account(session, role, **extra).id or 0
        for name, role, extra in (
            ("doctor", Role.COMPANY_DOCTOR, {}),
            ("team", Role.CARE_TEAM, {}),
            ("manager", Role.CASE_MANAGER, {}),
            ("employer", Role.EMPLOYER_CONTACT, {"organisation_id": org.id}),
            ("employee", Role.EMPLOYEE, {"employee_id": person.id}),
            ("desk", Role.PRIVACY_OFFICER, {}),
            ("admin", Role.ADMIN, {}),
        )
    }
    actors = {
        "doctor": Actor(ids["doctor"], Role.COMPANY_DOCTOR, employer_ids=scope),
        "team": Actor(ids["team"], Role.CARE_TEAM, employer_ids=scope),
        "manager": Actor(ids["manager"], Role.CASE_MANAGER, employer_ids=scope),
        "employer": Actor(ids["employer"], Role.EMPLOYER_CONTACT, org.id),
        "employee": Actor(ids["employee"], Role.EMPLOYEE, org.id, person.id),
        "desk": Actor(ids["desk"], Role.PRIVACY_OFFICER),
        "admin": Actor(ids["admin"], Role.ADMIN),
    }
    return actors, case.id or 0, other.id or 0


def _ctx(session: Session, now: datetime = NOW) -> Ctx:
    return Ctx(
        access=WEB, now=now, secret=TEST_SECRET, origin="https://portal.test", session=session
    )


def _ask(kind: str = "insurer", **overrides: str) -> ConsentAsk:
    values = {
        "kind": kind,
        "recipient": "Huisartsenpraktijk De Linde",
        "purpose": "Informatie over de behandeling, voor het advies over werkhervatting",
        "data": "Behandelplan en verwachte duur",
        "valid_until": UNTIL,
    }
    values.update(overrides)
    return ConsentAsk(**values)


@pytest.mark.parametrize("kind", sorted(ASKED_BY))
def test_each_kind_is_asked_by_the_right_roles_and_refused_for_the_others(
    sqlite_engine: Engine, kind: str
) -> None:
    with Session(sqlite_engine) as session, session.begin():
        actors, case_id, other_case = _world(session)
        for who in EVERYONE:
            if who in ASKED_BY[kind]:
                consent_id = request_consent(_ctx(session), actors[who], case_id, _ask(kind))
                record = session.get(ConsentRecord, consent_id)
                assert record is not None and record.status == "requested"
                assert (record.kind, record.valid_until) == (kind, date(2027, 3, 1))
                assert record.granted_at is None and record.legal_basis == "explicit_consent"
                session.delete(record)  # the next asker may ask the same
                session.flush()
                continue
            with pytest.raises(ConsentError) as refused:
                request_consent(_ctx(session), actors[who], case_id, _ask(kind))
            assert refused.value.code in ("auth.not_allowed", "consent_beyond.not_yours"), who
        # nor for a case outside the asker's scope
        with pytest.raises(ConsentError, match=r"consent_req\.unknown_case"):
            request_consent(_ctx(session), actors["doctor"], other_case, _ask(kind))


def test_the_emergency_note_is_the_care_teams_and_never_the_case_managers(
    sqlite_engine: Engine,
) -> None:
    with Session(sqlite_engine) as session, session.begin():
        actors, case_id, _ = _world(session)
        for who in ("manager", "employer"):
            with pytest.raises(ConsentError, match=r"auth\.not_allowed"):
                consent_requests.request_datum(
                    session,
                    actors[who],
                    case_id=case_id,
                    datum_kind="emergency_note",
                    label="Noodinstructie",
                    value="Bij een aanval 112 bellen.",
                    purpose="Collega's helpen",
                    now=NOW,
                    access=WEB,
                    secret=TEST_SECRET,
                )
        with pytest.raises(ConsentError, match=r"consent_req\.unknown_kind"):
            request_consent(_ctx(session), actors["doctor"], case_id, _ask("employer_datum"))


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"recipient": "  "}, "consent_beyond.recipient_required"),
        ({"recipient": "x" * 201}, "consent_beyond.recipient_too_long"),
        ({"purpose": ""}, "consent_beyond.purpose_required"),
        ({"data": "d" * 501}, "consent_beyond.data_too_long"),
        ({"valid_until": ""}, "consent_beyond.until_required"),
        ({"valid_until": "2026-02-30"}, "consent_beyond.until_required"),
        ({"valid_until": "2026-11-30"}, "consent_beyond.until_in_past"),
        ({"valid_until": "2028-12-01"}, "consent_beyond.until_too_far"),
        ({"kind": "shoe_size"}, "consent_req.unknown_kind"),
    ],
)
def test_a_bad_request_is_refused_by_name_and_stores_nothing(
    sqlite_engine: Engine, overrides: dict[str, str], code: str
) -> None:
    with Session(sqlite_engine) as session, session.begin():
        actors, case_id, _ = _world(session)
        with pytest.raises(ConsentError) as refused:
            ask = _ask(**{"kind": "insurer", **overrides})
            request_consent(_ctx(session), actors["doctor"], case_id, ask)
        assert refused.value.code == code
        assert session.exec(select(ConsentRecord)).all() == []


def test_granted_with_a_receipt_that_verifies_then_withdrawn_and_shown_so(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        actors, case_id, _ = _world(session)
        ctx = _ctx(session)
        page = do_request_consent(actors["doctor"], case_id, _ask("gp_authorisation"), ctx=ctx)
        [line] = page.requests
        assert (line.kind, line.state, line.recipient) == (
            "gp_authorisation",
            "requested",
            "Huisartsenpraktijk De Linde",
        )
        with pytest.raises(ConsentError, match=r"consent_req\.duplicate"):
            request_consent(ctx, actors["doctor"], case_id, _ask("gp_authorisation"))
        me = actors["employee"]
        [mine] = consents.list_mine(session, me, today=NOW.date())
        assert (mine.kind, mine.state, mine.recipient, mine.valid_until) == (
            "gp_authorisation",
            "requested",
            "Huisartsenpraktijk De Linde",
            date(2027, 3, 1),
        )
        assert mine.purpose and mine.data == "Behandelplan en verwachte duur"
        granted = consents.grant(
            session, me, line.consent_id, now=NOW, access=WEB, secret=TEST_SECRET
        )
        token = session.get(ConsentReceipt, granted)
        assert token is not None
        fields = receipts.verify(token.token)
        # the doctor sees on the case file that the machtiging may be used
        statuses = consent_statuses(
            session, actors["doctor"], _subject(session, case_id), today=NOW.date()
        )
        assert [(s.kind, s.state, s.usable) for s in statuses] == [
            ("gp_authorisation", "granted", True)
        ]
        later = NOW + timedelta(days=3)
        withdrawn = consents.withdraw(
            session, me, line.consent_id, now=later, access=WEB, secret=TEST_SECRET
        )
        withdrawal = session.get(ConsentReceipt, withdrawn)
        assert withdrawal is not None
        back = receipts.verify(withdrawal.token)
        file_page = file.do_open_case_file(actors["doctor"], case_id, ctx=_ctx(session, later))
        lines = consent_requests.requests_in_scope(session, actors["doctor"], today=later.date())
        nothing_disclosed = session.exec(select(Disclosure)).all() == []
        events = [e.event_type for e in session.exec(select(AuditEvent))]
    assert fields["recipients"] == ["Huisartsenpraktijk De Linde"]
    assert fields["data_description"] == "Behandelplan en verwachte duur"
    assert fields["valid_until"] == "2027-03-01" and fields["state"] == "given"
    assert fields["legal_basis"] == "AVG art. 6(1)(a), art. 9(2)(a)"
    assert fields["data_categories"] == ["medical"] and fields["purpose"]
    assert back["state"] == "withdrawn"
    assert [(c.kind, c.state, c.usable) for c in file_page.consents] == [
        ("gp_authorisation", "withdrawn", False)
    ]
    assert [line.state for line in lines] == ["withdrawn"]
    # granting a machtiging discloses nothing by itself: KrachtWerkt may now ask the GP
    assert nothing_disclosed
    assert events.count("consent_requested") == 1
    assert events.count("consent_granted") == events.count("consent_withdrawn") == 1


def test_an_expired_consent_shows_so_and_cannot_be_granted_any_more(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        actors, case_id, _ = _world(session)
        ctx = _ctx(session)
        granted = request_consent(ctx, actors["manager"], case_id, _ask("insurer"))
        unanswered = request_consent(ctx, actors["manager"], case_id, _ask("new_arbodienst"))
        me = actors["employee"]
        consents.grant(session, me, granted, now=NOW, access=WEB, secret=TEST_SECRET)
        after = NOW + timedelta(days=100)  # past 2027-03-01
        with pytest.raises(ConsentError, match=r"consents\.expired"):
            consents.grant(session, me, unanswered, now=after, access=WEB, secret=TEST_SECRET)
        mine = {c.consent_id: c.state for c in consents.list_mine(session, me, today=after.date())}
        seen = consent_requests.requests_in_scope(session, actors["manager"], today=after.date())
        statuses = consent_statuses(
            session, actors["manager"], _subject(session, case_id), today=after.date()
        )
        # the case manager sees the kinds he asks for, never the doctor's GP machtiging
        request_consent(ctx, actors["doctor"], case_id, _ask("gp_authorisation"))
        kinds = {
            line.kind for line in consent_requests.requests_in_scope(session, actors["manager"])
        }
        # withdrawing an expired consent is still possible, and harmless
        consents.withdraw(session, me, granted, now=after, access=WEB, secret=TEST_SECRET)
    assert mine == {granted: "expired", unanswered: "expired"}
    assert {line.consent_id: line.state for line in seen} == {
        granted: "expired",
        unanswered: "expired",
    }
    assert all(not s.usable for s in statuses)
    assert kinds == {"insurer", "new_arbodienst"}


def _subject(session: Session, case_id: int):  # type: ignore[no-untyped-def]
    from kwportal.domain.policy import Subject
    from kwportal.models import SickLeaveCase

    case = session.get(SickLeaveCase, case_id)
    assert case is not None
    return Subject(case.employee_id, case.organisation_id)


# --- the page, through its real handlers ---------------------------------------------------


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


@pytest.mark.usefixtures("cheap_argon2")
def test_the_case_manager_asks_on_the_page_for_his_kinds_only(portal: Engine) -> None:
    world = build_world(portal)
    token = signed_in_case_manager(portal, world)
    state = page_state(ConsentRequestState, token, url="http://localhost:3000/consent-requests")
    call(state, "load")
    assert state.beyond_kinds == ["reintegration_provider", "insurer", "new_arbodienst"]
    assert not state.asks_datum and state.requests == []
    last_day = dutch_today() + timedelta(days=60)
    until = last_day.isoformat()
    form = {
        "case_id": str(world.case),
        "kind": "gp_authorisation",
        "recipient": "Huisarts Jansen",
        "purpose": "Behandelinformatie",
        "data": "Behandelplan",
        "valid_until": until,
    }
    call(state, "send_beyond", form)
    assert state.notice_key == "consent_beyond.not_yours" and state.requests == []
    call(state, "send_beyond", {**form, "kind": "insurer", "recipient": "Verzekeraar NV"})
    assert state.notice_key == "consent_req.sent"
    [row] = state.requests
    assert (row.consent_kind, row.recipient, row.state, row.until) == (
        "insurer",
        "Verzekeraar NV",
        "requested",
        fmt_date(last_day, "nl"),
    )
    assert row.when_key == "consents.requested_on"
    call(state, "send_request", {"case_id": str(world.case), "kind": "emergency_note"})
    assert state.notice_key != "consent_req.sent"  # the emergency note is not his to ask
