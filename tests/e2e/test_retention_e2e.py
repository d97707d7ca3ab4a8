"""Retention in the browser: the privacy desk sets and lifts a legal hold; the employee sees
until when his file is kept and grants and withdraws consent to keep it longer."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.accounts import TotpCodes, demo
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

CANARIES = ("MEDISCH-", "ZORGADRES-", "CONCEPT-")


def test_privacy_desk_sets_and_lifts_a_hold(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes
) -> None:
    sign_in(phone_page, portal, demo("privacy.krachtwerkt"), totp_codes)
    phone_page.get_by_role("link", name=nl("desk.link")).click()
    expect(phone_page).to_have_url(url_at("/retention-desk"))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("desk.title"))
    fits_and_passes_axe(phone_page)

    phone_page.get_by_label(nl("desk.personnel_number")).fill("LOG00002")
    phone_page.get_by_label(nl("desk.reason")).fill("Lopende procedure bij de rechtbank")
    phone_page.get_by_role("button", name=nl("desk.set_hold"), exact=True).click()
    alert(phone_page).to_have_text(nl("desk.hold_set"))
    expect(phone_page.get_by_text("Lopende procedure bij de rechtbank")).to_be_visible()
    fits_and_passes_axe(phone_page)

    phone_page.get_by_label(nl("desk.lift_reason")).fill("Procedure afgerond")
    phone_page.get_by_role("button", name=nl("desk.lift"), exact=True).click()
    alert(phone_page).to_have_text(nl("desk.hold_lifted"))
    expect(phone_page.get_by_text(nl("desk.no_holds"))).to_be_visible()
    assert_no_leak(recording, CANARIES)


def test_employee_grants_and_withdraws_consent_to_keep_longer(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes
) -> None:
    sign_in(phone_page, portal, demo("werknemer.zorg"), totp_codes)
    phone_page.goto(portal.url + "/my-retention")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("retention.title"))
    expect(phone_page.get_by_text(nl("retention.source"))).to_be_visible()
    fits_and_passes_axe(phone_page)

    phone_page.get_by_label(nl("consent.until")).fill("2060-12-31")
    phone_page.get_by_role("button", name=nl("consent.grant"), exact=True).click()
    alert(phone_page).to_have_text(nl("consent.granted"))
    expect(phone_page.get_by_text("31-12-2060")).to_be_visible()

    phone_page.get_by_role("button", name=nl("consent.withdraw"), exact=True).click()
    alert(phone_page).to_have_text(nl("consent.withdrawn"))
    expect(phone_page.get_by_role("button", name=nl("consent.withdraw"))).to_have_count(0)
    fits_and_passes_axe(phone_page)
    assert_no_leak(recording, CANARIES)
