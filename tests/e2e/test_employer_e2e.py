"""The employer's dashboard in the browser (issue 6, items 1, 2, 7, 8) and the employee's
"what my employer sees" (issue 5, item 1): on every employer page nothing medical, no care
address, no draft and no other organisation's data reaches the browser — not in the HTML,
not in a websocket frame — and every page passes axe and fits 360 px."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from kwportal.domain.poortwachter import Step
from kwportal.services.demo.accounts import DEMO_ORGS
from kwportal.ui.components import employer_case
from kwportal.ui.pages.employee import employer_view as employee_page
from kwportal.ui.pages.employer import case as case_page
from tests.dutch_time import dutch_today
from tests.e2e.accounts import TotpCodes, database, demo
from tests.e2e.conftest import DESKTOP, serious_axe_violations
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.mailcatcher import MailCatcher
from tests.e2e.replies import CANARIES
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

METAAL = next(org for org in DEMO_ORGS if org.slug == "metaal")
ZORG = next(org for org in DEMO_ORGS if org.slug == "zorg")
PAGE_SIZE = 20
RELEASED_ADVICE = "Hervat het eigen werk halve dagen, zonder nachtdiensten."
RELEASED_PERIOD = "4 tot 6 weken"


def _org_id(portal: Portal, name: str) -> int:
    with database(portal) as db:
        return int(db.execute("SELECT id FROM organisation WHERE name = ?", (name,)).fetchone()[0])


MIN_SECRET = 6


def forbidden_values(portal: Portal, organisation: str) -> list[str]:
    """The canaries, and every health, care-address and draft value of the organisation's
    seed data read straight from the portal's database, plus the open cases of the others."""
    org = _org_id(portal, organisation)
    of_org = "JOIN employee e ON e.id = x.employee_id WHERE e.organisation_id = ?"
    queries = [
        "SELECT care_address FROM sick_leave_case WHERE organisation_id = ?",
        "SELECT x.care_address FROM sick_report x JOIN sick_leave_case c ON c.id = x.case_id"
        " WHERE c.organisation_id = ?",
        f"SELECT x.body FROM medical_note x {of_org}",
        f"SELECT x.answer FROM questionnaire_answer x {of_org}",
        f"SELECT x.subject FROM appointment x {of_org}",
        f"SELECT x.location FROM appointment x {of_org}",
        f"SELECT x.content FROM case_document x {of_org}",
        f"SELECT x.agent FROM exposure_record x {of_org}",
        f"SELECT x.move_reason FROM appointment x {of_org}",
        f"SELECT x.body FROM case_message x {of_org} AND x.thread = 'care'",
        f"SELECT x.filename FROM case_upload x {of_org} AND x.audience = 'care'",
        "SELECT x.advice FROM employer_feedback x JOIN sick_leave_case c ON c.id = x.case_id"
        " WHERE c.organisation_id = ? AND x.status != 'released'",
        "SELECT e.personnel_number FROM employee e JOIN sick_leave_case c ON c.employee_id = e.id"
        " WHERE c.organisation_id != ?",
    ]
    with database(portal) as db:
        values = [row[0] for query in queries for row in db.execute(query, (org,)).fetchall()]
    # a scale or choice answer ("4", "ja") names nothing and is in every frame: the free
    # texts are what must never arrive
    found = [v for v in values if v and len(v) >= MIN_SECRET]
    assert any(v.startswith("MEDISCH-") for v in found), "the seed data was not found"
    return [*CANARIES, *found]


def open_cases(portal: Portal, organisation: str, order: str) -> list[tuple[int, str, str]]:
    """(case id, name, personnel number) of the open cases, in the given SQL order."""
    with database(portal) as db:
        rows = db.execute(
            "SELECT c.id, e.first_name || ' ' || e.last_name, e.personnel_number"
            " FROM sick_leave_case c JOIN employee e ON e.id = c.employee_id"
            f" WHERE c.organisation_id = ? AND c.recovery_date IS NULL ORDER BY {order}",
            (_org_id(portal, organisation),),
        ).fetchall()
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def page_line(page: int, pages: int, total: int) -> str:
    return (
        nl("employer.page_of")
        .replace("{page}", str(page))
        .replace("{pages}", str(pages))
        .replace("{total}", str(total))
    )


