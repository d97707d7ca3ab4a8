"""The administrator in the browser (issue 7, item 8): an organisation added and its contract
ended, a user invited by mail, switched off and on, an employer assigned to a care team and
withdrawn again; every page fits 360 px, passes axe and shows no medical content."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.accounts import TotpCodes, demo
from tests.e2e.harness import Portal, Recording, assert_no_leak, url_at
from tests.e2e.mailcatcher import MailCatcher, link_in
from tests.e2e.test_login_e2e import alert, fits_and_passes_axe, nl, sign_in

CANARIES = ("MEDISCH-", "ZORGADRES-", "CONCEPT-")
ORG = "E2E Beheer Klant BV"
KVK = "76000001"
NEW_USER = "e2e.casemanager"
NEW_EMAIL = "e2e.casemanager@example.test"
TEAM = "Team Twentse Metaalwerken BV"


def _organisations(page: Page) -> None:
    page.get_by_role("link", name=nl("admin.orgs.link"), exact=True).click()
    expect(page).to_have_url(url_at("/admin-organisations"))
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("admin.orgs.title"))
    fits_and_passes_axe(page)

    page.get_by_label(nl("admin.orgs.name"), exact=True).fill(ORG)
    page.get_by_label(nl("admin.orgs.kvk"), exact=True).fill(KVK)
    page.get_by_label(nl("admin.orgs.start"), exact=True).fill("2024-01-01")
    page.get_by_role("button", name=nl("admin.orgs.create"), exact=True).click()
    alert(page).to_have_text(nl("admin.orgs.created"))
    card = page.get_by_role("listitem").filter(has_text=KVK)
    expect(card).to_contain_text(ORG)
    card.get_by_label(nl("admin.orgs.end"), exact=True).fill("2023-12-31")
    card.get_by_role("button", name=nl("admin.orgs.save_end")).click()
    alert(page).to_have_text(nl("admin.end_before_start"))
    card.get_by_label(nl("admin.orgs.end"), exact=True).fill("2027-06-30")
    card.get_by_role("button", name=nl("admin.orgs.save_end")).click()
    alert(page).to_have_text(nl("admin.orgs.end_saved"))
    expect(card.get_by_label(nl("admin.orgs.end"), exact=True)).to_have_value("2027-06-30")
    fits_and_passes_axe(page)


def _accounts(page: Page, portal: Portal, mailbox: MailCatcher) -> None:
    page.goto(portal.url + "/portal")
    page.get_by_role("link", name=nl("admin.accounts.link")).click()
    expect(page).to_have_url(url_at("/admin-accounts"))
    fits_and_passes_axe(page)

    before = len(mailbox.to(NEW_EMAIL))
    page.get_by_label(nl("admin.accounts.username"), exact=True).fill(NEW_USER)
    page.get_by_label(nl("admin.accounts.display_name"), exact=True).fill("E2E Casemanager")
    page.get_by_label(nl("admin.accounts.email"), exact=True).fill(NEW_EMAIL)
    page.get_by_label(nl("admin.accounts.role"), exact=True).select_option("case_manager")
    page.get_by_role("button", name=nl("admin.accounts.send_invite"), exact=True).click()
    alert(page).to_have_text(nl("admin.accounts.invited"))
    assert "/invite?token=" in link_in(mailbox.wait_for(NEW_EMAIL, after=before), "/invite")

    card = page.get_by_role("listitem").filter(has_text=NEW_EMAIL)
    expect(card).to_contain_text(nl("admin.accounts.not_enrolled"))
    card.get_by_role("button", name=nl("admin.accounts.deactivate")).click()
    alert(page).to_have_text(nl("admin.accounts.deactivated"))
    expect(card).to_contain_text(nl("admin.accounts.inactive"))
    card.get_by_role("button", name=nl("admin.accounts.reactivate")).click()
    alert(page).to_have_text(nl("admin.accounts.reactivated"))
    fits_and_passes_axe(page)


def _teams(page: Page, portal: Portal) -> None:
    page.goto(portal.url + "/portal")
    page.get_by_role("link", name=nl("admin.teams.link")).click()
    expect(page).to_have_url(url_at("/admin-teams"))
    team = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=TEAM))
    expect(team).to_contain_text("Twentse Metaalwerken BV")
    fits_and_passes_axe(page)

    assign = page.get_by_role("group", name=nl("admin.teams.assign"))
    assign.get_by_label(nl("admin.teams.team"), exact=True).select_option(label=TEAM)
    employer = assign.get_by_label(nl("admin.teams.employer"), exact=True)
    employer.select_option(label=f"{ORG} ({KVK})")
    page.get_by_role("button", name=nl("admin.teams.assign_button"), exact=True).click()
    alert(page).to_have_text(nl("admin.teams.assigned"))
    expect(team).to_contain_text(ORG)

    add = page.get_by_role("group", name=nl("admin.teams.add_member"))
    add.get_by_label(nl("admin.teams.team"), exact=True).select_option(label=TEAM)
    member = add.get_by_label(nl("admin.teams.member"), exact=True)
    member.select_option(label=f"E2E Casemanager ({NEW_USER})")
    page.get_by_role("button", name=nl("admin.teams.add_button"), exact=True).click()
    alert(page).to_have_text(nl("admin.teams.member_added"))
    expect(team).to_contain_text("E2E Casemanager")
    fits_and_passes_axe(page)

    team.get_by_role("button", name="E2E Casemanager").click()
    alert(page).to_have_text(nl("admin.teams.member_removed"))
    team.get_by_role("button", name=ORG).click()
    alert(page).to_have_text(nl("admin.teams.unassigned"))
    expect(team).not_to_contain_text(ORG)
    fits_and_passes_axe(page)


def test_admin_manages_organisations_accounts_and_teams(
    portal: Portal,
    phone_page: Page,
    recording: Recording,
    totp_codes: TotpCodes,
    smtp_server: MailCatcher,
) -> None:
    sign_in(phone_page, portal, demo("beheer.krachtwerkt"), totp_codes)
    _organisations(phone_page)
    _accounts(phone_page, portal, smtp_server)
    _teams(phone_page, portal)
    assert_no_leak(recording, CANARIES)
