"""The employer's dashboard: its own organisation's open cases only, paged, sorted and
searched on the server; the expected period from released feedback only; the Poortwachter
deadlines over all of an employee's absences; every page read audited; every other role
refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor
from kwportal.domain.poortwachter import Step
from kwportal.domain.roles import Role
from kwportal.models import (
    Appointment,
    AuditEvent,
    CaseDocument,
    EmployerFeedback,
    MedicalNote,
    Organisation,
    QuestionnaireAnswer,
    SickLeaveCase,
)
from kwportal.services import audit
from kwportal.services.employer import dashboard as employer_dashboard
from kwportal.services.employer.dashboard import overview
from kwportal.services.views import PolicyDeniedError
from tests import factories
from tests.conftest import TEST_SECRET

WEB = audit.AccessPoint(ip="127.0.0.1", agent="pytest")
TODAY = date(2026, 3, 10)
CANARIES = ("MEDISCH-", "ZORGADRES-", "CONCEPT-", "Beatrixstraat")


def employer(org: Organisation) -> Actor:
    return Actor(account_id=70, role=Role.EMPLOYER_CONTACT, organisation_id=org.id)


def read(session: Session, actor: Actor, **kwargs: object) -> employer_dashboard.OverviewPage:
    kwargs.setdefault("today", TODAY)
    return overview(actor, session=session, access=WEB, secret=TEST_SECRET, **kwargs)


def released(session: Session, case_id: int, on: datetime, **values: object) -> EmployerFeedback:
    row = EmployerFeedback(case_id=case_id, status="released", released_at=on, **values)
    session.add(row)
    session.flush()
    return row


def _with_secrets(session: Session, case_id: int, employee_id: int) -> None:
    session.add(MedicalNote(case_id=case_id, employee_id=employee_id, body="MEDISCH-1 rug"))
    session.add(
        QuestionnaireAnswer(
            employee_id=employee_id,
            case_id=case_id,
            questionnaire="q",
            question="?",
            answer="MEDISCH-Q",
        )
    )
    session.add(EmployerFeedback(case_id=case_id, expected_period="CONCEPT-9", status="draft"))
    session.add(
        Appointment(
            case_id=case_id,
            employee_id=employee_id,
            starts_at=datetime(2026, 3, 12, 10, 0, tzinfo=UTC),
            location="Beatrixstraat 2",
            subject="MEDISCH-A spreekuur",
        )
    )
    session.flush()


def test_only_own_organisations_open_cases(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, other = factories.organisation(session), factories.organisation(session)
        ann = factories.employee(session, org, first_name="Ann", last_name="Open")
        bob = factories.employee(session, org, first_name="Bob", last_name="Hersteld")
        eve = factories.employee(session, other, first_name="Eve", last_name="Elders")
        open_case = factories.sick_case(
            session, ann, sick_report_date=date(2026, 3, 1), care_address="ZORGADRES-1"
        )
        factories.sick_case(
            session, bob, sick_report_date=date(2026, 2, 1), recovery_date=date(2026, 2, 20)
        )
        factories.sick_case(session, eve, sick_report_date=date(2026, 3, 1))
        _with_secrets(session, open_case.id, ann.id)
        page = read(session, employer(org))
    assert [(x.case_id, x.first_name, x.last_name) for x in page.lines] == [
        (open_case.id, "Ann", "Open")
    ]
    assert page.total == 1 and page.pages == 1
    assert not any(canary in repr(page) for canary in CANARIES)


def _many(
    session: Session,
    org: Organisation,
    count: int,
    *,
    number: str = "N",
    first_day: date = date(2026, 1, 1),
) -> list[int]:
    """``count`` employees with an open case each, reported sick a day apart."""
    ids = []
    for n in range(count):
        person = factories.employee(
            session,
            org,
            first_name=f"Voor{n:02d}",
            last_name=f"Achter{(count - n):02d}",
            personnel_number=f"{number}{n:03d}",
        )
        case = factories.sick_case(session, person, sick_report_date=first_day + timedelta(days=n))
        ids.append(case.id)
    return ids


def test_paging_is_done_by_the_database_and_clamped(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        ids = _many(session, org, 25)
        actor = employer(org)
        first = read(session, actor, page=1, page_size=10)
        third = read(session, actor, page=3, page_size=10)
        beyond = read(session, actor, page=99, page_size=10)
        below = read(session, actor, page=-4, page_size=10)
        odd_size = read(session, actor, page=1, page_size=7)
    assert (first.total, first.pages, len(first.lines)) == (25, 3, 10)
    assert [x.case_id for x in first.lines] == ids[:10]  # default: longest absent first
    assert [x.case_id for x in third.lines] == ids[20:]
    assert beyond.page == 3 and [x.case_id for x in beyond.lines] == ids[20:]
    assert below.page == 1
    assert odd_size.page_size == employer_dashboard.DEFAULT_PAGE_SIZE


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("sick_since", ["N000", "N001", "N002"]),
        ("-sick_since", ["N004", "N003", "N002"]),
        ("number", ["N000", "N001", "N002"]),
        ("-number", ["N004", "N003", "N002"]),
        ("name", ["N004", "N003", "N002"]),  # last names run backwards
        ("-name", ["N000", "N001", "N002"]),
        ("first_name; DROP TABLE employee", ["N000", "N001", "N002"]),  # not allowed: default
        ("__class__", ["N000", "N001", "N002"]),
    ],
)
def test_sorting_uses_an_allow_list(engine: Engine, sort: str, expected: list[str]) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        _many(session, org, 5)
        page = read(session, employer(org), sort=sort, page_size=10)
    assert [x.personnel_number for x in page.lines][:3] == expected
    assert page.sort in employer_dashboard.SORT_KEYS


def test_search_by_name_or_number_takes_wildcards_literally(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        people = {
            "plain": ("Anna", "de Vries", "A-001"),
            "underscore": ("Piet", "Wild_card", "B_002"),
            "letter": ("Kees", "Wildxcard", "B9002"),
            "percent": ("Joop", "Honderd%", "C-003"),
            "backslash": ("Mies", "Back\\slash", "D-004"),
        }
        for first, last, number in people.values():
            person = factories.employee(
                session, org, first_name=first, last_name=last, personnel_number=number
            )
            factories.sick_case(session, person)

        def found(text: str) -> set[str]:
            return {x.personnel_number for x in read(session, employer(org), search=text).lines}

        assert found("vries") == {"A-001"}  # any case
        assert found("anna de v") == {"A-001"}  # first and last name together
        assert found("a-00") == {"A-001"}
        assert found("d_c") == {"B_002"}  # not "d" + any letter + "c"
        assert found("B_") == {"B_002"}
        assert found("%") == {"C-003"}
        assert found("\\") == {"D-004"}
        assert found("  ") == {"A-001", "B_002", "B9002", "C-003", "D-004"}
        assert found("nobody") == set()
        page = read(session, employer(org), search="x" * 500)
    assert len(page.search) == employer_dashboard.MAX_SEARCH


def test_expected_period_comes_from_the_latest_released_feedback_only(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        a, b, c = (factories.employee(session, org) for _ in range(3))
        two_released = factories.sick_case(session, a)
        released(session, two_released.id, datetime(2026, 1, 5, tzinfo=UTC), expected_period="oud")
        released(
            session, two_released.id, datetime(2026, 3, 1, tzinfo=UTC), expected_period="nieuw"
        )
        session.add(
            EmployerFeedback(case_id=two_released.id, expected_period="CONCEPT-1", status="draft")
        )
        only_draft = factories.sick_case(session, b)
        session.add(
            EmployerFeedback(case_id=only_draft.id, expected_period="CONCEPT-2", status="draft")
        )
        old_release = factories.sick_case(session, c)
        released(
            session, old_release.id, datetime(2026, 2, 1, tzinfo=UTC), expected_period="eerder"
        )
        page = read(session, employer(org))
    by_case = {x.case_id: x for x in page.lines}
    assert by_case[two_released.id].expected_period == "nieuw"
    assert by_case[two_released.id].new_feedback is True  # released 9 days before TODAY
    assert by_case[only_draft.id].expected_period == ""
    assert by_case[only_draft.id].new_feedback is False
    assert by_case[old_release.id].expected_period == "eerder"
    assert by_case[old_release.id].new_feedback is False  # 37 days ago
    assert "CONCEPT-" not in repr(page)


def test_deadlines_count_earlier_absences_under_four_weeks_apart(engine: Engine) -> None:
    """Worked example. Absence 1: 5 Jan - 1 Feb 2026 (28 sick days; fit again 2 Feb).
    Absence 2 starts 20 Feb, 18 fit days later (< 28): the count goes on, so sick day 42
    (problem analysis, week 6) is the 14th day of absence 2 = 5 Mar, sick day 56 (plan of
    action, week 8) its 28th = 19 Mar. Another employee with the same absence 2 but 28 fit
    days between starts afresh: problem analysis on 20 Feb + 41 = 2 Apr."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        joined, fresh = factories.employee(session, org), factories.employee(session, org)
        factories.sick_case(
            session, joined, sick_report_date=date(2026, 1, 5), recovery_date=date(2026, 2, 2)
        )
        counted = factories.sick_case(session, joined, sick_report_date=date(2026, 2, 20))
        factories.sick_case(
            session, fresh, sick_report_date=date(2025, 12, 26), recovery_date=date(2026, 1, 23)
        )
        restarted = factories.sick_case(session, fresh, sick_report_date=date(2026, 2, 20))
        actor = employer(org)
        before = {x.case_id: x for x in read(session, actor).lines}
        # the problem analysis is done once its employer part is released (issue 15 item 3)
        part = EmployerFeedback(case_id=counted.id, status="draft", advice="Halve dagen")
        session.add(part)
        session.flush()
        session.add(
            CaseDocument(
                case_id=counted.id,
                employee_id=joined.id,
                kind="problem_analysis",
                title="PA",
                feedback_id=part.id,
            )
        )
        session.flush()
        written = {x.case_id: x for x in read(session, actor).lines}
        part.status, part.released_at = "released", datetime(2026, 3, 4, 12, tzinfo=UTC)
        session.add(part)
        session.flush()
        after = {x.case_id: x for x in read(session, actor).lines}
        case = employer_dashboard.case_page(
            actor, counted.id, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
        )
    assert set(before) == {counted.id, restarted.id}  # recovered cases are not listed
    line = before[counted.id]
    # the late problem analysis is the next step, never the plan of action still to come
    # (issue 18 item 5); once its employer part is released, the plan of action is next
    assert line.next_deadline is not None
    assert (line.next_deadline.step, line.next_deadline.due) == (
        Step.PROBLEM_ANALYSIS,
        date(2026, 3, 5),
    )
    assert line.next_deadline.overdue and line.late_steps == 1
    next_after = after[counted.id].next_deadline
    assert next_after is not None
    assert (next_after.step, next_after.due) == (Step.PLAN_OF_ACTION, date(2026, 3, 19))
    assert line.overdue is True  # the problem analysis was due on 5 March
    assert written[counted.id].overdue is True  # its medical part alone is not enough
    assert after[counted.id].overdue is False  # ... its employer part was released
    fresh_line = before[restarted.id]
    assert fresh_line.next_deadline is not None
    assert (fresh_line.next_deadline.step, fresh_line.next_deadline.due) == (
        Step.PROBLEM_ANALYSIS,
        date(2026, 4, 2),
    )
    assert fresh_line.overdue is False
    steps = {d.step: d for d in case.deadlines}
    assert steps[Step.PROBLEM_ANALYSIS].due == date(2026, 3, 5)
    assert steps[Step.PROBLEM_ANALYSIS].done and not steps[Step.PROBLEM_ANALYSIS].overdue
    # D + 727, moved by the 18 fit days in between
    assert steps[Step.WAGE_PAYMENT_END].due == date(2028, 1, 20)
    assert case.next_deadline is not None and case.next_deadline.step is Step.PLAN_OF_ACTION


