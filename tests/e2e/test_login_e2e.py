"""Signing in on a phone (360 px) with password and TOTP, as a person would: by role and
label. The session lives only in an HttpOnly cookie; replayed codes, logout, logout
everywhere, the idle timeout and the lockout each end or refuse a session."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import LocatorAssertions, Page, expect

from kwportal.domain.throttle import MAX_DELAY_SECONDS
from kwportal.i18n import t
from kwportal.services.demo.accounts import DemoAccount
from tests.e2e.accounts import (
    SESSION_COOKIE,
    NewPerson,
    TotpCodes,
    accept_invitation_over_http,
    account_id,
    demo,
    end_reasons,
    invite,
    move_back,
    people,
)
from tests.e2e.conftest import horizontal_overflow, serious_axe_violations
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.mailcatcher import MailCatcher

IDLE_BEYOND_TIMEOUT = timedelta(minutes=16)
#: moving the failures this far back lets the next attempt through the growing delay
PAST_THE_DELAY = timedelta(seconds=MAX_DELAY_SECONDS + 1)
#: issue 4: a growing delay after 5 failures (1, 2, 4 … s), lockout at 20 failures in 12 hours;
#: the delay is checked after the 8th, when it is long enough (8 s) to meet it reliably
CHECK_DELAY_AFTER = 8
LOCKOUT_FAILURES = 20


def nl(key: str) -> str:
    return t(key, "nl")


def display_name(portal: Portal, username: str) -> str:
    return people(portal)[username][0]


#: a page's notice (kwportal/ui/components/forms.notice): the live region holding its
#: message, ``role=alert`` for an error and ``role=status`` for the other kinds (issue 18
#: item 1; tests/unit/test_notice_kinds.py pins each key's kind) — or a form's summary
NOTICE = "[data-notice] > [role=alert], [data-notice] > [role=status], .error-summary"


def alert(page: Page) -> LocatorAssertions:
    """The page's notice, whatever its kind."""
    return expect(page.locator(NOTICE))


def submit(page: Page, button_key: str) -> None:
    """Press a form's button and wait for the page the route answers with."""
    with page.expect_navigation():
        page.get_by_role("button", name=nl(button_key), exact=True).click()


def fits_and_passes_axe(page: Page) -> None:
    assert horizontal_overflow(page) <= 0, f"{page.url} scrolls sideways at 360 px"
    assert serious_axe_violations(page) == [], page.url


def enter_password(page: Page, portal: Portal, username: str, password: str) -> None:
    if not url_at("/login").match(page.url):
        page.goto(portal.url + "/login")
    page.get_by_label(nl("login.username"), exact=True).fill(username)
    page.get_by_label(nl("login.password"), exact=True).fill(password)
    submit(page, "login.submit")


def enter_code(page: Page, code: str) -> None:
    page.get_by_label(nl("login.code.label"), exact=True).fill(code)
    submit(page, "login.code.submit")


def sign_in(page: Page, portal: Portal, account: DemoAccount, codes: TotpCodes) -> None:
    page.goto(portal.url + "/login")
    enter_password(page, portal, account.username, account.password)
    expect(page).to_have_url(url_at("/login-code"))
    enter_code(page, codes.next(account.username, account.totp_secret))
    expect(page).to_have_url(url_at("/portal"))
    welcome = nl("portal.welcome").replace("{name}", display_name(portal, account.username))
    expect(page.get_by_text(welcome, exact=True)).to_be_visible()


def session_cookie(page: Page) -> dict[str, object]:
    found = [c for c in page.context.cookies() if c["name"] == SESSION_COOKIE]
    assert len(found) == 1, found
    return dict(found[0])


def log_out(page: Page) -> None:
    submit(page, "nav.logout")
    expect(page).to_have_url(url_at("/login"))
    alert(page).to_have_text(nl("auth.logged_out"))


def test_demo_account_signs_in_with_password_and_code(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes
) -> None:
    account = demo("werknemer.zorg")
    phone_page.goto(portal.url + "/login")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("login.title"))
    username = phone_page.get_by_label(nl("login.username"), exact=True)
    expect(username).to_have_attribute("autocomplete", "username")
    password = phone_page.get_by_label(nl("login.password"), exact=True)
    expect(password).to_have_attribute("autocomplete", "current-password")
    fits_and_passes_axe(phone_page)

    enter_password(phone_page, portal, account.username, account.password)
    expect(phone_page).to_have_url(url_at("/login-code"))
    pending = str(session_cookie(phone_page)["value"])
    code_field = phone_page.get_by_label(nl("login.code.label"), exact=True)
    expect(code_field).to_have_attribute("inputmode", "numeric")
    expect(code_field).to_have_attribute("autocomplete", "one-time-code")
    fits_and_passes_axe(phone_page)

    enter_code(phone_page, totp_codes.next(account.username, account.totp_secret))
    expect(phone_page).to_have_url(url_at("/portal"))
    name = display_name(portal, account.username)
    expect(phone_page.get_by_text(nl("portal.welcome").replace("{name}", name))).to_be_visible()
    role_line = nl("portal.role").replace("{role}", nl("role.employee"))
    expect(phone_page.get_by_text(role_line)).to_be_visible()
    fits_and_passes_axe(phone_page)

    cookie = session_cookie(phone_page)
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
    assert cookie["value"] != pending, "the session token must change when the code is accepted"
    assert phone_page.evaluate("document.cookie") == ""
    assert recording.frames, "the portal page should have used the websocket"
    assert_no_leak(recording, [pending, str(cookie["value"])])


