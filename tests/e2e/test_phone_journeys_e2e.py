"""The journeys of issue 18 on a phone — 360 x 780, touch, Dutch, Dutch time
(tests/e2e/phone.py) — on the demo portal, each person signed in once for the module:

1. the employee's start page → his consents → withdrawing one asks for confirmation, then a
   fresh code (his sign-in's is made stale), returns to the consents and finishes the act;
2. the employer's sick report: a bad phone number is marked at its field (focus there, the
   summary links to it), corrected, and the report is confirmed;
3. the employer's case page (steps done, the next one, the rest folded away);
4. the doctor's feedback editor: saving the draft is confirmed next to the button;
5. the rights desk's staff page: headings name the request, no command line;
6. the cookie banner on the landing page: a third of the screen at most, a quick tap counts.

Every page visited: a full-page screenshot into the test report (test-results/phone/), no
sideways scroll, tap targets of at least 44 x 44 px and axe clean (``check_page``); every
notice the journey causes is in view with its role — ``status`` for an outcome, ``alert``
for an error. The accounts are demo accounts whose data no other e2e test relies on
(werknemer.zorg's machtiging, a new person reported by werkgever.zorg)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from kwportal.i18n import t
from tests.e2e.accounts import TotpCodes, account_id, database, demo, move_back
from tests.e2e.harness import Portal, url_at
from tests.e2e.phone import (
    NOTICE_TIMEOUT_MS,
    Phones,
    assert_notice_in_view,
    check_page,
    phone,
)
from tests.e2e.test_login_e2e import nl

EMPLOYEE = "werknemer.zorg"
EMPLOYER = "werkgever.zorg"
DOCTOR = "arts.zorg"
DESK = "privacy.krachtwerkt"
BAD_PHONE = "bel mij maar"
#: a person the employer reports for this file alone (only people in care are stored)
PERSONNEL_NUMBER = "TEL-360"
#: a third of a 360 x 780 phone screen (issue 18 item 8)
BANNER_MAX_HEIGHT = 260


def key_or(key: str, pattern: str) -> str | re.Pattern[str]:
    """The Dutch text of ``key`` once the catalog has it, else ``pattern`` (for wording
    still being written by the work this checks)."""
    try:
        return t(key, "nl")
    except KeyError:
        return re.compile(pattern, re.IGNORECASE)


def confirm_button(page: Page) -> Locator:
    """The button that confirms a withdrawal on /my-consents (not the first "Intrekken")."""
    name = key_or("consents.withdraw_confirm", r"^(ja,? )?(bevestig|.+ intrekken$)")
    return page.get_by_role("main").get_by_role("button", name=name)


@pytest.fixture(scope="module")
def phones(browser: Browser, portal: Portal, totp_codes: TotpCodes) -> Iterator[Phones]:
    opened = Phones(browser, portal, totp_codes)
    yield opened
    opened.close()


def open_page(page: Page, portal: Portal, path: str, title_key: str) -> None:
    page.goto(portal.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(nl(title_key))


# --- 1. the employee: start page, consents, withdrawal after confirmation and a code ---


def test_employee_start_consents_and_withdrawal_with_confirmation_and_fresh_code(
    phones: Phones, portal: Portal, totp_codes: TotpCodes
) -> None:
    findings: list[str] = []
    account = demo(EMPLOYEE)
    page = phones.signed_in(account)
    expect(page).to_have_url(url_at("/portal"))
    check_page(page, "journeys-employee-start", findings=findings)

    open_page(page, portal, "/my-consents", "consents.title")
    item = page.locator("li", has=page.get_by_role("button", name=nl("consents.withdraw")))
    expect(item.first).to_be_visible()
    check_page(page, "journeys-employee-consents", findings=findings)

    item.first.get_by_role("button", name=nl("consents.withdraw"), exact=True).tap()
    # nothing is withdrawn yet: the page asks to confirm and says what changes at once
    box = page.get_by_role("group", name=key_or("consents.withdraw_confirm_title", r"intrekken"))
    expect(box).to_be_visible()
    expect(page).to_have_url(url_at("/my-consents"))
    confirm = confirm_button(page)
    expect(confirm.first).to_be_visible()
    expect(page.get_by_text(nl("consents.withdrawn"), exact=True)).to_have_count(0)
    check_page(page, "journeys-employee-consents-confirm", findings=findings)
    # meanwhile his sign-in's code went stale: the withdrawal needs a fresh one
    assert move_back(
        portal,
        "login_session",
        "last_totp_at",
        account_id(portal, account.username),
        timedelta(minutes=10),
    )
    confirm.first.tap()

    expect(page).to_have_url(re.compile(r"/stepup/?\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("stepup.title"))
    cancel = page.get_by_role("link", name=re.compile(r"annuleer|annuleren|terug", re.I))
    expect(cancel.first).to_be_visible()
    check_page(page, "journeys-employee-stepup", findings=findings)
    page.get_by_label(nl("login.code.label"), exact=True).fill(
        totp_codes.next(account.username, account.totp_secret)
    )
    with page.expect_navigation():
        page.get_by_role("button", name=nl("stepup.submit"), exact=True).tap()

    # back where he was; the act is finished (or asked once more, then finished)
    expect(page).to_have_url(url_at("/my-consents"))
    done = page.get_by_role("status").filter(has_text=nl("consents.withdrawn"))
    again = confirm_button(page)
    expect(done.or_(again.first)).to_be_visible(timeout=NOTICE_TIMEOUT_MS)
    if not done.is_visible():
        again.first.tap()
    assert_notice_in_view(page, "status", nl("consents.withdrawn"), kind="success")
    expect(page.get_by_text(nl("consents.state.withdrawn"), exact=True).first).to_be_visible()
    check_page(page, "journeys-employee-consents-withdrawn", findings=findings)
    assert not findings, "\n".join(findings)


# --- 2 and 3. the employer: a sick report with a field error, then the case page -------


def test_employer_sick_report_error_at_its_field_then_confirmed_and_case_page(
    phones: Phones, portal: Portal
) -> None:
    findings: list[str] = []
    page = phones.signed_in(demo(EMPLOYER))
    open_page(page, portal, "/employer", "employer.title")
    check_page(page, "journeys-employer-overview", findings=findings)

    open_page(page, portal, "/employer-sick-report", "sick.title")
    check_page(page, "journeys-employer-sick-report", findings=findings)
    first_day = (datetime.now() - timedelta(days=2)).date().isoformat()
    page.get_by_label(nl("sick.personnel_number")).fill(PERSONNEL_NUMBER)
    page.get_by_label(nl("sick.first_name")).fill("Telefoon")
    page.get_by_label(nl("sick.last_name")).fill("Proef")
    page.get_by_label(nl("sick.first_sick_day")).fill(first_day)
    phone_field = page.get_by_label(nl("sick.contact_phone"))
    phone_field.fill(BAD_PHONE)
    page.get_by_label(nl("sick.expected_duration")).select_option("weeks_2_6")
    for legend in ("sick.safety_net", "sick.work_accident", "sick.traffic_accident"):
        group = page.get_by_role("group", name=nl(legend))
        group.get_by_label(nl("sick.no"), exact=True).check()
    page.get_by_role("button", name=nl("sick.submit")).tap()

    # the error is an alert, in view, at its field; focus there; the summary links to it
    assert_notice_in_view(page, "alert", nl("sick.error.phone"))
    expect(phone_field).to_have_attribute("aria-invalid", "true")
    described = phone_field.get_attribute("aria-describedby") or ""
    said = " ".join(page.locator(f"#{ident}").inner_text() for ident in described.split() if ident)
    assert nl("sick.error.phone") in said, (described, said)
    expect(phone_field).to_be_focused()
    field_id = phone_field.get_attribute("id")
    expect(page.locator(f"[role=alert] a[href$='#{field_id}']").first).to_be_attached()
    check_page(page, "journeys-employer-sick-report-error", findings=findings)

    phone_field.fill("06 1234 5678")
    page.get_by_role("button", name=nl("sick.submit")).tap()
    assert_notice_in_view(page, "status", nl("sick.done"), kind="success")
    expect(phone_field).not_to_have_attribute("aria-invalid", "true")
    check_page(page, "journeys-employer-sick-report-done", findings=findings)

    # 3. a case of the demo organisation with its history: steps done, next, rest folded
    open_page(page, portal, "/employer", "employer.title")
    page.locator("a[href*='/employer-case']").first.tap()
    expect(page).to_have_url(re.compile(r"/employer-case/?\?case=\d+"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    folded = page.locator("details:not([open])")
    expect(folded.first).to_be_attached()
    check_page(page, "journeys-employer-case", findings=findings)
    assert not findings, "\n".join(findings)


# --- 4. the doctor's feedback editor -------------------------------------------------


def case_with_draft(portal: Portal, case_ids: list[int]) -> int:
    """Of the cases on the doctor's caseload, the first with a feedback draft (else the
    first: the editor then starts one)."""
    assert case_ids, "the caseload links no feedback editor"
    marks = ",".join("?" * len(case_ids))
    with database(portal) as db:
        rows = db.execute(
            "SELECT case_id FROM employer_feedback"
            f" WHERE status = 'draft' AND case_id IN ({marks})",
            case_ids,
        ).fetchall()
    drafts = {int(row[0]) for row in rows}
    return next((c for c in case_ids if c in drafts), case_ids[0])


def test_doctor_caseload_and_feedback_editor_save_is_confirmed_in_view(
    phones: Phones, portal: Portal
) -> None:
    findings: list[str] = []
    page = phones.signed_in(demo(DOCTOR))
    open_page(page, portal, "/care", "care.title")
    check_page(page, "journeys-doctor-caseload", findings=findings)

    links = page.get_by_role("link", name=nl("care.feedback_link"))
    expect(links.first).to_be_visible()
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    case_ids = [int(m.group(1)) for h in hrefs if (m := re.search(r"case=(\d+)", h))]
    case_id = case_with_draft(portal, case_ids)
    open_page(page, portal, f"/care-feedback?case={case_id}", "feedback.title")
    start = page.get_by_role("button", name=nl("feedback.start"))
    if start.count():
        start.tap()
    save = page.get_by_role("button", name=nl("feedback.save"))
    expect(save).to_be_visible()
    check_page(page, "journeys-doctor-feedback-editor", findings=findings)
    save.tap()
    assert_notice_in_view(page, "status", nl("feedback.saved"), kind="success")
    check_page(page, "journeys-doctor-feedback-saved", findings=findings)
    assert not findings, "\n".join(findings)


# --- 5. the rights desk ---------------------------------------------------------------


def test_rights_desk_speaks_to_staff(phones: Phones, portal: Portal) -> None:
    findings: list[str] = []
    page = phones.signed_in(demo(DESK))
    open_page(page, portal, "/rights-desk", "rights_desk.title")
    headings = page.locator("h1, h2, h3").all_inner_texts()
    second_person = [h for h in headings if re.search(r"\b(uw|je|jouw) gegevens\b", h, re.I)]
    if second_person:
        findings.append(f"[rights-desk/words] headings speak to the employee: {second_person}")
    if page.locator("main code, main pre").filter(has_text="kwportal").count():
        findings.append("[rights-desk/words] a command line on the page")
    check_page(page, "journeys-rights-desk", findings=findings)
    assert not findings, "\n".join(findings)


# --- 6. the cookie banner on the landing page --------------------------------------------


def test_cookie_banner_compact_and_a_quick_tap_counts(browser: Browser, portal: Portal) -> None:
    findings: list[str] = []
    with phone(browser) as page:
        page.goto(portal.url + "/")
        banner = page.get_by_role("region", name=nl("cookies.banner_title"))
        expect(banner).to_be_visible()
        box = banner.bounding_box()
        assert box and box["height"] <= BANNER_MAX_HEIGHT, box
        accept = banner.get_by_role("button", name=nl("cookies.accept_all"), exact=True)
        reject = banner.get_by_role("button", name=nl("cookies.reject_all"), exact=True)
        a, r = accept.bounding_box(), reject.bounding_box()
        assert a and r and (a["width"], a["height"]) == (r["width"], r["height"]), (a, r)
        check_page(page, "journeys-landing-cookie-banner", findings=findings)
        with page.expect_navigation():
            reject.tap()
        expect(page.get_by_text(nl("visitor.too_fast"))).to_have_count(0)
        assert_notice_in_view(page, "status", nl("visitor.cookies_saved"), kind="success")
        expect(banner).to_have_count(0)
        check_page(page, "journeys-landing-after-choice", findings=findings)
    assert not findings, "\n".join(findings)
