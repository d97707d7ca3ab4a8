"""The employee's disclosure timeline (issue 5, item 2): every disclosure of his data —
to his employer, UWV, another arbodienst, his GP or specialist with consent — newest
first, with what, to whom, when, by whom (care staff by function, as the seed authorises
by function) and on which ground (AVG art. 15(1)(c))."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor, Subject, require
from kwportal.domain.roles import Role
from kwportal.models import Account, Disclosure, Employee
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project

COLUMNS = {
    "disclosed_at": "disclosure.disclosed_at",
    "recipient_kind": "disclosure.recipient_kind",
    "recipient_name": "disclosure.recipient_name",
    "categories": "disclosure.categories",
    "ground": "disclosure.ground",
    "consent_id": "disclosure.consent_id",
}
MAX_LINES = 500


@dataclass(frozen=True, slots=True)
class DisclosureLine:
    disclosed_at: datetime
    recipient_kind: str
    recipient_name: str
    categories: tuple[str, ...]
    ground: str
    consent_id: int | None
    #: the discloser's function (a Role value), or "" when not recorded
    by_role: str


def my_disclosures(actor: Actor, *, session: Session) -> tuple[DisclosureLine, ...]:
    """His own data: reading it is not an access by another person, so not audited."""
    employee_id = require(actor, Role.EMPLOYEE, has="employee_id", error=PolicyDeniedError)
    person = session.get(Employee, employee_id)
    if person is None:
        return ()
    subject = Subject(employee_id, person.organisation_id)
    rows = session.exec(
        select(Disclosure, Account.role)
        .join(Account, col(Account.id) == col(Disclosure.disclosed_by_account_id), isouter=True)
        .where(Disclosure.employee_id == employee_id)
        .order_by(col(Disclosure.disclosed_at).desc(), col(Disclosure.id).desc())
        .limit(MAX_LINES)
    ).all()
    lines = []
    for row, role in rows:
        values = project(actor, subject, row, COLUMNS)
        categories = tuple(c for c in values.pop("categories").split(",") if c)
        lines.append(DisclosureLine(**values, categories=categories, by_role=role or ""))
    return tuple(lines)


# --- use cases: one click each (the page hands them to the runner) ---


@use_case(Role.EMPLOYEE, person=True)
def do_list_disclosures(actor: Actor, *, ctx: Ctx) -> tuple[DisclosureLine, ...]:
    return my_disclosures(actor, session=ctx.session)
