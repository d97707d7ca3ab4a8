"""Consents in the browser (issue 5 item 4, issue 7 item 6): the company doctor asks for one
named datum, the employee grants it on his phone, the employer sees it on his next page;
the employee withdraws it and the employer's next page no longer has it. The receipt the
employee downloads verifies against the published key. Every page passes axe at 360 px.

The employee and employer accounts are made for this file alone (straight into the
portal's database, as the care pages would find them), so no other test's session or
access log is touched; the doctor is the demo doctor of the metal works."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from playwright.sync_api import Page, expect

from kwportal.models import Account
from kwportal.services import signing
from kwportal.services.auth import passwords, secrets_box
from kwportal.services.demo.accounts import DEMO_ORGS, DemoAccount, demo_totp_secret
from kwportal.services.employee import receipts
from tests.e2e.accounts import TotpCodes, database, demo, portal_keyring, portal_unit
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.mailcatcher import MailCatcher, body_of
from tests.e2e.replies import CANARIES
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

METAAL = next(org for org in DEMO_ORGS if org.slug == "metaal")
DOCTOR = "arts.metaal"
PASSWORD = "Toestemming-e2e-wachtwoord-2026"
LABEL = "Wat te doen bij een aanval"
TEXT = "Bij een aanval: rustig blijven, niet vasthouden, na vijf minuten 112 bellen."


def _free_open_case(portal: Portal) -> tuple[int, int, int]:
    """(organisation id, employee id, case id): an employee of the metal works without an
    account whose latest case is open."""
    with database(portal) as db:
        row = db.execute(
            "SELECT o.id, c.employee_id, c.id FROM sick_leave_case c"
            " JOIN organisation o ON o.id = c.organisation_id"
            " WHERE o.name = ? AND c.recovery_date IS NULL"
            " AND c.employee_id NOT IN (SELECT employee_id FROM account"
            "   WHERE employee_id IS NOT NULL)"
            " AND c.sick_report_date = (SELECT MAX(sick_report_date) FROM sick_leave_case"
            "   WHERE employee_id = c.employee_id)"
            " ORDER BY c.id DESC LIMIT 1",
            (METAAL.name,),
        ).fetchone()
    assert row, "no open case without an account"
    return int(row[0]), int(row[1]), int(row[2])


def make_account(portal: Portal, role: str, username: str, **links: int) -> DemoAccount:
    """A signed-up account straight in the portal's database, for one test file alone."""
    with portal_unit(portal) as session:
        account = Account(
            username=username,
            display_name=username.replace(".", " ").title(),
            email=f"{username}@example.test",
            role=role,
            language="nl",
            password_hash=passwords.hash_password(PASSWORD),
            totp_confirmed_at=datetime.now(UTC) - timedelta(days=1),
            **links,
        )
        session.add(account)
        session.flush()  # the sealed secret is bound to the account's id
        secrets_box.set_account_secret(account, demo_totp_secret(username), portal_keyring(portal))
    return DemoAccount(role, username, PASSWORD, demo_totp_secret(username), METAAL.name)