def component(page: Page) -> Locator:
    return page.locator('[data-component="employer-case"]')


def check_page(page: Page, recording: Recording, forbidden: list[str]) -> None:
    fits_and_passes_axe(page)
    assert_no_leak(recording, forbidden)


def test_employer_overview_search_paging_and_case_on_phone_and_desktop(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes
) -> None:
    forbidden = forbidden_values(portal, METAAL.name)
    by_age = open_cases(portal, METAAL.name, "c.sick_report_date, c.id")
    by_name = open_cases(portal, METAAL.name, "e.last_name, e.first_name, c.id")
    total, pages = len(by_age), -(-len(by_age) // PAGE_SIZE)
    assert pages == 2, "the demo employer should have more than one page of open cases"

    sign_in(phone_page, portal, demo("werkgever.metaal"), totp_codes)
    phone_page.get_by_role("link", name=nl("employer.link")).click()
    expect(phone_page).to_have_url(url_at("/employer"))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("employer.title"))
    expect(phone_page.get_by_text(nl("employer.secrecy"))).to_be_visible()
    expect(phone_page.get_by_text(page_line(1, pages, total))).to_be_visible()
    cards = phone_page.locator(".case-cards > li")
    expect(cards).to_have_count(PAGE_SIZE)
    # the most urgent first (issue 18 item 5): the first card names its late step and how
    # late it is, never a bare "deadline passed"
    expect(cards.first.locator(".next-step.late")).to_have_text(LATE_STEP)
    expect(phone_page.get_by_text(nl("employer.overdue"))).to_have_count(0)
    expect(phone_page.get_by_role("table")).to_be_hidden()
    check_page(phone_page, recording, forbidden)
    phone_page.get_by_label(nl("employer.sort")).select_option("sick_since")
    expect(cards.first.get_by_role("link")).to_have_text(by_age[0][1])
    shown = by_age[0][2]
    assert any(shown in frame for frame in recording.frames), "the leak check saw no data"

    phone_page.get_by_role("button", name=nl("employer.next"), exact=True).click()
    expect(phone_page.get_by_text(page_line(2, pages, total))).to_be_visible()
    expect(cards).to_have_count(total - PAGE_SIZE)
    expect(phone_page.get_by_role("button", name=nl("employer.next"), exact=True)).to_be_disabled()
    phone_page.get_by_role("button", name=nl("employer.previous"), exact=True).click()
    expect(phone_page.get_by_text(page_line(1, pages, total))).to_be_visible()

    phone_page.get_by_label(nl("employer.sort")).select_option("name")
    expect(cards.first.get_by_role("link")).to_have_text(by_name[0][1])
    check_page(phone_page, recording, forbidden)

    case_id, name, number = by_name[1]
    phone_page.get_by_label(nl("employer.search")).fill(number)
    phone_page.get_by_role("button", name=nl("employer.search_button"), exact=True).click()
    expect(cards).to_have_count(1)
    expect(phone_page.get_by_text(page_line(1, 1, 1))).to_be_visible()
    check_page(phone_page, recording, forbidden)

    cards.first.get_by_role("link", name=name).click()
    expect(phone_page).to_have_url(url_at("/employer-case"))
    assert phone_page.url.endswith(f"?case={case_id}")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("employer_case.title"))
    expect(component(phone_page).get_by_role("heading", level=2)).to_have_text(f"{name} ({number})")
    expect(phone_page.get_by_text(nl("employer.secrecy"))).to_be_visible()
    expect(phone_page.get_by_role("heading", name=nl("employer_case.deadlines"))).to_be_visible()
    check_page(phone_page, recording, forbidden)
    steps_folded_on_a_phone(phone_page, portal, by_age[0][0])

    phone_page.set_viewport_size(DESKTOP)
    phone_page.get_by_role("link", name=nl("employer_case.back")).click()
    expect(phone_page).to_have_url(url_at("/employer"))
    table = phone_page.get_by_role("table")
    expect(table).to_be_visible()
    expect(cards.first).to_be_hidden()
    expect(table.locator("tbody tr")).to_have_count(PAGE_SIZE)
    assert serious_axe_violations(phone_page) == []
    phone_page.get_by_label(nl("employer.sort")).select_option("sick_since")
    expect(table.locator("tbody tr").first.get_by_role("link")).to_have_text(by_age[0][1])
    table.locator("tbody tr").first.get_by_role("link").click()
    expect(phone_page).to_have_url(url_at("/employer-case"))
    expect(component(phone_page).get_by_role("heading", level=2)).to_contain_text(by_age[0][2])
    assert serious_axe_violations(phone_page) == []
    assert_no_leak(recording, forbidden)


