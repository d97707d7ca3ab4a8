"""The privacy desk in the browser (issue 7, item 7; issue 16, item 1): the access-log search
shows metadata only; a transfer request is released by the COMPANY DOCTOR as a signed
package encrypted to the new arbodienst (age format), while the desk sees only that and
when, and confirms receipt; an access request is answered by delivering the export to the
employee's own page, and the desk sees only when it was delivered and downloaded.

Changed in issue 16: these tests used to have the desk download the transfer package and
the employee's export itself; the desk now downloads nothing."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import jsonschema
import pyrage
from playwright.sync_api import Download, Page, expect
from pyrage import x25519

from kwportal.i18n.fmt import fmt_date
from kwportal.services import signing
from kwportal.services.case import transfer_package as packing
from kwportal.services.employee import export
from tests.e2e.accounts import TotpCodes, database, demo
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.mailcatcher import MailCatcher, body_of
from tests.e2e.test_consent_e2e import make_account
from tests.e2e.test_login_e2e import alert, display_name, fits_and_passes_axe, nl, sign_in

CANARIES = ("MEDISCH-", "ZORGADRES-", "CONCEPT-")
TRANSFER_TEXT = "Mijn werkgever stapt over naar Arbo Oost BV (e2e-overdracht)."
RECIPIENT = "Arbo Oost BV"
DOCTOR = "arts.logistiek"
ACCESS_TEXT = "Graag alles wat u over mij bewaart (e2e-inzage)."
SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text())


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


def _arbodienst_disclosures(portal: Portal) -> int:
    with database(portal) as db:
        row = db.execute(
            "SELECT count(*) FROM disclosure WHERE recipient_kind = 'arbodienst'"
        ).fetchone()
    return int(row[0])


def test_transfer_package_is_released_by_the_doctor_encrypted_and_receipt_is_confirmed(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    recording: Recording,
    totp_codes: TotpCodes,
) -> None:
    _request_transfer(another_phone(), portal, totp_codes)
    downloads: list[Download] = []

    desk = phone_page
    desk.on("download", lambda download: downloads.append(download))
    sign_in(desk, portal, demo("privacy.krachtwerkt"), totp_codes)
    desk.goto(portal.url + "/rights-desk")
    item = desk.get_by_role("listitem").filter(has_text=TRANSFER_TEXT)
    expect(item.get_by_role("heading", name=nl("transfer.heading"))).to_be_visible()
    expect(item).to_contain_text(nl("transfer.waiting_for_doctor"))
    # the desk builds nothing: no recipient field, no download, nothing to confirm yet
    expect(item.get_by_label(nl("transfer.recipient"))).to_have_count(0)
    expect(item.get_by_role("button", name=nl("transfer.confirm"))).to_have_count(0)
    fits_and_passes_axe(desk)

    doctor = another_phone()
    recording.attach(doctor)  # the doctor's browser gets the encrypted file only
    sign_in(doctor, portal, demo(DOCTOR), totp_codes)
    doctor.get_by_role("link", name=nl("care_transfer.link")).click()
    expect(doctor).to_have_url(url_at("/care-transfer"))
    expect(doctor.get_by_role("heading", level=1)).to_have_text(nl("care_transfer.title"))
    request = doctor.get_by_role("listitem").filter(has_text="LOG00001")
    expect(request).to_contain_text(nl("care_transfer.open_cases"))
    fits_and_passes_axe(doctor)

    before = _arbodienst_disclosures(portal)
    request.get_by_label(nl("transfer.recipient")).fill(RECIPIENT)
    request.get_by_label(nl("care_transfer.age_key")).fill("age1nietgeldig")
    request.get_by_role("button", name=nl("care_transfer.release"), exact=True).click()
    expect(doctor).to_have_url(url_at("/care-transfer"))
    alert(doctor).to_have_text(nl("care_transfer.not_an_age_key"))
    assert _arbodienst_disclosures(portal) == before
    fits_and_passes_axe(doctor)

    identity = x25519.Identity.generate()
    request = doctor.get_by_role("listitem").filter(has_text="LOG00001")
    request.get_by_label(nl("transfer.recipient")).fill(RECIPIENT)
    request.get_by_label(nl("care_transfer.by_key")).check()
    request.get_by_label(nl("care_transfer.age_key")).fill(str(identity.to_public()))
    with doctor.expect_download() as waiting:
        request.get_by_role("button", name=nl("care_transfer.release"), exact=True).click()
    download = waiting.value
    assert download.suggested_filename.startswith("overdracht-")
    assert download.suggested_filename.endswith(".zip.age")
    sealed = Path(download.path()).read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1")
    content = pyrage.decrypt(sealed, [identity])
    jwk = httpx.get(portal.url + signing.WELL_KNOWN_PATH, timeout=10).json()["keys"][0]
    manifest = packing.verify(content, jwk)
    assert manifest["recipient"] == RECIPIENT
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        document = json.loads(archive.read(packing.DATA_FILE))
    assert document["employee"]["personnel_number"] == "LOG00001"
    assert document["cases"] and "MEDISCH-" in json.dumps(document["cases"])
    assert _arbodienst_disclosures(portal) > before

    desk.reload()
    item = desk.get_by_role("listitem").filter(has_text=TRANSFER_TEXT)
    today = fmt_date(datetime.now(UTC), short=True)
    expect(item).to_contain_text(nl("transfer.released_on"))
    expect(item).to_contain_text(today)
    expect(item).to_contain_text(display_name(portal, DOCTOR))
    expect(item).to_contain_text(nl("transfer.awaiting"))
    fits_and_passes_axe(desk)
    item.get_by_role("button", name=nl("transfer.confirm"), exact=True).click()
    alert(desk).to_have_text(nl("transfer.confirmed"))
    expect(item).to_contain_text(nl("transfer.confirmed_on"))
    expect(item.get_by_role("button", name=nl("transfer.confirm"))).to_have_count(0)

    # once received, the cases are no longer KrachtWerkt's to hand over
    doctor.reload()
    expect(doctor.get_by_role("heading", level=1)).to_have_text(nl("care_transfer.title"))
    expect(doctor.get_by_role("listitem").filter(has_text="LOG00001")).to_have_count(0)
    assert downloads == [], "the desk downloaded something"
    assert_no_leak(recording, CANARIES)


def _employee_with_a_case(portal: Portal) -> tuple[int, str]:
    """An employee of the logistics demo employer with a case and no account yet; (id,
    name as the desk sees it)."""
    with database(portal) as db:
        row = db.execute(
            "SELECT c.employee_id, e.first_name || ' ' || e.last_name FROM sick_leave_case c"
            " JOIN organisation o ON o.id = c.organisation_id"
            " JOIN employee e ON e.id = c.employee_id WHERE o.name LIKE 'Logistiek%'"
            " AND c.employee_id NOT IN (SELECT employee_id FROM account"
            "   WHERE employee_id IS NOT NULL) ORDER BY c.id DESC LIMIT 1"
        ).fetchone()
    assert row
    return int(row[0]), str(row[1])


def test_access_request_is_answered_by_delivering_the_export_to_the_employee(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    recording: Recording,
    totp_codes: TotpCodes,
    smtp_server: MailCatcher,
) -> None:
    employee_id, name = _employee_with_a_case(portal)
    me = make_account(portal, "employee", "werknemer.inzage", employee_id=employee_id)
    employee = another_phone()
    sign_in(employee, portal, me, totp_codes)
    employee.goto(portal.url + "/my-rights")
    employee.get_by_label(nl("rights.kind_label")).select_option("access")
    employee.get_by_label(nl("rights.text_label")).fill(ACCESS_TEXT)
    employee.get_by_role("button", name=nl("rights.submit"), exact=True).click()
    alert(employee).to_have_text(nl("rights.submitted"))

    downloads: list[Download] = []
    desk = phone_page
    desk.on("download", lambda download: downloads.append(download))
    sign_in(desk, portal, demo("privacy.krachtwerkt"), totp_codes)
    desk.goto(portal.url + "/rights-desk")
    item = desk.get_by_role("listitem").filter(has_text=ACCESS_TEXT)
    expect(item.get_by_role("heading", name=nl("desk_export.heading"))).to_be_visible()
    expect(item.get_by_role("heading", name=nl("transfer.heading"))).to_have_count(0)
    fits_and_passes_axe(desk)
    item.get_by_label(nl("rights_desk.answer_label")).fill("Uw gegevens staan voor u klaar.")
    item.get_by_role("button", name=nl("desk_export.deliver"), exact=True).click()
    alert(desk).to_have_text(nl("rights_desk.answered"))
    delivered = desk.get_by_role("region", name=nl("desk_export.delivered_title"))
    line = delivered.get_by_role("listitem").filter(has_text=name)
    here = fmt_date(datetime.now(UTC), short=True)
    expect(line).to_contain_text(nl("desk_export.delivered_on"))
    expect(line).to_contain_text(here)
    expect(line).to_contain_text(nl("desk_export.not_yet"))
    fits_and_passes_axe(desk)

    mail = smtp_server.wait_for(f"{me.username}@example.test")
    assert str(mail["Subject"]) == nl("mail.export_ready.subject")
    assert f"{portal.url}/my-export" in body_of(mail)
    assert not [c for c in CANARIES if c in body_of(mail)]

    employee.goto(portal.url + "/my-export")
    expect(employee.get_by_role("heading", name=nl("export.delivered_title"))).to_be_visible()
    with employee.expect_download() as waiting:
        employee.get_by_role("button", name=nl("export.download"), exact=True).click()
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

    desk.reload()
    delivered = desk.get_by_role("region", name=nl("desk_export.delivered_title"))
    line = delivered.get_by_role("listitem").filter(has_text=name)
    expect(line).to_contain_text(nl("desk_export.downloaded_on"))
    expect(line).not_to_contain_text(nl("desk_export.not_yet"))
    with database(portal) as db:
        events = db.execute(
            "SELECT event_type, actor_role FROM audit_event WHERE subject_employee_id = ?"
            " AND event_type IN ('access_request_delivered', 'access_request_downloaded',"
            " 'data_export', 'access_request_export') ORDER BY seq",
            (employee_id,),
        ).fetchall()
    assert [tuple(row) for row in events] == [
        ("access_request_delivered", "privacy_officer"),
        ("data_export", "employee"),
        ("access_request_downloaded", "employee"),
    ]
    assert downloads == [], "the desk downloaded something"
    # the desk's pages show who asked (his name), never the content of the export
    assert_no_leak(recording, CANARIES)
