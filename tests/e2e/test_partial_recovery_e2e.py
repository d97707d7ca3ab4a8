"""Partial recovery on a phone (issue 18 item 7): the employer opens a case, follows its link
to the recovery report, enters "50 %" from today at 360 x 780 and sees it in the case's
course, with the outcome announced in view; the page passes the phone checks. The case is
an open case of werkgever.zorg without an account and without an earlier step (the demo's
own partial recovery is on the oldest case), so no other test's data changes."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.dutch_time import dutch_today
from tests.e2e.accounts import TotpCodes, database, demo
from tests.e2e.harness import Portal
from tests.e2e.phone import Phones, assert_notice_in_view, check_page
from tests.e2e.test_login_e2e import nl

EMPLOYER = "werkgever.zorg"
ORGANISATION = "Zorggroep Dinkelland"


@pytest.fixture
def phones(browser: Browser, portal: Portal, totp_codes: TotpCodes) -> Iterator[Phones]:
    opened = Phones(browser, portal, totp_codes)
    yield opened
    opened.close()


def _quiet_open_case(portal: Portal) -> int:
    with database(portal) as db:
        row = db.execute(
            "SELECT c.id FROM sick_leave_case c JOIN organisation o ON o.id = c.organisation_id"
            " WHERE o.name = ? AND c.recovery_date IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM recovery_step r WHERE r.case_id = c.id)"
            " AND NOT EXISTS (SELECT 1 FROM account a WHERE a.employee_id = c.employee_id)"
            " ORDER BY c.id DESC LIMIT 1",
            (ORGANISATION,),
        ).fetchone()
    assert row, "the demo has an open case to report on"
    return int(row[0])


def test_employer_enters_a_fifty_percent_partial_recovery_on_a_phone(
    phones: Phones, portal: Portal
) -> None:
    case_id = _quiet_open_case(portal)
    page = phones.signed_in(demo(EMPLOYER))
    page.goto(f"{portal.url}/employer-case?case={case_id}")
    page.get_by_role("link", name=nl("partial_recovery.link"), exact=True).tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("partial_recovery.title"))
    expect(page).to_have_url(re.compile(rf"/employer-recovery/?\?case={case_id}$"))

    page.get_by_label(nl("partial_recovery.from_date"), exact=True).fill(dutch_today().isoformat())
    page.get_by_label(nl("partial_recovery.percent_working"), exact=True).fill("50")
    page.get_by_role("button", name=nl("partial_recovery.submit"), exact=True).tap()

    assert_notice_in_view(page, "status", text=nl("partial_recovery.done"))
    course = page.locator("ul.recovery-periods li")
    expect(course).to_have_count(2)
    expect(course.last).to_contain_text(re.compile(r"50\s%"))
    # the header's brand link is the layout's (not this page's) to size
    check_page(page, "employer-partial-recovery", exempt=(".brand",))
