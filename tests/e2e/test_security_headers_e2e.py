"""The edges of the served portal (issue 16): security headers on every kind of answer
(item 4) — a page, a static asset, an API route, a download, the framed enrolment key,
even Reflex's CORS answer — and every page working under that Content-Security-Policy
with not one violation in the browser (an invitation and enrolment included); a download
with a code older than five minutes goes through the step-up page and back (item 5).

The employees are invited for this file alone (the admin's CLI, the mailed link, the
enrolment), each with a document of his own, so no other test's session or access log is
touched."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from kwportal.models import CaseDocument
from kwportal.services.demo.accounts import DemoAccount
from tests.e2e.accounts import (
    SESSION_COOKIE,
    TotpCodes,
    account_id,
    database,
    http_client,
    move_back,
    portal_unit,
    sign_in_over_http,
)
from tests.e2e.harness import BIN, ROOT, Portal, url_at
from tests.e2e.mailcatcher import MailCatcher, link_in
from tests.e2e.test_invitation_e2e import link_token_loaded
from tests.e2e.test_login_e2e import nl, sign_in, submit

PASSWORD = "Zeven blauwe fietsen langs de Dinkel 2026"
DOCUMENT = "Probleemanalyse: de opbouw gaat volgens plan, volgende stap hele dagen."
TITLE = "Probleemanalyse (koptekst-test)"
#: every signed-in page an employee has, and the public site
EMPLOYEE_PAGES = (
    "/portal",
    "/my-case",
    "/my-details",
    "/my-consents",
    "/my-employer-view",
    "/my-access-log",
    "/my-disclosures",
    "/my-retention",
    "/my-rights",
    "/my-export",
    "/security",
)
PUBLIC_PAGES = ("/", "/privacy", "/cookies", "/newsletter", "/callback", "/visitor-rights")
#: what the browser reports when a policy blocks something
VIOLATION = re.compile(r"Content Security Policy|Permissions-Policy|Refused to", re.I)
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.kwCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.documentURI}`);
});
"""


@dataclass(frozen=True)
class Invited:
    username: str
    link: str
    document_id: int


def _employee_with_a_document(portal: Portal) -> tuple[int, int, int]:
    """(organisation, employee, document): an employee without an account whose latest
    case now has an entitled document of his own."""
    with database(portal) as db:
        row = db.execute(
            "SELECT c.organisation_id, c.employee_id, c.id FROM sick_leave_case c"
            " WHERE c.employee_id NOT IN (SELECT employee_id FROM account"
            "   WHERE employee_id IS NOT NULL)"
            " AND c.sick_report_date = (SELECT MAX(sick_report_date) FROM sick_leave_case"
            "   WHERE employee_id = c.employee_id) ORDER BY c.id LIMIT 1"
        ).fetchone()
    assert row
    org_id, employee_id, case_id = (int(v) for v in row)
    with portal_unit(portal) as session:
        document = CaseDocument(
            case_id=case_id,
            employee_id=employee_id,
            kind="problem_analysis",
            title=TITLE,
            content=DOCUMENT,
        )
        session.add(document)
        session.flush()
        document_id = document.id
    assert document_id is not None
    return org_id, employee_id, document_id


