"""A fresh code where BRIEF.md promises one (issue 16, item 5): releasing feedback, every
download of personal data, and an admin giving an account access to medical files. The
use case declares it; the runner refuses with a code older than five minutes (a sign-in
counts as a fresh code), nothing changes and nothing is served; the page or the download
link sends the browser to ``/stepup`` and back to where it was."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import func, select

from kwportal.db import transaction
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import (
    Account,
    AuditEvent,
    CareTeam,
    CaseDocument,
    ConsentReceipt,
    Disclosure,
    EmployerFeedback,
    LoginSession,
    TeamMember,
)
from kwportal.services import audit, runner
from kwportal.services.admin import accounts, teams
from kwportal.services.case import handover, letters, reintegration_report, transfer, uploads
from kwportal.services.employee import export, my_case, receipts
from kwportal.services.employer import reports
from kwportal.services.feedback import workspace
from kwportal.services.retention import consent as retention_consent
from kwportal.services.unit import gate_of
from kwportal.ui.api import downloads
from kwportal.ui.pages.care.feedback import FeedbackState
from kwportal.ui.states.downloads import DownloadState
from tests import factories
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.served import portal_database, redirect_target, route_client
from tests.integration.state_driver import call, page_state
from tests.integration.test_one_unit_per_click import _doctor_with_a_draft

pytestmark = pytest.mark.usefixtures("cheap_argon2")
WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
#: what BRIEF.md and issue 16 name as needing a fresh code
PROMISED = (
    workspace.do_release,
    my_case.do_download_document,
    receipts.do_download_receipt,
    export.do_begin_export,
    export.do_export,
    reports.do_download_reports,
    accounts.do_invite,
    teams.do_add_member,
    runner.do_confirm_fresh_code,  # a download link's click, before the browser fetches
    uploads.do_download_file,  # a case's file (issue 15 item 4)
    reintegration_report.do_download_reintegration_report,  # the WIA report (item 3)
    letters.do_print_letter,  # a letter to an employee without an account (issue 17 item 5)
    transfer.do_release_package,  # the transfer package at the employee's request
    handover.do_release_case,  # a case handed over when the employer leaves (issue 17 item 6)
)


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def _age_the_code(engine: Engine, minutes: int = 10) -> None:
    """Every session's last code as if entered ``minutes`` ago."""
    with transaction(engine) as session:
        session.execute(
            update(LoginSession).values(last_totp_at=datetime.now(UTC) - timedelta(minutes=minutes))
        )


def _count(engine: Engine, model: Any, *where: Any) -> int:
    with transaction(engine) as session:
        return int(session.exec(select(func.count()).select_from(model).where(*where)).one())


def test_every_promised_act_declares_a_fresh_code() -> None:
    assert [fn.__qualname__ for fn in PROMISED if not gate_of(fn).step_up] == []


# --- releasing feedback ------------------------------------------------------------------


def test_a_release_with_a_stale_code_goes_to_the_step_up_and_releases_nothing(
    portal: Engine,
) -> None:
    token, case_id, feedback_id = _doctor_with_a_draft(portal)
    url = f"http://localhost:3000/care-feedback?case={case_id}"
    state = page_state(FeedbackState, token, url=url)
    call(state, "load")
    assert state.may_release
    _age_the_code(portal)

    answer = call(state, "release")

    assert answer.args[0][1]._var_value == f"/stepup?next=%2Fcare-feedback%3Fcase%3D{case_id}"
    with transaction(portal) as session:
        feedback = session.get(EmployerFeedback, feedback_id)
        assert feedback is not None and feedback.status != "released"
    assert _count(portal, Disclosure) == 0
    assert state.notice_key != "feedback.released"


# --- downloads of personal data ------------------------------------------------------------


def _employee_with_a_receipt_and_a_document(engine: Engine) -> tuple[str, int, int]:
    """A signed-in employee (fresh code) with one consent receipt and one entitled case
    document; (token, receipt id, document id)."""
    with transaction(engine) as session:
        org = factories.organisation(session)
        person = factories.employee(session, org)
        case = factories.sick_case(session, person, sick_report_date=date(2026, 10, 5))
        actor = Actor(None, Role.EMPLOYEE, org.id, person.id)
        consent = retention_consent.grant(
            session, actor, until=date(2040, 1, 1), now=NOW, access=WEB, secret="s"
        )
        receipt_id = session.exec(
            select(ConsentReceipt.id).where(ConsentReceipt.consent_id == consent)
        ).one()
        document = CaseDocument(
            case_id=case.id,
            employee_id=person.id,
            kind="plan_of_action",
            title="Plan van aanpak",
            content="Eerst halve dagen.",
        )
        session.add(document)
        session.flush()
        document_id, person_id, org_id = document.id, person.id, org.id
    assert receipt_id is not None and document_id is not None
    _id, username, secret = new_enrolled(
        engine, CHEAP_HASH, employee_id=person_id, organisation_id=org_id
    )
    return sign_in(engine, username, secret, datetime.now(UTC)), receipt_id, document_id