OTHER_ROLES = [r for r in Role if r is not Role.EMPLOYER_CONTACT]


@pytest.mark.parametrize("role", OTHER_ROLES, ids=lambda r: r.value)
def test_every_other_role_is_refused(engine: Engine, role: Role) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        person = factories.employee(session, org)
        case = factories.sick_case(session, person)
        actor = Actor(
            account_id=5,
            role=role,
            organisation_id=org.id,
            employee_id=person.id,
            employer_ids=frozenset({org.id}),
        )
        with pytest.raises(PolicyDeniedError):
            read(session, actor)
        with pytest.raises(PolicyDeniedError):
            employer_dashboard.case_page(
                actor, case.id, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
            )
        assert session.exec(select(AuditEvent)).all() == []


def test_employer_contact_without_organisation_is_refused(engine: Engine) -> None:
    with Session(engine) as session, session.begin(), pytest.raises(PolicyDeniedError):
        read(session, Actor(account_id=5, role=Role.EMPLOYER_CONTACT))


def test_every_page_read_is_logged_once_per_person_on_it(engine: Engine) -> None:
    """NEN 7513 logs per person: each employee's own access log then shows the look."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        ids = _many(session, org, 3)
        released(session, ids[0], datetime(2026, 3, 1, tzinfo=UTC), expected_period="2 weken")
        read(session, employer(org), page_size=10)
        read(session, employer(org), search="Voor01")
        events = session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))).all()
        owners = {case.id: case.employee_id for case in session.exec(select(SickLeaveCase)).all()}
    assert len(events) == 4
    for logged in events:
        assert (logged.event_type, logged.action, logged.ground) == (
            "employer_overview",
            "read",
            "legal_duty",
        )
        assert logged.actor_organisation_id == org.id and logged.actor_role == "employer_contact"
        cases = [o["id"] for o in json.loads(logged.objects) if o["table"] == "sick_leave_case"]
        assert len(cases) == 1 and logged.subject_employee_id == owners[cases[0]]
    first_page = [json.loads(e.objects) for e in events[:3]]
    assert {o["id"] for objs in first_page for o in objs if o["table"] == "sick_leave_case"} == set(
        ids
    )
    assert any(o["table"] == "employer_feedback" for objs in first_page for o in objs)
    assert {o["id"] for o in json.loads(events[3].objects)} == {ids[1]}
    with Session(engine) as session:
        assert audit.verify_chain(session, secret=TEST_SECRET).ok


def test_case_page_shows_released_items_dates_and_deadlines_only(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        person = factories.employee(session, org, first_name="Ann", last_name="Open")
        case = factories.sick_case(
            session, person, sick_report_date=date(2026, 2, 20), care_address="ZORGADRES-7"
        )
        _with_secrets(session, case.id, person.id)
        released(
            session,
            case.id,
            datetime(2026, 3, 1, tzinfo=UTC),
            expected_period="6 weken",
            advice="Aangepast werk",
            functional_capacity=json.dumps({"working_hours": "limited"}),
        )
        page = employer_dashboard.case_page(
            employer(org), case.id, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
        )
    text = repr(page)
    assert page.view.first_name == "Ann" and page.view.feedback[0].advice == "Aangepast werk"
    assert page.view.feedback[0].functional_capacity == (("working_hours", "limited"),)
    assert page.appointments == (page.appointments[0],)
    assert page.appointments[0].date() == date(2026, 3, 12)
    assert page.deadlines and page.deadlines[0].step is Step.PROBLEM_ANALYSIS
    for forbidden in CANARIES:
        assert forbidden not in text


def test_case_page_of_another_organisation_is_refused(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org, other = factories.organisation(session), factories.organisation(session)
        stranger = factories.employee(session, other)
        case = factories.sick_case(session, stranger)
        with pytest.raises(PolicyDeniedError):
            employer_dashboard.case_page(
                employer(org), case.id, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
            )
        with pytest.raises(PolicyDeniedError):
            employer_dashboard.case_page(
                employer(org), 987654, session=session, today=TODAY, access=WEB, secret=TEST_SECRET
            )
        assert session.exec(select(AuditEvent)).all() == []


@contextmanager
def recorded_statements(engine: Engine) -> Iterator[list[tuple[str, object]]]:
    """(SQL, bound values) of every statement run inside the block."""
    recorded: list[tuple[str, object]] = []

    def record(
        _conn: object, _cursor: object, statement: str, parameters: object, *_args: object
    ) -> None:
        recorded.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield recorded
    finally:
        event.remove(engine, "before_cursor_execute", record)


@contextmanager
def counted_statements(engine: Engine) -> Iterator[list[str]]:
    """The SELECTs run inside the block, filled in when it ends."""
    statements: list[str] = []
    with recorded_statements(engine) as recorded:
        yield statements
    # the audit log is appended once per person on the page, on purpose
    statements += [
        statement
        for statement, _ in recorded
        if statement.lstrip().upper().startswith("SELECT") and "audit_head" not in statement
    ]


def _sizes(recorded: list[tuple[str, object]]) -> tuple[int, int]:
    """The longest statement's length and the most values bound to one statement."""
    bound = [len(p) if isinstance(p, dict | list | tuple) else 0 for _, p in recorded]
    return max(len(statement) for statement, _ in recorded), max(bound)


