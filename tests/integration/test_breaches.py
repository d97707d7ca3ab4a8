"""The breach register (issue 17 item 8; seed ch. 3 "wij maatregelen zullen treffen om de
gevolgen voor uw privacy zoveel mogelijk te beperken"; AVG art. 33/34): the
privacy officer records a breach with whose data, the 72-hour clock for the Autoriteit
Persoonsgegevens runs from when it was found (Dutch time on the page), the notification is
recorded (or why not: only without a risk), a high risk must be told, and telling leaves a
notice in each person's portal and queues one content-free mail each — once. Bad input
writes nothing; only the privacy officer reaches the register."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import transaction
from kwportal.domain import policy
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import AuditEvent, Breach, BreachPerson, EmployeeNotice, OutboxMail
from kwportal.services import audit
from kwportal.services.privacy import breaches
from kwportal.services.unit import Ctx
from kwportal.ui.pages.privacy.breaches import BreachesState
from tests import factories
from tests.conftest import TEST_SECRET
from tests.integration.auth_helpers import CHEAP_HASH, cheap_argon2, new_enrolled, sign_in  # noqa: F401
from tests.integration.served import portal_database
from tests.integration.state_driver import call, page_state

NOW = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
WEB = audit.AccessPoint("192.0.2.40", "pytest")
ORIGIN = "https://portal.example"


@dataclass(frozen=True)
class World:
    officer: Actor
    org_id: int
    other_org_id: int
    #: (personnel number, employee id): with an account, with only an address, with neither
    with_account: tuple[str, int]
    address_only: tuple[str, int]
    unreachable: tuple[str, int]
    employee: Actor


def _world(engine: Engine) -> World:
    with transaction(engine) as session:
        org = factories.organisation(session, name="Lekkage BV")
        other = factories.organisation(session, name="Elders BV")
        first = factories.employee(session, org, email="")
        second = factories.employee(session, org, email="thuis@example.test")
        third = factories.employee(session, org, email="")
        factories.employee(session, other)
        account = factories.account(
            session, Role.EMPLOYEE, employee_id=first.id, email="werk@example.test"
        )
        officer = factories.account(session, Role.PRIVACY_OFFICER, email="fg@example.test")
        assert org.id and other.id and first.id and second.id and third.id
        return World(
            Actor(officer.id, Role.PRIVACY_OFFICER),
            org.id,
            other.id,
            (first.personnel_number, first.id),
            (second.personnel_number, second.id),
            (third.personnel_number, third.id),
            Actor(account.id, Role.EMPLOYEE, org.id, first.id),
        )


def _run(engine: Engine, actor: Actor, work: Any, *args: Any, now: datetime = NOW) -> Any:
    """One unit as the runner gives it; returns (result, the mails it queued)."""
    with transaction(engine) as session:
        ctx = Ctx(access=WEB, now=now, secret=TEST_SECRET, origin=ORIGIN, session=session)
        result = work(actor, *args, ctx=ctx)
        return result, list(ctx.outbox)


def _form(world: World, **changes: Any) -> breaches.BreachForm:
    values: dict[str, Any] = {
        "title": "Laptop gestolen",
        "description": "Een onversleutelde laptop van een casemanager is gestolen.",
        "occurred_at": "2026-11-08T22:00",
        "found_at": "2026-11-09T08:30",
        "data_kinds": ("identity", "absence"),
        "risk": "high",
        "measures": "Account geblokkeerd, aangifte gedaan.",
        "consequences": "Iemand kan uw naam en verzuimdata zien.",
        "people_text": "Op 8 november is een laptop met uw naam en verzuimdata gestolen.",
        "organisation_id": str(world.org_id),
        "numbers": f"{world.with_account[0]}, {world.address_only[0]}\n{world.unreachable[0]}",
    }
    values.update(changes)
    return breaches.BreachForm(**values)


def _count(engine: Engine, model: Any) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def _recorded(engine: Engine, world: World, **changes: Any) -> breaches.BreachLine:
    register, _mails = _run(engine, world.officer, breaches.do_record, _form(world, **changes))
    return register.breaches[0]


def test_the_officer_records_a_breach_and_the_clock_runs_from_when_it_was_found(
    engine: Engine,
) -> None:
    world = _world(engine)
    line = _recorded(engine, world)
    # found 2026-11-09 08:30 Dutch time (CET) = 07:30 UTC; the AP by 2026-11-12 07:30 UTC
    assert line.found_at == datetime(2026, 11, 9, 7, 30, tzinfo=UTC)
    assert line.deadline == datetime(2026, 11, 12, 7, 30, tzinfo=UTC)
    assert line.deadline - line.found_at == timedelta(hours=policy.BREACH_AP_HOURS)
    assert (line.ap_state, line.hours_left) == ("open", 46)  # at NOW, 2026-11-10 09:00 UTC
    assert (line.people, line.told, line.organisations) == (3, 0, ("Lekkage BV",))
    assert line.data_kinds == ("identity", "absence") and line.decision_needed
    later, _ = _run(
        engine, world.officer, breaches.do_register, now=NOW + timedelta(hours=50, minutes=30)
    )
    assert later.breaches[0].hours_left == -4  # 4 whole hours overdue
    with Session(engine) as session:
        kinds = session.exec(
            select(AuditEvent.event_type, AuditEvent.subject_employee_id).where(
                col(AuditEvent.event_type).like("breach_%")
            )
        ).all()
    assert sorted(kinds, key=str) == sorted(
        [
            (breaches.RECORDED, None),
            (breaches.PEOPLE_ADDED, world.with_account[1]),
            (breaches.PEOPLE_ADDED, world.address_only[1]),
            (breaches.PEOPLE_ADDED, world.unreachable[1]),
        ],
        key=str,
    )


def test_all_employees_of_an_employer_and_more_people_later(engine: Engine) -> None:
    world = _world(engine)
    line = _recorded(engine, world, numbers="", all_employees=True, risk="risk")
    assert line.people == 3
    register, _ = _run(
        engine,
        world.officer,
        breaches.do_add_people,
        line.breach_id,
        str(world.other_org_id),
        "",
        True,
    )
    assert register.breaches[0].people == 4
    assert register.breaches[0].organisations == ("Elders BV", "Lekkage BV")


def test_the_ap_notification_is_recorded_and_a_late_one_needs_its_reason(engine: Engine) -> None:
    world = _world(engine)
    breach_id = _recorded(engine, world).breach_id
    late = NOW + timedelta(days=3)
    with pytest.raises(breaches.BreachError) as refused:
        _run(
            engine,
            world.officer,
            breaches.do_notify_ap,
            breach_id,
            "2026-11-12T12:00",
            "AP-1",
            "",
            now=late,
        )
    assert (refused.value.code, refused.value.field) == ("breaches.ap_reason_required", "ap_reason")
    with pytest.raises(breaches.BreachError, match="notified_before_found"):
        _run(
            engine, world.officer, breaches.do_notify_ap, breach_id, "2026-11-09T08:00", "AP-1", ""
        )
    with pytest.raises(breaches.BreachError, match="ap_reference_required"):
        _run(engine, world.officer, breaches.do_notify_ap, breach_id, "2026-11-10T09:00", " ", "")
    with pytest.raises(breaches.BreachError, match="must_notify_ap"):  # a risk: no skipping
        _run(engine, world.officer, breaches.do_not_notified, breach_id, "geen risico")
    register, _ = _run(
        engine,
        world.officer,
        breaches.do_notify_ap,
        breach_id,
        "2026-11-10T09:30",
        "AP-2026-77",
        "",
    )
    line = register.breaches[0]
    assert (line.ap_state, line.ap_reference, line.ap_late) == ("notified", "AP-2026-77", False)
    assert line.ap_notified_at == datetime(2026, 11, 10, 8, 30, tzinfo=UTC)
    with pytest.raises(breaches.BreachError, match="ap_already_notified"):
        _run(engine, world.officer, breaches.do_notify_ap, breach_id, "2026-11-10T09:30", "X", "")


def test_without_a_risk_the_reason_not_to_notify_is_recorded(engine: Engine) -> None:
    world = _world(engine)
    breach_id = _recorded(engine, world, risk="none").breach_id
    with pytest.raises(breaches.BreachError, match="ap_reason_required"):
        _run(engine, world.officer, breaches.do_not_notified, breach_id, "  ")
    register, _ = _run(
        engine, world.officer, breaches.do_not_notified, breach_id, "Versleuteld, sleutel veilig"
    )
    assert register.breaches[0].ap_state == "not_notified"


def test_a_high_risk_must_be_told_and_a_decision_comes_first(engine: Engine) -> None:
    world = _world(engine)
    breach_id = _recorded(engine, world).breach_id
    with pytest.raises(breaches.BreachError, match="decide_first"):
        _run(engine, world.officer, breaches.do_tell, breach_id)
    with pytest.raises(breaches.BreachError, match="high_risk_must_tell"):
        _run(engine, world.officer, breaches.do_decide, breach_id, "no", "valt mee", "")
    with pytest.raises(breaches.BreachError, match="tell_reason_required"):
        _run(engine, world.officer, breaches.do_decide, breach_id, "yes", "", "")
    with Session(engine) as session:
        breach = session.get(Breach, breach_id)
        assert breach is not None and breach.tell_people is None
    low = _recorded(engine, world, risk="risk", people_text="").breach_id
    with pytest.raises(breaches.BreachError, match="people_text_required"):
        _run(engine, world.officer, breaches.do_decide, low, "yes", "toch melden", "")
    register, _ = _run(engine, world.officer, breaches.do_decide, low, "no", "gering risico", "")
    assert {b.breach_id: b.tell_people for b in register.breaches}[low] is False


def test_telling_leaves_a_notice_and_one_mail_per_person_exactly_once(engine: Engine) -> None:
    world = _world(engine)
    breach_id = _recorded(engine, world).breach_id
    _run(engine, world.officer, breaches.do_decide, breach_id, "yes", "hoog risico", "")
    (told, register), mails = _run(engine, world.officer, breaches.do_tell, breach_id)
    assert told == 3 and register.breaches[0].told == 3
    assert sorted(m.to for m in mails) == ["thuis@example.test", "werk@example.test"]
    for mail in mails:
        assert f"{ORIGIN}{breaches.INCIDENTS_PATH}" in mail.body
        assert "laptop" not in (mail.subject + mail.body).lower()  # content-free
    (again, _), more = _run(engine, world.officer, breaches.do_tell, breach_id)
    assert again == 0 and more == []
    with Session(engine) as session:
        notices = session.exec(select(EmployeeNotice)).all()
        assert sorted(n.employee_id for n in notices) == sorted(
            [world.with_account[1], world.address_only[1], world.unreachable[1]]
        )
        assert {n.kind for n in notices} == {breaches.NOTICE_KIND}
        people = session.exec(select(BreachPerson)).all()
        assert all(p.notified_at is not None for p in people)
        told_rows = session.exec(
            select(AuditEvent.subject_employee_id).where(
                AuditEvent.event_type == breaches.PERSON_TOLD
            )
        ).all()
        assert len(told_rows) == 3
    # the employee reads the text written for him, the consequences and the measures
    mine, _ = _run(engine, world.employee, breaches.do_my_incidents)
    (notice,) = mine
    assert notice.text.startswith("Op 8 november is een laptop")
    assert notice.consequences and notice.measures


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"occurred_at": "2026-11-09T09:00"}, "breaches.found_before_occurred", "found_at"),
        ({"numbers": "P99999"}, "breaches.unknown_number", "numbers"),
        ({"organisation_id": ""}, "breaches.organisation_required", "organisation_id"),
        ({"found_at": ""}, "breaches.found_at_required", "found_at"),
        ({"found_at": "gisteren"}, "breaches.bad_moment", "found_at"),
        ({"found_at": "2026-12-01T10:00"}, "breaches.in_future", "found_at"),
        ({"title": "  "}, "breaches.title_required", "title"),
        ({"risk": "medium"}, "breaches.risk_required", "risk"),
        ({"data_kinds": ("dna",)}, "breaches.bad_kind", "data_kinds"),
    ],
)
def test_bad_input_names_its_field_and_writes_nothing(
    engine: Engine, changes: dict[str, Any], code: str, field: str
) -> None:
    world = _world(engine)
    before = _count(engine, AuditEvent)
    with pytest.raises(breaches.BreachError) as refused:
        _run(engine, world.officer, breaches.do_record, _form(world, **changes))
    assert (refused.value.code, refused.value.field) == (code, field)
    if code == "breaches.unknown_number":
        assert refused.value.detail == "P99999"
    assert _count(engine, Breach) == 0 and _count(engine, BreachPerson) == 0
    assert _count(engine, AuditEvent) == before


def test_only_the_privacy_officer_reaches_the_register(engine: Engine) -> None:
    world = _world(engine)
    breach_id = _recorded(engine, world).breach_id
    for role in (Role.ADMIN, Role.COMPANY_DOCTOR, Role.CASE_MANAGER, Role.EMPLOYER_CONTACT):
        with pytest.raises(breaches.BreachError, match=r"auth\.not_allowed"):
            _run(engine, Actor(1, role), breaches.do_register)
        with pytest.raises(breaches.BreachError, match=r"auth\.not_allowed"):
            _run(engine, Actor(1, role), breaches.do_tell, breach_id)
    with pytest.raises(breaches.BreachError, match=r"auth\.not_allowed"):
        _run(engine, world.employee, breaches.do_record, _form(world))
    assert _count(engine, Breach) == 1


def test_the_officers_are_reminded_once_when_a_risky_breach_is_48_hours_old(
    engine: Engine,
) -> None:
    world = _world(engine)
    _recorded(engine, world)  # found 2026-11-09 07:30 UTC
    _recorded(engine, world, risk="none")
    early = breaches.remind_officers(engine=engine, now=datetime(2026, 11, 11, 7, 0, tzinfo=UTC))
    assert early.breaches == 0
    due = datetime(2026, 11, 11, 7, 45, tzinfo=UTC)
    assert (breaches.remind_officers(engine=engine, now=due).mails) == 1
    assert breaches.remind_officers(engine=engine, now=due + timedelta(hours=1)).breaches == 0
    assert _count(engine, OutboxMail) == 1


# --- the page, as the privacy officer's browser drives it ---------------------------------


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cheap_argon2: None) -> Iterator[Engine]:  # noqa: F811
    with portal_database(tmp_path, monkeypatch) as engine:
        yield engine


def test_the_page_records_shows_the_clock_and_refuses_other_roles(portal: Engine) -> None:
    world = _world(portal)
    _id, name, secret = new_enrolled(portal, CHEAP_HASH, role=Role.PRIVACY_OFFICER)
    token = sign_in(portal, name, secret, datetime.now(UTC))
    state = page_state(BreachesState, token, url="http://localhost:3000/breaches")
    call(state, "load")
    assert state.rows == [] and [o.label for o in state.organisations][:2] == [
        "Elders BV",
        "Lekkage BV",
    ]
    found = (datetime.now(UTC) - timedelta(hours=2)).astimezone(breaches.LOCAL)
    form = {
        "title": "Mail aan verkeerde ontvanger",
        "found_at": f"{found:%Y-%m-%dT%H:%M}",
        "risk": "risk",
        "kind_identity": "on",
        "organisation_id": str(world.org_id),
        "numbers": "ONBEKEND1",
    }
    call(state, "record", form)
    assert state.notice_key == "breaches.unknown_number" and state.error_detail == "ONBEKEND1"
    assert state.errors["numbers"] and _count(portal, Breach) == 0
    call(state, "record", {**form, "numbers": world.with_account[0]})
    (row,) = state.rows
    assert state.notice_key == "breaches.recorded" and row.people == "1"
    assert row.ap_state == "open" and row.clock in ("nog 69 uur", "nog 70 uur")
    assert row.kinds == "Naam en identiteit"

    _eid, ename, esecret = new_enrolled(portal, CHEAP_HASH, role=Role.ADMIN)
    admin = page_state(
        BreachesState, sign_in(portal, ename, esecret, datetime.now(UTC)), url=state.router.url
    )
    call(admin, "load")
    assert admin.rows == []
