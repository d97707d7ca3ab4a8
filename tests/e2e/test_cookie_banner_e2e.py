"""Cookie choices in Chromium at 360 px (issue 9 item 2): no non-functional cookie or script
before consent; the local stand-in marketing tag is absent before consent, present after
"accept all", gone after withdrawal on the cookie page; "reject all" is as prominent as
"accept all"; Global Privacy Control refuses marketing; statistics count only with consent.
Issue 18 items 8 and 10: the banner takes at most a third of a 360 x 780 phone screen and a
tap right after load is never "too fast"; the portal is installable (manifest, icons)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import PHONE
from tests.e2e.harness import Portal, url_at
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl

MARKETING_SCRIPT = "/marketing-standin.js"
FUNCTIONAL = {"kw_form", "kw_cookie_choice", "kw_session"}


def page_views(portal: Portal) -> int:
    with sqlite3.connect(portal.db) as conn:
        return int(conn.execute("SELECT count(*) FROM page_view").fetchone()[0])


def counted_beyond(portal: Portal, before: int, timeout: float = 10) -> bool:
    """The beacon is sent in the background (sendBeacon): poll the database, bounded."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page_views(portal) > before:
            return True
        time.sleep(0.1)  # polling for a write made after the page answered
    return False


def consents(portal: Portal) -> list[tuple[int, int, int, str]]:
    with sqlite3.connect(portal.db) as conn:
        rows = conn.execute(
            "SELECT analytics, marketing, gpc, method FROM cookie_consent ORDER BY id"
        ).fetchall()
    return [tuple(r) for r in rows]


