"""The public site in Chromium at 360 px (issue 9 items 1, 4, 5, 6, 8): every public page in
Dutch and English with title, meta description and lang, fitting and passing axe; the
newsletter's double opt-in and unsubscribe with real mail; a callback request with script
tags shown as text in the case manager's queue; a visitor's rights request confirmed by
e-mail and answered by the privacy officer; the administrator's statistics chart."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kwportal.i18n import t
from tests.e2e.accounts import TotpCodes, demo
from tests.e2e.harness import Portal, url_at
from tests.e2e.mailcatcher import MailCatcher, body_of, link_in
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

PUBLIC = {
    "/": "home.title",
    "/privacy": "privacy.title",
    "/cookies": "cookies.title",
    "/privacyreglement": "reglement.title",
    "/newsletter": "newsletter.title",
    "/callback": "callback.title",
    "/visitor-rights": "visitor_rights.title",
}
SCRIPT = "<script>window.kwPwned=1</script>"


def ready(page: Page) -> None:
    expect(page.locator("input[name=form_token]").first).not_to_have_value("")


def send(page: Page, button_key: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=nl(button_key), exact=True).click()


@pytest.mark.parametrize("path", list(PUBLIC))
def test_public_pages_have_basics_fit_and_pass_axe(
    portal: Portal, phone_page: Page, path: str
) -> None:
    phone_page.goto(portal.url + path)
    ready(phone_page)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl(PUBLIC[path]))
    assert phone_page.evaluate("document.documentElement.lang") == "nl"
    assert "KrachtWerkt" in phone_page.title()
    description = phone_page.locator("meta[name=description]")
    expect(description).to_have_count(1)
    assert len(description.get_attribute("content") or "") > 30
    fits_and_passes_axe(phone_page)
    phone_page.get_by_role("button", name="English").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(t(PUBLIC[path], "en"))
    expect(phone_page.locator("html")).to_have_attribute("lang", "en")
    fits_and_passes_axe(phone_page)


def test_privacy_statement_versions_and_what_changed(portal: Portal, phone_page: Page) -> None:
    phone_page.goto(portal.url + "/privacy")
    expect(
        phone_page.get_by_role("heading", name=nl("legal.privacy.2.statistics.title"))
    ).to_be_visible()
    phone_page.get_by_role("link", name=nl("legal.what_changed")).click()
    expect(phone_page).to_have_url(url_at("/privacy"))
    expect(
        phone_page.get_by_role("heading", name=nl("legal.changes_since") + " 1 (07-02-2023)")
    ).to_be_visible()
    phone_page.goto(portal.url + "/privacy?v=1")
    expect(phone_page.get_by_text("07-02-2023").first).to_be_visible()
    expect(
        phone_page.get_by_role("heading", name=nl("legal.privacy.2.statistics.title"))
    ).to_have_count(0)
    fits_and_passes_axe(phone_page)


def test_newsletter_double_opt_in_and_unsubscribe(
    portal: Portal, phone_page: Page, smtp_server: MailCatcher
) -> None:
    address = "e2e-nieuwsbrief@example.nl"
    phone_page.goto(portal.url + "/newsletter")
    ready(phone_page)
    phone_page.get_by_label(nl("visitor.field.name")).fill("Nina Nieuws")
    phone_page.get_by_label(nl("visitor.field.email")).fill(address)
    send(phone_page, "newsletter.submit")
    alert(phone_page).to_have_text(nl("visitor.newsletter_check_mail"))
    mail = smtp_server.wait_for(address)
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/api/public/newsletter/unsubscribe?t=" in mail["List-Unsubscribe"]
    phone_page.goto(link_in(mail, "/newsletter-confirm"))
    ready(phone_page)
    fits_and_passes_axe(phone_page)
    send(phone_page, "newsletter.confirm_submit")
    alert(phone_page).to_have_text(nl("visitor.newsletter_confirmed"))
    # the same address again: the same message, and no second mail
    phone_page.goto(portal.url + "/newsletter")
    ready(phone_page)
    phone_page.get_by_label(nl("visitor.field.name")).fill("Nina Nieuws")
    phone_page.get_by_label(nl("visitor.field.email")).fill(address)
    send(phone_page, "newsletter.submit")
    alert(phone_page).to_have_text(nl("visitor.newsletter_check_mail"))
    # a reused confirmation link is refused
    phone_page.goto(link_in(mail, "/newsletter-confirm"))
    ready(phone_page)
    send(phone_page, "newsletter.confirm_submit")
    alert(phone_page).to_have_text(nl("visitor.link_invalid"))
    unsubscribe = body_of(mail).split("newsletter-unsubscribe?t=")[1].split()[0]
    phone_page.goto(f"{portal.url}/newsletter-unsubscribe?t={unsubscribe}")
    fits_and_passes_axe(phone_page)
    send(phone_page, "newsletter.unsubscribe_submit")
    alert(phone_page).to_have_text(nl("visitor.unsubscribed"))
    assert len(smtp_server.to(address)) == 1


def test_callback_request_reaches_the_case_manager_as_text(
    portal: Portal, phone_page: Page, another_phone, totp_codes: TotpCodes
) -> None:
    phone_page.goto(portal.url + "/callback")
    ready(phone_page)
    expect(phone_page.get_by_text(nl("callback.no_medical"))).to_be_visible()
    phone_page.get_by_label(nl("visitor.field.name")).fill(SCRIPT)
    phone_page.get_by_label(nl("visitor.field.phone")).fill("06 9876 5432")
    phone_page.get_by_label(nl("visitor.field.topic")).select_option("pmo")
    phone_page.get_by_label(nl("visitor.field.message")).fill("x" * 600)
    message = phone_page.get_by_label(nl("visitor.field.message"))
    expect(message).to_have_attribute("maxlength", "500")
    send(phone_page, "callback.submit")
    alert(phone_page).to_have_text(nl("visitor.callback_received"))

    staff = another_phone()
    sign_in(staff, portal, demo("casemanager.metaal"), totp_codes)
    staff.get_by_role("link", name=nl("callbacks.link")).click()
    expect(staff).to_have_url(url_at("/callbacks"))
    expect(staff.get_by_role("heading", name=SCRIPT)).to_be_visible()
    assert staff.evaluate("window.kwPwned === undefined")
    fits_and_passes_axe(staff)
    item = staff.locator("li.rights-request").filter(has=staff.get_by_role("heading", name=SCRIPT))
    item.get_by_role("button", name=nl("callbacks.to_done")).click()
    alert(staff).to_have_text(nl("callbacks.updated"))
    expect(staff.get_by_role("heading", name=SCRIPT)).to_have_count(0)


def test_visitor_rights_request_confirmed_by_mail_and_answered(
    portal: Portal, phone_page: Page, another_phone, totp_codes: TotpCodes, smtp_server: MailCatcher
) -> None:
    address = "e2e-rechten-bezoeker@example.nl"
    phone_page.goto(portal.url + "/visitor-rights")
    ready(phone_page)
    phone_page.get_by_label(nl("visitor_rights.kind")).select_option("access")
    phone_page.get_by_label(nl("visitor.field.email")).fill(address)
    send(phone_page, "visitor_rights.submit")
    alert(phone_page).to_have_text(nl("visitor.rights_check_mail"))
    mail = smtp_server.wait_for(address)
    phone_page.goto(link_in(mail, "/visitor-rights-confirm"))
    ready(phone_page)
    send(phone_page, "visitor_rights.confirm_submit")
    alert(phone_page).to_have_text(nl("visitor.rights_confirmed"))

    desk = another_phone()
    sign_in(desk, portal, demo("privacy.krachtwerkt"), totp_codes)
    desk.get_by_role("link", name=nl("visitor_requests.link")).click()
    expect(desk).to_have_url(url_at("/visitor-requests"))
    item = desk.locator("li.rights-request").filter(has_text=address)
    expect(item).to_be_visible()
    fits_and_passes_axe(desk)
    item.get_by_role("button", name=nl("visitor_requests.do_access")).click()
    alert(desk).to_have_text(nl("visitor.request_done"))
    answer = smtp_server.wait_for(address, after=1)
    assert str(answer["Subject"]) == nl("visitor.mail.answer_subject")


def test_the_site_owner_sees_the_statistics_chart(
    portal: Portal, phone_page: Page, totp_codes: TotpCodes
) -> None:
    sign_in(phone_page, portal, demo("beheer.krachtwerkt"), totp_codes)
    phone_page.get_by_role("link", name=nl("stats.link")).click()
    expect(phone_page).to_have_url(url_at("/site-stats"))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("stats.title"))
    expect(phone_page.locator(".recharts-surface").first).to_be_visible()
    fits_and_passes_axe(phone_page)
