"""The case file's retention line reads one employee's dossier in one statement
(``plan.dossier_of``, issue 19 item 2); it must decide exactly as the retention run's
``plan.dossiers`` does, in every situation that moves the line."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from sqlmodel import Session

from kwportal.db import transaction
from kwportal.domain.retention import decide
from kwportal.models import ConsentRecord, EmployerFeedback, ExposureRecord, LegalHold
from kwportal.services.case.exposures import retention_line
from kwportal.services.retention.plan import dossier_of, dossiers
from tests import factories

AT = datetime(2026, 3, 1, tzinfo=UTC)


def _consent(employee_id: int, until: date, withdrawn: bool = False) -> ConsentRecord:
    return ConsentRecord(
        employee_id=employee_id,
        kind="retention_longer",
        purpose="langer bewaren",
        data_description="dossier",
        recipient="arbodienst",
        notice_version="1",
        valid_until=until,
        withdrawn_at=AT if withdrawn else None,
    )


def test_one_statement_dossier_decides_as_the_retention_run(engine):
    with transaction(engine) as session:
        org = factories.organisation(session, contract_end=date(2025, 6, 30))
        people = [factories.employee(session, org) for _ in range(7)]
        _bare, running, closed, transferred, held, consenting, exposed = people
        factories.sick_case(session, running)
        factories.sick_case(session, closed, recovery_date=date(2026, 2, 1))
        case = factories.sick_case(session, transferred, transfer_confirmed_on=date(2026, 4, 1))
        factories.sick_case(session, transferred, transfer_confirmed_on=date(2026, 5, 1))
        session.add(EmployerFeedback(case_id=case.id, created_at=AT))
        factories.sick_case(session, held, recovery_date=date(2026, 1, 1))
        session.add(LegalHold(employee_id=held.id, reason="geschil"))
        session.add(LegalHold(employee_id=closed.id, reason="oud", lifted_at=AT))
        for until, withdrawn in ((date(2080, 1, 1), False), (date(2090, 1, 1), True)):
            session.add(_consent(consenting.id or 0, until, withdrawn))
        session.add(_consent(consenting.id or 0, date(2070, 1, 1)))
        exposed.employment_end = date(2025, 12, 31)
        exposed.date_of_birth = date(1970, 5, 5)
        session.add(exposed)
        for kind, ended in (
            ("hazardous_substance", None),
            ("ionising_radiation", date(2024, 1, 1)),
        ):
            session.add(
                ExposureRecord(
                    employee_id=exposed.id,
                    kind=kind,
                    agent="stof",
                    started_on=date(2010, 1, 1),
                    ended_on=ended,
                    recorded_at=AT,
                )
            )
        session.flush()
        ids = [p.id or 0 for p in people]
    with Session(engine) as session:
        known = dossiers(session, ids)
        for employee_id in ids:
            old = known[employee_id][1]
            new = dossier_of(session, employee_id, old.exposures)
            assert new is not None
            assert new.consent_until == ((max(old.consent_until),) if old.consent_until else ())
            assert new == replace(old, consent_until=new.consent_until)
            assert retention_line(decide(new)) == retention_line(decide(old))
        assert dossier_of(session, 10**6, ()) is None
