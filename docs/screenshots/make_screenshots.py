"""The README's four phone screenshots (issue 18): the employee's start page, his consents,
the employer's case page and the doctor's feedback editor, as a 360 x 780 touch phone in
Dutch shows them — one screen each (the viewport, not the full page), PNG.

Run from the repository root (needs the dev install and Debian's Chromium, as the browser
tests do; nothing is downloaded):

    .venv/bin/python docs/screenshots/make_screenshots.py

It migrates a new database in a temporary directory, seeds the demo data with today's date,
serves the portal single-port (build directory: ``$KWPORTAL_E2E_WEB_DIR`` or
``.web-e2e-screenshots``), signs each person in with password and code, and writes
``docs/screenshots/{employee-start,consents,employer-case,doctor-feedback}.png``."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from playwright.sync_api import Locator, Page, expect, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

from tests.e2e.accounts import TotpCodes, demo  # noqa: E402
from tests.e2e.harness import (  # noqa: E402
    BIN,
    CHROMIUM,
    CHROMIUM_ARGS,
    Portal,
    portal_env,
    start_portal,
    stop_portal,
)
from tests.e2e.phone import phone_context  # noqa: E402
from tests.e2e.test_login_e2e import nl, sign_in  # noqa: E402
from tests.e2e.test_phone_journeys_e2e import case_with_draft  # noqa: E402

OUT = Path(__file__).resolve().parent
#: a README image stays small
MAX_BYTES = 150_000


def seeded_portal(data_dir: Path) -> Portal:
    """The demo data dated today (the harness's portal is dated for its tests)."""
    env = portal_env(data_dir, 0)
    kwportal = str(BIN / "kwportal")
    # our own console script, fixed arguments
    subprocess.run([kwportal, "migrate"], env=env, check=True, cwd=ROOT)  # noqa: S603
    subprocess.run([kwportal, "seed", "--demo"], env=env, check=True, cwd=ROOT)  # noqa: S603
    os.environ.setdefault("KWPORTAL_E2E_WEB_DIR", str(ROOT / ".web-e2e-screenshots"))
    return start_portal(data_dir, demo_data=False)


def save(page: Page, name: str, start: Locator | None = None, *, end: bool = False) -> Path:
    """One screen of the page — from the top, or from ``start`` (what the picture is about)
    when the page has it (``end``: ending with it); quantised to a palette if the plain PNG
    is too big."""
    page.evaluate("window.scrollTo(0, 0)")
    if start is not None:
        try:
            start.first.wait_for(timeout=5_000)
        except PlaywrightTimeoutError:
            print(f"{name}: no {start}, taken from the top", file=sys.stderr)
            start = None
    if start is not None:
        start.first.evaluate(
            "(e, end) => { e.scrollIntoView({block: end ? 'end' : 'start'});"
            " window.scrollBy(0, end ? 24 : -12); }",
            end,
        )
    page.wait_for_timeout(300)  # a finished layout: fonts and the notice region settle
    data = page.screenshot(type="png", full_page=False)
    path = OUT / f"{name}.png"
    if len(data) > MAX_BYTES:
        image = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=128)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        data = buffer.getvalue()
    path.write_bytes(data)
    print(f"{path.relative_to(ROOT)}: {len(data) // 1024} KB")
    return path


def open_heading(page: Page, portal: Portal, path: str, title_key: str) -> None:
    page.goto(portal.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(nl(title_key))


def first_case(page: Page, link_pattern: str) -> str:
    link = page.locator(f"a[href*='{link_pattern}']").first
    expect(link).to_be_visible()
    href = link.get_attribute("href") or ""
    found = re.search(r"case=(\d+)", href)
    assert found, href
    return found.group(1)


def main() -> int:
    codes = TotpCodes()
    with tempfile.TemporaryDirectory(prefix="kw-screens-") as tmp:
        portal = seeded_portal(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                shots = []

                page = phone_context(browser).new_page()
                sign_in(page, portal, demo("werknemer.zorg"), codes)
                shots.append(save(page, "employee-start"))
                open_heading(page, portal, "/my-consents", "consents.title")
                # his consent with its withdraw button at the foot of the screen
                withdraw = page.get_by_role("button", name=nl("consents.withdraw"), exact=True)
                shots.append(save(page, "consents", withdraw, end=True))
                page.context.close()

                page = phone_context(browser).new_page()
                sign_in(page, portal, demo("werkgever.zorg"), codes)
                open_heading(page, portal, "/employer", "employer.title")
                case = first_case(page, "/employer-case")
                open_heading(page, portal, f"/employer-case?case={case}", "employer_case.title")
                shots.append(save(page, "employer-case", page.locator("[data-part=deadlines]")))
                page.context.close()

                page = phone_context(browser).new_page()
                sign_in(page, portal, demo("arts.zorg"), codes)
                open_heading(page, portal, "/care", "care.title")
                links = page.locator("a[href*='/care-feedback']")
                expect(links.first).to_be_visible()
                hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
                ids = [int(m.group(1)) for h in hrefs if (m := re.search(r"case=(\d+)", h))]
                case = str(case_with_draft(portal, ids))
                open_heading(page, portal, f"/care-feedback?case={case}", "feedback.title")
                shots.append(save(page, "doctor-feedback", page.get_by_role("heading", level=1)))
                page.context.close()
                browser.close()
        finally:
            stop_portal(portal)
    too_big = [p.name for p in shots if p.stat().st_size > MAX_BYTES]
    if too_big:
        print(f"larger than {MAX_BYTES} bytes: {too_big}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