@pytest.fixture
def visitor(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A first-time visitor's phone, and every URL it requests."""
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    yield page, requested
    context.close()


def banner(page: Page):
    return page.get_by_role("region", name=nl("cookies.banner_title"))


def ready(page: Page) -> None:
    """The page has its form token (the on_load handler ran)."""
    expect(page.locator("input[name=form_token]").first).not_to_have_value("")


def choose(page: Page, button_key: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=nl(button_key), exact=True).first.click()


def cookie_names(page: Page) -> set[str]:
    return {c["name"] for c in page.context.cookies()}


def marketing_loaded(page: Page) -> bool:
    return bool(page.evaluate("window.kwMarketingStandin === true"))


def test_marketing_tag_absent_before_consent_present_after_gone_after_withdrawal(
    portal: Portal, visitor: tuple[Page, list[str]]
) -> None:
    page, requested = visitor
    views_before = page_views(portal)
    page.goto(portal.url + "/")
    expect(banner(page)).to_be_visible()
    ready(page)
    page.goto(portal.url + "/privacy")
    ready(page)
    assert cookie_names(page) <= FUNCTIONAL, cookie_names(page)
    assert "kw_marketing" not in cookie_names(page)
    assert not marketing_loaded(page)
    assert page.locator("script#kw-marketing").count() == 0
    assert not any(MARKETING_SCRIPT in url for url in requested)
    assert not any("/api/public/hit" in url for url in requested)
    assert page_views(portal) == views_before  # nothing counted without consent
    fits_and_passes_axe(page)

    choose(page, "cookies.accept_all")
    expect(page).to_have_url(url_at("/privacy"))
    alert(page).to_have_text(nl("visitor.cookies_saved"))
    expect(banner(page)).to_have_count(0)
    expect(page.locator("html")).to_have_attribute("data-marketing", "loaded")
    assert marketing_loaded(page)
    assert "kw_marketing" in cookie_names(page)
    choice = [c for c in page.context.cookies() if c["name"] == "kw_cookie_choice"]
    assert choice and choice[0]["httpOnly"]
    assert consents(portal)[-1] == (1, 1, 0, "accept_all")
    page.goto(portal.url + "/")
    expect(page.locator("html")).to_have_attribute("data-marketing", "loaded")
    assert counted_beyond(portal, views_before)  # the first-party beacon counted

    page.goto(portal.url + "/cookies")
    ready(page)
    expect(page.get_by_text(nl("cookies.choice_made"), exact=False)).to_be_visible()
    fits_and_passes_axe(page)
    choose(page, "cookies.withdraw")
    expect(page).to_have_url(url_at("/cookies"))
    alert(page).to_have_text(nl("visitor.cookies_withdrawn"))
    ready(page)
    assert "kw_marketing" not in cookie_names(page)
    assert not marketing_loaded(page)
    assert page.locator("script#kw-marketing").count() == 0
    expect(page.locator("html")).not_to_have_attribute("data-marketing", "loaded")
    assert consents(portal)[-1] == (0, 0, 0, "withdraw")


def test_reject_all_is_as_prominent_as_accept_all_and_loads_nothing(
    portal: Portal, visitor: tuple[Page, list[str]]
) -> None:
    page, requested = visitor
    page.goto(portal.url + "/")
    ready(page)
    accept = page.get_by_role("button", name=nl("cookies.accept_all"), exact=True)
    reject = page.get_by_role("button", name=nl("cookies.reject_all"), exact=True)
    style = (
        "e => { const s = getComputedStyle(e);"
        " return [s.backgroundColor, s.color, s.fontWeight, s.fontSize]; }"
    )
    assert accept.evaluate(style) == reject.evaluate(style)
    a, r = accept.bounding_box(), reject.bounding_box()
    assert a and r and abs(a["width"] - r["width"]) < 2 and abs(a["height"] - r["height"]) < 2
    choose(page, "cookies.reject_all")
    alert(page).to_have_text(nl("visitor.cookies_saved"))
    expect(banner(page)).to_have_count(0)
    assert not marketing_loaded(page)
    assert cookie_names(page) <= FUNCTIONAL
    assert not any(MARKETING_SCRIPT in url for url in requested)
    assert consents(portal)[-1] == (0, 0, 0, "reject_all")


def test_global_privacy_control_refuses_marketing(portal: Portal, browser: Browser) -> None:
    context = browser.new_context(
        viewport=PHONE, locale="nl-NL", extra_http_headers={"Sec-GPC": "1"}
    )
    try:
        page = context.new_page()
        page.goto(portal.url + "/cookies")
        ready(page)
        choose(page, "cookies.accept_all")
        alert(page).to_have_text(nl("visitor.cookies_saved"))
        ready(page)
        assert not marketing_loaded(page)
        assert "kw_marketing" not in cookie_names(page)
        assert consents(portal)[-1] == (1, 0, 1, "accept_all")
    finally:
        context.close()


def test_custom_choice_with_the_toggles(portal: Portal, visitor: tuple[Page, list[str]]) -> None:
    """The toggles live on the cookie page; the banner links there (issue 18)."""
    page, _ = visitor
    page.goto(portal.url + "/")
    ready(page)
    expect(banner(page).locator("input[type=checkbox]")).to_have_count(0)
    with page.expect_navigation():
        banner(page).get_by_role("link", name=nl("cookies.settings_link")).click()
    expect(page).to_have_url(url_at("/cookies"))
    ready(page)
    page.locator("#page-marketing").check()
    choose(page, "cookies.save")
    alert(page).to_have_text(nl("visitor.cookies_saved"))
    expect(page.locator("html")).to_have_attribute("data-marketing", "loaded")
    assert consents(portal)[-1] == (0, 1, 0, "custom")
    page.goto(portal.url + "/cookies")
    ready(page)
    expect(page.locator("#page-marketing")).to_be_checked()
    expect(page.locator("#page-analytics")).not_to_be_checked()


#: a third of a 360 x 780 phone screen (issue 18 item 8)
BANNER_MAX_HEIGHT = 260


def test_the_banner_is_compact_a_quick_tap_counts_and_the_portal_installs(
    portal: Portal, browser: Browser
) -> None:
    """On a touch phone in Dutch: the banner is at most 260 px tall with "accept" and
    "reject" alike, a tap at once is stored (no "Dat ging te snel"), and the head carries
    the manifest (served as application/manifest+json, its icons as PNG) and theme colour,
    with no service worker."""
    context = browser.new_context(
        viewport=PHONE,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        has_touch=True,
        is_mobile=True,
    )
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(portal.url + "/")
        ready(page)
        box = banner(page).bounding_box()
        assert box and box["height"] <= BANNER_MAX_HEIGHT, box
        accept = banner(page).get_by_role("button", name=nl("cookies.accept_all"), exact=True)
        reject = banner(page).get_by_role("button", name=nl("cookies.reject_all"), exact=True)
        style = (
            "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.color,"
            " s.fontWeight, s.fontSize, s.borderStyle, s.padding]; }"
        )
        assert accept.evaluate(style) == reject.evaluate(style)
        a, r = accept.bounding_box(), reject.bounding_box()
        assert a and r and a["width"] == r["width"] and a["height"] == r["height"]
        assert a["height"] >= 44 and a["y"] == r["y"]  # side by side, thumb-sized
        settings = banner(page).get_by_role("link", name=nl("cookies.settings_link"))
        expect(settings).to_have_attribute("href", "/cookies")
        fits_and_passes_axe(page)
        page.screenshot(path=str(portal.data_dir / "cookie-banner-360.png"))

        head = page.locator("head")
        expect(head.locator("link[rel=manifest]")).to_have_attribute(
            "href", "/manifest.webmanifest"
        )
        expect(head.locator("meta[name=theme-color]")).to_have_attribute("content", "#0b4f6c")
        expect(head.locator("link[rel=apple-touch-icon]")).to_have_count(1)
        served = page.request.get(portal.url + "/manifest.webmanifest")
        assert served.status == 200
        assert served.headers["content-type"].startswith("application/manifest+json")
        found = served.json()
        assert found["start_url"] == "/portal" and found["display"] == "standalone"
        for icon in found["icons"]:
            got = page.request.get(portal.url + icon["src"])
            assert got.status == 200 and got.headers["content-type"] == "image/png", icon
        workers = page.evaluate(
            "async () => navigator.serviceWorker ?"
            " (await navigator.serviceWorker.getRegistrations()).length : 0"
        )
        assert workers == 0

        before = len(consents(portal))
        with page.expect_navigation():
            reject.tap()
        expect(page.get_by_text(nl("visitor.cookies_saved"))).to_be_visible()
        expect(page.get_by_text(nl("visitor.too_fast"))).to_have_count(0)
        expect(banner(page)).to_have_count(0)
        assert len(consents(portal)) == before + 1
        assert consents(portal)[-1] == (0, 0, 0, "reject_all")
    finally:
        context.close()
