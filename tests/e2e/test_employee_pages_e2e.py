"""My case and My details on a phone (issue 5 items 7 and 8): appointments, helpers and an
entitled document downloaded; what is stored about me and a correction asked for one field,
with a clear message for an over-long text. Both pages pass axe at 360 px."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect

from kwportal.models import Appointment, CaseDocument, CaseHelper
from tests.e2e.accounts import TotpCodes, database, portal_unit
from tests.e2e.harness import Portal, Recording, url_at
from tests.e2e.test_consent_e2e import make_account
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

PLAN = "Plan van aanpak: eerst halve dagen, na vier weken opbouwen."


def _employee_and_case(portal: Portal) -> tuple[int, int]:
    with database(portal) as db:
        row = db.execute(
            "SELECT c.employee_id, c.id FROM sick_leave_case c JOIN organisation o"
            " ON o.id = c.organisation_id WHERE o.name LIKE 'Logistiek%'"
            " AND c.employee_id NOT IN (SELECT employee_id FROM account"
            "   WHERE employee_id IS NOT NULL)"
            " AND c.sick_report_date = (SELECT MAX(sick_report_date) FROM sick_leave_case"
            "   WHERE employee_id = c.employee_id) ORDER BY c.id DESC LIMIT 1"
        ).fetchone()
    assert row
    employee_id, case_id = int(row[0]), int(row[1])
    with portal_unit(portal) as session:
        session.add(
            CaseDocument(
                case_id=case_id,
                employee_id=employee_id,
                kind="plan_of_action",
                title="Plan van aanpak",
                content=PLAN,
            )
        )
        session.add(CaseHelper(case_id=case_id, name="Ria Coach", helper_role="coach"))
        session.add(
            Appointment(
                case_id=case_id,
                employee_id=employee_id,
                starts_at=datetime.now(UTC) + timedelta(days=3),
                location="Spreekkamer 4",
            )
        )
    return employee_id, case_id


def test_my_case_and_my_details(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes
) -> None:
    employee_id, _ = _employee_and_case(portal)
    me = make_account(portal, "employee", "werknemer.dossier", employee_id=employee_id)
    sign_in(phone_page, portal, me, totp_codes)

    phone_page.get_by_role("link", name=nl("my_case.link"), exact=True).click()
    expect(phone_page).to_have_url(url_at("/my-case"))
    expect(phone_page.get_by_text("Spreekkamer 4")).to_be_visible()
    expect(phone_page.get_by_text("Ria Coach")).to_be_visible()
    fits_and_passes_axe(phone_page)
    with phone_page.expect_download() as download:
        plan = phone_page.locator("li", has_text="Plan van aanpak")
        plan.get_by_role("link", name=nl("my_case.download")).click()
    text = open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115
    assert PLAN in text

    phone_page.goto(portal.url + "/portal")
    phone_page.get_by_role("link", name=nl("details.link"), exact=True).click()
    expect(phone_page).to_have_url(url_at("/my-details"))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("details.title"))
    frame = phone_page.frame_locator("iframe.secret-frame")
    expect(frame.locator("li").first).to_be_visible()
    fits_and_passes_axe(phone_page)
    city = phone_page.locator("li", has_text=nl("details.field.city")).first
    city.get_by_text(nl("details.fix")).click()
    box = city.get_by_label(nl("details.correction"))
    box.fill("x" * 100_000)
    city.get_by_role("button", name=nl("details.send")).click()
    alert(phone_page).to_have_text(nl("rectification.error.too_long"))
    box.fill("Haaksbergen")  # not a demo city: a value already stored is refused
    city.get_by_role("button", name=nl("details.send")).click()
    alert(phone_page).to_have_text(nl("details.sent"))
    fits_and_passes_axe(phone_page)
    # not even his own medical data and care address travel over the websocket (the framed
    # care-address page is his own HTTP answer)
    for frame in recording.frames:
        assert not any(c in frame for c in ("MEDISCH-", "ZORGADRES-", "CONCEPT-")), frame[:300]
