"""From invitation mail to portal on a phone: the admin's CLI creates the account, a real SMTP
server on loopback receives the link, and the person chooses a password, sets up the
authenticator app from the QR code, keeps the recovery codes and enters the portal. Every
page passes axe and fits 360 px."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pyotp
from playwright.sync_api import Page, expect

from kwportal.i18n import t
from tests.e2e.accounts import NewPerson, database, invite
from tests.e2e.conftest import horizontal_overflow, serious_axe_violations
from tests.e2e.harness import Portal, url_at
from tests.e2e.mailcatcher import MailCatcher, body_of

PERSON = NewPerson("lotte.uitnodiging", "Lotte Uitnodiging", "lotte.uitnodiging@example.org")
PASSWORD = "Paarse olifant danst op zolder 7"
COMMON_PASSWORD = "qwerty123456"
RECOVERY_CODE = re.compile(r"^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$")
RECOVERY_CODE_COUNT = 10


def nl(key: str) -> str:
    return t(key, "nl")


def check_page(page: Page) -> None:
    assert horizontal_overflow(page) <= 0, f"{page.url} scrolls sideways at 360 px"
    assert serious_axe_violations(page) == [], page.url


def submit(page: Page, button_key: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=nl(button_key), exact=True).click()


def link_token_loaded(page: Page) -> None:
    """The page has put the link's token in its form (its load event ran): a form posted
    before that carries none. A person typing a password never beats it; a test under load
    can."""
    expect(page.locator("input[name=token]")).not_to_have_value("")


def choose_password(page: Page, password: str) -> None:
    link_token_loaded(page)
    page.get_by_label(nl("invite.password"), exact=True).fill(password)
    page.get_by_label(nl("invite.repeated"), exact=True).fill(password)
    submit(page, "invite.submit")


def password_hash(portal: Portal, username: str) -> str | None:
    with database(portal) as db:
        row = db.execute("SELECT password_hash FROM account WHERE username = ?", (username,))
        return row.fetchone()[0]


def test_invitation_to_portal_on_a_phone(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    smtp_server: MailCatcher,
) -> None:
    link = invite(portal, smtp_server, PERSON)
    mail = smtp_server.to(PERSON.email)[-1]
    assert mail["Subject"] == nl("mail.invitation.subject")
    assert link.startswith(portal.url + "/invite?token=")
    assert PERSON.name in body_of(mail)
    assert len(parse_qs(urlsplit(link).query)["token"][0]) >= 22, "at least 128 random bits"

    phone_page.goto(link)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("invite.title"))
    expect(phone_page.get_by_label(nl("invite.password"), exact=True)).to_have_attribute(
        "autocomplete", "new-password"
    )
    check_page(phone_page)

    choose_password(phone_page, COMMON_PASSWORD)
    expect(phone_page.get_by_role("alert")).to_have_text(nl("auth.password_common"))
    expect(phone_page).to_have_url(url_at("/invite"))
    check_page(phone_page)
    assert password_hash(portal, PERSON.username) is None

    choose_password(phone_page, PASSWORD)
    expect(phone_page).to_have_url(url_at("/enrol"))
    secret = _enrol_page_shows_qr_and_secret(phone_page, portal)
    check_page(phone_page)

    portal_too_early = phone_page.context.new_page()
    portal_too_early.goto(portal.url + "/portal")
    expect(portal_too_early).to_have_url(url_at("/login"))
    portal_too_early.close()

    phone_page.get_by_label(nl("enrol.code"), exact=True).fill(pyotp.TOTP(secret).now())
    submit(phone_page, "enrol.submit")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("codes.title"))
    codes = phone_page.get_by_role("list", name=nl("codes.title")).get_by_role("listitem")
    expect(codes).to_have_count(RECOVERY_CODE_COUNT)
    shown = [text.strip() for text in codes.all_inner_texts()]
    assert all(RECOVERY_CODE.match(code) for code in shown), shown
    assert len(set(shown)) == RECOVERY_CODE_COUNT
    check_page(phone_page)

    phone_page.get_by_role("link", name=nl("codes.done"), exact=True).click()
    expect(phone_page).to_have_url(url_at("/portal"))
    welcome = nl("portal.welcome").replace("{name}", PERSON.name)
    expect(phone_page.get_by_text(welcome, exact=True)).to_be_visible()
    check_page(phone_page)

    chosen = password_hash(portal, PERSON.username)
    reused = another_phone()
    reused.goto(link)
    choose_password(reused, "Een heel ander wachtwoord 2026")
    expect(reused.get_by_role("alert")).to_have_text(nl("auth.link_invalid"))
    expect(reused).to_have_url(url_at("/invite"))
    check_page(reused)
    assert password_hash(portal, PERSON.username) == chosen


def _enrol_page_shows_qr_and_secret(page: Page, portal: Portal) -> str:
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("enrol.title"))
    qr = page.get_by_role("img", name=nl("enrol.qr_alt"), exact=True)
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR image did not load"
    image = page.context.request.get(portal.url + "/api/auth/enrol/qr.svg")
    assert image.ok and image.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in image.text()

    frame = page.get_by_title(nl("enrol.secret_title"), exact=True).content_frame
    secret = frame.get_by_role("code").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret), secret
    app_link = frame.get_by_role("link", name=nl("enrol.open_app"), exact=True)
    href = app_link.get_attribute("href") or ""
    assert href.startswith("otpauth://totp/")
    assert parse_qs(urlsplit(href).query)["secret"] == [secret]
    expect(page.get_by_label(nl("enrol.code"), exact=True)).to_have_attribute(
        "inputmode", "numeric"
    )
    return secret