STEP_NAMES = "|".join(re.escape(nl(f"step.{step}")) for step in Step)
LATE_STEP = re.compile(rf"^({STEP_NAMES}): \d+ dag(en)? te laat")
#: the steps of a long absence (20 and more) at 360 px, the next one open, the rest folded
#: (they were a 7,000 px wall); the whole page, with the four items and the links, below
MAX_STEPS_HEIGHT = 600
MAX_CASE_HEIGHT = 3_000


def steps_folded_on_a_phone(page: Page, portal: Portal, case_id: int) -> None:
    """The longest absence's case page at 360 px (issue 18 item 5): the step to take next
    first, the rest folded, no date filled in for the contact, and no 7,000 px wall."""
    page.goto(f"{portal.url}/employer-case?case={case_id}")
    steps = page.locator('[data-part="deadlines"]')
    expect(steps.locator(".steps-next > li")).to_have_count(1)
    expect(steps.get_by_role("heading", name=nl("steps.next_title"))).to_be_visible()
    assert steps.locator("details").count() >= 1
    expect(steps.locator("details[open]")).to_have_count(0)
    assert steps.locator("li.deadline").count() >= 10, "the oldest case should have many steps"
    box = steps.bounding_box()
    assert box is not None and box["height"] < MAX_STEPS_HEIGHT, box
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < MAX_CASE_HEIGHT, f"the case page is {height} px high"
    values = page.locator("input[name=done_on]").evaluate_all("els => els.map(e => e.value)")
    assert all(v == "" for v in values), "a date field was filled in for the contact"


def test_case_of_another_organisation_or_a_bad_id_reads_as_not_found(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes
) -> None:
    others = open_cases(portal, ZORG.name, "c.id")
    forbidden = [
        *forbidden_values(portal, METAAL.name),
        *forbidden_values(portal, ZORG.name),
        *(value for case in others for value in case[1:]),
    ]
    sign_in(phone_page, portal, demo("werkgever.metaal"), totp_codes)
    for case_id in (str(others[0][0]), "abc", "-1", "1e3", "0", "99999999", ""):
        phone_page.goto(f"{portal.url}/employer-case?case={case_id}")
        alert(phone_page).to_have_text(nl("employer_case.not_found"))
        expect(component(phone_page)).to_have_count(0)
        check_page(phone_page, recording, forbidden)


def release_feedback_for(portal: Portal, username: str) -> int:
    """Release a feedback (as the demo doctor would) on the employee's latest case, whose
    seed feedback is still a draft; returns the case id. Idempotent within a run."""
    released_at = (datetime.now(UTC) - timedelta(days=2)).replace(tzinfo=None, microsecond=0)
    capacity = json.dumps({"working_hours": "limited", "static_postures": "cannot"})
    with database(portal) as db:
        employee_id, slug = db.execute(
            "SELECT employee_id, substr(username, instr(username, '.') + 1) FROM account"
            " WHERE username = ?",
            (username,),
        ).fetchone()
        case_id = db.execute(
            "SELECT id FROM sick_leave_case WHERE employee_id = ?"
            " ORDER BY sick_report_date DESC, id DESC LIMIT 1",
            (employee_id,),
        ).fetchone()[0]
        doctor = db.execute("SELECT id FROM account WHERE username = ?", (f"arts.{slug}",))
        exists = db.execute(
            "SELECT 1 FROM employer_feedback WHERE case_id = ? AND advice = ?",
            (case_id, RELEASED_ADVICE),
        ).fetchone()
        if exists is None:
            doctor_id = doctor.fetchone()[0]
            db.execute(
                "INSERT INTO employer_feedback (case_id, functional_capacity, expected_period,"
                " incapacity_degree, advice, status, author_account_id, employee_reaction,"
                " released_by_account_id, released_at, created_at)"
                " VALUES (?, ?, ?, ?, ?, 'released', ?, '', ?, ?, ?)",
                (
                    case_id,
                    capacity,
                    RELEASED_PERIOD,
                    "gedeeltelijk (50%)",
                    RELEASED_ADVICE,
                    doctor_id,
                    doctor_id,
                    released_at.isoformat(sep=" "),
                    released_at.isoformat(sep=" "),
                ),
            )
    return int(case_id)


