"""The employee is always told, one way (issue 17 items 2, 3 and 5; seed ch. 1: "De
werknemer wordt altijd op de hoogte gebracht"): the outcome of his request to correct his
data, and that the use of his data stopped or starts again, go through
services/employee/telling.py like a release does — a notice on his start page and a
content-free mail to his account; without an account a content-free mail to the address on
file; without either a letter the case manager prints and posts. Never the value, the
reason or the statement in a mail."""

from __future__ import annotations

import json

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.i18n import CATALOGS, t
from kwportal.models import Account, Employee, EmployeeLetter, EmployeeNotice, Organisation
from kwportal.services.admin import organisations as admin_orgs
from kwportal.services.auth import portal
from kwportal.services.auth.actors import actor_for
from kwportal.services.case import handover, letters
from kwportal.services.employee import my_details, telling
from kwportal.services.mail import Mail
from kwportal.services.privacy import breaches, desk, restriction
from kwportal.ui import routes
from kwportal.ui.pages.portal import home
from tests import factories
from tests.integration.plan_world import World, act_as, build_world, events

ADDRESS_ON_FILE = "eva.prive@example.test"
MANAGER_MAIL = "casemanager@krachtwerkt.example"
NEW_CITY = "Haaksbergen"
REFUSAL = "REDEN-de loonadministratie zegt Enschede."
STOP_REASON = "REDEN-STOP: verzoek per brief."


def _officer(engine: Engine) -> int:
    with transaction(engine) as session:
        return factories.account(session, "privacy_officer", email="privacy@example.test").id or 0


def _person(engine: Engine, world: World) -> Employee:
    with Session(engine) as session:
        person = session.get(Employee, world.a.employees[0])
        assert person is not None
        return person


def _reach(engine: Engine, world: World, *, account: bool, email: str) -> None:
    """His account on or off, ``email`` the address on file; a postal address, and an
    address for the team's case manager (who hears that a letter waits)."""
    with transaction(engine) as session:
        login = session.get(Account, world.employee)
        person = session.get(Employee, world.a.employees[0])
        manager = session.get(Account, world.a.case_manager)
        assert login is not None and person is not None and manager is not None
        login.is_active = account
        person.email = email
        person.street, person.postal_code, person.city = "Dorpsstraat 1", "1234 AB", "Enschede"
        manager.email = MANAGER_MAIL


def _content_free(mails: list[Mail], *private: str) -> None:
    for mail in mails:
        for secret in private:
            assert secret not in mail.body and secret not in mail.subject


def _notices(engine: Engine) -> list[tuple[str, int | None]]:
    with Session(engine) as session:
        rows = session.exec(select(EmployeeNotice).order_by(col(EmployeeNotice.id))).all()
        return [(n.kind, n.account_id) for n in rows]


def _letters(engine: Engine) -> list[EmployeeLetter]:
    with Session(engine) as session:
        return list(session.exec(select(EmployeeLetter).order_by(col(EmployeeLetter.id))))


def _told(engine: Engine) -> list[dict[str, object]]:
    return [json.loads(e.details or "{}") for e in events(engine, "employee_told")]


def _letter_text(engine: Engine, manager: int, letter_id: int) -> str:
    with Session(engine) as session:
        account = session.get(Account, manager)
        assert account is not None
        actor = actor_for(session, account)
        row, subject = letters._letter(session, actor, letter_id)
        return letters.compose(session, actor, row, subject, "nl").content.text()


def _ask_city(engine: Engine, world: World, officer: int, city: str = NEW_CITY) -> int:
    """He asks (with his account) for another city; the item the desk will decide."""
    act_as(engine, world.employee, my_details.do_ask_correction, "city", city)
    page, _ = act_as(engine, officer, desk.do_queue)
    [item] = [i for found in page.queue for i in found.items if i.status == "open"]
    return item.item_id


def test_a_rectification_outcome_reaches_the_address_on_file_or_a_letter(
    sqlite_engine: Engine,
) -> None:
    engine = sqlite_engine
    world = build_world(engine)
    officer = _officer(engine)
    first = _ask_city(engine, world, officer)
    _reach(engine, world, account=False, email=ADDRESS_ON_FILE)
    _page, mails = act_as(engine, officer, desk.do_decide, first, False, REFUSAL)
    [mail] = mails
    assert mail.to == ADDRESS_ON_FILE
    assert mail.subject == t("told.mail.rectification.subject", "nl")
    _content_free(mails, NEW_CITY, REFUSAL, "REDEN")
    # the notice waits for an account; the telling is in his audit log
    assert _notices(engine) == [("rectification", None)]
    assert _told(engine) == [{"kind": "rectification", "channel": "email"}]

    # neither account nor address: a letter for the case manager, who hears only that
    _reach(engine, world, account=True, email="")
    second = _ask_city(engine, world, officer, "Hengelo")
    _reach(engine, world, account=False, email="")
    _page, mails = act_as(engine, officer, desk.do_decide, second, False, REFUSAL)
    assert [m.to for m in mails] == [MANAGER_MAIL]
    _content_free(mails, NEW_CITY, "Hengelo", REFUSAL, "Persoon A0")
    [letter] = _letters(engine)
    assert (letter.employee_id, letter.case_id, letter.kind) == (
        world.a.employees[0],
        world.case,
        "rectification",
    )
    text = _letter_text(engine, world.a.case_manager, letter.id or 0)
    assert "verzoek om uw gegevens te verbeteren" in text and "Dorpsstraat 1" in text
    assert "Hengelo" not in text and REFUSAL not in text
    assert _told(engine)[-1] == {"kind": "rectification", "channel": "letter"}