def _invite(portal: Portal, mailbox: MailCatcher, username: str) -> Invited:
    """The admin's CLI invites an employee (who has a document); the link comes by mail."""
    org_id, employee_id, document_id = _employee_with_a_document(portal)
    email = f"{username}@example.test"
    subprocess.run(
        [
            str(BIN / "kwportal"),
            "create-user",
            *("--username", username, "--name", username.replace(".", " ").title()),
            *("--email", email, "--role", "employee"),
            *("--organisation", str(org_id), "--employee", str(employee_id)),
        ],
        env=portal.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return Invited(username, link_in(mailbox.wait_for(email), "/invite"), document_id)


def _enrol_over_http(portal: Portal, invited: Invited, codes: TotpCodes) -> DemoAccount:
    """Password and authenticator through the real routes, as a phone would."""
    with http_client(portal) as client:
        token = invited.link.split("token=", 1)[1]
        reply = client.post(
            "/api/auth/invite", data={"token": token, "password": PASSWORD, "repeated": PASSWORD}
        )
        assert (reply.status_code, reply.headers.get("location")) == (303, "/enrol")
        page = client.get("/api/auth/enrol/secret")
        found = re.search(r'<code class="secret">([^<]+)</code>', page.text)
        assert found, page.text[:300]
        secret = html.unescape(found.group(1)).replace(" ", "")
        code = codes.next(invited.username, secret)
        reply = client.post("/api/auth/enrol", data={"code": code, "lang": "nl"})
        assert reply.status_code == 200, reply.text[:300]
    return DemoAccount("employee", invited.username, PASSWORD, secret, "")


@pytest.fixture(scope="module")
def employee(
    portal: Portal, smtp_server: MailCatcher, totp_codes: TotpCodes
) -> tuple[DemoAccount, int]:
    """An employee enrolled over HTTP and the id of his own document."""
    invited = _invite(portal, smtp_server, "werknemer.kopteksten")
    return _enrol_over_http(portal, invited, totp_codes), invited.document_id


def _policy(answer: httpx.Response) -> dict[str, str]:
    text = answer.headers["content-security-policy"]
    return dict(part.strip().split(" ", 1) for part in text.split(";"))


def _assert_secured(name: str, answer: httpx.Response) -> None:
    headers = answer.headers
    assert headers.get("x-content-type-options") == "nosniff", name
    assert headers.get("referrer-policy") == "no-referrer", name
    assert "camera=()" in headers.get("permissions-policy", ""), name
    assert "geolocation=()" in headers.get("permissions-policy", ""), name
    policy = _policy(answer)
    assert policy["frame-ancestors"] == "'none'", name
    assert policy["default-src"] == "'none'", name
    assert "'unsafe-inline'" not in policy["script-src"], name
    # nothing from any other origin: every source is a keyword, a hash or our own socket
    for directive, sources in policy.items():
        for source in sources.split():
            assert source.startswith("'") or source.startswith("ws://localhost:"), (
                name,
                directive,
                source,
            )
    assert "strict-transport-security" not in headers, f"{name}: plain http on localhost"


def test_every_kind_of_answer_carries_the_security_headers(
    portal: Portal, employee: tuple[DemoAccount, int], totp_codes: TotpCodes
) -> None:
    account, document_id = employee
    token = sign_in_over_http(portal, account, totp_codes)
    with http_client(portal) as client:
        home = client.get("/")
        asset_path = re.search(r'href="(/assets/[^"]+\.js)"', home.text)
        assert asset_path, "the home page names its scripts"
        answers = {
            "home page": home,
            "page route": client.get("/login/"),
            "static asset": client.get(asset_path.group(1)),
            "stylesheet": client.get("/kwportal.css"),
            "unknown path": client.get("/no-such-page"),
            "api route": client.post("/api/auth/login", data={"username": "x", "password": "y"}),
            "cors answer": client.options(
                "/api/auth/login",
                headers={
                    "Origin": "https://evil.example",
                    "Access-Control-Request-Method": "POST",
                },
            ),
        }
        client.cookies.set(SESSION_COOKIE, token)
        answers["signed-in page"] = client.get("/my-case/")
        answers["download"] = client.get(f"/api/my/case-document/{document_id}")
    assert answers["home page"].status_code == 200
    assert answers["static asset"].status_code == 200
    assert answers["signed-in page"].headers["content-type"].startswith("text/html")
    assert DOCUMENT in answers["download"].text
    for name, answer in answers.items():
        _assert_secured(name, answer)
    for name in ("home page", "page route", "signed-in page", "api route", "download"):
        assert answers[name].headers["cache-control"] == "no-store", name
    assert "immutable" in answers["static asset"].headers["cache-control"]
    # the page's own inline scripts (theme, hydration) are allowed by hash, nothing else
    assert "'sha256-" in _policy(answers["home page"])["script-src"]


def test_every_page_works_under_the_policy_without_a_violation(
    portal: Portal, phone_page: Page, smtp_server: MailCatcher, totp_codes: TotpCodes
) -> None:
    violations: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if VIOLATION.search(message.text):
            violations.append(f"{message.type}: {message.text}")

    phone_page.on("console", console)

    def reported(text: str) -> None:
        violations.append(text)

    phone_page.expose_function("kwCspViolation", reported)
    phone_page.add_init_script(REPORT_VIOLATIONS)

    for path in PUBLIC_PAGES:
        phone_page.goto(portal.url + path)
        expect(phone_page.get_by_role("heading", level=1)).to_be_visible()
    # a language switch runs Reflex's call_script (eval): it must still work
    phone_page.get_by_role("button", name="English").click()
    expect(phone_page.locator("html")).to_have_attribute("lang", "en")
    phone_page.get_by_role("button", name="Nederlands").click()
    expect(phone_page.locator("html")).to_have_attribute("lang", "nl")

    # invitation and enrolment: the QR image and the framed key (framed by our page only)
    newcomer = _invite(portal, smtp_server, "werknemer.kopteksten.twee")
    phone_page.goto(newcomer.link)
    link_token_loaded(phone_page)
    phone_page.get_by_label(nl("invite.password"), exact=True).fill(PASSWORD)
    phone_page.get_by_label(nl("invite.repeated"), exact=True).fill(PASSWORD)
    submit(phone_page, "invite.submit")
    expect(phone_page).to_have_url(url_at("/enrol"))
    qr = phone_page.get_by_role("img", name=nl("enrol.qr_alt"), exact=True)
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR did not load"
    frame = phone_page.get_by_title(nl("enrol.secret_title"), exact=True).content_frame
    secret = frame.get_by_role("code").inner_text().replace(" ", "")
    phone_page.get_by_label(nl("enrol.code"), exact=True).fill(
        totp_codes.next(newcomer.username, secret)
    )
    submit(phone_page, "enrol.submit")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("codes.title"))
    phone_page.get_by_role("link", name=nl("codes.done"), exact=True).click()
    expect(phone_page).to_have_url(url_at("/portal"))

    for path in EMPLOYEE_PAGES:
        phone_page.goto(portal.url + path)
        expect(phone_page).to_have_url(url_at(path))
        expect(phone_page.get_by_role("heading", level=1)).to_be_visible()
    # the framed care-address fragment still shows inside our own page
    phone_page.goto(portal.url + "/my-details")
    expect(phone_page.frame_locator("iframe.secret-frame").locator("li").first).to_be_visible()
    phone_page.goto(portal.url + "/my-case")
    with phone_page.expect_download() as download:
        phone_page.locator("li", has_text=TITLE).get_by_role(
            "link", name=nl("my_case.download")
        ).click()
    assert DOCUMENT in open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115

    assert violations == []


def test_a_download_with_a_stale_code_asks_for_one_and_comes_back(
    portal: Portal,
    phone_page: Page,
    employee: tuple[DemoAccount, int],
    totp_codes: TotpCodes,
) -> None:
    account, _ = employee
    sign_in(phone_page, portal, account, totp_codes)
    phone_page.goto(portal.url + "/my-case")
    link = phone_page.locator("li", has_text=TITLE).get_by_role("link", name=nl("my_case.download"))
    expect(link).to_be_visible()
    assert move_back(
        portal,
        "login_session",
        "last_totp_at",
        account_id(portal, account.username),
        timedelta(minutes=10),
    )

    link.click()
    expect(phone_page).to_have_url(re.compile(r"/stepup/?\?next=%2Fmy-case(%2F)?$"))
    phone_page.get_by_label(nl("login.code.label"), exact=True).fill(
        totp_codes.next(account.username, account.totp_secret)
    )
    submit(phone_page, "stepup.submit")
    expect(phone_page).to_have_url(url_at("/my-case"))
    with phone_page.expect_download() as download:
        phone_page.locator("li", has_text=TITLE).get_by_role(
            "link", name=nl("my_case.download")
        ).click()
    assert DOCUMENT in open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115
