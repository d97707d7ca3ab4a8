"""Files on a case on phones (issue 15 item 4): the employee picks a photo with the real file
input and sends it to the care team (told so on the page); a picture named ``.pdf`` is
refused at the field; the employer shares a PDF on the same case, sees only that file, and
no frame it receives holds the employee's file; the employee downloads the employer's PDF.
Each page fits 360 px and passes axe."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.accounts import TotpCodes
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.test_consent_e2e import _free_open_case, make_account
from tests.e2e.test_login_e2e import fits_and_passes_axe, nl, sign_in

CARE_NAME = "MEDISCH-E2E-brief-specialist.png"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _photo() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "MEDISCH-E2E-EXIF"
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (240, 240, 235)).save(out, "PNG", exif=exif.tobytes())
    return out.getvalue()


def _send(page: Page, name: str, content: bytes, mime: str) -> None:
    page.get_by_label(nl("case_files.file"), exact=True).set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": content}]
    )
    page.get_by_role("button", name=nl("case_files.upload")).click()


def test_the_employees_file_reaches_the_care_team_only(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    totp_codes: TotpCodes,
) -> None:
    org_id, employee_id, case_id = _free_open_case(portal)
    employee = make_account(portal, "employee", "werknemer.bestand", employee_id=employee_id)
    employer = make_account(portal, "employer_contact", "werkgever.bestand", organisation_id=org_id)

    person = phone_page
    sign_in(person, portal, employee, totp_codes)
    person.goto(portal.url + "/case-files")
    expect(person.get_by_role("heading", level=1)).to_have_text(nl("case_files.title"))
    expect(person.get_by_text(nl("case_files.audience.employee"))).to_be_visible()
    _send(person, "brief.pdf", _photo(), "application/pdf")
    expect(person.locator("#case-file-error")).to_have_text(nl("case_files.error.lying_name"))
    fits_and_passes_axe(person)
    _send(person, CARE_NAME, _photo(), "image/png")
    expect(person).to_have_url(url_at("/case-files"))
    expect(person.get_by_text(nl("case_files.done"))).to_be_visible()
    expect(person.get_by_text(CARE_NAME)).to_be_visible()
    fits_and_passes_axe(person)

    employer_page = another_phone()
    seen_by_employer = Recording()
    seen_by_employer.attach(employer_page)
    sign_in(employer_page, portal, employer, totp_codes)
    employer_page.goto(f"{portal.url}/case-files?case={case_id}")
    expect(employer_page.get_by_text(nl("case_files.none"))).to_be_visible()
    expect(employer_page.get_by_text(nl("case_files.audience.case"))).to_be_visible()
    _send(employer_page, "afspraken werkplek.pdf", PDF, "application/pdf")
    expect(employer_page.get_by_text(nl("case_files.done"))).to_be_visible()
    expect(employer_page.locator("ul.file-list > li")).to_have_count(1)
    fits_and_passes_axe(employer_page)
    assert_no_leak(seen_by_employer, ["MEDISCH-E2E"])

    person.reload()
    link = person.get_by_role("link", name="afspraken werkplek.pdf downloaden")
    with person.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "afspraken werkplek.pdf"
