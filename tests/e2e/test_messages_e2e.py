"""Secure messages on phones (issue 15 item 5): the employee writes to the care team (the
counter follows his typing; an empty message gets a message at the field), the doctor's
start page counts it and the doctor reads and answers it; the employer writes in its own
thread and a medical term is refused at the field; no frame the employer receives holds the
care thread. Each page passes axe at 360 px."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.accounts import TotpCodes, demo
from tests.e2e.harness import Portal, Recording, assert_no_leak
from tests.e2e.test_consent_e2e import DOCTOR, _free_open_case, make_account
from tests.e2e.test_login_e2e import fits_and_passes_axe, nl, sign_in

CARE_TEXT = "MEDISCH-E2E-BERICHT Sinds gisteren meer pijn in mijn schouder."
EMPLOYER_TEXT = "Kunnen we volgende week de werkplek samen bekijken?"


def test_the_care_thread_stays_with_the_care_team(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    totp_codes: TotpCodes,
) -> None:
    org_id, employee_id, case_id = _free_open_case(portal)
    employee = make_account(portal, "employee", "werknemer.bericht", employee_id=employee_id)
    employer = make_account(portal, "employer_contact", "werkgever.bericht", organisation_id=org_id)

    person = phone_page
    sign_in(person, portal, employee, totp_codes)
    person.goto(portal.url + "/messages")
    expect(person.get_by_role("heading", level=1)).to_have_text(nl("messages.title"))
    person.get_by_role("button", name=nl("messages.send")).click()  # required: the browser says
    box = person.get_by_label(nl("messages.body"))
    box.fill("   ")
    person.get_by_role("button", name=nl("messages.send")).click()
    expect(person.locator("#message-error")).to_have_text(nl("messages.required"))
    box.fill(CARE_TEXT)
    expect(person.locator("#message-count")).to_have_text(str(len(CARE_TEXT)))
    person.get_by_role("button", name=nl("messages.send")).click()
    expect(person.locator("ol.messages")).to_contain_text(CARE_TEXT)
    expect(person.locator("#message-count")).to_have_text("0")
    fits_and_passes_axe(person)

    doctor = another_phone()
    sign_in(doctor, portal, demo(DOCTOR), totp_codes)
    doctor.goto(portal.url + "/portal")
    expect(doctor.locator("section.unread-messages")).to_be_visible()
    doctor.goto(f"{portal.url}/messages?case={case_id}")
    expect(doctor.locator("ol.messages")).to_contain_text(CARE_TEXT)
    fits_and_passes_axe(doctor)

    employer_page = another_phone()
    seen_by_employer = Recording()
    seen_by_employer.attach(employer_page)
    sign_in(employer_page, portal, employer, totp_codes)
    employer_page.goto(f"{portal.url}/messages?case={case_id}&thread=care")
    expect(employer_page.get_by_text(nl("messages.not_found"))).to_be_visible()
    employer_page.goto(f"{portal.url}/messages?case={case_id}")
    expect(employer_page.get_by_text(nl("messages.no_medical"))).to_be_visible()
    employer_page.get_by_label(nl("messages.body")).fill("Is de griep al over?")
    employer_page.get_by_role("button", name=nl("messages.send")).click()
    expect(employer_page.locator("#message-error")).to_contain_text("griep")
    employer_page.get_by_label(nl("messages.body")).fill(EMPLOYER_TEXT)
    employer_page.get_by_role("button", name=nl("messages.send")).click()
    expect(employer_page.locator("ol.messages")).to_contain_text(EMPLOYER_TEXT)
    fits_and_passes_axe(employer_page)
    assert_no_leak(seen_by_employer, [CARE_TEXT, "MEDISCH-E2E"])

    person.goto(portal.url + "/my-employer-view")
    expect(person.get_by_text(EMPLOYER_TEXT)).to_be_visible()