def test_employee_sees_exactly_what_his_employer_sees(
    portal: Portal,
    phone_page: Page,
    another_phone: Callable[[], Page],
    recording: Recording,
    totp_codes: TotpCodes,
) -> None:
    case_id = release_feedback_for(portal, "werknemer.metaal")
    forbidden = forbidden_values(portal, METAAL.name)

    sign_in(phone_page, portal, demo("werknemer.metaal"), totp_codes)
    phone_page.get_by_role("link", name=nl("my_view.link")).click()
    expect(phone_page).to_have_url(url_at("/my-employer-view"))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("my_view.title"))
    own = component(phone_page)
    expect(own.get_by_text(RELEASED_ADVICE)).to_be_visible()
    expect(own.get_by_text(RELEASED_PERIOD)).to_be_visible()
    expect(own.get_by_text(nl("capacity.level.cannot"), exact=True)).to_be_visible()
    day = employer_case.day(datetime.now(UTC) - timedelta(days=2))
    release = (
        nl("my_view.release_line")
        .replace("{date}", day)
        .replace("{who}", nl("role.company_doctor"))
        .replace("{ground}", nl("ground.legal_duty"))
    )
    expect(phone_page.get_by_text(release)).to_be_visible()
    check_page(phone_page, recording, forbidden)
    seen_by_employee = own.inner_text()

    employer = another_phone()
    employer_recording = Recording()
    employer_recording.attach(employer)
    sign_in(employer, portal, demo("werkgever.metaal"), totp_codes)
    employer.goto(f"{portal.url}/employer-case?case={case_id}")
    theirs = component(employer)
    expect(theirs.get_by_text(RELEASED_ADVICE)).to_be_visible()
    check_page(employer, employer_recording, forbidden)
    assert theirs.inner_text() == seen_by_employee


