"""Roster import: preview first, then all rows or none; re-imports update by organisation and
personnel number, never duplicate; another account's upload is out of reach; 10,000 rows
import and re-import whole (their time is measured in benchmarks/roster_import.py, not here:
timed tests fail on a busy machine)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, Employee, Organisation, RosterUpload
from kwportal.services import audit
from kwportal.services.employer import roster
from kwportal.services.employer.roster import RosterError
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
TODAY = date(2026, 3, 10)
HEADER = "personeelsnummer;voornaam;achternaam;e-mail;afdeling;in dienst;uit dienst"


def employer(session: Session, org: Organisation) -> Actor:
    account = factories.account(session, Role.EMPLOYER_CONTACT, organisation_id=org.id)
    return Actor(account.id, Role.EMPLOYER_CONTACT, organisation_id=org.id)


def csv_of(*rows: str) -> bytes:
    return ("\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8")


def stage(session: Session, actor: Actor, content: bytes) -> int:
    return roster.stage(actor, "r.csv", content, session=session, access=WEB, secret=TEST_SECRET)


def apply(session: Session, actor: Actor, upload_id: int) -> roster.Applied:
    return roster.apply(
        actor, upload_id, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
    )


def people(session: Session, org: Organisation) -> dict[str, tuple[object, ...]]:
    rows = session.exec(select(Employee).where(Employee.organisation_id == org.id)).all()
    return {
        e.personnel_number: (e.first_name, e.last_name, e.email, e.department, e.employment_end)
        for e in rows
    }


def test_preview_then_apply_then_reimport_updates(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, other = factories.organisation(session), factories.organisation(session)
        factories.employee(session, other, personnel_number="A1", first_name="Elders")
        factories.employee(session, org, personnel_number="K9", first_name="Blijft")
        actor = employer(session, org)
        first = stage(
            session,
            actor,
            csv_of("A1;Anne;Smit;anne@x.nl;Productie;2020-01-01;", "A2;Bo;Berg;;Zorg;;"),
        )
        shown = roster.preview(actor, first, session=session)
        assert people(session, org).keys() == {"K9"}  # a preview writes nothing
        done = apply(session, actor, first)
        again = stage(
            session,
            actor,
            csv_of(
                "A1;Anne;Smit-Jansen;anne@x.nl;Productie;2020-01-01;2026-02-28",
                "A2;Bo;Berg;;Zorg;;",
                "A3;=cmd|' /C calc'!A0;Nieuw;;=HYPERLINK(\"x\");;",
            ),
        )
        second = roster.preview(actor, again, session=session)
        redone = apply(session, actor, again)
        result = people(session, org)
        elsewhere = people(session, other)
        events = session.exec(
            select(AuditEvent.event_type).where(
                col(AuditEvent.event_type).in_(["roster_upload", "roster_import"])
            )
        ).all()
        left = session.exec(select(func.count()).select_from(RosterUpload)).one()
    assert (shown.to_create, shown.to_update, shown.unchanged, shown.error_count) == (2, 0, 0, 0)
    assert (shown.encoding, shown.delimiter) == ("utf-8", ";")
    assert (done.created, done.updated) == (2, 0)
    assert (second.to_create, second.to_update, second.unchanged) == (1, 1, 1)
    assert (redone.created, redone.updated, redone.unchanged) == (1, 1, 1)
    assert result == {
        "K9": ("Blijft", result["K9"][1], result["K9"][2], "", None),
        "A1": ("Anne", "Smit-Jansen", "anne@x.nl", "Productie", date(2026, 2, 28)),
        "A2": ("Bo", "Berg", "", "Zorg", None),
        "A3": ("=cmd|' /C calc'!A0", "Nieuw", "", '=HYPERLINK("x")', None),
    }
    assert elsewhere == {"A1": ("Elders", *list(elsewhere["A1"])[1:])}
    assert sorted(events) == ["roster_import", "roster_import", "roster_upload", "roster_upload"]
    assert left == 0


def test_a_file_with_any_error_writes_nothing(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        actor = employer(session, org)
        upload = stage(session, actor, csv_of("A1;Anne;Smit;;P;;", "A1;Dubbel;Smit;;P;;"))
        preview = roster.preview(actor, upload, session=session)
        with pytest.raises(RosterError) as error:
            apply(session, actor, upload)
        assert people(session, org) == {}
    assert [(e.line, e.column, e.code) for e in preview.errors] == [
        (3, "personnel_number", "roster.error.duplicate")
    ]
    assert (error.value.code, error.value.detail) == ("roster.error.has_errors", "1")


def test_uploads_of_others_are_out_of_reach_and_a_second_apply_does_nothing(
    engine: Engine,
) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, other = factories.organisation(session), factories.organisation(session)
        actor, colleague = employer(session, org), employer(session, org)
        stranger = employer(session, other)
        upload = stage(session, actor, csv_of("A1;Anne;Smit;;P;;"))
        refused = []
        for who in (colleague, stranger):
            for call in (
                lambda w=who: roster.preview(w, upload, session=session),
                lambda w=who: apply(session, w, upload),
            ):
                with pytest.raises(RosterError) as error:
                    call()
                refused.append(error.value.code)
        with pytest.raises(PermissionError):
            roster.preview(Actor(1, Role.COMPANY_DOCTOR), upload, session=session)
        apply(session, actor, upload)
        with pytest.raises(RosterError) as twice:
            apply(session, actor, upload)
    assert set(refused) == {"roster.error.no_upload"}
    assert twice.value.code == "roster.error.no_upload"


def test_a_broken_file_is_refused_at_preview(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        actor = employer(session, org)
        upload = stage(session, actor, b"naam,adres\r\nA,B\r\n")
        with pytest.raises(RosterError) as error:
            roster.preview(actor, upload, session=session)
    assert error.value.code == "roster.error.missing_columns"


def test_ten_thousand_rows_import_and_reimport_without_duplicates(engine: Engine) -> None:
    rows = [
        f"N{n:05d};Voor{n};Achter{n};p{n}@x.nl;Afdeling {n % 40};2015-01-01;" for n in range(10_000)
    ]
    changed = [r.replace("Afdeling", "Dept") if i % 2 else r for i, r in enumerate(rows)]
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        actor = employer(session, org)
    for content in (csv_of(*rows), csv_of(*changed)):
        with Session(engine, expire_on_commit=False) as session, session.begin():
            upload = stage(session, actor, content)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            roster.preview(actor, upload, session=session)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            result = apply(session, actor, upload)
    with Session(engine) as session:
        count = session.exec(
            select(func.count()).select_from(Employee).where(Employee.organisation_id == org.id)
        ).one()
    assert count == 10_000
    assert (result.created, result.updated, result.unchanged) == (0, 5_000, 5_000)
