"""A phone for the browser tests (issue 18 "Checks"): a 360 x 780 touch screen in Dutch, in
Dutch time, and the checks every page visited on it must pass.

- :func:`phone_context` — a Playwright browser context at 360 x 780, ``has_touch``,
  ``is_mobile`` (Chromium honours it: the page's meta viewport decides the layout width, as on
  a real phone), ``nl-NL`` and ``Europe/Amsterdam``.
- :class:`Phones` — one signed-in phone per account, opened on first use (share it across a
  module: signing in costs a second or two).
- :func:`assert_no_horizontal_scroll`, :func:`assert_targets_at_least`,
  :func:`assert_notice_in_view`, :func:`axe_clean`, :func:`shot`, and :func:`check_page`
  (all four page checks plus the screenshot).

Target size (WCAG 2.5.5, level AAA, which issue 18 asks for everywhere): every visible,
enabled interactive element — ``a[href]``, ``button``, ``input`` (not hidden), ``select``,
``textarea``, ``summary``, ``[role=button]``, ``[role=link]``, ``[role=tab]``,
``[role=checkbox]``, ``[role=radio]``, ``[role=switch]``, ``[role=menuitem]`` and the
``label`` of a checkbox or radio — has a bounding box of at least 44 x 44 CSS px. The
exceptions WCAG 2.5.5 allows, and the ones taken here:

- *Inline*: a link inside a sentence or block of text (an inline ``a`` whose block has text
  besides the link's own) — e.g. "lees de <a>privacyverklaring</a> voor meer".
- *Equivalent*: a checkbox or radio whose label is itself at least 44 x 44 (the label is
  the target the thumb uses).
- Not a target at all: hidden inputs, elements not rendered, visually hidden (a box of
  2 px or less) or placed off the page (a skip link until it has focus, at
  ``left: -9999px``; the public forms' honeypot), and disabled controls (nothing happens
  when tapped).
- A test may pass further CSS selectors in ``exempt`` — each use must say why, next to it.

Screenshots go to ``$KWPORTAL_E2E_REPORT_DIR/phone/<name>.png`` (default
``test-results/phone/``, which .gitignore already ignores): full page, PNG, one per page
visited, so a reviewer sees every page the journeys saw."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.accounts import TotpCodes
from tests.e2e.conftest import serious_axe_violations
from tests.e2e.harness import ROOT, Portal, Recording
from tests.e2e.test_login_e2e import sign_in

WIDTH = 360
HEIGHT = 780
VIEWPORT = {"width": WIDTH, "height": HEIGHT}
LOCALE = "nl-NL"
TIMEZONE = "Europe/Amsterdam"
MIN_TARGET = 44
#: how long a notice may take to arrive and be scrolled into view
NOTICE_TIMEOUT_MS = 10_000


def report_dir() -> Path:
    """Where the phone screenshots go: ``$KWPORTAL_E2E_REPORT_DIR/phone`` or
    ``test-results/phone`` (ignored by git)."""
    base = os.environ.get("KWPORTAL_E2E_REPORT_DIR", str(ROOT / "test-results"))
    return Path(base) / "phone"


def phone_context(browser: Browser, **extra: Any) -> BrowserContext:
    """A new 360 x 780 touch phone in Dutch and Dutch time (own cookies: another device)."""
    options: dict[str, Any] = {
        "viewport": VIEWPORT,
        "screen": VIEWPORT,
        "has_touch": True,
        "is_mobile": True,
        "device_scale_factor": 1,
        "locale": LOCALE,
        "timezone_id": TIMEZONE,
    }
    options.update(extra)
    return browser.new_context(**options)


def new_phone(browser: Browser, recording: Recording | None = None) -> Page:
    page = phone_context(browser).new_page()
    page.set_default_timeout(15_000)
    if recording is not None:
        recording.attach(page)
    return page


@contextmanager
def phone(browser: Browser) -> Iterator[Page]:
    """A phone for one test: ``with phone(browser) as page: ...``."""
    page = new_phone(browser)
    try:
        yield page
    finally:
        page.context.close()


class Phones:
    """One phone per account, signed in on first use and kept (a module-scoped fixture):
    ``phones.signed_in(demo("werknemer.zorg"))``; ``phones.anonymous("visitor")`` for a
    visitor without an account. Each phone records what it receives (``recordings``)."""

    def __init__(self, browser: Browser, portal: Portal, codes: TotpCodes) -> None:
        self.browser = browser
        self.portal = portal
        self.codes = codes
        self.pages: dict[str, Page] = {}
        self.recordings: dict[str, Recording] = {}

    def anonymous(self, name: str) -> Page:
        if name not in self.pages:
            self.recordings[name] = Recording()
            self.pages[name] = new_phone(self.browser, self.recordings[name])
        return self.pages[name]

    def signed_in(self, account: Any) -> Page:
        """``account`` has ``username``, ``password`` and ``totp_secret`` (a DemoAccount or
        a fresh world's Member)."""
        if account.username not in self.pages:
            page = self.anonymous(account.username)
            sign_in(page, self.portal, account, self.codes)
        return self.pages[account.username]

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()
        self.pages.clear()


# --- the checks ----------------------------------------------------------------------


def assert_no_horizontal_scroll(page: Page, width: int = WIDTH) -> None:
    scroll_width = int(page.evaluate("document.scrollingElement.scrollWidth"))
    if scroll_width > width:
        wide = page.evaluate(_WIDEST_JS, width)
        raise AssertionError(
            f"{page.url} scrolls sideways at {width} px: scrollWidth {scroll_width}; "
            f"wider than the screen: {wide}"
        )


_WIDEST_JS = """(width) => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5 && r.width > 0 && r.height > 0) {
      const cls = el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      const id = el.id ? '#' + el.id : '';
      out.push(`${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(r.right)}`);
    }
    if (out.length >= 8) break;
  }
  return out;
}"""


_TARGETS_JS = """([min, exempt]) => {
  const selector = [
    'a[href]', 'button', 'input:not([type=hidden])', 'select', 'textarea', 'summary',
    '[role=button]', '[role=link]', '[role=tab]', '[role=checkbox]', '[role=radio]',
    '[role=switch]', '[role=menuitem]', 'label',
  ].join(',');
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 40);
    const id = el.id ? '#' + el.id : '';
    const type = el.type && el.tagName === 'INPUT' ? `[type=${el.type}]` : '';
    return `${el.tagName.toLowerCase()}${id}${type} "${text}"`;
  };
  const visible = (el) => {
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
    const r = el.getBoundingClientRect();
    // off the page (left: -9999px: a skip link until focused, a honeypot) is not shown
    if (r.right + window.scrollX <= 0 || r.bottom + window.scrollY <= 0) return false;
    return r.width > 2 && r.height > 2;
  };
  const big = (el) => {
    const r = el.getBoundingClientRect();
    return r.width >= min - 0.5 && r.height >= min - 0.5;
  };
  const blockOf = (el) => {
    let node = el.parentElement;
    while (node && getComputedStyle(node).display.startsWith('inline')) node = node.parentElement;
    return node;
  };
  const inlineInText = (el) => {
    if (el.tagName !== 'A' || !getComputedStyle(el).display.startsWith('inline')) return false;
    const block = blockOf(el);
    if (!block) return false;
    const own = (el.textContent || '').trim().length;
    const all = (block.textContent || '').trim().length;
    return all - own >= 3;
  };
  const labelsOf = (input) => Array.from(input.labels || []);
  const toggles = (label) => {
    const control = label.control;
    return control && control.tagName === 'INPUT' && ['checkbox', 'radio'].includes(control.type);
  };
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    if (exempt.some((s) => el.matches(s) || el.closest(s))) continue;
    if (el.tagName === 'LABEL' && !toggles(el)) continue;
    if (el.disabled || el.getAttribute('aria-disabled') === 'true') continue;
    if (!visible(el)) continue;
    if (big(el) || inlineInText(el)) continue;
    if (el.tagName === 'INPUT' && ['checkbox', 'radio'].includes(el.type)
        && labelsOf(el).some((l) => visible(l) && big(l))) continue;
    // a control inside a big enough label or summary is tapped through it
    const wrapper = el.parentElement && el.parentElement.closest('label, summary');
    if (wrapper && visible(wrapper) && big(wrapper)) continue;
    const r = el.getBoundingClientRect();
    small.push(`${describe(el)} ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return small;
}"""


def small_targets(page: Page, minimum: int = MIN_TARGET, exempt: Iterable[str] = ()) -> list[str]:
    """Every visible interactive element smaller than ``minimum`` x ``minimum`` px, bar the
    exceptions in the module's docstring (and ``exempt`` selectors)."""
    return list(page.evaluate(_TARGETS_JS, [minimum, list(exempt)]))


def assert_targets_at_least(
    page: Page, minimum: int = MIN_TARGET, exempt: Iterable[str] = ()
) -> None:
    small = small_targets(page, minimum, exempt)
    assert not small, f"{page.url}: {len(small)} tap targets under {minimum} px: {small[:12]}"


def notice(page: Page, role: str, text: str | re.Pattern[str] | None = None) -> Any:
    """The visible notice of ``role`` (``status`` or ``alert``) with text (``text`` if
    given): the last one, the newest."""
    found = page.get_by_role(role)  # type: ignore[arg-type]
    if text is not None:
        found = found.filter(has_text=text)
    else:
        found = found.filter(has_text=re.compile(r"\S"))
    return found.last


_IN_VIEW_JS = """(el) => {
  const r = el.getBoundingClientRect();
  const h = window.innerHeight;
  // fully on screen, or (taller than the screen) its top on screen
  return r.height > 0 && r.top >= 0 && (r.bottom <= h || r.top < h * 0.5);
}"""


def assert_notice_in_view(
    page: Page,
    role: str,
    text: str | re.Pattern[str] | None = None,
    timeout_ms: int = NOTICE_TIMEOUT_MS,
    *,
    kind: str | None = None,
) -> None:
    """A notice with ``role`` (``status`` or ``alert``; and ``text`` if given) is visible and
    inside the viewport without the person scrolling — waits up to ``timeout_ms`` for it
    to arrive and be scrolled there. With ``kind`` (success, info, warning, error) the
    notice also says its kind (``data-notice``, forms.notice: a word and a sign, not only
    a colour)."""
    found = notice(page, role, text)
    try:
        found.wait_for(state="visible", timeout=timeout_ms)
    except PlaywrightTimeoutError as error:
        others = page.evaluate(
            "() => Array.from(document.querySelectorAll('[role=status],[role=alert]'))"
            ".map(e => `${e.getAttribute('role')}: ${e.innerText.trim().slice(0, 80)}`)"
            ".filter(s => !s.endsWith(': '))"
        )
        raise AssertionError(
            f"{page.url}: no visible notice with role={role} {text or ''!s}; "
            f"notices there: {others}"
        ) from error
    handle = found.element_handle(timeout=timeout_ms)
    assert handle is not None
    try:
        page.wait_for_function(_IN_VIEW_JS, arg=handle, timeout=timeout_ms)
    except PlaywrightTimeoutError as error:
        box = found.bounding_box()
        raise AssertionError(
            f"{page.url}: the {role} notice {found.inner_text()[:80]!r} is out of view: "
            f"{box} in a {page.viewport_size} viewport scrolled to "
            f"{page.evaluate('window.scrollY')}"
        ) from error
    if kind is not None:
        marked = handle.evaluate(
            "(el, k) => el.matches(`[data-notice=${k}]`)"
            " || !!el.querySelector(`[data-notice=${k}]`)"
            " || !!el.closest(`[data-notice=${k}]`)",
            kind,
        )
        assert marked, f"{page.url}: the {role} notice is not marked as {kind}"


def axe_clean(page: Page) -> None:
    violations = serious_axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def shot(page: Page, name: str) -> Path:
    """A full-page PNG of the page into the report directory; returns its path."""
    directory = report_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    page.screenshot(path=str(path), full_page=True, type="png")
    return path


def check_page(
    page: Page,
    name: str,
    *,
    exempt: Iterable[str] = (),
    axe: bool = True,
    findings: list[str] | None = None,
) -> list[str]:
    """The screenshot first (so a failing page is still seen), then every check. Fails once
    with all of the page's failures; with ``findings`` it adds them there instead and
    returns them (a journey goes on and fails at its end, saying everything wrong with
    every page it saw: ``assert not findings, "\n".join(findings)``)."""
    shot(page, name)
    failures: list[str] = []
    checks: list[tuple[str, Any]] = [
        ("scroll", lambda: assert_no_horizontal_scroll(page)),
        ("targets", lambda: assert_targets_at_least(page, exempt=exempt)),
    ]
    if axe:
        checks.append(("axe", lambda: axe_clean(page)))
    for label, run in checks:
        try:
            run()
        except AssertionError as error:
            failures.append(f"[{name}/{label}] {error}")
    if findings is None:
        assert not failures, "\n".join(failures)
    else:
        findings.extend(failures)
    return failures
