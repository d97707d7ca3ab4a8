"""My case (issue 5 item 7) and My details (item 8): the employee's appointments, helpers
and entitled documents, document downloads audited; what is stored about him with a
request per field for the value he wants (issue 17 item 2)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Appointment, AuditEvent, CaseDocument, CaseHelper, RightsRequest
from kwportal.services import audit
from kwportal.services.employee import my_case, my_details
from kwportal.services.privacy import rectification
from kwportal.services.privacy.rights import RightsError
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _setup(session: Session):
    org = factories.organisation(session)
    person = factories.employee(session, org, city="Hengelo", hours_per_week=32.0)
    other = factories.employee(session, org)
    old = factories.sick_case(session, person, sick_report_date=date(2024, 1, 8))
    case = factories.sick_case(session, person, care_address="Zorglaan 1, Almelo")
    doctor = factories.account(session, Role.COMPANY_DOCTOR, display_name="Dr. Visser")
    session.add(
        Appointment(
            case_id=case.id,
            employee_id=person.id,
            with_account_id=doctor.id,
            starts_at=NOW + timedelta(days=2),
            location="Spreekkamer 2",
        )
    )
    session.add(CaseHelper(case_id=case.id, name="Ria Coach", helper_role="re-integratiecoach"))
    docs = [
        CaseDocument(case_id=case.id, employee_id=person.id, kind=k, title=t, content=c)
        for k, t, c in (
            ("problem_analysis", "Probleemanalyse", "Inhoud PA"),
            ("plan_of_action", "Plan van aanpak", "Inhoud PvA"),
            ("internal_memo", "Intern", "MEDISCH-intern"),
        )
    ]
    docs.append(
        CaseDocument(case_id=old.id, employee_id=person.id, kind="plan_of_action", title="Oud")
    )
    session.add_all(docs)
    session.flush()
    me = Actor(None, Role.EMPLOYEE, org.id, person.id)
    stranger = Actor(None, Role.EMPLOYEE, org.id, other.id)
    return me, stranger, docs


def test_my_case_shows_the_latest_case_and_entitled_documents(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        me, stranger, docs = _setup(session)
        case = my_case.my_case(session, me)
        assert my_case.my_case(session, stranger) is None
        assert case is not None
        assert [(a.location, a.with_role, a.with_name) for a in case.appointments] == [
            ("Spreekkamer 2", "company_doctor", "Dr. Visser")
        ]
        assert [h.name for h in case.helpers] == ["Ria Coach"]
        assert [d.title for d in case.documents] == ["Probleemanalyse", "Plan van aanpak"]
        got = my_case.download_document(
            session, me, docs[1].id, now=NOW, access=WEB, secret=TEST_SECRET
        )
        assert "Inhoud PvA" in got.text and got.filename.endswith(".txt")
        for refused, who in ((docs[2].id, me), (docs[0].id, stranger), (999_999, me)):
            with pytest.raises(my_case.MyCaseError):
                my_case.download_document(
                    session, who, refused, now=NOW, access=WEB, secret=TEST_SECRET
                )
        logged = session.exec(
            select(AuditEvent.action).where(AuditEvent.event_type == "case_document_downloaded")
        ).all()
    assert logged == ["export"]


def test_my_details_and_a_rectification_per_field(engine: Engine) -> None:
    """Per field the value he wants, checked at the field (the whole path: test_rectification)."""
    with Session(engine) as session, session.begin():
        me, _, _ = _setup(session)
        details, care = my_details.my_details(session, me)
        shown = {d.field: d.value for d in details}
        assert shown["city"] == "Hengelo" and shown["hours_per_week"] == "32"
        assert [c.address for c in care] == ["Zorglaan 1, Almelo"]
        item_id = rectification.ask(
            session, me, "city", "  Enschede  ", now=NOW, access=WEB, secret=TEST_SECRET
        )
        with pytest.raises(RightsError, match=r"rights\.duplicate"):
            rectification.ask(
                session, me, "city", "Enschede", now=NOW, access=WEB, secret=TEST_SECRET
            )
        for field, value, code in (
            ("city", "   ", "rectification.error.required"),
            ("city", "x" * 100_000, "rectification.error.too_long"),
            ("password_hash", "x", "details.unknown_field"),
        ):
            with pytest.raises(RightsError) as refused:
                rectification.ask(session, me, field, value, now=NOW, access=WEB, secret="s")
            assert refused.value.code == code
        rows = session.exec(select(RightsRequest.kind, RightsRequest.text)).all()
        [item] = rectification.mine(session, me)
    assert [tuple(r) for r in rows] == [("rectification", "Verbetering gevraagd van: Woonplaats.")]
    assert (item.item_id, item.field, item.requested_value, item.status) == (
        item_id,
        "city",
        "Enschede",
        "open",
    )