def test_the_urgency_order_does_not_send_every_open_case_id(engine: Engine) -> None:
    """Ordering by urgency needs every open case's next step, but the statements carry the
    overview's conditions, not a literal list of the cases' ids: with 500 open cases such a
    list made rendering and converting the SQL over half of the overview's CPU
    (benchmarks/scale.py, README "Issue 19 re-measured (session 10)"). The statements are
    the same size with 12 and with 36 open cases, and the order is still by urgency."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        ids = _many(session, org, 12)
        with recorded_statements(engine) as few:
            first = read(session, employer(org), page_size=10)
        ids += _many(session, org, 24, number="M", first_day=date(2026, 2, 1))
        with recorded_statements(engine) as more:
            second = read(session, employer(org), page_size=10)
    assert first.sort == second.sort == employer_dashboard.URGENCY
    assert second.total == len(ids) == 36
    (long_few, bound_few), (long_more, bound_more) = _sizes(few), _sizes(more)
    assert bound_more <= bound_few
    assert long_more <= long_few
    # the most urgent first: the oldest absences are the latest with their steps
    assert [line.case_id for line in second.lines] == ids[:10]


def test_query_count_does_not_grow_with_the_page(engine: Engine) -> None:
    """One query for the page and one for its count, then one batch each for the absences,
    feedback, documents (problem analyses), plans of action and recorded steps of the cases
    on the page, and one for whose data are restricted (issue 17 item 3): never one query
    per case."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        org = factories.organisation(session)
        ids = _many(session, org, 30)
        for case_id in ids:
            released(session, case_id, datetime(2026, 3, 1, tzinfo=UTC), expected_period="x")
        session.flush()
        with counted_statements(engine) as small:
            read(session, employer(org), page_size=10)
        with counted_statements(engine) as large:
            read(session, employer(org), page_size=50)
    assert len(small) == len(large) <= 8
