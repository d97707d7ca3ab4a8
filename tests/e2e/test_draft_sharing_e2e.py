"""The draft read by the employee before it is sent (BRIEF.md, NVAB guidance), in the
browser on phones: the doctor shares the draft, the employee is mailed *that* (over real
SMTP), reads it on "What my employer sees" and reacts; the doctor sees the reaction; the
employer's page has neither the draft nor the reaction in any frame. Each page passes axe
at 360 px."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.accounts import TotpCodes, demo
from tests.e2e.harness import Portal, Recording, assert_no_leak
from tests.e2e.mailcatcher import MailCatcher, body_of
from tests.e2e.test_consent_e2e import DOCTOR, _free_open_case, make_account
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

ADVICE = "Begin met drie ochtenden per week in het eigen werk, daarna elke twee weken meer."
REACTION = "Drie ochtenden lukt, maar niet op maandag: dan heb ik een afspraak bij het ziekenhuis."


def test_the_employee_reads_and_answers_the_draft_before_the_employer_gets_anything(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    totp_codes: TotpCodes,
    smtp_server: MailCatcher,
) -> None:
    org_id, employee_id, case_id = _free_open_case(portal)
    employee = make_account(portal, "employee", "werknemer.concept", employee_id=employee_id)
    employer = make_account(portal, "employer_contact", "werkgever.concept", organisation_id=org_id)

    doctor = phone_page
    sign_in(doctor, portal, demo(DOCTOR), totp_codes)
    doctor.goto(f"{portal.url}/care-feedback?case={case_id}")
    expect(doctor.get_by_role("heading", level=1)).to_have_text(nl("feedback.title"))
    doctor.get_by_role("button", name=nl("feedback.start")).click()
    doctor.get_by_label(nl("feedback.advice")).fill(ADVICE)
    doctor.get_by_role("button", name=nl("feedback.save")).click()
    alert(doctor).to_have_text(nl("feedback.saved"))
    expect(doctor.get_by_text(nl("draft.not_shared"))).to_be_visible()
    doctor.get_by_role("button", name=nl("draft.share")).click()
    alert(doctor).to_have_text(nl("draft.shared"))
    expect(doctor.get_by_text(nl("draft.no_reaction"))).to_be_visible()
    fits_and_passes_axe(doctor)
    mail = smtp_server.wait_for(f"{employee.username}@example.test")
    assert f"{portal.url}/my-employer-view" in body_of(mail)
    assert ADVICE not in body_of(mail)

    person = another_phone()
    sign_in(person, portal, employee, totp_codes)
    person.goto(portal.url + "/my-employer-view")
    draft = person.locator("section.draft-for-employee")
    expect(draft).to_contain_text(nl("draft.mine_title"))
    expect(draft).to_contain_text(ADVICE)
    fits_and_passes_axe(person)
    person.get_by_label(nl("draft.reaction")).fill("   ")
    person.get_by_role("button", name=nl("draft.send_reaction")).click()
    alert(person).to_have_text(nl("draft.reaction_empty"))
    person.get_by_label(nl("draft.reaction")).fill(REACTION)
    person.get_by_role("button", name=nl("draft.send_reaction")).click()
    alert(person).to_have_text(nl("draft.reaction_saved"))
    expect(person.get_by_label(nl("draft.reaction"))).to_have_value(REACTION)
    fits_and_passes_axe(person)

    employer_page = another_phone()
    seen_by_employer = Recording()
    seen_by_employer.attach(employer_page)
    sign_in(employer_page, portal, employer, totp_codes)
    employer_page.goto(f"{portal.url}/employer-case?case={case_id}")
    expect(employer_page.get_by_role("heading", level=1)).to_have_text(nl("employer_case.title"))
    expect(employer_page.get_by_text(nl("employer_case.sick_since"), exact=False)).to_be_visible()
    assert_no_leak(seen_by_employer, [ADVICE, REACTION])

    doctor.reload()
    expect(doctor.get_by_text(REACTION)).to_be_visible()
    expect(doctor.get_by_text(nl("draft.shared_on"), exact=False)).to_be_visible()