def test_replayed_code_is_refused(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    totp_codes: TotpCodes,
    smtp_server: MailCatcher,
) -> None:
    account = demo("werkgever.zorg")
    email = people(portal)[account.username][2]
    sign_in(phone_page, portal, account, totp_codes)
    thief = another_phone()
    enter_password(thief, portal, account.username, account.password)
    expect(thief).to_have_url(url_at("/login-code"))
    enter_code(thief, totp_codes.last(account.username))
    alert(thief).to_have_text(nl("auth.invalid"))
    expect(thief).to_have_url(url_at("/login-code"))
    expect(thief.get_by_label(nl("login.code.label"), exact=True)).to_be_visible()
    smtp_server.wait_for(email, lambda m: m["Subject"] == nl("mail.replay.subject"))


def test_logout_ends_the_session(portal: Portal, phone_page: Page, totp_codes: TotpCodes) -> None:
    account = demo("arts.zorg")
    # other files sign the doctor in and out too (tests/e2e/test_tab_state_e2e.py): only
    # the sessions from here on count, whichever file ran first on this worker
    earlier = len(end_reasons(portal, account.username))
    sign_in(phone_page, portal, account, totp_codes)
    log_out(phone_page)
    phone_page.goto(portal.url + "/portal")
    expect(phone_page).to_have_url(url_at("/login"))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("login.title"))
    assert end_reasons(portal, account.username)[earlier:] == ["logout"]


def test_logout_leaves_nothing_of_the_person_in_the_tab(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes
) -> None:
    account = demo("team.zorg")
    sign_in(phone_page, portal, account, totp_codes)
    phone_page.get_by_role("link", name=nl("portal.security"), exact=True).first.click()
    expect(phone_page).to_have_url(url_at("/security"))
    expect(phone_page.get_by_text(nl("security.current"), exact=False)).to_be_visible()
    signed_in_frames = len(recording.frames)
    log_out(phone_page)
    after = Recording(frames=recording.frames[signed_in_frames:])
    assert after.frames, "the sign-in page should have used the websocket"
    assert_no_leak(after, [display_name(portal, account.username), account.username])


def test_log_out_everywhere_ends_the_other_devices_session(
    portal: Portal, phone_page: Page, another_phone: Callable[[], Page], totp_codes: TotpCodes
) -> None:
    account = demo("casemanager.zorg")
    sign_in(phone_page, portal, account, totp_codes)
    tablet = another_phone()
    sign_in(tablet, portal, account, totp_codes)

    phone_page.goto(portal.url + "/security")
    expect(phone_page.get_by_role("listitem")).to_have_count(2)
    submit(phone_page, "security.logout_all")
    expect(phone_page).to_have_url(url_at("/login"))
    alert(phone_page).to_have_text(nl("auth.logged_out_everywhere"))

    tablet.reload()
    expect(tablet).to_have_url(url_at("/login"))
    phone_page.goto(portal.url + "/portal")
    expect(phone_page).to_have_url(url_at("/login"))
    assert end_reasons(portal, account.username) == ["logout_everywhere"] * 2


def test_idle_session_ends_after_fifteen_minutes(
    portal: Portal, phone_page: Page, totp_codes: TotpCodes
) -> None:
    account = demo("casemanager.logistiek")  # an account no other e2e test signs in with
    sign_in(phone_page, portal, account, totp_codes)
    owner = account_id(portal, account.username)
    assert move_back(portal, "login_session", "last_seen_at", owner, IDLE_BEYOND_TIMEOUT) == 1
    phone_page.reload()
    expect(phone_page).to_have_url(url_at("/login"))
    alert(phone_page).to_have_text(nl("auth.session_expired"))
    assert end_reasons(portal, account.username) == ["idle"]


def test_twenty_wrong_passwords_lock_the_account(
    portal: Portal, phone_page: Page, smtp_server: MailCatcher
) -> None:
    person = NewPerson("sanne.slot", "Sanne Slotproef", "sanne.slot@example.org")
    right = "Zeven zwanen zwemmen zuidwaarts 4"
    accept_invitation_over_http(portal, invite(portal, smtp_server, person), right)
    owner = account_id(portal, person.username)
    throttled = re.compile(re.escape(nl("auth.throttled")).replace(r"\{wait\}", r"\d+"))

    phone_page.goto(portal.url + "/login")
    for attempt in range(1, LOCKOUT_FAILURES + 1):
        enter_password(
            phone_page, portal, person.username, f"niet-het-goede-{attempt:02d}-wachtwoord"
        )
        alert(phone_page).to_have_text(nl("auth.invalid"))
        if attempt == CHECK_DELAY_AFTER:
            enter_password(phone_page, portal, person.username, right)
            alert(phone_page).to_have_text(throttled)
        move_back(portal, "auth_failure", "occurred_at", owner, PAST_THE_DELAY)

    enter_password(phone_page, portal, person.username, right)
    expect(phone_page).to_have_url(url_at("/login"))
    alert(phone_page).to_have_text(nl("auth.locked"))
    fits_and_passes_axe(phone_page)
    smtp_server.wait_for(person.email, lambda m: m["Subject"] == nl("mail.locked.subject"))