def test_a_download_with_a_stale_code_goes_to_the_step_up_and_back_to_its_page(
    portal: Engine,
) -> None:
    token, receipt_id, document_id = _employee_with_a_receipt_and_a_document(portal)
    receipt_link = downloads.receipt_href(receipt_id)
    document_link = f"/api/my/case-document/{document_id}"
    with route_client(downloads.routes()) as client:
        client.cookies.set("kw_session", token)
        assert client.get(receipt_link).status_code == 200
        assert "Eerst halve dagen." in client.get(document_link).text
        downloaded = _count(portal, AuditEvent)
        _age_the_code(portal)

        stale_receipt = client.get(receipt_link)
        stale_document = client.get(document_link)

    assert redirect_target(stale_receipt) == ("/stepup", {"next": ["/my-consents"]})
    assert redirect_target(stale_document) == ("/stepup", {"next": ["/my-case"]})
    assert "Eerst" not in stale_document.text
    # nothing was served, so nothing was logged as downloaded
    assert _count(portal, AuditEvent) == downloaded


def test_a_download_link_asks_the_server_first_and_a_stale_code_goes_to_the_step_up(
    portal: Engine,
) -> None:
    """A ``download`` link cannot follow the route's redirect (the browser would save the
    step-up page as a file): its click asks the guard first."""
    token, _receipt_id, document_id = _employee_with_a_receipt_and_a_document(portal)
    link = f"/api/my/case-document/{document_id}"
    state = page_state(DownloadState, token, url="http://localhost:3000/my-case")
    fresh = call(state, "fetch", link)
    assert dict((k._js_expr, v._var_value) for k, v in fresh.args)["url"] == link
    assert call(state, "fetch", "https://evil.example/x") is None
    _age_the_code(portal)

    stale_tab = page_state(DownloadState, token, url="http://localhost:3000/my-case")
    stale = call(stale_tab, "fetch", link)

    assert stale.args[0][1]._var_value == "/stepup?next=%2Fmy-case"
    # anything but a download link asks for nothing (the guard walk calls every handler)
    assert call(stale_tab, "fetch", "probe") is None


def test_the_download_use_cases_refuse_a_stale_code(portal: Engine) -> None:
    token, receipt_id, document_id = _employee_with_a_receipt_and_a_document(portal)
    caller = runner.Caller(token=token, access=WEB)
    assert runner.run(caller, my_case.do_download_document, document_id).value.text
    _age_the_code(portal)
    for use_case, item in (
        (my_case.do_download_document, document_id),
        (receipts.do_download_receipt, receipt_id),
    ):
        with pytest.raises(runner.StepUpNeeded):
            runner.run(caller, use_case, item)


# --- an admin giving an account access to medical files ------------------------------------


def _admin_and_a_team(engine: Engine) -> tuple[str, int, int]:
    """A signed-in admin, a doctor's team and a care-team member outside it; (token, team
    id, member account id)."""
    _admin_id, username, secret = new_enrolled(engine, CHEAP_HASH, role=Role.ADMIN)
    with transaction(engine) as session:
        doctor = factories.account(session, Role.COMPANY_DOCTOR)
        member = factories.account(session, Role.CARE_TEAM)
        team = CareTeam(name="Team Oost", doctor_account_id=doctor.id)
        session.add(team)
        session.flush()
        team_id, member_id = team.id, member.id
    assert team_id is not None and member_id is not None
    return sign_in(engine, username, secret, datetime.now(UTC)), team_id, member_id


def test_inviting_a_doctor_or_joining_a_team_with_a_stale_code_changes_nothing(
    portal: Engine,
) -> None:
    token, team_id, member_id = _admin_and_a_team(portal)
    caller = runner.Caller(token=token, access=WEB)
    doctor = accounts.Invitation(
        username="dr.nieuw",
        display_name="Dr. Nieuw",
        email="nieuw@example.test",
        role="company_doctor",
    )
    accounts_before = _count(portal, Account)
    _age_the_code(portal)

    with pytest.raises(runner.StepUpNeeded):
        runner.run(caller, accounts.do_invite, doctor)
    with pytest.raises(runner.StepUpNeeded):
        runner.run(caller, teams.do_add_member, str(team_id), str(member_id))

    assert _count(portal, Account) == accounts_before
    assert _count(portal, TeamMember) == 0
    # after a fresh code both go through
    with transaction(portal) as session:
        session.execute(update(LoginSession).values(last_totp_at=datetime.now(UTC)))
    runner.run(caller, accounts.do_invite, doctor)
    runner.run(caller, teams.do_add_member, str(team_id), str(member_id))
    assert _count(portal, Account) == accounts_before + 1
    assert _count(portal, TeamMember, TeamMember.account_id == member_id) == 1
