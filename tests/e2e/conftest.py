"""Browser harness: build and serve the portal once per run, single-port, against a fresh
demo database; drive Debian's Chromium; record what every page receives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.e2e.accounts import TotpCodes
from tests.e2e.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Portal,
    Recording,
    free_port,
    start_portal,
    stop_portal,
)
from tests.e2e.mailcatcher import MailCatcher

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadfile``: the files longest first (tests/e2e/schedule.py)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from tests.e2e.schedule import LongestFirst

    return LongestFirst(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[MailCatcher]:
    """A real SMTP server on loopback, up before the portal, which sends all its mail here."""
    server = MailCatcher(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def portal(tmp_path_factory: pytest.TempPathFactory, smtp_server: MailCatcher) -> Iterator[Portal]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make chromium'")
    served = start_portal(tmp_path_factory.mktemp("portal"), smtp_port=smtp_server.port)
    yield served
    stop_portal(served)


@pytest.fixture(scope="session")
def totp_codes() -> TotpCodes:
    """One per run: no two sign-ins of an account may use the same 30-second step."""
    return TotpCodes()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def recording() -> Recording:
    return Recording()


def _page(browser: Browser, viewport: dict[str, int], recording: Recording) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    recording.attach(page)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Browser, recording: Recording) -> Iterator[Page]:
    yield from _page(browser, PHONE, recording)


@pytest.fixture
def another_phone(browser: Browser) -> Iterator[Callable[[], Page]]:
    """Opens further phones (separate browser contexts: other devices, other cookies)."""
    contexts: list[BrowserContext] = []

    def open_phone() -> Page:
        context = browser.new_context(viewport=PHONE, locale="nl-NL")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_phone
    for context in contexts:
        context.close()


@pytest.fixture
def desktop_page(browser: Browser, recording: Recording) -> Iterator[Page]:
    yield from _page(browser, DESKTOP, recording)


def serious_axe_violations(page: Page) -> list[str]:
    result = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(
            f"{node.get('target')} {str(node.get('html'))[:200]!r}"
            for node in v.get("nodes", [])[:5]
        )
        for v in result.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def horizontal_overflow(page: Page) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )
