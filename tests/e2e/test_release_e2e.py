"""The release in the browser on a phone (issue 7, items 1–5 and 9; issue 5, item 2):
the doctor drafts employer feedback, is stopped by the medical-term check until he edits
the text, previews it as the employer and releases it; the employer sees the four items
and nothing medical; the employee sees the same items, the disclosure on his timeline,
a notice on his start page, and a mail that says only *that* something was shared. Every
care page fits 360 px and passes axe; the case manager's page carries nothing medical.

Accounts: arts.logistiek, werkgever.logistiek, werknemer.logistiek (the access-log test
signs the latter two in without checking feedback; this file runs after it) and
casemanager.metaal (read only)."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.accounts import TotpCodes, database, demo
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.mailcatcher import MailCatcher, body_of
from tests.e2e.replies import CANARIES
from tests.e2e.test_access_log_e2e import _employee_and_case
from tests.e2e.test_employer_e2e import component, forbidden_values
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

DOCTOR, EMPLOYER, EMPLOYEE = "arts.logistiek", "werkgever.logistiek", "werknemer.logistiek"
CASE_MANAGER = "casemanager.metaal"
ORG = "Logistiek Oldenzaal BV"
ADVICE = "Hervat het eigen werk in de ochtend, zonder zwaar tilwerk."
FLAGGED = "Na de knieoperatie eerst rustig opbouwen."
PERIOD = "3 tot 5 weken"
DEGREE = "gedeeltelijk (50%)"
NOTE = "maximaal 10 kg"
#: the doctor's personal work note: his alone, on no other page
WORK_NOTE = "WERKNOTITIE: volgende keer vragen naar de mantelzorg thuis."


def _draft_and_release(page: Page, portal: Portal, case_id: int) -> None:
    page.goto(f"{portal.url}/care-feedback?case={case_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("feedback.title"))
    page.get_by_role("button", name=nl("feedback.start")).click()
    page.get_by_label(nl("capacity.area.personal_functioning")).select_option("can")
    page.get_by_label(nl("capacity.area.dynamic_movements")).select_option("limited")
    page.locator("#note-dynamic_movements").fill(NOTE)
    page.get_by_label(nl("feedback.period")).fill(PERIOD)
    page.get_by_label(nl("feedback.degree")).fill(DEGREE)
    page.get_by_label(nl("feedback.advice")).fill(FLAGGED)
    page.get_by_role("button", name=nl("feedback.save")).click()
    alert(page).to_have_text(nl("feedback.saved"))
    expect(page.get_by_role("heading", name=nl("feedback.terms_title"))).to_be_visible()
    expect(page.get_by_text("knieoperatie (in: advies)")).to_be_visible()
    fits_and_passes_axe(page)

    page.get_by_role("button", name=nl("feedback.release"), exact=True).click()
    alert(page).to_have_text(nl("feedback.terms_unconfirmed"))

    page.get_by_label(nl("feedback.advice")).fill(ADVICE)
    page.get_by_role("button", name=nl("feedback.save")).click()
    alert(page).to_have_text(nl("feedback.saved"))
    expect(page.get_by_role("heading", name=nl("feedback.terms_title"))).to_have_count(0)
    preview = component(page)
    expect(preview).to_contain_text(ADVICE)
    expect(preview).to_contain_text(PERIOD)
    expect(preview).to_contain_text(nl("capacity.level.limited"))
    expect(preview).to_contain_text(NOTE)
    fits_and_passes_axe(page)

    page.get_by_role("button", name=nl("feedback.release"), exact=True).click()
    alert(page).to_have_text(nl("feedback.released"))
    expect(page.get_by_role("button", name=nl("feedback.start"))).to_be_visible()


def _doctor_reads_the_file(page: Page, portal: Portal, case_id: int) -> None:
    page.goto(portal.url + "/care")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("care.title"))
    expect(page.locator(f'a[href="/care-case?case={case_id}"]')).to_be_visible()
    fits_and_passes_axe(page)
    page.goto(f"{portal.url}/care-case?case={case_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("care_case.title"))
    expect(page.get_by_text("MEDISCH-").first).to_be_visible()
    page.get_by_label(nl("care_case.note_body"), exact=True).fill(
        "Telefonisch contact, afspraak gemaakt."
    )
    page.get_by_role("button", name=nl("care_case.note_add")).click()
    alert(page).to_have_text(nl("care_case.note_added"))
    expect(page.get_by_text("Telefonisch contact, afspraak gemaakt.")).to_be_visible()
    page.get_by_label(nl("work_notes.body")).fill(WORK_NOTE)
    page.get_by_role("button", name=nl("work_notes.add")).click()
    alert(page).to_have_text(nl("work_notes.added"))
    expect(page.get_by_text(WORK_NOTE, exact=False)).to_be_visible()
    fits_and_passes_axe(page)


def test_doctor_releases_employer_and_employee_see_the_same_items(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    recording: Recording,
    totp_codes: TotpCodes,
    smtp_server: MailCatcher,
) -> None:
    employee_id, case_id = _employee_and_case(portal)
    mailbox = f"{EMPLOYEE}@demo.example"
    mails_before = len(smtp_server.to(mailbox))

    sign_in(phone_page, portal, demo(DOCTOR), totp_codes)
    _doctor_reads_the_file(phone_page, portal, case_id)
    _draft_and_release(phone_page, portal, case_id)

    employer = another_phone()
    seen_by_employer = Recording()
    seen_by_employer.attach(employer)
    sign_in(employer, portal, demo(EMPLOYER), totp_codes)
    employer.goto(f"{portal.url}/employer-case?case={case_id}")
    card = component(employer)
    for item in (ADVICE, PERIOD, DEGREE, nl("capacity.level.limited"), NOTE):
        expect(card).to_contain_text(item)
    fits_and_passes_axe(employer)
    assert_no_leak(seen_by_employer, [*forbidden_values(portal, ORG), "knieoperatie", WORK_NOTE])

    person = another_phone()
    seen_by_employee = Recording()
    seen_by_employee.attach(person)
    sign_in(person, portal, demo(EMPLOYEE), totp_codes)
    # the start page has two live regions: the notices, and unread messages (issue 15)
    notices = person.get_by_role("status").filter(has_text=nl("notices.title"))
    expect(notices).to_contain_text(nl("notices.title"))
    fits_and_passes_axe(person)
    person.get_by_role("link", name=nl("notices.open")).first.click()
    expect(person).to_have_url(url_at("/my-disclosures"))
    newest = person.locator("li.disclosure").first
    expect(newest).to_contain_text(nl("recipient.employer"))
    expect(newest).to_contain_text(nl("role.company_doctor"))
    expect(newest).to_contain_text(nl("ground.legal_duty"))
    expect(newest).to_contain_text(nl("category.employer_feedback"))
    expect(person.locator("li.disclosure", has_text=nl("recipient.uwv"))).to_have_count(1)
    expect(person.locator("li.disclosure", has_text=nl("recipient.gp"))).to_have_count(1)
    fits_and_passes_axe(person)
    person.goto(portal.url + "/my-employer-view")
    mine = component(person)
    for item in (ADVICE, PERIOD, DEGREE, nl("capacity.level.limited"), NOTE):
        expect(mine).to_contain_text(item)
    assert_no_leak(seen_by_employee, [*CANARIES, WORK_NOTE])

    mail = smtp_server.wait_for(mailbox, after=mails_before)
    assert mail["Subject"] == nl("mail.release.subject")
    text = body_of(mail)
    assert "/my-disclosures" in text
    for item in (ADVICE, PERIOD, DEGREE, NOTE):
        assert item not in text

    with database(portal) as db:
        released = db.execute(
            "SELECT COUNT(*) FROM disclosure WHERE employee_id = ? AND recipient_kind = 'employer'"
            " AND feedback_id = (SELECT MAX(id) FROM employer_feedback WHERE case_id = ?)",
            (employee_id, case_id),
        ).fetchone()[0]
    assert released == 1
    assert_no_leak(recording, ["CONCEPT-"])


def test_case_manager_sees_the_administration_and_nothing_medical(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes
) -> None:
    with database(portal) as db:
        case_id = db.execute(
            "SELECT c.id FROM sick_leave_case c JOIN organisation o ON o.id = c.organisation_id"
            " WHERE o.name = 'Twentse Metaalwerken BV' AND c.recovery_date IS NULL"
            " ORDER BY c.id LIMIT 1"
        ).fetchone()[0]
    sign_in(phone_page, portal, demo(CASE_MANAGER), totp_codes)
    phone_page.goto(portal.url + "/care")
    expect(phone_page.locator(f'a[href="/case-admin?case={case_id}"]')).to_be_visible()
    fits_and_passes_axe(phone_page)
    phone_page.goto(f"{portal.url}/case-admin?case={case_id}")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("care_case.admin_title"))
    expect(phone_page.get_by_text(nl("care_case.no_medical"))).to_be_visible()
    fits_and_passes_axe(phone_page)
    phone_page.goto(f"{portal.url}/care-case?case={case_id}")
    expect(phone_page).to_have_url(url_at("/portal"))
    assert_no_leak(recording, ["MEDISCH-", "ZORGADRES-"])
