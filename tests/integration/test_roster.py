"""Roster import: preview first, then all rows or none; only people in care are updated,
every other row is counted and never stored (issue 17 item 1); re-imports update by
organisation and personnel number; another account's upload is out of reach; 10,000 rows
import and re-import whole (their time is measured in benchmarks/roster_import.py, not here:
timed tests fail on a busy machine)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, Employee, Organisation, RosterUpload, WorkforceFigure
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


def in_care(session: Session, org: Organisation, number: str, **values: object) -> Employee:
    person = factories.employee(session, org, personnel_number=number, **values)
    factories.sick_case(session, person)
    return person


def test_preview_then_apply_updates_people_in_care_and_drops_the_rest(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, other = factories.organisation(session), factories.organisation(session)
        in_care(session, other, "A1", first_name="Elders")
        ids = {
            number: in_care(session, org, number, first_name=first, last_name=last).id
            for number, first, last in (("A1", "Anne", "Smit"), ("A2", "Bo", "Berg"))
        }
        in_care(session, org, "K9", first_name="Blijft")
        factories.employee(session, org, personnel_number="Z0", first_name="Oud")  # no case
        actor = employer(session, org)
        first = stage(
            session,
            actor,
            csv_of(
                "A1;Anne;Smit;anne@x.nl;Productie;2020-01-01;",
                "A2;Bo;Berg;;Zorg;;",
                "X1;Xander;Buiten;xander@x.nl;Zorg;2021-05-01;",
                "Z0;Oud;Bekend;oud@x.nl;Zorg;;",
            ),
        )
        shown = roster.preview(actor, first, session=session)
        before = people(session, org)
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
            select(AuditEvent).where(
                col(AuditEvent.event_type).in_(["roster_upload", "roster_import", "roster_update"])
            )
        ).all()
        left = session.exec(select(func.count()).select_from(RosterUpload)).one()
    assert set(before) == {"A1", "A2", "K9", "Z0"}  # a preview writes nothing
    assert before["A1"][3] == before["A2"][3] == ""
    assert (shown.to_update, shown.unchanged, shown.dropped, shown.error_count) == (2, 0, 2, 0)
    assert (shown.encoding, shown.delimiter) == ("utf-8", ";")
    assert (done.rows, done.updated, done.unchanged, done.dropped) == (4, 2, 0, 2)
    assert (second.to_update, second.unchanged, second.dropped) == (1, 1, 1)
    assert (redone.rows, redone.updated, redone.unchanged, redone.dropped) == (3, 1, 1, 1)
    assert set(result) == {"A1", "A2", "K9", "Z0"}  # X1 and A3 never stored
    assert result["A1"] == ("Anne", "Smit-Jansen", "anne@x.nl", "Productie", date(2026, 2, 28))
    assert result["A2"] == ("Bo", "Berg", "", "Zorg", None)
    assert result["K9"][0] == "Blijft" and result["Z0"][:2] == ("Oud", result["Z0"][1])
    assert result["Z0"][2] != "oud@x.nl"  # a person without a case is not updated either
    assert elsewhere == {"A1": ("Elders", *list(elsewhere["A1"])[1:])}
    kinds = sorted(e.event_type for e in events)
    assert kinds == ["roster_import"] * 2 + ["roster_update"] * 3 + ["roster_upload"] * 2
    logged = " ".join(e.details + e.objects for e in events)
    for dropped in ("Xander", "Buiten", "xander@", "X1", "calc", "HYPERLINK", "A3", "oud@"):
        assert dropped not in logged
    imports = [json.loads(e.details) for e in events if e.event_type == "roster_import"]
    assert [(d["rows"], d["updated"], d["not_stored"]) for d in imports] == [(4, 2, 2), (3, 1, 1)]
    updates = [e for e in events if e.event_type == "roster_update"]
    assert [e.subject_employee_id for e in updates] == [ids["A1"], ids["A2"], ids["A1"]]
    assert json.loads(updates[-1].details)["employment_end"] == {
        "old": None,
        "new": "2026-02-28",
    }
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
        for n in range(50):  # the people in care
            in_care(session, org, f"N{n:05d}")
    results = []
    for content in (csv_of(*rows), csv_of(*changed)):
        with Session(engine, expire_on_commit=False) as session, session.begin():
            upload = stage(session, actor, content)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            roster.preview(actor, upload, session=session)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            results.append(apply(session, actor, upload))
    with Session(engine) as session:
        count = session.exec(
            select(func.count()).select_from(Employee).where(Employee.organisation_id == org.id)
        ).one()
        year_people = session.exec(
            select(func.sum(WorkforceFigure.people)).where(
                WorkforceFigure.organisation_id == org.id,
                WorkforceFigure.year == TODAY.year,
                WorkforceFigure.quarter == 0,
            )
        ).one()
    assert count == 50  # nobody outside care is stored
    assert year_people == 10_000  # the workforce, as counts
    first, second = results
    assert (first.rows, first.updated, first.unchanged, first.dropped) == (10_000, 50, 0, 9_950)
    assert (second.updated, second.unchanged, second.dropped) == (25, 25, 9_950)
