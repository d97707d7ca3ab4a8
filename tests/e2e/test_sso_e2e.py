"""Single sign-on in Chromium (issue 19 item 6) against a real, certified OpenID provider
(panva's oidc-provider on loopback, tests/e2e/oidc_provider.py): the administrator
registers an employer's provider; its employer contact signs in there with a second factor
and reaches the portal without the portal's own code, then logs out: the portal sends the
browser on to the provider's logout (RP-Initiated Logout, with the ID token as
``id_token_hint``), the provider asks, signs out there too and sends the browser back to the
portal's sign-in page, "signed out"; the next sign-in asks at the provider again. An address
nobody invited is refused and no account is made. The other refusals (wrong issuer, replayed code,
reused state, expired token, missing MFA claim) run over HTTP in
tests/integration/test_sso.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, Request, expect

from kwportal.ui import routes
from tests.e2e import oidc_provider
from tests.e2e.accounts import TotpCodes, demo
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.test_login_e2e import alert, display_name, fits_and_passes_axe, nl, sign_in

EMPLOYER = "Zorggroep Dinkelland"
CONTACT = "werkgever.zorg"
DOMAIN = "demo.example"


@pytest.fixture(scope="module")
def provider(
    portal: Portal, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[oidc_provider.TestProvider]:
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    with oidc_provider.running(
        [portal.url + routes.API_SSO_CALLBACK], log, [portal.url + routes.API_SSO_SIGNED_OUT]
    ) as running:
        yield running


def _register(page: Page, portal: Portal, provider: oidc_provider.TestProvider) -> None:
    page.goto(portal.url + "/portal")
    page.get_by_role("link", name=nl("admin.sso.link")).click()
    expect(page).to_have_url(url_at(routes.ADMIN_SSO))
    expect(page.get_by_text(nl("admin.sso.none"))).to_be_visible()
    # what to register at the provider: plain text under its label, wrapping on a phone
    for key, path in (
        ("admin.sso.redirect_uri", routes.API_SSO_CALLBACK),
        ("admin.sso.post_logout_uri", routes.API_SSO_SIGNED_OUT),
    ):
        label = page.get_by_text(nl(key), exact=True)
        code = label.locator("xpath=following-sibling::dd[1]/code")
        expect(code).to_have_text(portal.url + path)
        assert code.evaluate("e => getComputedStyle(e).overflowWrap") == "anywhere"
    fits_and_passes_axe(page)
    new = page.get_by_role("group", name=nl("admin.sso.new"))
    new.get_by_label(nl("admin.sso.organisation"), exact=True).select_option(label=EMPLOYER)
    new.get_by_label(nl("admin.sso.domain"), exact=True).fill(DOMAIN)
    new.get_by_label(nl("admin.sso.issuer"), exact=True).fill(provider.issuer)
    new.get_by_label(nl("admin.sso.client_id"), exact=True).fill(oidc_provider.CLIENT_ID)
    new.get_by_label(nl("admin.sso.client_secret"), exact=True).fill(oidc_provider.CLIENT_SECRET)
    page.get_by_role("button", name=nl("admin.sso.create"), exact=True).click()
    expect(page.get_by_text(nl("admin.sso.created"))).to_be_visible()
    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=DOMAIN))
    expect(card).to_contain_text(EMPLOYER)
    expect(card).to_contain_text(nl("admin.sso.is_on"))
    fits_and_passes_axe(page)


def _at_provider(page: Page, portal: Portal, email: str) -> None:
    """From the portal's sign-in page to the provider, signed in there with a second factor."""
    page.goto(portal.url + routes.LOGIN)
    page.get_by_label(nl("login.sso.email"), exact=True).fill(email)
    page.get_by_role("button", name=nl("login.sso.submit"), exact=True).click()
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("Second factor used", exact=True).check()
    page.get_by_role("button", name="Sign in", exact=True).click()


def _log_out_here_and_there(page: Page, recording: Recording) -> None:
    """The portal's logout, on to the provider's, and back to the portal's sign-in page."""
    sent: list[str] = []

    def watch(request: Request) -> None:
        if "/session/end?" in request.url:
            sent.append(request.url)

    page.on("request", watch)
    page.get_by_role("button", name=nl("nav.logout"), exact=True).click()
    expect(page.get_by_role("heading", name="Sign out at the test provider?")).to_be_visible()
    hint = oidc_provider.query_of(sent[0])
    assert hint["id_token_hint"] and hint["client_id"] == oidc_provider.CLIENT_ID
    assert hint["post_logout_redirect_uri"].endswith(routes.API_SSO_SIGNED_OUT)
    page.get_by_role("button", name="Yes, sign me out", exact=True).click()
    expect(page).to_have_url(url_at(routes.LOGIN))
    alert(page).to_have_text(nl("auth.sso_logged_out"))
    page.remove_listener("request", watch)
    for frame in recording.frames:  # the ID token never reached the app's websocket
        assert hint["id_token_hint"] not in frame and hint["state"] not in frame
    fits_and_passes_axe(page)


def test_staff_sign_in_through_their_organisation(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    provider: oidc_provider.TestProvider,
    recording: Recording,
    totp_codes: TotpCodes,
) -> None:
    sign_in(phone_page, portal, demo("beheer.krachtwerkt"), totp_codes)
    _register(phone_page, portal, provider)
    assert_no_leak(recording, (oidc_provider.CLIENT_SECRET,))

    staff = another_phone()
    recording.attach(staff)
    staff.goto(portal.url + routes.LOGIN)
    expect(staff.get_by_role("heading", name=nl("login.sso.heading"))).to_be_visible()
    fits_and_passes_axe(staff)
    _at_provider(staff, portal, f"{CONTACT}@{DOMAIN}")
    expect(staff).to_have_url(url_at(routes.PORTAL))
    welcome = nl("portal.welcome").replace("{name}", display_name(portal, CONTACT))
    expect(staff.get_by_text(welcome, exact=True)).to_be_visible()
    _log_out_here_and_there(staff, recording)
    # signed out at the provider as well: the next sign-in asks there again
    staff.get_by_label(nl("login.sso.email"), exact=True).fill(f"{CONTACT}@{DOMAIN}")
    staff.get_by_role("button", name=nl("login.sso.submit"), exact=True).click()
    expect(staff.get_by_label("E-mail", exact=True)).to_be_visible()

    stranger = another_phone()
    _at_provider(stranger, portal, f"nieuw@{DOMAIN}")
    expect(stranger).to_have_url(url_at(routes.LOGIN))
    expect(stranger.get_by_role("alert")).to_have_text(nl("auth.sso_not_invited"))
    fits_and_passes_axe(stranger)
