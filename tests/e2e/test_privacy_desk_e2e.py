"""The privacy desk in the browser (issue 7, item 7): the access-log search shows metadata
only, and a transfer request yields a signed package that downloads as a file (never through
the page) and verifies against the published key; then receipt is confirmed."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import jsonschema
from playwright.sync_api import Page, expect

from kwportal.services import signing
from kwportal.services.employee import export
from kwportal.services.privacy import transfer_package as packing
from kwportal.ui.api.desk import TRANSFER_PATH
from kwportal.ui.api.desk_export import ACCESS_EXPORT_PATH
from tests.e2e.accounts import TotpCodes, database, demo
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.test_consent_e2e import make_account
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

CANARIES = ("MEDISCH-", "ZORGADRES-", "CONCEPT-")
TRANSFER_TEXT = "Mijn werkgever stapt over naar Arbo Oost BV (e2e-overdracht)."
RECIPIENT = "Arbo Oost BV"
ACCESS_TEXT = "Graag alles wat u over mij bewaart (e2e-inzage)."
SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text())


def _pages_only(recording: Recording) -> Recording:
    """Everything the desk's browser received except the package itself: the download is
    meant to hold the case (it goes to the new arbodienst), the pages and frames are not."""
    return Recording(
        frames=recording.frames,
        responses=[r for r in recording.responses if TRANSFER_PATH not in r.url],
    )


def test_access_log_search_shows_metadata_only(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes
) -> None:
    sign_in(phone_page, portal, demo("privacy.krachtwerkt"), totp_codes)
    phone_page.goto(portal.url + "/rights-desk")  # reading the queue is logged per person
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("rights_desk.title"))
    # the queue has loaded (and its read is logged) before the tab moves on: a navigation
    # hard on the heels of a page load once lost that load and the next page's reply
    expect(phone_page.locator("li.rights-request").first).to_be_visible()
    phone_page.goto(portal.url + "/portal")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("portal.title"))
    phone_page.get_by_role("link", name=nl("desk_log.link")).click()
    expect(phone_page).to_have_url(url_at("/access-log-desk"))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("desk_log.title"))
    expect(phone_page.get_by_text(nl("desk_log.none"))).to_be_visible()
    fits_and_passes_axe(phone_page)

    phone_page.get_by_label(nl("desk_log.role")).select_option("privacy_officer")
    phone_page.get_by_role("button", name=nl("desk_log.search"), exact=True).click()
    cards = phone_page.locator("ul.access-cards > li")
    expect(cards.first).to_contain_text("privacy.krachtwerkt")
    expect(cards.first).to_contain_text(nl("role.privacy_officer"))
    fits_and_passes_axe(phone_page)

    phone_page.get_by_label(nl("desk_log.role")).select_option("")
    phone_page.get_by_label(nl("desk_log.person")).fill("LOG00001")
    phone_page.get_by_role("button", name=nl("desk_log.search"), exact=True).click()
    expect(cards.first).to_contain_text("LOG00001")
    # newest first: the search just made (logged per person shown) and other tests' reads of
    # LOG00001 may come before the queue read
    queue_read = cards.filter(has_text="rights_queue_read").first
    expect(queue_read).to_contain_text("LOG00001")
    expect(queue_read).to_contain_text(nl("category.rights_request"))
    fits_and_passes_axe(phone_page)

    phone_page.get_by_label(nl("access_log.since")).fill("2026-01-02")
    phone_page.get_by_label(nl("access_log.until")).fill("2026-01-01")
    phone_page.get_by_role("button", name=nl("desk_log.search"), exact=True).click()
    alert(phone_page).to_have_text(nl("access_log.until_before_since"))
    assert_no_leak(recording, CANARIES)


def _request_transfer(page: Page, portal: Portal, totp_codes: TotpCodes) -> None:
    sign_in(page, portal, demo("werknemer.logistiek"), totp_codes)
    page.goto(portal.url + "/my-rights")
    page.get_by_label(nl("rights.kind_label")).select_option("transfer")
    page.get_by_label(nl("rights.text_label")).fill(TRANSFER_TEXT)
    page.get_by_role("button", name=nl("rights.submit"), exact=True).click()
    alert(page).to_have_text(nl("rights.submitted"))


def test_transfer_package_downloads_signed_and_receipt_is_confirmed(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    recording: Recording,
    totp_codes: TotpCodes,
    tmp_path: Path,
) -> None:
    _request_transfer(another_phone(), portal, totp_codes)

    desk = phone_page
    sign_in(desk, portal, demo("privacy.krachtwerkt"), totp_codes)
    desk.goto(portal.url + "/rights-desk")
    item = desk.get_by_role("listitem").filter(has_text=TRANSFER_TEXT)
    expect(item.get_by_role("heading", name=nl("transfer.heading"))).to_be_visible()
    expect(item.get_by_role("button", name=nl("transfer.confirm"))).to_have_count(0)
    fits_and_passes_axe(desk)

    item.get_by_label(nl("transfer.recipient")).fill(RECIPIENT)
    with desk.expect_download() as waiting:
        item.get_by_role("button", name=nl("transfer.build"), exact=True).click()
    download = waiting.value
    assert download.suggested_filename.startswith("overdracht-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    content = saved.read_bytes()

    jwk = httpx.get(portal.url + signing.WELL_KNOWN_PATH, timeout=10).json()["keys"][0]
    manifest = packing.verify(content, jwk)
    assert manifest["recipient"] == RECIPIENT
    with zipfile.ZipFile(saved) as archive:
        document = json.loads(archive.read(packing.DATA_FILE))
    assert document["employee"]["personnel_number"] == "LOG00001"
    assert document["cases"] and "MEDISCH-" in json.dumps(document["cases"])

    desk.reload()
    item = desk.get_by_role("listitem").filter(has_text=TRANSFER_TEXT)
    today = datetime.now(UTC).date().isoformat()
    expect(item).to_contain_text(nl("transfer.awaiting"))
    expect(item).to_contain_text(today)
    fits_and_passes_axe(desk)
    item.get_by_role("button", name=nl("transfer.confirm"), exact=True).click()
    alert(desk).to_have_text(nl("transfer.confirmed"))
    expect(item).to_contain_text(nl("transfer.confirmed_on"))
    expect(item.get_by_role("button", name=nl("transfer.confirm"))).to_have_count(0)

    item.get_by_label(nl("transfer.recipient")).fill(RECIPIENT)
    item.get_by_role("button", name=nl("transfer.build"), exact=True).click()
    expect(desk).to_have_url(url_at("/rights-desk"))
    alert(desk).to_have_text(nl("transfer.no_open_case"))
    fits_and_passes_axe(desk)
    assert_no_leak(_pages_only(recording), CANARIES)


def _employee_with_a_case(portal: Portal) -> int:
    """An employee of the logistics demo employer with a case and no account yet."""
    with database(portal) as db:
        row = db.execute(
            "SELECT c.employee_id FROM sick_leave_case c JOIN organisation o"
            " ON o.id = c.organisation_id WHERE o.name LIKE 'Logistiek%'"
            " AND c.employee_id NOT IN (SELECT employee_id FROM account"
            "   WHERE employee_id IS NOT NULL) ORDER BY c.id DESC LIMIT 1"
        ).fetchone()
    assert row
    return int(row[0])


def test_access_request_is_answered_with_the_employees_own_export(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    recording: Recording,
    totp_codes: TotpCodes,
) -> None:
    employee_id = _employee_with_a_case(portal)
    me = make_account(portal, "employee", "werknemer.inzage", employee_id=employee_id)
    employee = another_phone()
    sign_in(employee, portal, me, totp_codes)
    employee.goto(portal.url + "/my-rights")
    employee.get_by_label(nl("rights.kind_label")).select_option("access")
    employee.get_by_label(nl("rights.text_label")).fill(ACCESS_TEXT)
    employee.get_by_role("button", name=nl("rights.submit"), exact=True).click()
    alert(employee).to_have_text(nl("rights.submitted"))

    desk = phone_page
    sign_in(desk, portal, demo("privacy.krachtwerkt"), totp_codes)
    desk.goto(portal.url + "/rights-desk")
    item = desk.get_by_role("listitem").filter(has_text=ACCESS_TEXT)
    expect(item.get_by_role("heading", name=nl("desk_export.heading"))).to_be_visible()
    expect(item.get_by_role("heading", name=nl("transfer.heading"))).to_have_count(0)
    fits_and_passes_axe(desk)
    with desk.expect_download() as waiting:
        item.get_by_role("button", name=nl("desk_export.build"), exact=True).click()
    download = waiting.value
    assert download.suggested_filename == (
        f"kwportal-export-{employee_id}-{datetime.now(UTC):%Y%m%d}.zip"
    )
    with zipfile.ZipFile(download.path()) as archive:
        document = json.loads(archive.read("export.json"))
        manifest = json.loads(archive.read("manifest.json"))
        token = archive.read("manifest.jws").decode()
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert document["subject"] == f"urn:kwportal:employee:{employee_id}"
    assert document["sections"]["cases"], "the case is in the export"
    jwks = httpx.get(portal.url + signing.WELL_KNOWN_PATH, timeout=30).json()
    header, signed = signing.verify(token, jwks["keys"][0])
    assert header["typ"] == export.MANIFEST_TYP and signed == manifest
    with database(portal) as db:
        linked = db.execute(
            "SELECT subject_employee_id, objects FROM audit_event"
            " WHERE event_type = 'access_request_export'"
        ).fetchall()
    assert [row[0] for row in linked] == [employee_id]
    assert '"rights_request"' in linked[0][1]
    expect(desk).to_have_url(url_at("/rights-desk"))
    # the desk's pages show who asked (his name), never the content of the export
    assert_no_leak(
        Recording(
            frames=recording.frames,
            responses=[r for r in recording.responses if ACCESS_EXPORT_PATH not in r.url],
        ),
        CANARIES,
    )
