"""The intake questionnaire and an exposure in the browser (issue 15 items 2 and 6): the
employee sends the questionnaire empty and gets a message at each required question (focus on
the first), fills it on his phone and saves; the metal works' doctor reads his answers in the
case file and records an exposure, and the page shows the retention line before and after.
Both pages fit 360 px and pass axe, with and without field errors."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from kwportal.services.employee.questionnaire import intake
from tests.e2e.accounts import TotpCodes, database, demo
from tests.e2e.harness import Portal, Recording
from tests.e2e.test_consent_e2e import DOCTOR, _free_open_case, make_account
from tests.e2e.test_login_e2e import fits_and_passes_axe, nl, sign_in

COMPLAINT = "MEDISCH-E2E schouderpijn bij tillen"


def _open_case_without_consults(portal: Portal) -> tuple[int, int]:
    """An open metal-works case of someone without an account, its demo consults removed
    (a consult that has been closes the questionnaire). Born in 1995, so that radiation
    keeps his file longest (until 75, in 2070), whichever demo employee this run picks."""
    _org, employee_id, case_id = _free_open_case(portal)
    with database(portal) as db:
        db.execute("DELETE FROM appointment WHERE case_id = ?", (case_id,))
        db.execute("UPDATE employee SET date_of_birth = '1995-06-01' WHERE id = ?", (employee_id,))
        db.commit()
    return employee_id, case_id


def _fill(page: Page) -> None:
    for q in intake().questions:
        if not q.required:
            continue
        if q.kind == "text":
            text = COMPLAINT if q.key == "complaints" else "E2E antwoord"
            page.get_by_label(q.nl).fill(text)
        elif q.kind == "scale":
            page.get_by_label(q.nl).select_option("5")
        else:
            group = page.get_by_role("group", name=q.nl)
            group.get_by_label(q.choices[0].nl, exact=True).check()


def test_questionnaire_then_exposure(
    portal: Portal, phone_page: Page, another_phone, recording: Recording, totp_codes: TotpCodes
) -> None:
    employee_id, case_id = _open_case_without_consults(portal)
    me = make_account(portal, "employee", "werknemer.vragenlijst", employee_id=employee_id)
    sign_in(phone_page, portal, me, totp_codes)
    phone_page.goto(portal.url + "/my-questionnaire")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("questionnaire.title"))
    save = phone_page.get_by_role("button", name=nl("questionnaire.save"))
    expect(save).to_be_visible()
    fits_and_passes_axe(phone_page)

    save.click()
    expect(phone_page.get_by_text(nl("questionnaire.errors_title"))).to_be_visible()
    first = intake().questions[0]
    expect(phone_page.get_by_label(first.nl)).to_be_focused()
    required = sum(q.required for q in intake().questions)
    expect(phone_page.locator(".field-error:not(:empty)")).to_have_count(required)
    fits_and_passes_axe(phone_page)

    _fill(phone_page)
    save.click()
    expect(phone_page.get_by_text(nl("questionnaire.saved"))).to_be_visible()
    expect(phone_page.locator(".field-error:not(:empty)")).to_have_count(0)

    doctor = another_phone()
    sign_in(doctor, portal, demo(DOCTOR), totp_codes)
    doctor.goto(f"{portal.url}/care-case?case={case_id}")
    expect(doctor.get_by_text(COMPLAINT)).to_be_visible()
    fits_and_passes_axe(doctor)
    doctor.get_by_label(nl("exposures.kind")).select_option("ionising_radiation")
    doctor.get_by_label(nl("exposures.agent")).fill("MEDISCH-E2E röntgen")
    doctor.get_by_label(nl("exposures.started_on")).fill("2019-04-01")
    doctor.get_by_label(nl("exposures.ended_on")).fill("2099-01-01")
    doctor.get_by_role("button", name=nl("exposures.record")).click()
    expect(doctor.get_by_text(nl("exposures.end_in_future")).first).to_be_visible()
    expect(doctor.get_by_label(nl("exposures.ended_on"))).to_be_focused()
    fits_and_passes_axe(doctor)
    doctor.get_by_label(nl("exposures.ended_on")).fill("")
    doctor.get_by_role("button", name=nl("exposures.record")).click()
    expect(doctor.get_by_text(nl("exposures.recorded"))).to_be_visible()
    before = nl("exposures.retention_before").split("{line}")[0]
    expect(doctor.get_by_text(before, exact=False)).to_be_visible()
    expect(doctor.get_by_text(nl("exposures.rule.radiation_age_75"), exact=False)).to_be_visible()
