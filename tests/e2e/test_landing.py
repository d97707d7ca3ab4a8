"""The public landing page in Dutch and English, on a phone and on a desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import horizontal_overflow, serious_axe_violations
from tests.e2e.harness import Portal, Recording, assert_no_leak

CANARIES = ("MEDISCH-", "ZORGADRES-", "CONCEPT-")


def test_landing_page_is_dutch_first(portal: Portal, phone_page: Page) -> None:
    phone_page.goto(portal.url)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(
        "Uw verzuim, uw gegevens, uw regie"
    )
    assert phone_page.evaluate("document.documentElement.lang") == "nl"


def test_landing_page_switches_to_english_and_remembers(portal: Portal, phone_page: Page) -> None:
    phone_page.goto(portal.url)
    phone_page.get_by_role("button", name="English").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(
        "Your sick leave, your data, your say"
    )
    expect(phone_page.locator("html")).to_have_attribute("lang", "en")
    phone_page.reload()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(
        "Your sick leave, your data, your say"
    )
    phone_page.get_by_role("button", name="Nederlands").click()
    expect(phone_page.get_by_role("heading", level=2).first).to_have_text(
        "Wat krijgt uw werkgever te horen?"
    )


@pytest.mark.parametrize("language", ["Nederlands", "English"])
def test_landing_page_fits_360px_and_passes_axe(
    portal: Portal, phone_page: Page, language: str
) -> None:
    phone_page.goto(portal.url)
    phone_page.get_by_role("button", name=language).click()
    expect(phone_page.get_by_role("button", name=language)).to_have_attribute(
        "aria-pressed", "true"
    )
    assert horizontal_overflow(phone_page) <= 0
    assert serious_axe_violations(phone_page) == []


def test_landing_page_on_desktop_passes_axe(portal: Portal, desktop_page: Page) -> None:
    desktop_page.goto(portal.url)
    expect(desktop_page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_axe_violations(desktop_page) == []


def test_public_page_receives_no_canary(
    portal: Portal, phone_page: Page, recording: Recording
) -> None:
    phone_page.goto(portal.url)
    phone_page.get_by_role("button", name="English").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(
        "Your sick leave, your data, your say"
    )
    assert recording.frames, "the page should have opened the websocket"
    assert_no_leak(recording, CANARIES)


def test_leak_assertion_names_value_and_frame(
    portal: Portal, phone_page: Page, recording: Recording
) -> None:
    """The harness itself must catch a value that did arrive."""
    phone_page.goto(portal.url)
    phone_page.get_by_role("button", name="English").click()
    expect(phone_page.locator("html")).to_have_attribute("lang", "en")
    with pytest.raises(pytest.fail.Exception, match=r"leak: 'kw_lang'|leak: 'en'"):
        assert_no_leak(recording, ["kw_lang"])
