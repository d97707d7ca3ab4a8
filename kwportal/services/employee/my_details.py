"""My details (issue 5 item 8; issue 17 item 2): what is stored about the employee — his
personal and employment data and the care address of each of his cases — and per field a
request for the value he wants (seed ch. 3 B: "Op uw verzoek worden de gegevens
aangepast"), or for his medical file his own statement, each with its outcome: filed and
decided through :mod:`kwportal.services.privacy.rectification`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from kwportal.domain import rectification as rules
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.models import Employee, SickLeaveCase
from kwportal.services.privacy import rectification
from kwportal.services.privacy.rectification import ItemView, MyCase, RectificationError
from kwportal.services.privacy.rights import RightsError
from kwportal.services.unit import Ctx, use_case

__all__ = ["FIELDS", "DetailsPage", "ItemView", "MyCase", "RectificationError", "RightsError"]

#: the stored fields shown, in this order (the names are translation keys' tails)
FIELDS = rules.EMPLOYEE_FIELDS
CARE_ADDRESS = rules.CARE_ADDRESS
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


@dataclass(frozen=True, slots=True)
class DetailsPage:
    """His stored details, his rectification items with their outcome (newest first) and
    his cases to choose from; never a care address or a statement (those stay out of every
    websocket frame)."""

    details: tuple[DetailLine, ...] = ()
    items: tuple[ItemView, ...] = ()
    cases: tuple[MyCase, ...] = ()


def my_details(
    session: Session, actor: Actor
) -> tuple[tuple[DetailLine, ...], tuple[CareAddressLine, ...]]:
    employee_id = _own(actor)
    person = session.get(Employee, employee_id)
    if person is None:
        return (), ()
    details = tuple(DetailLine(name, rules.shown(getattr(person, name))) for name in FIELDS)
    cases = session.exec(
        select(SickLeaveCase)
        .where(SickLeaveCase.employee_id == employee_id)
        .order_by(col(SickLeaveCase.sick_report_date).desc())
    ).all()
    addresses = tuple(
        CareAddressLine(c.sick_report_date, c.care_address) for c in cases if c.care_address
    )
    return details, addresses


# --- use cases: one click each (the page or the care-address frame hands them to the runner) ---


def _page(actor: Actor, ctx: Ctx) -> DetailsPage:
    details, _ = my_details(ctx.session, actor)
    return DetailsPage(
        details,
        rectification.mine(ctx.session, actor),
        rectification.my_cases(ctx.session, actor),
    )


@use_case(Role.EMPLOYEE, person=True)
def do_show_details(actor: Actor, *, ctx: Ctx) -> DetailsPage:
    """His stored details and his requests' outcomes; the care addresses reach him only
    through their own frame (:func:`do_care_addresses`), never a websocket frame."""
    return _page(actor, ctx)


@use_case(Role.EMPLOYEE, person=True)
def do_care_addresses(actor: Actor, *, ctx: Ctx) -> tuple[CareAddressLine, ...]:
    _, addresses = my_details(ctx.session, actor)
    return addresses


@use_case(Role.EMPLOYEE, person=True)
def do_ask_correction(
    actor: Actor, field: str, value: str, case_id: int | None = None, *, ctx: Ctx
) -> DetailsPage:
    """Ask that one field get ``value`` (the care address: of the case named), then the
    refreshed page, in the one unit. A bad value: :class:`RectificationError` at the
    field, nothing stored."""
    rectification.ask(
        ctx.session,
        actor,
        field,
        value,
        case_id=case_id,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
    )
    return _page(actor, ctx)


@use_case(Role.EMPLOYEE, person=True)
def do_add_statement(
    actor: Actor, case_id: int | None, note_ref: str, statement: str, *, ctx: Ctx
) -> DetailsPage:
    """His own statement about his medical file (WGBO art. 7:454): the doctor adds it next
    to the text he disputes, which stays."""
    rectification.ask_statement(
        ctx.session,
        actor,
        case_id,
        note_ref,
        statement,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
    )
    return _page(actor, ctx)
