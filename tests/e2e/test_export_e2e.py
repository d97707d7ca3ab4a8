"""Download my data in the browser (issue 5 item 5): one tap on a phone gives a ZIP whose
JSON passes docs/export.schema.json and whose manifest is signed with the published key
and holds the true SHA-256 of each file. The page passes axe at 360 px."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import httpx
import jsonschema
from playwright.sync_api import Page, expect

from kwportal.services import signing
from kwportal.services.employee import export
from tests.e2e.accounts import TotpCodes, database
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.replies import CANARIES
from tests.e2e.test_consent_e2e import make_account
from tests.e2e.test_login_e2e import fits_and_passes_axe, nl, sign_in

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "export.schema.json").read_text())


def _employee_with_a_case(portal: Portal) -> int:
    with database(portal) as db:
        row = db.execute(
            "SELECT c.employee_id FROM sick_leave_case c JOIN organisation o"
            " ON o.id = c.organisation_id WHERE o.name LIKE 'Zorggroep%'"
            " AND c.employee_id NOT IN (SELECT employee_id FROM account"
            "   WHERE employee_id IS NOT NULL) ORDER BY c.id LIMIT 1"
        ).fetchone()
    assert row
    return int(row[0])


def test_one_tap_downloads_a_signed_zip(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes
) -> None:
    employee_id = _employee_with_a_case(portal)
    me = make_account(portal, "employee", "werknemer.download", employee_id=employee_id)
    sign_in(phone_page, portal, me, totp_codes)
    phone_page.get_by_role("link", name=nl("export.link")).click()
    expect(phone_page).to_have_url(url_at("/my-export"))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("export.title"))
    fits_and_passes_axe(phone_page)
    with phone_page.expect_download() as download:
        phone_page.get_by_role("button", name=nl("export.download"), exact=True).click()
    assert download.value.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(download.value.path()) as archive:
        document = json.loads(archive.read("export.json"))
        manifest_bytes = archive.read("manifest.json")
        token = archive.read("manifest.jws").decode()
        digests = {
            n: hashlib.sha256(archive.read(n)).hexdigest() for n in ("export.json", "export.pdf")
        }
        assert archive.read("export.pdf").startswith(b"%PDF-")
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert document["subject"] == f"urn:kwportal:employee:{employee_id}"
    assert document["sections"]["cases"], "the case is in the export"
    jwks = httpx.get(portal.url + signing.WELL_KNOWN_PATH, timeout=30).json()
    header, signed = signing.verify(token, jwks["keys"][0])
    assert header["typ"] == export.MANIFEST_TYP
    assert signed == json.loads(manifest_bytes)
    assert {name: f["sha256"] for name, f in signed["files"].items()} == digests
    # nothing of the export travelled over the websocket
    assert_no_leak(recording, (*CANARIES, document["sections"]["identity"][0]["last_name"]))
