"""Notices and the resuming step-up on a phone (issue 18 items 1 and 2): 360 x 780, touch,
nl-NL, Europe/Amsterdam (tests/e2e/phone.py).

An employee withdraws a consent: the page asks first and says what changes at once; his
code is stale, so the step-up page says what the new code is for and offers a way back; a
wrong code is an error (``alert``, in view); the right one brings him back to his consents
with the act finished and its outcome a success (``status``, in view, saying "Gelukt").

The employee is made for this file alone (an employee of the metal works without an
account, with one granted machtiging written straight into the portal's database)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from kwportal.models import ConsentRecord
from kwportal.services.demo.accounts import DemoAccount
from tests.dutch_time import dutch_today
from tests.e2e.accounts import TotpCodes, account_id, move_back, portal_unit
from tests.e2e.harness import Portal, url_at
from tests.e2e.phone import assert_notice_in_view, check_page, phone
from tests.e2e.test_consent_e2e import _free_open_case, make_account
from tests.e2e.test_login_e2e import nl, sign_in

USERNAME = "werknemer.meldingen"
DATA = "Behandelgegevens van de fysiotherapeut"


def _granted_machtiging(portal: Portal, employee_id: int) -> None:
    with portal_unit(portal) as session:
        session.add(
            ConsentRecord(
                employee_id=employee_id,
                kind="gp_authorisation",
                purpose="Machtiging: informatie opvragen bij de fysiotherapeut",
                data_description=DATA,
                data_categories="medical",
                recipient="Bedrijfsarts KrachtWerkt",
                legal_basis="explicit_consent",
                notice_version="2023-02-07",
                granted_at=datetime.now(UTC) - timedelta(days=3),
                valid_until=dutch_today() + timedelta(days=60),
            )
        )


@pytest.fixture
def employee_phone(
    browser: Browser, portal: Portal, totp_codes: TotpCodes
) -> Iterator[tuple[Page, DemoAccount]]:
    organisation_id, employee_id, _case_id = _free_open_case(portal)
    account = make_account(
        portal, "employee", USERNAME, organisation_id=organisation_id, employee_id=employee_id
    )
    _granted_machtiging(portal, employee_id)
    with phone(browser) as page:
        sign_in(page, portal, account, totp_codes)
        yield page, account


def test_withdrawing_asks_first_then_the_step_up_finishes_it_with_a_notice_in_view(
    employee_phone: tuple[Page, DemoAccount], portal: Portal, totp_codes: TotpCodes
) -> None:
    page, account = employee_phone
    page.goto(portal.url + "/my-consents")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("consents.title"))

    # 1. the first tap asks, and says what changes at once; nothing is withdrawn yet
    page.get_by_role("button", name=nl("consents.withdraw"), exact=True).tap()
    box = page.get_by_role("group", name=nl("consents.withdraw_confirm_title"))
    expect(box).to_be_visible()
    expect(box).to_contain_text(DATA)
    expect(box).to_contain_text(nl("consents.withdraw_before"))
    check_page(page, "notices-consent-confirm")

    # 2. his code is stale: the confirmation goes to the step-up, which names the act
    assert move_back(
        portal,
        "login_session",
        "last_totp_at",
        account_id(portal, account.username),
        timedelta(minutes=10),
    )
    box.get_by_role("button", name=nl("consents.withdraw_confirm")).tap()
    expect(page).to_have_url(re.compile(r"/stepup/?\?next=%2Fmy-consents"))
    act = nl("stepup.act.consents.do_withdraw")
    expect(page.get_by_text(nl("stepup.code_for").replace("{act}", act))).to_be_visible()
    expect(page.get_by_role("link", name=nl("stepup.cancel"))).to_be_visible()

    # 3. a wrong code is an error, announced at once and in view
    code_field = page.get_by_label(nl("login.code.label"), exact=True)
    code_field.fill("000000")
    with page.expect_navigation():
        page.get_by_role("button", name=nl("stepup.submit"), exact=True).tap()
    assert_notice_in_view(page, "alert", nl("auth.invalid_code"))
    expect(page.locator("[data-notice=error]")).to_contain_text(nl("notice.kind.error"))
    expect(page.get_by_text(nl("stepup.code_for").replace("{act}", act))).to_be_visible()
    check_page(page, "notices-stepup-wrong-code")

    # 4. the right code: back on his consents, the withdrawal done, a success in view
    code_field.fill(totp_codes.next(account.username, account.totp_secret))
    with page.expect_navigation():
        page.get_by_role("button", name=nl("stepup.submit"), exact=True).tap()
    expect(page).to_have_url(url_at("/my-consents"))
    assert_notice_in_view(page, "status", nl("consents.withdrawn"))
    done = page.locator("[data-notice=success]").filter(has_text=nl("consents.withdrawn"))
    expect(done).to_contain_text(nl("notice.kind.success"))
    expect(page.get_by_text(nl("consents.state.withdrawn"), exact=True).first).to_be_visible()
    expect(page.get_by_role("button", name=nl("consents.withdraw"), exact=True)).to_have_count(0)
    check_page(page, "notices-consent-withdrawn")
