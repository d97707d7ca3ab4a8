"""Who opened my file, in the browser on a phone (issue 5, item 3): the demo employee sees
that his employer opened his case (by name) and that the company doctor read his file (by
function, never by name: the doctor's name never reaches the browser); the period filter
narrows the list and refuses a period that ends before it starts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from kwportal.db import make_engine, transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import fmt_date
from kwportal.services import audit
from kwportal.services.employee.access_log import AMSTERDAM
from tests.e2e.accounts import TotpCodes, account_id, database, demo, people
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.replies import CANARIES
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

EMPLOYEE = "werknemer.logistiek"
EMPLOYER = "werkgever.logistiek"
DOCTOR = "arts.logistiek"
ROUTE = "/my-access-log"


def _employee_and_case(portal: Portal) -> tuple[int, int]:
    with database(portal) as db:
        employee_id = db.execute(
            "SELECT employee_id FROM account WHERE username = ?", (EMPLOYEE,)
        ).fetchone()[0]
        case_id = db.execute(
            "SELECT id FROM sick_leave_case WHERE employee_id = ?"
            " ORDER BY sick_report_date DESC, id DESC LIMIT 1",
            (employee_id,),
        ).fetchone()[0]
    return int(employee_id), int(case_id)


def doctor_reads_the_medical_file(portal: Portal, employee_id: int, times: int) -> None:
    """No care-team page exists yet: write the doctor's reads as that page would, through
    the audit service, into the portal's own database and chain (with its own secret)."""
    secret = (Path(portal.data_dir) / "secret_key.demo").read_text().strip()
    doctor = Actor(account_id(portal, DOCTOR), Role.COMPANY_DOCTOR)
    engine = make_engine(f"sqlite:///{portal.db}")
    try:
        for _ in range(times):
            with transaction(engine) as session:
                audit.record(
                    session,
                    actor=doctor,
                    access=audit.AccessPoint(ip="127.0.0.1", agent="e2e"),
                    event_type="medical_file_view",
                    action=audit.Action.READ,
                    ground=audit.Ground.LEGAL_DUTY,
                    subject_employee_id=employee_id,
                    objects=[audit.ObjectRef("medical", "medical_note", None)],
                    secret=secret,
                )
    finally:
        engine.dispose()


def reads_today(portal: Portal, who: str, employee_id: int) -> int:
    """The reads of ``who`` on this employee's file so far today (Amsterdam time): other
    test files (the release flow) may have opened it already, and the log merges them."""
    midnight = datetime.now(AMSTERDAM).replace(hour=0, minute=0, second=0, microsecond=0)
    with database(portal) as db:
        rows = db.execute(
            "SELECT occurred_at FROM audit_event WHERE actor_account_id = ?"
            " AND subject_employee_id = ? AND action = 'read' AND ground = 'legal_duty'",
            (account_id(portal, who), employee_id),
        ).fetchall()
    stamps = (datetime.fromisoformat(str(r[0])) for r in rows)
    return sum(1 for t in stamps if (t if t.tzinfo else t.replace(tzinfo=UTC)) >= midnight)


def card_of(page: Page, who: str) -> Locator:
    exactly = re.compile(f"^{re.escape(who)}$")
    return page.locator("li.access-card").filter(has=page.locator(".who strong", has_text=exactly))


def test_employee_sees_who_opened_his_file(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    recording: Recording,
    totp_codes: TotpCodes,
) -> None:
    employee_id, case_id = _employee_and_case(portal)
    employer_page = another_phone()
    sign_in(employer_page, portal, demo(EMPLOYER), totp_codes)
    employer_page.goto(f"{portal.url}/employer-case?case={case_id}")
    expect(employer_page.get_by_role("heading", level=1)).to_have_text(nl("employer_case.title"))
    earlier = reads_today(portal, DOCTOR, employee_id)
    doctor_reads_the_medical_file(portal, employee_id, times=2)

    sign_in(phone_page, portal, demo(EMPLOYEE), totp_codes)
    on_the_log = Recording()
    on_the_log.attach(phone_page)
    phone_page.goto(portal.url + ROUTE)
    expect(phone_page).to_have_url(url_at(ROUTE))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("access_log.title"))
    expect(phone_page.get_by_text(nl("access_log.intro"))).to_be_visible()

    employer_name = people(portal)[EMPLOYER][0]
    by_employer = card_of(phone_page, employer_name).first
    expect(by_employer).to_contain_text(nl("role.employer_contact"))
    expect(by_employer).to_contain_text(nl("action.read"))
    # the doctor's reads of today are one line with their count (his other acts, such as a
    # release by another test, and his reads on earlier days — the demo's doctor read the
    # intake and wrote the problem analysis through the portal — are lines of their own)
    times = nl("access_log.times").replace("{count}", str(earlier + 2))
    today = fmt_date(datetime.now(UTC), short=True)
    by_doctor = (
        card_of(phone_page, nl("role.company_doctor"))
        .filter(has_text=nl("action.read"))
        .filter(has_text=today)
        .filter(has_text=times)
    )
    expect(by_doctor).to_have_count(1)
    expect(by_doctor).to_contain_text(nl("category.medical"))
    expect(by_doctor).to_contain_text(nl("ground.legal_duty"))
    # the demo's own case is lived through the portal (issue 15), so his log has earlier
    # pages: the pager goes back to them and returns to today's
    older = phone_page.get_by_role("button", name=nl("access_log.older"))
    newer = phone_page.get_by_role("button", name=nl("access_log.newer"))
    expect(newer).to_be_disabled()
    fits_and_passes_axe(phone_page)
    if older.is_enabled():
        older.click()
        expect(newer).to_be_enabled()
        expect(by_doctor).to_have_count(0)
        newer.click()
        expect(by_doctor).to_have_count(1)

    phone_page.get_by_label(nl("access_log.since")).fill("2020-01-01")
    phone_page.get_by_label(nl("access_log.until")).fill("2020-01-31")
    phone_page.get_by_role("button", name=nl("access_log.show"), exact=True).click()
    expect(phone_page.get_by_text(nl("access_log.none"))).to_be_visible()
    expect(phone_page.locator("li.access-card")).to_have_count(0)

    phone_page.get_by_label(nl("access_log.since")).fill("2020-02-01")
    phone_page.get_by_role("button", name=nl("access_log.show"), exact=True).click()
    alert(phone_page).to_have_text(nl("access_log.until_before_since"))
    fits_and_passes_axe(phone_page)

    assert_no_leak(recording, CANARIES)
    assert_no_leak(on_the_log, people(portal)[DOCTOR])
