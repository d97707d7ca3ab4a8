"""Anonymised absence reports: own organisation only, every cell about fewer than 5 people
hidden and none recoverable from the totals, audited, CSV cells escaped."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from kwportal.domain.anonymity import MIN_CELL_SIZE, recoverable_cells
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, Organisation
from kwportal.services import audit
from kwportal.services.employer import reports as employer_reports
from kwportal.services.employer import roster
from kwportal.services.employer.roster_csv import write_csv
from kwportal.services.views import PolicyDeniedError
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
TODAY = date(2026, 12, 31)
EVIL = '=HYPERLINK("http://x")'


def employer(org: Organisation) -> Actor:
    return Actor(None, Role.EMPLOYER_CONTACT, organisation_id=org.id)


def build(session: Session) -> tuple[Organisation, Organisation]:
    """Productie: 20 people, 8 sick in Q1 for 10 days; Magazijn: 6 people, one long absence;
    EVIL: 3 people, one sick. Another organisation: one department, all sick. Only the sick
    are stored (issue 17 item 1); the rest of the workforce are the roster's counts."""
    org, other = factories.organisation(session), factories.organisation(session)
    start = date(2020, 1, 1)
    for n in range(8):
        person = factories.employee(session, org, department="Productie", employment_start=start)
        factories.sick_case(
            session,
            person,
            sick_report_date=date(2026, 2, 1 + n),
            recovery_date=date(2026, 2, 11 + n),
        )
    person = factories.employee(session, org, department="Magazijn", employment_start=start)
    factories.sick_case(session, person, sick_report_date=date(2026, 4, 1), recovery_date=None)
    person = factories.employee(session, org, department=EVIL, employment_start=start)
    factories.sick_case(
        session, person, sick_report_date=date(2026, 7, 1), recovery_date=date(2026, 7, 3)
    )
    workforce = [("Productie", start, None)] * 20 + [("Magazijn", start, None)] * 6
    workforce += [(EVIL, start, None)] * 3
    roster.replace_figures(session, org.id, workforce, today=TODAY)  # each import replaces
    for _ in range(7):
        person = factories.employee(session, other, department="Elders")
        factories.sick_case(session, person, sick_report_date=date(2026, 5, 1))
    roster.replace_figures(session, other.id, [("Elders", None, None)] * 7, today=TODAY)
    return org, other


def read(session: Session, actor: Actor, year: int = 2026) -> employer_reports.Reports:
    return employer_reports.reports(
        actor, year, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
    )


def test_reports_are_suppressed_and_nothing_can_be_recomputed(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, _ = build(session)
        result = read(session, employer(org))
        events = session.exec(
            select(AuditEvent).where(AuditEvent.event_type == "employer_reports")
        ).all()
    assert result.year == 2026 and not result.pmo_available
    for table in result.tables:
        assert table.rows == (EVIL, "Magazijn", "Productie")
        assert "Elders" not in table.rows
        assert recoverable_cells(table.published) == frozenset()
    absence, frequency, durations = result.absence, result.frequency, result.durations
    # EVIL has 3 people: every absence figure about it is hidden, and so is a partner
    assert all(cell.value is None for cell in absence.published.cells[0])
    assert absence.published.row_totals[0].value is None
    # Productie Q1: 8 of 20 people sick 10 days each in a quarter of 90 days
    assert absence.published.cells[2][0].value == round(100 * 80 / (20 * 90), 1)
    # 8 sick reports in Productie Q1 (8 people) are shown; Magazijn's single one is hidden
    assert frequency.published.cells[2][0].value == 8
    assert frequency.published.cells[1][1].value is None
    assert durations.published.cells[2][1].value == 8  # 10 days: class 8 to 42
    assert durations.published.cells[1][2].value is None  # the one long absence (275 days)
    for table in result.tables:
        for row in table.published.cells:
            for cell in row:
                assert cell.value is None or cell.value >= 0
    assert len(events) == 1 and events[0].subject_employee_id is None


def test_small_organisation_shows_almost_nothing(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        for n in range(MIN_CELL_SIZE - 1):
            person = factories.employee(session, org, department="Klein")
            factories.sick_case(session, person, sick_report_date=date(2026, 3, 1 + n))
        result = read(session, employer(org))
    for table in result.tables:
        published = table.published
        values = [c.value for row in published.cells for c in row] + [published.grand_total.value]
        assert all(v in (None, 0) for v in values), table.key
        assert recoverable_cells(published) == frozenset()


def test_only_employers_and_only_their_years(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, _ = build(session)
        fallback = read(session, employer(org), year=1999)
        with pytest.raises(PolicyDeniedError):
            read(session, Actor(1, Role.COMPANY_DOCTOR, employer_ids=frozenset({org.id})))
    assert fallback.year == TODAY.year and fallback.years == (2026, 2025, 2024)


def test_csv_marks_hidden_cells_and_escapes_formulas(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, _ = build(session)
        result = read(session, employer(org))
    labels = csv_labels("nl")
    rows = list(
        csv.reader(io.StringIO(write_csv(employer_reports.csv_rows(result, labels))), delimiter=";")
    )
    assert rows[0] == ["Tabel", "Afdeling", "Periode of duur", "Waarde"]
    departments = {row[1] for row in rows[1:-1]}
    assert "'" + EVIL in departments and EVIL not in departments
    evil_rows = [row for row in rows if row[1] == "'" + EVIL]
    assert evil_rows and {row[3] for row in evil_rows if "Verzuimpercentage" in row[0]} == {"x"}
    assert rows[-1][0].startswith("x = ")


def csv_labels(lang: str) -> dict[str, str]:
    from kwportal.ui.api.employer import labels

    return labels(lang)


def test_without_a_roster_there_is_no_absence_percentage(engine: Engine) -> None:
    """Only the people in care are stored (issue 17 item 1): without the roster's counts the
    absence percentage has no denominator, so it is left out, never computed over the sick."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        for n in range(6):
            person = factories.employee(session, org, department="Bouw")
            factories.sick_case(session, person, sick_report_date=date(2026, 3, 1 + n))
        before = read(session, employer(org))
        roster.replace_figures(session, org.id, [("Bouw", None, None)] * 60, today=TODAY)
        after = read(session, employer(org))
    assert not before.workforce_known
    assert [table.key for table in before.tables] == ["frequency", "durations"]
    assert after.workforce_known and after.tables[0].key == "absence"
    # 6 of 60 sick from March 1–6 to the year's end; Q4 is the whole quarter
    assert after.absence.published.cells[0][3].value == 10.0
