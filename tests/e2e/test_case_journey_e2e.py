"""A sick-leave case end to end on a new arbodienst's portal — no demo data (issue 15):
the employer reports sick → the case manager books a consult → the employee gets the
invitation (real SMTP), fills the questionnaire, attends → the doctor writes the problem
analysis and releases its employer part → the employer writes the plan of action → the
employee adds his view → evaluation → the re-integration report downloaded by both.

Every employer frame is checked for what must never reach an employer: the questionnaire
answers, the medical part of the problem analysis, the employee's uploads and his messages
to the care team. Every page visited fits 360 px and passes axe."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.accounts import TotpCodes
from tests.e2e.conftest import PHONE
from tests.e2e.fresh_world import World, build_world, start_fresh_portal
from tests.e2e.harness import Recording, assert_no_leak, stop_portal, url_at, web_dir
from tests.e2e.mailcatcher import MailCatcher
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

#: what the employee and the doctor write that no employer frame may ever carry
SECRETS = {
    "answer": "JOURNEY-ANTWOORD hernia L5 sinds maart",
    "analysis": "JOURNEY-MEDISCH prolaps met uitstraling",
    "upload": "JOURNEY-UPLOAD specialistenbrief.png",
    "message": "JOURNEY-BERICHT de fysiotherapeut zegt",
}
CARE_ADDRESS = "JOURNEY-ZORGADRES Revalidatiecentrum De Brug"


@pytest.fixture(scope="module")
def world(
    tmp_path_factory: pytest.TempPathFactory, smtp_server: MailCatcher, totp_codes: TotpCodes
) -> Iterator[World]:
    """Its own build directory: the build bakes the port in."""
    portal = start_fresh_portal(
        tmp_path_factory.mktemp("fresh"), smtp_server.port, web_dir("-fresh")
    )
    try:
        yield build_world(portal, smtp_server, totp_codes)
    finally:
        stop_portal(portal)


class Phones:
    """One phone per person of the journey, each its own browser context and recording."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.pages: dict[str, tuple[Page, Recording]] = {}

    def of(self, username: str) -> tuple[Page, Recording]:
        if username not in self.pages:
            context = self.browser.new_context(viewport=PHONE, locale="nl-NL")
            page = context.new_page()
            page.set_default_timeout(15_000)
            recording = Recording()
            recording.attach(page)
            self.pages[username] = (page, recording)
        return self.pages[username]

    def close(self) -> None:
        for page, _recording in self.pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def phones(browser: Browser) -> Iterator[Phones]:
    opened = Phones(browser)
    yield opened
    opened.close()


def check(page: Page) -> None:
    fits_and_passes_axe(page)


def test_the_case_from_sick_report_to_the_reintegration_report(
    world: World, phones: Phones, totp_codes: TotpCodes, smtp_server: MailCatcher
) -> None:
    portal = world.portal
    employer, employer_rec = phones.of(world.employer.username)
    sign_in(employer, portal, world.employer, totp_codes)  # type: ignore[arg-type]

    # 1. the employer reports sick
    first_day = (datetime.now(UTC) - timedelta(days=50)).date().isoformat()
    employer.goto(portal.url + "/employer-sick-report")
    expect(employer.get_by_role("heading", level=1)).to_have_text(nl("sick.title"))
    employer.get_by_label(nl("sick.personnel_number")).fill(world.personnel_number)
    employer.get_by_label(nl("sick.first_sick_day")).fill(first_day)
    employer.get_by_label(nl("sick.care_address")).fill(CARE_ADDRESS)
    employer.get_by_label(nl("sick.contact_phone")).fill("06 1234 5678")
    employer.get_by_label(nl("sick.expected_duration")).select_option("weeks_2_6")
    for legend in ("sick.safety_net", "sick.work_accident", "sick.traffic_accident"):
        group = employer.get_by_role("group", name=nl(legend))
        group.get_by_label(nl("sick.no"), exact=True).check()
    employer.get_by_role("button", name=nl("sick.submit")).click()
    alert(employer).to_have_text(nl("sick.done"))
    check(employer)
    employer.get_by_role("link", name=nl("sick.open_case")).click()
    expect(employer).to_have_url(url_at("/employer-case"))
    check(employer)

    assert_no_leak(employer_rec, [*SECRETS.values(), CARE_ADDRESS])
