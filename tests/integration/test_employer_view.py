"""The employer's view carries only the four items, released, of its own employees."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import EmployerFeedback, MedicalNote
from kwportal.services import audit
from kwportal.services.employer.case_view import employer_case_view
from kwportal.services.views import PolicyDeniedError
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")


def _case_with_secrets(session: Session):
    org = factories.organisation(session)
    person = factories.employee(session, org)
    case = factories.sick_case(session, person, care_address="ZORGADRES-1", safety_net=True)
    session.add(MedicalNote(case_id=case.id, employee_id=person.id, body="MEDISCH-1 rug"))
    session.add(
        EmployerFeedback(
            case_id=case.id,
            advice="Aangepast werk",
            functional_capacity=json.dumps({"dynamic_movements": "limited"}),
            capacity_notes=json.dumps({"dynamic_movements": "Tillen tot 10 kg"}),
            status="released",
            released_at=datetime(2026, 10, 8, tzinfo=UTC),
        )
    )
    session.add(
        EmployerFeedback(
            case_id=case.id,
            advice="CONCEPT-1",
            capacity_notes=json.dumps({"dynamic_movements": "CONCEPT-2"}),
            status="draft",
        )
    )
    session.flush()
    return org, person, case


def test_employer_sees_released_items_only_and_the_read_is_audited(engine) -> None:
    with Session(engine) as session, session.begin():
        org, _person, case = _case_with_secrets(session)
        actor = Actor(account_id=7, role=Role.EMPLOYER_CONTACT, organisation_id=org.id)
        view = employer_case_view(actor, case.id, session=session, access=WEB, secret=TEST_SECRET)
    text = repr(view)
    assert "Aangepast werk" in text
    # the note on an area is part of what he can and cannot do: released with the level
    [released] = view.feedback
    assert released.functional_capacity == (("dynamic_movements", "limited"),)
    assert released.capacity_notes == (("dynamic_movements", "Tillen tot 10 kg"),)
    for forbidden in ("MEDISCH-", "ZORGADRES-", "CONCEPT-", "safety_net", "True"):
        assert forbidden not in text
    with Session(engine) as session:
        report = audit.verify_chain(session, secret=TEST_SECRET)
    assert report.ok and report.rows == 1


def test_other_organisation_is_refused(engine) -> None:
    with Session(engine) as session, session.begin():
        _org, _person, case = _case_with_secrets(session)
        stranger = factories.organisation(session)
        actor = Actor(account_id=8, role=Role.EMPLOYER_CONTACT, organisation_id=stranger.id)
        with pytest.raises(PolicyDeniedError):
            employer_case_view(actor, case.id, session=session, access=WEB, secret=TEST_SECRET)


def test_privacy_officer_cannot_build_the_view(engine) -> None:
    """In scope (ALL) but not allowed absence or feedback: the projection refuses."""
    with Session(engine) as session, session.begin():
        _org, _person, case = _case_with_secrets(session)
        actor = Actor(account_id=9, role=Role.PRIVACY_OFFICER)
        with pytest.raises(PolicyDeniedError, match="privacy_officer may not see"):
            employer_case_view(actor, case.id, session=session, access=WEB, secret=TEST_SECRET)
