"""The re-integration report (issue 15 item 3): one PDF from the plan of action, its
evaluations and the released feedback — never the medical part of the problem analysis nor
the questionnaire — downloadable by the employer (a disclosure) and by the employee (his
own copy), each download audited; anyone else reads "not found"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from kwportal.domain.policy import Subject
from kwportal.domain.roles import Role
from kwportal.models import Disclosure, LoginSession, SickLeaveCase
from kwportal.services.case import reintegration_report as report
from kwportal.services.employee import export_pdf
from kwportal.services.unit import RoleRefused
from kwportal.services.views import PolicyDeniedError
from kwportal.ui import routes
from kwportal.ui.api import reintegration
from kwportal.ui.api.http import SESSION_COOKIE
from tests.integration.auth_helpers import (  # noqa: F401 (cheap_argon2 is a fixture)
    CHEAP_HASH,
    ORIGIN,
    cheap_argon2,
    new_enrolled,
    sign_in,
)
from tests.integration.care_world import actor
from tests.integration.plan_world import (
    ADVICE,
    EMPLOYEE_VIEW,
    EVALUATION_GOALS,
    GOALS,
    MEDICAL_CANARY,
    QUESTIONNAIRE_CANARY,
    WEEK_13,
    World,
    act_as,
    build_world,
    events,
    full_file,
)
from tests.integration.served import portal_database

SECRETS = (MEDICAL_CANARY, QUESTIONNAIRE_CANARY)


def _content(engine: Engine, world: World, account_id: int) -> report.ReportContent:
    reader = actor(engine, account_id)
    with Session(engine) as session:
        case = session.get(SickLeaveCase, world.case)
        assert case is not None
        subject = Subject(case.employee_id, case.organisation_id)
        gathered = report.gather(session, reader, subject, case, WEEK_13)
    return report.assemble(gathered, "nl")


def test_the_report_holds_the_plans_and_the_released_feedback_and_nothing_medical(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = build_world(engine)
    full_file(engine, world)
    for reader in (world.boss, world.employee):
        text = _content(engine, world, reader).text()
        for shown in (GOALS, EMPLOYEE_VIEW, EVALUATION_GOALS, ADVICE, "Teamleider"):
            assert shown in text
        for secret in SECRETS:
            assert secret not in text
    # the PDF prints exactly that content: with the core font, uncompressed, it is readable
    monkeypatch.setattr(export_pdf, "_font_files", lambda: None)
    content = _content(engine, world, world.boss)
    pdf = report.render(content, "nl", compress=False)
    assert pdf.startswith(b"%PDF-")
    for shown in (GOALS, EVALUATION_GOALS, "Teamleider"):
        assert shown.encode("latin-1") in pdf
    for secret in SECRETS:
        assert secret.encode() not in pdf


def test_the_employers_download_is_a_disclosure_the_employees_an_export(engine: Engine) -> None:
    world = build_world(engine)
    full_file(engine, world)
    found, _ = act_as(engine, world.boss, report.do_download_reintegration_report, world.case, "nl")
    assert found.content.startswith(b"%PDF-") and found.filename.endswith(".pdf")
    act_as(engine, world.employee, report.do_download_reintegration_report, world.case, "en")
    with Session(engine) as session:
        disclosures = session.exec(
            select(Disclosure).where(Disclosure.categories == "employer_feedback,employer_record")
        ).all()
    assert [(d.recipient_kind, d.ground, d.case_id) for d in disclosures] == [
        ("employer", "legal_duty", world.case)
    ]
    downloads = events(engine, "reintegration_report_downloaded")
    assert [(e.action, e.ground) for e in downloads] == [
        ("disclose", "legal_duty"),
        ("export", "own_data"),
    ]


def test_nobody_else_gets_the_report(engine: Engine) -> None:
    world = build_world(engine)
    full_file(engine, world)
    for account in (world.other_boss, world.other_employee):
        with pytest.raises(PolicyDeniedError):
            act_as(engine, account, report.do_download_reintegration_report, world.case, "nl")
    for account in (world.a.doctor, world.a.case_manager):
        with pytest.raises(RoleRefused):
            act_as(engine, account, report.do_download_reintegration_report, world.case, "nl")
    assert events(engine, "reintegration_report_downloaded") == []


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


@pytest.mark.usefixtures("cheap_argon2")
def test_the_route_serves_the_pdf_after_a_fresh_code_and_hides_other_cases(
    portal: Engine,
) -> None:
    world = build_world(portal)
    full_file(portal, world)
    _, username, secret = new_enrolled(
        portal, CHEAP_HASH, role=Role.EMPLOYER_CONTACT, organisation_id=world.a.employers[0]
    )
    token = sign_in(portal, username, secret, datetime.now(UTC))
    path = routes.reintegration_report_href(world.case)
    app = Starlette(routes=reintegration.routes())
    with TestClient(app, base_url=ORIGIN, follow_redirects=False) as client:
        cookie = {"Cookie": f"{SESSION_COOKIE}={token}"}
        reply = client.get(path, headers=cookie)
        assert reply.status_code == 200, reply.text[:200]
        assert reply.headers["content-type"] == "application/pdf"
        assert "no-store" in reply.headers["cache-control"]
        other = client.get(routes.reintegration_report_href(world.a.cases[1]), headers=cookie)
        assert other.status_code == 404
        assert client.get(path).status_code == 401
        with Session(portal) as session:
            session.execute(
                update(LoginSession).values(last_totp_at=datetime.now(UTC) - timedelta(minutes=10))
            )
            session.commit()
        stale = client.get(path + "?back=employer", headers=cookie)
        assert stale.status_code == 303
        assert stale.headers["location"] == (f"/stepup?next=%2Femployer-plan%3Fcase%3D{world.case}")
    with Session(portal) as session:
        assert (
            len(session.exec(select(Disclosure).where(Disclosure.case_id == world.case)).all()) == 2
        )
