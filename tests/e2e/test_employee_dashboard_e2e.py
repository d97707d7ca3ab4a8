"""The employee's start page as a dashboard on a phone (issue 18 item 4): 360 x 780, touch,
Dutch, Dutch time. He is greeted by his first name, sees his next appointment and what he
is asked to do as links, every tap target is at least 44 x 44 px, nothing scrolls sideways
and axe finds nothing serious (``tests/e2e/phone.py``)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, expect

from kwportal.i18n.fmt import LOCAL_ZONE, fmt_datetime
from kwportal.models import Appointment, ConsentRecord
from tests.e2e.accounts import TotpCodes, database, portal_unit
from tests.e2e.harness import Portal, url_at
from tests.e2e.phone import check_page, phone
from tests.e2e.test_consent_e2e import make_account
from tests.e2e.test_login_e2e import nl, sign_in


def _a_person_in_care(portal: Portal) -> tuple[int, int, str, int]:
    """A demo employee of the care employer with an open case and no account yet (this
    file's alone): his id, his case, his first name, and a company doctor's account."""
    with database(portal) as db:
        row = db.execute(
            "SELECT c.employee_id, c.id, e.first_name FROM sick_leave_case c"
            " JOIN employee e ON e.id = c.employee_id"
            " JOIN organisation o ON o.id = c.organisation_id"
            " WHERE o.name LIKE 'Zorggroep%' AND c.recovery_date IS NULL"
            " AND c.employee_id NOT IN (SELECT employee_id FROM account"
            "   WHERE employee_id IS NOT NULL)"
            " AND c.sick_report_date = (SELECT MAX(sick_report_date) FROM sick_leave_case"
            "   WHERE employee_id = c.employee_id) ORDER BY c.id LIMIT 1"
        ).fetchone()
        doctor = db.execute(
            "SELECT id FROM account WHERE role = 'company_doctor' ORDER BY id LIMIT 1"
        ).fetchone()
    assert row and doctor
    return int(row[0]), int(row[1]), str(row[2]), int(doctor[0])


def _arrange(portal: Portal, employee_id: int, case_id: int, doctor_id: int) -> datetime:
    """A consult three days ahead at 09:30 Dutch time and a consent request waiting."""
    day = (datetime.now(LOCAL_ZONE) + timedelta(days=3)).date()
    starts = datetime(day.year, day.month, day.day, 9, 30, tzinfo=LOCAL_ZONE).astimezone(UTC)
    with portal_unit(portal) as session:
        session.add(
            Appointment(
                case_id=case_id,
                employee_id=employee_id,
                with_account_id=doctor_id,
                starts_at=starts,
                location="Spreekkamer 7",
                minutes=30,
            )
        )
        session.add(
            ConsentRecord(
                employee_id=employee_id,
                kind="gp_authorisation",
                purpose="Informatie opvragen bij de huisarts",
                data_description="Behandelgegevens van de huisarts",
                recipient="Bedrijfsarts van KrachtWerkt",
                notice_version="1",
                status="requested",
                requested_at=datetime.now(UTC),
            )
        )
    return starts


def test_the_start_page_shows_his_day_on_a_phone(
    portal: Portal, browser: Browser, totp_codes: TotpCodes
) -> None:
    employee_id, case_id, first_name, doctor_id = _a_person_in_care(portal)
    starts = _arrange(portal, employee_id, case_id, doctor_id)
    me = make_account(portal, "employee", "werknemer.dashboard", employee_id=employee_id)
    with phone(browser) as page:
        sign_in(page, portal, me, totp_codes)
        greeting = re.compile(
            rf"^(Goedemorgen, |Goedemiddag, |Goedenavond, |Hallo ){re.escape(first_name)}$"
        )
        expect(page.get_by_role("heading", level=1)).to_have_text(greeting)
        expect(page.get_by_text(fmt_datetime(starts, "nl", weekday=True))).to_be_visible()
        expect(page.get_by_text("Spreekkamer 7")).to_be_visible()
        todo = page.get_by_role("region", name=nl("dash.todo_title"))
        request = todo.get_by_role("link", name=nl("dash.todo.consents_one"))
        expect(request).to_have_attribute("href", "/my-consents")
        check_page(page, "employee-dashboard")
        request.tap()
        expect(page).to_have_url(url_at("/my-consents"))
