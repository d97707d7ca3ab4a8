"""My details (issue 5 item 8): what is stored about the employee — his personal and
employment data and the care address of each of his cases — with a rectification request
per field (seed ch. 3 B), filed through :mod:`kwportal.services.privacy.rights`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor, require
from kwportal.domain.rights import RightsKind
from kwportal.domain.roles import Role
from kwportal.models import Employee, SickLeaveCase
from kwportal.services import audit
from kwportal.services.privacy import rights
from kwportal.services.privacy.rights import RightsError
from kwportal.services.unit import Ctx, use_case

#: the stored fields shown, in this order (the names are translation keys' tails)
FIELDS = (
    "first_name",
    "last_name",
    "personnel_number",
    "date_of_birth",
    "gender",
    "street",
    "postal_code",
    "city",
    "email",
    "phone",
    "job_title",
    "department",
    "hours_per_week",
    "employment_start",
    "employment_end",
)
CARE_ADDRESS = "care_address"
RECTIFIABLE = frozenset({*FIELDS, CARE_ADDRESS})


@dataclass(frozen=True, slots=True)
class DetailLine:
    field: str
    value: str


@dataclass(frozen=True, slots=True)
class CareAddressLine:
    sick_since: date
    address: str


def _own(actor: Actor) -> int:
    return require(actor, Role.EMPLOYEE, has="employee_id", error=RightsError)


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def my_details(
    session: Session, actor: Actor
) -> tuple[tuple[DetailLine, ...], tuple[CareAddressLine, ...]]:
    employee_id = _own(actor)
    person = session.get(Employee, employee_id)
    if person is None:
        return (), ()
    details = tuple(DetailLine(name, _shown(getattr(person, name))) for name in FIELDS)
    cases = session.exec(
        select(SickLeaveCase)
        .where(SickLeaveCase.employee_id == employee_id)
        .order_by(col(SickLeaveCase.sick_report_date).desc())
    ).all()
    addresses = tuple(
        CareAddressLine(c.sick_report_date, c.care_address) for c in cases if c.care_address
    )
    return details, addresses


def request_rectification(
    session: Session,
    actor: Actor,
    field: str,
    correction: str,
    *,
    field_label: str,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """A rectification request naming the field; empty or too long text is refused by
    name, a double tap by the rights service's duplicate check."""
    _own(actor)
    if field not in RECTIFIABLE:
        raise RightsError("details.unknown_field")
    correction = correction.replace("\x00", "").strip()
    if not correction:
        raise RightsError("rights.text_required")
    if len(correction) > rights.MAX_TEXT - 300:
        raise RightsError("rights.text_too_long")
    text = f"{field_label} ({field}): {correction}"
    return rights.submit(
        actor,
        str(RightsKind.RECTIFICATION),
        text,
        session=session,
        now=now,
        access=access,
        secret=secret,
    )


# --- use cases: one click each (the page or the care-address frame hands them to the runner) ---


@use_case(Role.EMPLOYEE, person=True)
def do_show_details(actor: Actor, *, ctx: Ctx) -> tuple[DetailLine, ...]:
    """His stored details; the care addresses reach him only through their own frame
    (:func:`do_care_addresses`), never a websocket frame."""
    details, _ = my_details(ctx.session, actor)
    return details


@use_case(Role.EMPLOYEE, person=True)
def do_care_addresses(actor: Actor, *, ctx: Ctx) -> tuple[CareAddressLine, ...]:
    _, addresses = my_details(ctx.session, actor)
    return addresses


@use_case(Role.EMPLOYEE, person=True)
def do_ask_correction(
    actor: Actor, field: str, correction: str, *, field_label: str, ctx: Ctx
) -> int:
    """File a rectification request for one field; the id of the request."""
    return request_rectification(
        ctx.session,
        actor,
        field,
        correction,
        field_label=field_label,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
    )
