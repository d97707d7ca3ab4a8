"""The privacy duties of issue 17 end to end on a new arbodienst's portal — no demo data,
run as production runs (tests/e2e/fresh_world.py), each person on his own phone (360 px):

1. rectification applied: the employee asks on /my-details that his phone number be
   corrected — a bad value is refused at its field first — the privacy officer applies it
   on /rights-desk, and the employee reads "Aangepast" under the field and gets a mail that
   says only *that* there is an outcome (real SMTP);
2. the medical file the WGBO way: the employee writes his own statement on /my-details, the
   doctor adds it to the file on /care-case; the privacy desk never receives its text;
3. a consent beyond the employer: the doctor asks a GP machtiging (recipient, purpose, data,
   period) on /consent-requests, the employee grants it on /my-consents with a receipt, then
   withdraws it (receipt too);
4. processing stopped: the employee asks to stop on /my-rights, the officer grants it on
   /restrictions; the employer's case page shows only *that* it stopped (no reason, no
   date), the doctor's feedback page says so and a release to the employer is refused with
   its message, nothing released;
5. a breach: the officer records it on /breaches (high risk, whose data, tell the people),
   tells the people; the employee reads it on /my-incidents and gets exactly one mail.

Every page visited fits 360 px and passes axe. What the desk, the employer and the employee's
own socket must never receive is checked over every frame and response at the end."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.accounts import TotpCodes, database
from tests.e2e.fresh_world import (
    Member,
    World,
    build_world,
    enrol_employee,
    enrol_privacy_officer,
    start_fresh_portal,
)
from tests.e2e.harness import Recording, assert_no_leak, stop_portal, web_dir
from tests.e2e.mailcatcher import MAIL_TIMEOUT_S, MailCatcher, body_of
from tests.e2e.test_case_journey_e2e import Phones, check, report_sick, told
from tests.e2e.test_login_e2e import nl, sign_in

LOCAL = ZoneInfo("Europe/Amsterdam")
BAD_PHONE = "bel mij maar"
NEW_PHONE = "06 2468 1357"
#: what only the doctor's team may read (never the privacy desk, never the employer)
STATEMENT = "JOURNEY-VERKLARING ik heb nooit gezegd dat het tillen thuis gebeurde"
STOP_TEXT = "JOURNEY-STOP gebruik mijn gegevens niet meer tot mijn bezwaar is beoordeeld"
#: the register's reason for the stop: the employer learns only *that* it stopped
REASON = "JOURNEY-REDEN verzoek art. 18 AVG, juistheid betwist"
GP = "JOURNEY-HUISARTS Praktijk De Linde Hengelo"
ADVICE = "Hervat het eigen werk in de ochtend."
BREACH_TITLE = "JOURNEY-LEK verzuimlijst naar verkeerde ontvanger"
BREACH_TEXT = (
    "JOURNEY-LEKBERICHT Uw naam en verzuimperiode stonden in een verkeerd verstuurde mail."
)


@pytest.fixture(scope="module")
def world(
    tmp_path_factory: pytest.TempPathFactory, smtp_server: MailCatcher, totp_codes: TotpCodes
) -> Iterator[World]:
    """The fresh portals' build directory (the case journey's: one module's portal at a
    time, the build bakes the port in); the fresh world's people and the privacy officer,
    each invited by the CLI and enrolled over the real routes."""
    portal = start_fresh_portal(
        tmp_path_factory.mktemp("fresh-duties"), smtp_server.port, web_dir("-fresh")
    )
    try:
        yield enrol_privacy_officer(
            build_world(portal, smtp_server, totp_codes), smtp_server, totp_codes
        )
    finally:
        stop_portal(portal)


@pytest.fixture(scope="module")
def phones(browser: Browser) -> Iterator[Phones]:
    opened = Phones(browser)
    yield opened
    opened.close()


@dataclass
class Duties:
    """The people of the journey, each signed in once on his own phone."""

    world: World
    mailbox: MailCatcher
    employer: Page
    employee: Page
    doctor: Page
    officer: Page
    case_id: int

    def open(self, page: Page, path: str, title_key: str) -> None:
        page.goto(self.world.portal.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(nl(title_key))

    def mails(self, subject_key: str) -> list[str]:
        return [
            body_of(m)
            for m in self.mailbox.to(self.world.employee_email)
            if m["Subject"] == nl(subject_key)
        ]

    def wait_for_mails(self, subject_key: str, count: int) -> list[str]:
        """The ``count`` mails of that subject to the employee, once all have arrived (the
        worker sends them after the click's commit); fails if more or fewer."""
        deadline = time.monotonic() + MAIL_TIMEOUT_S
        while len(self.mails(subject_key)) < count and time.monotonic() < deadline:
            time.sleep(0.1)  # polling for mail sent after the page's answer
        found = self.mails(subject_key)
        assert len(found) == count, (nl(subject_key), len(found))
        return found


# --- 1 and 2: rectification applied, and the employee's own statement ------------------


def ask_corrections(d: Duties) -> None:
    """A bad phone number is refused at its field (nothing asked); the good one is asked;
    then his own statement about his medical file."""
    page = d.employee
    d.open(page, "/my-details", "details.title")
    row = page.locator("ul.details > li", has=page.locator("#fix-form-phone"))
    row.locator("summary").click()
    form = page.locator("#fix-form-phone")
    value = form.get_by_label(nl("details.correction"))
    value.fill(BAD_PHONE)
    form.get_by_role("button", name=nl("details.send")).click()
    expect(form.locator("#fix-phone-error")).to_have_text(nl("rectification.error.phone"))
    expect(value).to_have_attribute("aria-invalid", "true")
    expect(row.locator(".rectification-item")).to_have_count(0)
    check(page)
    value.fill(NEW_PHONE)
    form.get_by_role("button", name=nl("details.send")).click()
    told(page, "details.sent")
    expect(row.locator(".rectification-item .outcome")).to_have_text(
        nl("rectification.status.open")
    )
    statement = page.locator("#statement-form")
    statement.get_by_label(nl("rectification.statement_label")).fill(STATEMENT)
    statement.get_by_role("button", name=nl("rectification.statement_send")).click()
    told(page, "rectification.statement_sent")
    expect(page.get_by_text(nl("rectification.field.medical_file"))).to_be_visible()
    check(page)


def desk_applies_the_phone(d: Duties) -> None:
    """The desk sees the phone number asked and applies it; of the statement it sees only
    that the doctor adds it — never its text."""
    page = d.officer
    d.open(page, "/rights-desk", "rights_desk.title")
    expect(page.get_by_text(NEW_PHONE)).to_be_visible()
    expect(page.get_by_text(nl("rectification.by_doctor"))).to_be_visible()
    assert STATEMENT not in page.content()
    check(page)
    page.get_by_role("button", name=nl("rectification.apply"), exact=True).click()
    told(page, "rectification.applied_done")
    expect(page.get_by_role("button", name=nl("rectification.apply"), exact=True)).to_have_count(0)
    assert STATEMENT not in page.content()


def doctor_adds_the_statement(d: Duties) -> None:
    page = d.doctor
    d.open(page, f"/care-case?case={d.case_id}", "care_case.title")
    expect(page.get_by_text(STATEMENT)).to_be_visible()
    expect(page.get_by_text(nl("rectification.cannot_refuse"))).to_be_visible()
    check(page)
    page.get_by_role("button", name=nl("rectification.add_statement")).click()
    told(page, "rectification.statement_added_done")
    expect(page.get_by_role("button", name=nl("rectification.add_statement"))).to_have_count(0)


def employee_reads_the_outcomes(d: Duties) -> None:
    """Under the field: the new value and "Aangepast"; the statement added; two mails that
    say only that there is an outcome, and where."""
    page = d.employee
    d.open(page, "/my-details", "details.title")
    row = page.locator("ul.details > li", has=page.locator("#fix-form-phone"))
    expect(row).to_contain_text(NEW_PHONE)
    expect(row.locator(".rectification-item .outcome")).to_have_text(
        nl("rectification.status.applied")
    )
    expect(page.get_by_text(nl("rectification.status.statement_added"))).to_be_visible()
    check(page)
    for body in d.wait_for_mails("mail.rectification.subject", 2):
        assert "/my-details" in body, body
        for said in (NEW_PHONE, STATEMENT, nl("details.field.phone")):
            assert said not in body, f"{said!r} in the mail"


# --- 3: a consent beyond the employer --------------------------------------------------


def doctor_asks_a_machtiging(d: Duties) -> None:
    page = d.doctor
    d.open(page, "/consent-requests", "consent_req.title")
    check(page)
    form = page.locator("form", has=page.locator("#b-kind"))
    form.get_by_label(nl("consent_req.case"), exact=True).select_option(str(d.case_id))
    form.get_by_label(nl("consent_beyond.kind")).select_option("gp_authorisation")
    form.get_by_label(nl("consent_beyond.recipient")).fill(GP)
    form.get_by_label(nl("consent_req.purpose")).fill("Duur van het herstel inschatten")
    form.get_by_label(nl("consent_beyond.data")).fill("Verloop van de behandeling van de rug")
    until = (datetime.now(LOCAL) + timedelta(weeks=8)).date().isoformat()
    form.get_by_label(nl("consent_beyond.until")).fill(until)
    form.get_by_role("button", name=nl("consent_req.send")).click()
    told(page, "consent_req.sent")
    expect(page.get_by_text(GP)).to_be_visible()


def employee_grants_and_withdraws(d: Duties) -> None:
    """Two taps each, the same for both (his sign-in's code is fresh); a receipt for each."""
    page = d.employee
    d.open(page, "/my-consents", "consents.title")
    expect(page.get_by_text(nl("consents.kind.gp_authorisation"))).to_be_visible()
    expect(page.get_by_text(GP)).to_be_visible()
    check(page)
    page.get_by_role("button", name=nl("consents.grant"), exact=True).click()
    # granting asks once too: withdrawing is exactly as easy as granting
    page.get_by_role("button", name=nl("consents.grant_confirm"), exact=True).click()
    told(page, "consents.granted")
    expect(page.get_by_role("link", name=nl("consents.receipt.granted"))).to_be_visible()
    page.get_by_role("button", name=nl("consents.withdraw"), exact=True).click()
    # withdrawing asks once, saying what changes at once (issue 18 item 2)
    page.get_by_role("button", name=nl("consents.withdraw_confirm"), exact=True).click()
    told(page, "consents.withdrawn")
    expect(page.get_by_role("link", name=nl("consents.receipt.withdrawn"))).to_be_visible()
    expect(page.get_by_text(nl("consents.state.withdrawn"), exact=True)).to_be_visible()
    check(page)


# --- 4: processing stopped -------------------------------------------------------------


def employee_asks_to_stop(d: Duties) -> None:
    page = d.employee
    d.open(page, "/my-rights", "rights.title")
    page.get_by_label(nl("rights.kind_label")).select_option("stop")
    page.get_by_label(nl("rights.text_label")).fill(STOP_TEXT)
    page.get_by_role("button", name=nl("rights.submit")).click()
    told(page, "rights.submitted")
    expect(page.get_by_text(STOP_TEXT)).to_be_visible()
    check(page)


def officer_grants_the_stop(d: Duties) -> None:
    page = d.officer
    d.open(page, "/restrictions", "restriction.title")
    request = page.locator("li.rights-request", has_text=STOP_TEXT)
    request.get_by_label(nl("restriction.reason_label"), exact=True).fill(REASON)
    expect(request.get_by_label(nl("restriction.answer_label"), exact=True)).not_to_be_empty()
    check(page)
    request.get_by_role("button", name=nl("restriction.grant")).click()
    told(page, "restriction.granted")
    running = page.locator("li.rights-request", has_text=REASON)
    expect(running).to_contain_text(d.world.personnel_number)
    check(page)


def employer_sees_only_that_it_stopped(d: Duties) -> None:
    page = d.employer
    d.open(page, f"/employer-case?case={d.case_id}", "employer_case.title")
    expect(page.get_by_text(nl("restriction.notice.employer"))).to_be_visible()
    expect(page.get_by_text(nl("restriction.notice.since"))).to_have_count(0)
    content = page.content()
    assert REASON not in content and STOP_TEXT not in content
    check(page)


def release_is_refused(d: Duties) -> None:
    """The doctor's feedback page says the use stopped; releasing to the employer is
    refused with its message, and nothing is released."""
    page = d.doctor
    d.open(page, f"/care-feedback?case={d.case_id}", "feedback.title")
    expect(page.get_by_text(nl("restriction.notice.staff"))).to_be_visible()
    page.get_by_role("button", name=nl("feedback.start")).click()
    page.get_by_label(nl("feedback.advice"), exact=True).fill(ADVICE)
    page.get_by_role("button", name=nl("feedback.save")).click()
    told(page, "feedback.saved")
    page.get_by_role("button", name=nl("feedback.release"), exact=True).click()
    told(page, "restriction.refused.feedback_release")
    check(page)
    with database(d.world.portal) as db:
        states = db.execute(
            "SELECT status FROM employer_feedback WHERE case_id = ?", (d.case_id,)
        ).fetchall()
    assert states and all(status != "released" for (status,) in states), states


# --- 5: a breach, and the people told --------------------------------------------------


def _local_input(moment: datetime) -> str:
    return f"{moment.astimezone(LOCAL):%Y-%m-%dT%H:%M}"


def officer_records_and_tells(d: Duties) -> None:
    page = d.officer
    d.open(page, "/breaches", "breaches.title")
    page.get_by_text(nl("breaches.new"), exact=True).click()
    form = page.locator("#breach-form")
    now = datetime.now(LOCAL)
    form.get_by_label(nl("breaches.title_label")).fill(BREACH_TITLE)
    form.get_by_label(nl("breaches.description")).fill("Een verzuimlijst ging per mail mee.")
    form.get_by_label(nl("breaches.occurred_at")).fill(_local_input(now - timedelta(hours=5)))
    form.get_by_label(nl("breaches.found_at")).fill(_local_input(now - timedelta(hours=2)))
    form.get_by_label(nl("breaches.kind.identity"), exact=True).check()
    form.get_by_label(nl("breaches.kind.absence"), exact=True).check()
    form.get_by_label(nl("breaches.risk.high"), exact=True).check()
    form.get_by_label(nl("breaches.measures")).fill("De ontvanger heeft de mail gewist.")
    form.get_by_label(nl("breaches.consequences")).fill("Een buitenstaander las uw verzuim.")
    form.get_by_label(nl("breaches.people_text"), exact=True).fill(BREACH_TEXT)
    form.get_by_label(nl("breaches.organisation"), exact=True).select_option(
        str(d.world.organisation_id)
    )
    form.get_by_label(nl("breaches.numbers"), exact=True).fill(d.world.personnel_number)
    check(page)
    form.get_by_role("button", name=nl("breaches.record")).click()
    told(page, "breaches.recorded")
    breach = page.locator("li.card", has_text=BREACH_TITLE)
    expect(breach).to_contain_text(nl("breaches.must_tell"))
    breach.get_by_label(nl("breaches.tell.yes"), exact=True).check()
    breach.get_by_label(nl("breaches.tell_reason"), exact=True).fill(
        "Hoog risico: gezondheidsgegevens."
    )
    breach.get_by_role("button", name=nl("breaches.decide")).click()
    told(page, "breaches.decided")
    breach.get_by_role("button", name=nl("breaches.tell_now")).click()
    told(page, "breaches.told")
    expect(page.get_by_text(nl("breaches.told_count_now"))).to_contain_text("1")
    check(page)


def employee_reads_the_incident(d: Duties) -> None:
    page = d.employee
    d.open(page, "/my-incidents", "incidents.title")
    expect(page.get_by_text(BREACH_TEXT)).to_be_visible()
    expect(page.get_by_text(nl("incidents.contact"))).to_be_visible()
    check(page)
    (body,) = d.wait_for_mails("mail.breach.subject", 1)
    assert "/my-incidents" in body, body
    assert BREACH_TEXT not in body and BREACH_TITLE not in body


def test_the_privacy_duties_from_request_to_outcome(
    world: World, phones: Phones, totp_codes: TotpCodes, smtp_server: MailCatcher
) -> None:
    def signed_in(member: Member | None) -> Page:
        assert member is not None
        page, _recording = phones.of(member.username)
        sign_in(page, world.portal, member, totp_codes)  # type: ignore[arg-type]
        return page

    def recording(member: Member | None) -> Recording:
        assert member is not None
        return phones.of(member.username)[1]

    employer = signed_in(world.employer)
    case_id = report_sick(world, employer)
    world = enrol_employee(world, smtp_server, totp_codes)
    d = Duties(
        world,
        smtp_server,
        employer=employer,
        employee=signed_in(world.employee),
        doctor=signed_in(world.doctor),
        officer=signed_in(world.privacy_officer),
        case_id=case_id,
    )

    ask_corrections(d)
    desk_applies_the_phone(d)
    doctor_adds_the_statement(d)
    employee_reads_the_outcomes(d)

    doctor_asks_a_machtiging(d)
    employee_grants_and_withdraws(d)

    employee_asks_to_stop(d)
    officer_grants_the_stop(d)
    employer_sees_only_that_it_stopped(d)
    release_is_refused(d)

    officer_records_and_tells(d)
    employee_reads_the_incident(d)

    assert_no_leak(recording(world.privacy_officer), [STATEMENT])
    assert_no_leak(recording(world.employer), [STATEMENT, REASON, STOP_TEXT, GP, ADVICE])
    # his statement goes to the doctor's team; it never comes back to his own page
    assert_no_leak(recording(world.employee), [STATEMENT])
