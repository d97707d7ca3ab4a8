"""The administrator records an employee's end of employment or date of death (issue 15
item 6), found by organisation and personnel number: the same check, audit and retention
line as the employer's (:func:`kwportal.services.employer.person.record_life_events`).
Nothing is read back but the term these facts give: the administrator sees no case and no
date of the person."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.models import Employee
from kwportal.services.admin.common import AdminError, parse_id, require_admin
from kwportal.services.employer.absence import ReportError, clean
from kwportal.services.employer.person import RetentionLine, record_life_events
from kwportal.services.unit import Ctx, use_case

__all__ = ["FactsRecorded", "ReportError", "do_record_facts"]

MAX_NUMBER = 40


@dataclass(frozen=True, slots=True)
class FactsRecorded:
    personnel_number: str
    retention: RetentionLine


@use_case(Role.ADMIN)
def do_record_facts(
    actor: Actor, organisation_id: str, personnel_number: str, end: str, death: str, *, ctx: Ctx
) -> FactsRecorded:
    """A blank date leaves that fact as it is; a bad one is refused at its field
    (``ReportError``), an unknown person with ``AdminError``."""
    require_admin(actor)
    org_id = parse_id(organisation_id, "admin.unknown_organisation")
    number = clean(personnel_number, MAX_NUMBER)
    if not number or len(number) > MAX_NUMBER:
        raise AdminError("admin.facts.unknown_person")
    person = ctx.session.exec(
        select(Employee)
        .where(col(Employee.organisation_id) == org_id, col(Employee.personnel_number) == number)
        .with_for_update()
    ).first()
    if person is None:
        raise AdminError("admin.facts.unknown_person")
    line = record_life_events(actor, person, end, death, ctx=ctx, blank_clears_end=False)
    return FactsRecorded(number, line)
