"""The medical file's older notes in the browser (issue 7's file page; the paging itself is
tested at the service and state: tests/integration/test_care_notes.py and
test_case_file_paging.py). A case with more notes than a page opens on its newest
``NOTES_PAGE``, says how many there are, and "show older notes" adds the rest below them:
each an audited read of the file, on a phone at 360 px that passes axe.

The case is made for this file alone: a new employee of the metal works (whose doctor is
``arts.metaal``), so no other test's case gets 60 notes, and recovered yesterday, so no
test that looks for an open case of the metal works (``_free_open_case``) or counts the
employer's open cases finds it; a closed case's file stays the doctor's to read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect

from kwportal.models import Employee, MedicalNote, SickLeaveCase
from kwportal.services.case.file import NOTES_PAGE
from tests.e2e.accounts import TotpCodes, account_id, database, demo, portal_unit
from tests.e2e.harness import Portal
from tests.e2e.test_consent_e2e import DOCTOR, METAAL
from tests.e2e.test_login_e2e import fits_and_passes_axe, nl, sign_in

NOTES = NOTES_PAGE + 10


def _body(n: int) -> str:
    return f"Spreekuur {n:02d}: afspraken over de opbouw, notitie OUDER-{n:02d}."


def _case_with_many_notes(portal: Portal) -> tuple[int, int]:
    """(case id, employee id): a new, just closed case of the metal works with ``NOTES``
    notes by its doctor, one a day."""
    with database(portal) as db:
        (org_id,) = db.execute(
            "SELECT id FROM organisation WHERE name = ?", (METAAL.name,)
        ).fetchone()
    author = account_id(portal, DOCTOR)
    with portal_unit(portal) as session:
        person = Employee(
            organisation_id=org_id,
            personnel_number="E2E-NOTES-1",
            first_name="Veel",
            last_name="Aantekeningen",
        )
        session.add(person)
        session.flush()
        assert person.id is not None
        case = SickLeaveCase(
            employee_id=person.id,
            organisation_id=org_id,
            sick_report_date=datetime.now(UTC).date() - timedelta(days=NOTES + 5),
            recovery_date=datetime.now(UTC).date() - timedelta(days=1),
        )
        session.add(case)
        session.flush()
        start = datetime.now(UTC) - timedelta(days=NOTES)
        session.add_all(
            MedicalNote(
                case_id=case.id,
                employee_id=person.id,
                author_account_id=author,
                body=_body(n),
                created_at=start + timedelta(days=n),
            )
            for n in range(NOTES)
        )
        session.flush()
        assert case.id is not None
        return case.id, person.id


def _file_reads(portal: Portal, employee_id: int) -> list[str]:
    with database(portal) as db:
        rows = db.execute(
            "SELECT event_type FROM audit_event WHERE event_type IN"
            " ('medical_file_view', 'medical_notes_view') AND subject_employee_id = ?"
            " ORDER BY id",
            (employee_id,),
        ).fetchall()
    return [row[0] for row in rows]


def test_the_older_notes_come_below_the_newest_page(
    portal: Portal, phone_page: Page, totp_codes: TotpCodes
) -> None:
    case_id, employee_id = _case_with_many_notes(portal)
    page = phone_page
    sign_in(page, portal, demo(DOCTOR), totp_codes)
    page.goto(f"{portal.url}/care-case?case={case_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("care_case.title"))

    notes = page.locator("ul.care-list .note-body")
    shown = (
        nl("care_case.notes_shown")
        .replace("{shown}", str(NOTES_PAGE))
        .replace("{total}", str(NOTES))
    )
    expect(page.locator("#notes-shown")).to_have_text(shown)
    expect(notes.filter(has_text="OUDER-")).to_have_count(NOTES_PAGE)
    expect(notes.first).to_have_text(_body(NOTES - 1))  # the newest first
    expect(notes.filter(has_text=_body(0))).to_have_count(0)
    fits_and_passes_axe(page)

    page.get_by_role("button", name=nl("care_case.notes_older")).click()
    expect(notes.filter(has_text="OUDER-")).to_have_count(NOTES)
    expect(notes.nth(NOTES - 1)).to_have_text(_body(0))  # the oldest last, below the rest
    expect(notes.nth(NOTES_PAGE)).to_have_text(_body(NOTES - 1 - NOTES_PAGE))
    # all shown: no count line and no button any more
    expect(page.locator("#notes-shown")).to_have_count(0)
    expect(page.get_by_role("button", name=nl("care_case.notes_older"))).to_have_count(0)
    fits_and_passes_axe(page)

    # the first page and the older ones are each an audited read of the medical file
    reads = _file_reads(portal, employee_id)
    assert reads.count("medical_notes_view") == 1, reads
    assert reads.count("medical_file_view") >= 1, reads