def test_a_stop_and_its_end_reach_him_by_letter_without_account_or_address(
    sqlite_engine: Engine,
) -> None:
    engine = sqlite_engine
    world = build_world(engine)
    officer = _officer(engine)
    _reach(engine, world, account=False, email="")
    person = _person(engine, world)
    _page, started = act_as(
        engine,
        officer,
        restriction.do_start,
        person.personnel_number,
        person.last_name,
        STOP_REASON,
    )
    [running] = _page.restrictions
    _page, lifted = act_as(
        engine, officer, restriction.do_lift, running.restriction_id, "REDEN-OP: weer gestart."
    )
    assert [m.to for m in started + lifted] == [MANAGER_MAIL, MANAGER_MAIL]
    _content_free(started + lifted, "REDEN", "Persoon A0")
    assert [(x.kind, x.case_id) for x in _letters(engine)] == [
        ("restriction_started", world.case),
        ("restriction_lifted", world.case),
    ]
    started_letter, lifted_letter = _letters(engine)
    text = _letter_text(engine, world.a.case_manager, started_letter.id or 0)
    assert "Het gebruik van uw gegevens is gestopt" in text and "REDEN" not in text
    text = _letter_text(engine, world.a.case_manager, lifted_letter.id or 0)
    assert "opgeheven" in text and "REDEN" not in text
    assert [(d["kind"], d["channel"]) for d in _told(engine)] == [
        ("restriction_started", "letter"),
        ("restriction_lifted", "letter"),
    ]
    assert _notices(engine) == [("restriction_started", None), ("restriction_lifted", None)]


def test_with_an_account_each_outcome_is_a_notice_on_his_start_page(engine: Engine) -> None:
    world = build_world(engine)
    officer = _officer(engine)
    item = _ask_city(engine, world, officer)
    _page, mails = act_as(engine, officer, desk.do_decide, item, False, REFUSAL)
    person = _person(engine, world)
    _page, started = act_as(
        engine,
        officer,
        restriction.do_start,
        person.personnel_number,
        person.last_name,
        STOP_REASON,
    )
    assert [m.to for m in mails + started] == ["wA0@example.test"] * 2
    _content_free(mails + started, NEW_CITY, REFUSAL, "REDEN")
    assert "/my-details" in mails[0].body and "/portal" in started[0].body
    assert _notices(engine) == [
        ("rectification", world.employee),
        ("restriction_started", world.employee),
    ]
    assert _letters(engine) == [] and _told(engine) == []
    start, _ = act_as(engine, world.employee, portal.do_open_home)
    assert {n.kind for n in start.notices} == {"rectification", "restriction_started"}


def test_every_kind_of_notice_has_its_text_and_page_on_the_start_page() -> None:
    kinds = set(telling.NOTICE_KINDS.values()) - {telling.NOTICE_KIND}
    assert kinds == {"rectification", "restriction_started", "restriction_lifted"}
    for kind in kinds:
        assert "{date}" in CATALOGS["nl"][home.NOTICE_TEXT[kind]]
        assert home.NOTICE_OPEN[kind] in CATALOGS["en"]
    assert home.NOTICE_PAGE["rectification"] == routes.MY_DETAILS
    for kind in telling.KINDS:  # a letter and a mail on file for every kind
        for key in (
            f"letters.kind.{kind}",
            f"letters.pdf.title.{kind}",
            f"letters.pdf.intro.{kind}",
            f"told.mail.{kind}.subject",
            f"told.mail.{kind}.body",
        ):
            assert key in CATALOGS["nl"], key


# --- the hand-over to a new arbodienst and a breach (AVG art. 34) reach him too ---

SUCCESSOR = "Arbo Opvolger BV"
EMPLOYER_MAIL = "hr0@werkgever.example"  # plan_world's first employer contact
PEOPLE_TEXT = "BRIEFTEKST: een laptop met uw naam en verzuimdata is gestolen."
CONSEQUENCES = "GEVOLG: iemand kan uw naam zien."
MEASURES = "MAATREGEL: account geblokkeerd."