def test_consent_granted_and_withdrawn_reaches_the_employers_next_page(
    portal: Portal,
    phone_page: Page,
    another_phone,
    recording: Recording,
    totp_codes: TotpCodes,
    smtp_server: MailCatcher,
) -> None:
    org_id, employee_id, case_id = _free_open_case(portal)
    employee = make_account(portal, "employee", "werknemer.toestemming", employee_id=employee_id)
    employer = make_account(
        portal, "employer_contact", "werkgever.toestemming", organisation_id=org_id
    )

    doctor_page = another_phone()
    sign_in(doctor_page, portal, demo(DOCTOR), totp_codes)
    doctor_page.get_by_role("link", name=nl("consent_req.link")).click()
    expect(doctor_page).to_have_url(url_at("/consent-requests"))
    expect(doctor_page.get_by_role("heading", level=1)).to_have_text(nl("consent_req.title"))
    fits_and_passes_axe(doctor_page)
    # the page has two request forms (the employer's datum, and consents beyond the employer:
    # issue 17 item 7), each with its own case field: this is the employer's
    datum_form = doctor_page.locator("form", has=doctor_page.locator("#f-kind"))
    datum_form.get_by_label(nl("consent_req.case")).select_option(str(case_id))
    datum_form.get_by_label(nl("consent_req.kind")).select_option("diagnosis")
    datum_form.get_by_label(nl("consent_req.label"), exact=True).fill("Diagnose")
    datum_form.get_by_label(nl("consent_req.value")).fill("Epilepsie")
    datum_form.get_by_label(nl("consent_req.purpose")).fill("Collega's kunnen helpen")
    datum_form.get_by_role("button", name=nl("consent_req.send")).click()
    alert(doctor_page).to_have_text(nl("consent_req.forbidden_kind"))
    datum_form.get_by_label(nl("consent_req.kind")).select_option("emergency_note")
    datum_form.get_by_label(nl("consent_req.label"), exact=True).fill(LABEL)
    datum_form.get_by_label(nl("consent_req.value")).fill(TEXT)
    datum_form.get_by_role("button", name=nl("consent_req.send")).click()
    alert(doctor_page).to_have_text(nl("consent_req.sent"))
    expect(doctor_page.get_by_text(LABEL)).to_be_visible()
    fits_and_passes_axe(doctor_page)
    # the employee hears *that* he is asked, over real SMTP; what is asked stays in the portal
    mail = smtp_server.wait_for(f"{employee.username}@example.test")
    assert f"{portal.url}/my-consents" in body_of(mail)
    assert LABEL not in body_of(mail) and TEXT not in body_of(mail)

    sign_in(phone_page, portal, employee, totp_codes)
    phone_page.get_by_role("link", name=nl("consents.link")).click()
    expect(phone_page).to_have_url(url_at("/my-consents"))
    expect(phone_page.get_by_text(TEXT)).to_be_visible()
    expect(phone_page.get_by_text(nl("consents.withdraw_note"))).to_be_visible()
    fits_and_passes_axe(phone_page)
    grant = phone_page.get_by_role("button", name=nl("consents.grant"), exact=True)
    grant.click()
    # granting asks once, saying what it allows, as withdrawing does (equally easy)
    confirm = phone_page.get_by_role("group", name=nl("consents.grant_confirm_title"))
    expect(confirm.get_by_text(TEXT)).to_be_visible()
    fits_and_passes_axe(phone_page)
    confirm.get_by_role("button", name=nl("consents.grant_confirm"), exact=True).click()
    alert(phone_page).to_have_text(nl("consents.granted"))
    expect(grant).to_have_count(0)

    employer_page = another_phone()
    sign_in(employer_page, portal, employer, totp_codes)
    employer_page.goto(f"{portal.url}/employer-case?case={case_id}")
    expect(employer_page.get_by_text(nl("employer_case.consented_title"))).to_be_visible()
    expect(employer_page.get_by_text(TEXT)).to_be_visible()
    fits_and_passes_axe(employer_page)

    link = phone_page.get_by_role("link", name=nl("consents.receipt.granted"))
    sockets = len(recording.sockets)
    with phone_page.expect_download() as download:
        link.click()
    token = open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115
    jwks = httpx.get(portal.url + signing.WELL_KNOWN_PATH, timeout=30).json()
    fields = receipts.verify(token, jwks["keys"][0])
    assert fields["state"] == "given" and fields["subject"].endswith(f":{employee_id}")

    # the download did not navigate: the tab kept its websocket (and so its state)
    assert all(not ws.is_closed() for ws in recording.sockets[-1:])
    assert len(recording.sockets) == sockets
    phone_page.get_by_role("button", name=nl("consents.withdraw"), exact=True).click()
    # withdrawing asks once, saying what changes at once (issue 18 item 2)
    phone_page.get_by_role("button", name=nl("consents.withdraw_confirm"), exact=True).click()
    alert(phone_page).to_have_text(nl("consents.withdrawn"))
    expect(phone_page.get_by_role("link", name=nl("consents.receipt.withdrawn"))).to_be_visible()
    fits_and_passes_axe(phone_page)

    employer_page.reload()
    expect(employer_page.get_by_role("heading", level=1)).to_have_text(nl("employer_case.title"))
    expect(employer_page.get_by_text(nl("employer_case.sick_since"), exact=False)).to_be_visible()
    expect(employer_page.get_by_text(TEXT)).to_have_count(0)
    expect(employer_page.get_by_text(nl("employer_case.consented_title"))).to_have_count(0)
    assert_no_leak(recording, CANARIES)