def test_both_pages_render_the_one_employer_case_component(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The employer's case page and the employee's page call the same function."""
    shared = employer_case.employer_case_card
    for module, render in (
        (case_page, case_page.employer_case_page),
        (employee_page, employee_page.my_employer_view_page),
    ):
        assert module.employer_case_card is shared
        calls: list[object] = []

        def spy(card: object, calls: list[object] = calls) -> object:
            calls.append(card)
            return shared(card)

        monkeypatch.setattr(module, "employer_case_card", spy)
        render()
        assert len(calls) == 1, module.__name__


# --- sick report, recovery, steps, reports, roster import (issue 6 items 3-6) ---

E2E_CARE_ADDRESS = "ZORGADRES-E2E Revalidatiecentrum Het Roessingh, Enschede"
HANDOVER = "Offerte Bouwbedrijf Jansen vrijdag afronden"


NEW_NUMBER = "E2E-NIEUW-1"
"""Someone the portal does not know yet: only people in care are stored (issue 17 item 1),
so a first sick report brings him in by personnel number and name."""


def in_care_employee(portal: Portal) -> tuple[str, str, str, str]:
    """(number, first name, last name, employment start) of a demo employee in care who is
    still employed and has no account."""
    with database(portal) as db:
        row = db.execute(
            "SELECT personnel_number, first_name, last_name, employment_start FROM employee e"
            " WHERE organisation_id = ? AND employment_end IS NULL"
            " AND EXISTS (SELECT 1 FROM sick_leave_case c WHERE c.employee_id = e.id)"
            " AND NOT EXISTS (SELECT 1 FROM account a WHERE a.employee_id = e.id)"
            " ORDER BY id DESC LIMIT 1",
            (_org_id(portal, METAAL.name),),
        ).fetchone()
    return str(row[0]), str(row[1]), str(row[2]), str(row[3] or "")


def open_employer_page(page: Page, link_key: str, path: str) -> None:
    expect(page).to_have_url(url_at("/portal"))
    page.get_by_role("link", name=nl(link_key)).click()
    expect(page).to_have_url(url_at(path))


def test_sick_report_steps_and_recovery_on_a_phone(
    portal: Portal,
    phone_page: Page,
    recording: Recording,
    totp_codes: TotpCodes,
    smtp_server: MailCatcher,
) -> None:
    forbidden = [*forbidden_values(portal, METAAL.name), E2E_CARE_ADDRESS]
    number = NEW_NUMBER
    first_day = (dutch_today() - timedelta(days=60)).isoformat()
    doctor_mail = "arts.metaal@demo.example"
    before = len(smtp_server.to(doctor_mail))
    sign_in(phone_page, portal, demo("werkgever.metaal"), totp_codes)
    open_employer_page(phone_page, "sick.link", "/employer-sick-report")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("sick.title"))
    expect(phone_page.get_by_text(nl("sick.warning")).first).to_be_visible()
    check_page(phone_page, recording, forbidden)

    page = phone_page
    page.get_by_label(nl("sick.personnel_number")).fill(number)
    page.get_by_label(nl("sick.first_name")).fill("Nina")
    page.get_by_label(nl("sick.last_name")).fill("Nieuwkomer")
    page.get_by_label(nl("sick.first_sick_day")).fill(first_day)
    page.get_by_label(nl("sick.care_address")).fill(E2E_CARE_ADDRESS)
    page.get_by_label(nl("sick.expected_duration")).select_option("weeks_2_6")
    page.get_by_label(nl("sick.handover_work")).fill(HANDOVER)
    for legend, answer in (
        ("sick.safety_net", "sick.no"),
        ("sick.work_accident", "sick.no"),
        ("sick.traffic_accident", "sick.yes"),
    ):
        group = page.get_by_role("group", name=nl(legend))
        group.get_by_label(nl(answer), exact=True).check()
    page.get_by_role("button", name=nl("sick.submit")).click()
    alert(page).to_contain_text(nl("sick.error.contact"))  # no phone, no e-mail: refused
    check_page(page, recording, forbidden)

    page.get_by_label(nl("sick.contact_phone")).fill("06 1234 5678")
    page.get_by_role("button", name=nl("sick.submit")).click()
    alert(page).to_have_text(nl("sick.done"))
    expect(page.get_by_label(nl("sick.care_address"))).to_have_value("")
    check_page(page, recording, forbidden)
    mail = smtp_server.wait_for(doctor_mail, after=before)
    assert METAAL.name in str(mail["Subject"])
    assert E2E_CARE_ADDRESS not in mail.as_string() and number not in mail.as_string()

    page.get_by_role("link", name=nl("sick.open_case")).click()
    expect(page).to_have_url(url_at("/employer-case"))
    expect(component(page).get_by_role("heading", level=2)).to_contain_text(number)
    # the late problem analysis (day 42, 19 days ago) is the next step, not the plan of
    # action; the plan of action (day 56, 5 days ago) is late too, folded under "also late"
    steps = page.locator('[data-part="deadlines"]')
    upcoming = steps.locator(".steps-next > li")
    expect(upcoming).to_contain_text(nl("step.problem_analysis"))
    expect(upcoming).to_contain_text(nl("steps.late_many").replace("{days}", "19"))
    steps.get_by_text(nl("steps.more_late_title")).click()
    plan = page.locator("li.deadline").filter(has_text=nl("step.plan_of_action")).first
    expect(plan.get_by_text(nl("steps.late_many").replace("{days}", "5"))).to_be_visible()
    check_page(page, recording, forbidden)
    # the plan of action is done by its document on the plan page, never by a tick box
    expect(plan.get_by_role("button", name=nl("steps.submit"))).to_have_count(0)
    expect(plan.get_by_role("link", name=nl("plans.write_step"))).to_be_visible()

    # reporting the recovery is folded away below the steps (issue 18 item 5)
    page.locator(".recovery-fold summary").click()
    page.get_by_label(nl("recovery.date")).fill(dutch_today().isoformat())
    page.get_by_role("button", name=nl("recovery.submit")).click()
    alert(page).to_have_text(nl("recovery.done"))
    expect(page.locator(".recovery-fold")).to_have_count(0)
    check_page(page, recording, forbidden)
    assert any(number in frame for frame in recording.frames), "the leak check saw no data"
    smtp_server.wait_for(doctor_mail, lambda m: "Herstel" in str(m["Subject"]), after=before)


def test_anonymised_reports_and_csv(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes
) -> None:
    forbidden = [*forbidden_values(portal, METAAL.name), E2E_CARE_ADDRESS]
    sign_in(phone_page, portal, demo("werkgever.metaal"), totp_codes)
    open_employer_page(phone_page, "reports.link", "/employer-reports")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(nl("reports.title"))
    expect(phone_page.get_by_role("table", name=nl("reports.table.absence"))).to_be_visible()
    expect(phone_page.get_by_role("table")).to_have_count(3)
    check_page(phone_page, recording, forbidden)
    href = phone_page.get_by_role("link", name=nl("reports.download")).get_attribute("href")
    answer = phone_page.request.get(f"{portal.url}{href}")
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/csv")
    text = answer.text()
    assert text.lstrip("\ufeff").startswith("Tabel;Afdeling;Periode of duur;Waarde")
    assert not any(value in text for value in forbidden)
    phone_page.set_viewport_size(DESKTOP)
    assert serious_axe_violations(phone_page) == []


def test_roster_import_previews_errors_then_saves_on_a_phone(
    portal: Portal, phone_page: Page, recording: Recording, totp_codes: TotpCodes, tmp_path: Path
) -> None:
    forbidden = [*forbidden_values(portal, METAAL.name), "=cmd|"]
    header = "personeelsnummer;voornaam;achternaam;e-mail;afdeling;in dienst;uit dienst"
    bad = tmp_path / "fout.csv"
    bad.write_bytes(
        (header + "\r\nE2E001;Anne;Smit;;Lassen;2024-01-01;\r\nE2E001;Bo;=cmd|x;;;;\r\n").encode(
            "cp1252"
        )
    )
    number, first, last, start = in_care_employee(portal)
    good = tmp_path / "goed.csv"
    good.write_bytes(
        b"\xef\xbb\xbf"
        + (
            header
            + f"\r\n{number};{first};{last};;Lassen;{start};"
            + "\r\nE2E001;Anne;Smit;;Lassen;2024-01-01;\r\n"
        ).encode()
    )
    sign_in(phone_page, portal, demo("werkgever.metaal"), totp_codes)
    open_employer_page(phone_page, "roster.link", "/employer-roster")
    check_page(phone_page, recording, forbidden)

    phone_page.get_by_label(nl("roster.file")).set_input_files(str(bad))
    phone_page.get_by_role("button", name=nl("roster.upload")).click()
    errors = phone_page.get_by_role("table", name=nl("roster.errors_caption"))
    expect(errors).to_be_visible()
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors.locator("tbody tr td").nth(0)).to_have_text("3")
    expect(phone_page.get_by_role("button", name=nl("roster.apply"))).to_have_count(0)
    check_page(phone_page, recording, forbidden)

    phone_page.get_by_label(nl("roster.file")).set_input_files(str(good))
    phone_page.get_by_role("button", name=nl("roster.upload")).click()
    phone_page.get_by_role("button", name=nl("roster.apply")).click()
    # the person in care is updated; the other row is counted, never stored (issue 17)
    expect(phone_page.get_by_role("status")).to_contain_text("1 niet opgeslagen: geen zorg")
    check_page(phone_page, recording, forbidden)
    with database(portal) as db:
        updated = db.execute(
            "SELECT department FROM employee WHERE personnel_number = ?", (number,)
        ).fetchall()
        dropped = db.execute(
            "SELECT first_name FROM employee WHERE personnel_number = 'E2E001'"
        ).fetchall()
    assert updated == [("Lassen",)] and dropped == []

    big = phone_page.request.post(
        f"{portal.url}/api/employer/roster",
        multipart={
            "file": {"name": "groot.csv", "mimeType": "text/csv", "buffer": b"x" * (50 << 20)}
        },
        headers={"Origin": portal.url},
        max_redirects=0,
    )
    assert big.status == 303 and "e=roster.error.too_large" in big.headers["location"]
    phone_page.goto(f"{portal.url}{big.headers['location']}")
    alert(phone_page).to_contain_text(nl("roster.error.too_large").replace("{detail}", "10"))
    check_page(phone_page, recording, forbidden)