def _admin(engine: Engine) -> int:
    with transaction(engine) as session:
        return factories.account(session, "admin", email="admin@example.test").id or 0


def _hand_over(engine: Engine, world: World) -> list[Mail]:
    _result, mails = act_as(
        engine,
        _admin(engine),
        admin_orgs.do_start_handover,
        str(world.a.employers[0]),
        SUCCESSOR,
        "",
        "2026-12-31",
    )
    act_as(engine, world.a.doctor, handover.do_handover_cases)  # a second pass: no new case
    return mails


def _breach(engine: Engine, world: World, officer: int, *numbers: str) -> list[Mail]:
    form = breaches.BreachForm(
        title="Laptop gestolen",
        occurred_at="2026-02-18T22:00",
        found_at="2026-02-19T08:30",
        data_kinds=("identity", "absence"),
        risk="high",
        measures=MEASURES,
        consequences=CONSEQUENCES,
        people_text=PEOPLE_TEXT,
        organisation_id=str(world.a.employers[0]),
        numbers=", ".join(numbers),
    )
    register, _ = act_as(engine, officer, breaches.do_record, form)
    breach_id = register.breaches[0].breach_id
    act_as(engine, officer, breaches.do_decide, breach_id, "yes", "hoog risico", "")
    (told, _register), mails = act_as(engine, officer, breaches.do_tell, breach_id)
    assert told == len(numbers)
    (again, _register), more = act_as(engine, officer, breaches.do_tell, breach_id)
    assert again == 0 and more == []  # a second click tells nobody twice
    return mails


def test_a_handover_and_a_breach_reach_him_by_letter_without_account_or_address(
    engine: Engine,
) -> None:
    world = build_world(engine)
    officer = _officer(engine)
    _reach(engine, world, account=False, email="")
    with transaction(engine) as session:  # a colleague without a case, account or address
        org = session.get(Organisation, world.a.employers[0])
        assert org is not None
        caseless = factories.employee(session, org, email="")
        caseless_number, caseless_id = caseless.personnel_number, caseless.id
    person = _person(engine, world)
    handed = _hand_over(engine, world)
    # the employer is told by the admin's hand-over; the case manager that a letter waits
    assert sorted(m.to for m in handed) == [MANAGER_MAIL, EMPLOYER_MAIL]
    _content_free([m for m in handed if m.to == MANAGER_MAIL], SUCCESSOR, "Persoon A0")
    [letter] = _letters(engine)
    assert (letter.kind, letter.case_id, letter.employee_id) == (
        "handover",
        world.case,
        person.id,
    )
    text = _letter_text(engine, world.a.case_manager, letter.id or 0)
    assert SUCCESSOR in text and "31 december 2026" in text and "MEDISCH" not in text
    told = _breach(engine, world, officer, person.personnel_number, caseless_number)
    assert [m.to for m in told] == [MANAGER_MAIL]
    _content_free(told, "BRIEFTEKST", "GEVOLG", "MAATREGEL")
    first, second = _letters(engine)
    assert first.id == letter.id
    assert (second.kind, second.case_id, second.employee_id) == ("breach", world.case, person.id)
    text = _letter_text(engine, world.a.case_manager, second.id or 0)
    for words in (PEOPLE_TEXT, CONSEQUENCES, MEASURES, "privacy@kracht-werkt.nl", "34"):
        assert words in text
    assert "MEDISCH" not in text and "ZORGADRES" not in text
    assert [(d["kind"], d["channel"]) for d in _told(engine)] == [
        ("handover", "letter"),
        ("breach", "letter"),
    ]
    details = {
        e.subject_employee_id: json.loads(e.details or "{}")
        for e in events(engine, breaches.PERSON_TOLD)
    }
    assert details[person.id] == {"mail": False, "letter": second.id}
    assert details[caseless_id] == {"mail": False, "letter": None, "no_letter": "no_case"}


def test_with_an_address_on_file_the_handover_and_the_breach_are_mailed_not_lettered(
    sqlite_engine: Engine,
) -> None:
    engine = sqlite_engine
    world = build_world(engine)
    officer = _officer(engine)
    _reach(engine, world, account=False, email=ADDRESS_ON_FILE)
    person = _person(engine, world)
    handed = _hand_over(engine, world)
    [mail] = [m for m in handed if m.to != EMPLOYER_MAIL]
    assert mail.to == ADDRESS_ON_FILE and SUCCESSOR in mail.body
    told = _breach(engine, world, officer, person.personnel_number)
    assert [m.to for m in told] == [ADDRESS_ON_FILE]
    _content_free(told, "BRIEFTEKST", "GEVOLG", "MAATREGEL")
    assert _letters(engine) == [] and _told(engine) == []
