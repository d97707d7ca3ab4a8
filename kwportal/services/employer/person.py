"""The facts retention turns on that the employer records (issue 15 item 6): the end of
employment and a date of death, for the employee of one of its cases; the administrator
records the same through :mod:`kwportal.services.admin.people`.

Each change is audited with its old and new value (identity and employment data, not
medical) and moves the retention term (seed ch. 1, Bewaartermijn: 20 years after the latest
of end of employment, end of contract, death). After a save the recorder is told the term
these facts give — "kept at least until" — never the terms that speak of the medical file
(exposures, consents, its last change): those stay with the privacy desk
(``policy.LIFE_EVENT_RETENTION_RULE``). The date of death is identity, which the employer
does not read back (BRIEF.md: name and personnel number only); the end of employment it does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import (
    LIFE_EVENT_RETENTION_RULE,
    Actor,
    Subject,
    may_record_life_events,
    require,
    retention_holds_shown,
)
from kwportal.domain.retention import date_problems, decide
from kwportal.domain.roles import Role
from kwportal.models import Employee, SickLeaveCase
from kwportal.services import audit
from kwportal.services.employer.absence import FieldError, ReportError, clean, parse_day
from kwportal.services.retention.plan import dossiers
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project

__all__ = ["PersonScreen", "ReportError", "RetentionLine", "do_record", "do_show"]

IDENTITY_COLUMNS = {
    "first_name": "employee.first_name",
    "last_name": "employee.last_name",
    "personnel_number": "employee.personnel_number",
    "employment_start": "employee.employment_start",
    "employment_end": "employee.employment_end",
}
#: which field a date problem of the domain belongs to
_PROBLEM_FIELD = {
    "date.end_before_start": "employment_end",
    "date.death_in_future": "date_of_death",
    "date.death_before_birth": "date_of_death",
    "date.birth_in_future": "date_of_death",
}


@dataclass(frozen=True, slots=True)
class RetentionLine:
    """The term the recorded facts give: the first day the file may go at the earliest
    (None while one of them has not happened), and the reasons nothing goes yet that the
    recorder may be told."""

    at_least_until: date | None
    holds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PersonScreen:
    case_id: int
    first_name: str
    last_name: str
    personnel_number: str
    employment_start: date | None
    employment_end: date | None
    today: date
    #: only right after a save
    retention: RetentionLine | None = None


def _date_or_blank(raw: Any, name: str, errors: list[FieldError]) -> date | None:
    if not clean(raw, 10):
        return None
    day = parse_day(raw)
    if day is None:
        errors.append(FieldError(name, "employer_person.error.date"))
    return day


def record_life_events(
    actor: Actor,
    person: Employee,
    raw_end: Any,
    raw_death: Any,
    *,
    ctx: Ctx,
    blank_clears_end: bool,
) -> RetentionLine:
    """Record the end of employment and the date of death of ``person`` (locked by the
    caller). A blank date of death leaves it as it is (the employer never reads it back);
    a blank end of employment clears it when the form showed it (``blank_clears_end``).
    Every problem at its field, and nothing written; each change audited old → new."""
    assert person.id is not None
    if not may_record_life_events(actor, Subject(person.id, person.organisation_id)):
        raise PolicyDeniedError("not the recorder's employee")
    errors: list[FieldError] = []
    end = _date_or_blank(raw_end, "employment_end", errors)
    death = _date_or_blank(raw_death, "date_of_death", errors)
    if end is None and not blank_clears_end:
        end = person.employment_end
    death = death or person.date_of_death
    for problem in date_problems(
        employment_start=person.employment_start,
        employment_end=end,
        date_of_birth=person.date_of_birth,
        date_of_death=death,
        today=ctx.today,
    ):
        errors.append(FieldError(_PROBLEM_FIELD[problem], problem))
    if errors:
        raise ReportError(errors)
    _change(actor, person, "employment_end", end, Category.EMPLOYMENT, ctx)
    _change(actor, person, "date_of_death", death, Category.IDENTITY, ctx)
    return retention_line(ctx.session, actor, person.id)


def _change(
    actor: Actor, person: Employee, name: str, new: date | None, category: Category, ctx: Ctx
) -> None:
    old = getattr(person, name)
    if old == new:
        return
    setattr(person, name, new)
    ctx.session.add(person)
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type=f"{name}_set",
        action=audit.Action.UPDATE,
        ground=audit.Ground.CONTRACT,
        subject_employee_id=person.id,
        objects=[audit.ObjectRef(str(category), "employee", person.id)],
        details={"field": name, "old": old, "new": new},
        secret=ctx.secret,
        now=ctx.now,
    )


def retention_line(session: Session, actor: Actor, employee_id: int) -> RetentionLine:
    """The retention plan's own decision for the file (``domain.retention.decide`` on the
    plan's dossier), cut down to the term these facts drive and the holds the actor may
    be told."""
    session.flush()
    found = dossiers(session, [employee_id]).get(employee_id)
    if found is None:
        return RetentionLine(None, ())
    decision = decide(found[1])
    term = next((day for rule, day in decision.terms if rule == LIFE_EVENT_RETENTION_RULE), None)
    holds = retention_holds_shown(actor, tuple(str(h) for h in decision.holds))
    return RetentionLine(term, holds)


def _case_person(actor: Actor, case_id: int, session: Session, *, lock: bool) -> Employee:
    """The employee of a case of the contact's own organisation; anything else reads as
    not found (``PolicyDeniedError``)."""
    organisation_id = require(
        actor, Role.EMPLOYER_CONTACT, has="organisation_id", error=PolicyDeniedError
    )
    case = session.get(SickLeaveCase, case_id)
    if case is None or case.organisation_id != organisation_id:
        raise PolicyDeniedError("no such case")
    query = select(Employee).where(
        col(Employee.id) == case.employee_id, col(Employee.organisation_id) == organisation_id
    )
    person = session.exec(query.with_for_update() if lock else query).first()
    if person is None:
        raise PolicyDeniedError("no such case")
    return person


def _screen(actor: Actor, case_id: int, person: Employee, ctx: Ctx) -> PersonScreen:
    assert person.id is not None
    subject = Subject(person.id, person.organisation_id)
    values = project(actor, subject, person, IDENTITY_COLUMNS)
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type="employer_person_view",
        action=audit.Action.READ,
        ground=audit.Ground.CONTRACT,
        subject_employee_id=person.id,
        objects=[audit.ObjectRef(str(Category.EMPLOYMENT), "employee", person.id)],
        secret=ctx.secret,
        now=ctx.now,
    )
    return PersonScreen(case_id=case_id, today=ctx.today, **values)


# --- use cases: one click each (the page hands them to the runner) ---


@use_case(Role.EMPLOYER_CONTACT)
def do_show(actor: Actor, case_id: int, *, ctx: Ctx) -> PersonScreen:
    """The employee of one case: name, number and employment dates; the read is logged."""
    return _screen(actor, case_id, _case_person(actor, case_id, ctx.session, lock=False), ctx)


@use_case(Role.EMPLOYER_CONTACT)
def do_record(
    actor: Actor, case_id: int, raw_end: str, raw_death: str, *, ctx: Ctx
) -> PersonScreen:
    """Record the end of employment and a date of death, then the page again with the
    retention term they give."""
    person = _case_person(actor, case_id, ctx.session, lock=True)
    line = record_life_events(actor, person, raw_end, raw_death, ctx=ctx, blank_clears_end=True)
    return replace(_screen(actor, case_id, person, ctx), retention=line)
