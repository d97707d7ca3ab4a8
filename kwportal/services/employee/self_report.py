"""The employee reports himself sick or recovered (issue 15 item 7), where his employer
allows it (the organisation's ``employee_self_report`` setting, switched by the
administrator).

He is asked what the employer's form asks about reaching him (BRIEF.md, "What the employer
may record at a sick report"): the first sick day, a phone number or e-mail address, a care
address if he stays elsewhere, the expected duration as a choice. Never the nature or cause
of the illness, and no free text that invites it. The case is opened and closed by the very
code the employer's report runs (:mod:`kwportal.services.employer.absence`), so the
Poortwachter clock starts and stops alike. The employer learns only that a report came in:
a content-free mail to its contacts, and the case (name, personnel number, dates) on its
overview; the care team hears of it as of an employer's report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor, may_report_self, require
from kwportal.domain.roles import Role
from kwportal.models import Employee, Organisation, SickLeaveCase, SickReport
from kwportal.services.employer import partial_recovery
from kwportal.services.employer.absence import (
    FieldError,
    ReportError,
    care_team_mails,
    close_case,
    employer_mails,
    open_case,
    refuse,
)
from kwportal.services.employer.sick_report import (
    EXPECTED_DURATIONS,
    MAX_CARE_ADDRESS,
    Contact,
    parse_contact,
    sick_percent,
)
from kwportal.services.unit import Ctx, use_case

__all__ = [
    "EXPECTED_DURATIONS",
    "FIELDS",
    "MAX_CARE_ADDRESS",
    "ReportError",
    "SelfReportError",
    "SelfReportScreen",
    "do_report_partial",
    "do_report_recovered",
    "do_report_sick",
    "do_show",
]

#: the fields of his sick report, in the order the page shows them
FIELDS = (
    "first_sick_day",
    "percent_working",
    "contact_phone",
    "contact_email",
    "care_address",
    "expected_duration",
)


class SelfReportError(PermissionError):
    """His employer does not let him report himself (``code`` is a catalog key)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class SelfReportScreen:
    """What the page shows: whether he may report himself, his employer's name (whom to
    call otherwise), the first sick day of his open case if any, and today's date."""

    allowed: bool
    organisation: str
    open_since: date | None
    today: date


def _own(actor: Actor) -> int:
    return require(actor, Role.EMPLOYEE, has="employee_id", error=SelfReportError)


def _open_case(session: Session, employee_id: int, *, lock: bool = False) -> SickLeaveCase | None:
    query = (
        select(SickLeaveCase)
        .where(
            col(SickLeaveCase.employee_id) == employee_id,
            col(SickLeaveCase.recovery_date).is_(None),
        )
        .order_by(col(SickLeaveCase.sick_report_date).desc(), col(SickLeaveCase.id).desc())
    )
    return session.exec(query.with_for_update() if lock else query).first()


def _person_and_employer(
    session: Session, actor: Actor, *, lock: bool = False
) -> tuple[Employee, Organisation]:
    employee_id = _own(actor)
    query = select(Employee).where(col(Employee.id) == employee_id)
    person = session.exec(query.with_for_update() if lock else query).first()
    organisation = session.get(Organisation, person.organisation_id) if person else None
    if person is None or organisation is None:
        raise SelfReportError("auth.not_allowed")
    return person, organisation


def _allowed(actor: Actor, person: Employee, organisation: Organisation) -> None:
    assert person.id is not None
    if not may_report_self(actor, person.id, organisation_allows=organisation.employee_self_report):
        raise SelfReportError("self_report.not_allowed")


def _screen(session: Session, actor: Actor, today: date) -> SelfReportScreen:
    person, organisation = _person_and_employer(session, actor)
    assert person.id is not None
    case = _open_case(session, person.id)
    return SelfReportScreen(
        allowed=organisation.employee_self_report,
        organisation=organisation.name,
        open_since=case.sick_report_date if case else None,
        today=today,
    )


def parse_self_report(raw: Mapping[str, Any], *, today: date) -> Contact:
    """His form, checked on the server as the employer's is; only the listed fields are
    read, so nothing else he might send is kept. All problems at once, in form order."""
    errors: list[FieldError] = []
    contact = parse_contact(raw, today=today, errors=errors)
    sick_percent(raw.get("percent_working"), errors)
    if errors:
        order = {name: i for i, name in enumerate(FIELDS)}
        raise ReportError(sorted(errors, key=lambda e: order.get(e.field, len(order))))
    return contact


# --- use cases: one click each (the page hands them to the runner) ---


@use_case(Role.EMPLOYEE, person=True)
def do_show(actor: Actor, *, ctx: Ctx) -> SelfReportScreen:
    """Whether he may report himself, and his open case's first day; reading his own data
    is not an access by another person, so it is not logged."""
    return _screen(ctx.session, actor, ctx.today)


@use_case(Role.EMPLOYEE, person=True)
def do_report_sick(actor: Actor, raw: Mapping[str, Any], *, ctx: Ctx) -> SelfReportScreen:
    """Check his form, open the case as the employer's report would (the person row is
    locked: a double tap opens one case), tell the care team and his employer after the
    commit, then the page again."""
    person, organisation = _person_and_employer(ctx.session, actor, lock=True)
    _allowed(actor, person, organisation)
    today = ctx.today
    contact = parse_self_report(raw, today=today)
    report = SickReport(
        case_id=0,
        reported_at=ctx.now,
        contact_phone=contact.contact_phone,
        contact_email=contact.contact_email,
        expected_duration=contact.expected_duration,
        care_address=contact.care_address,
    )
    case_id = open_case(
        actor,
        person,
        report,
        contact.first_sick_day,
        session=ctx.session,
        access=ctx.access,
        secret=ctx.secret,
        open_field="first_sick_day",
    )
    percent = sick_percent(raw.get("percent_working"), [])
    case = ctx.session.get(SickLeaveCase, case_id)
    if percent and case is not None:  # partly sick from the first day (issue 18 item 7)
        partial_recovery.add_step(
            actor,
            case,
            contact.first_sick_day,
            percent,
            session=ctx.session,
            access=ctx.access,
            secret=ctx.secret,
        )
    _tell(ctx, person.organisation_id, "sick")
    return _screen(ctx.session, actor, today)


@use_case(Role.EMPLOYEE, person=True)
def do_report_recovered(actor: Actor, raw_date: str, *, ctx: Ctx) -> SelfReportScreen:
    """Record his first day fit again on his open case, as the employer's recovery report
    would; then the page again."""
    person, organisation = _person_and_employer(ctx.session, actor)
    _allowed(actor, person, organisation)
    assert person.id is not None
    case = _open_case(ctx.session, person.id, lock=True)
    if case is None:
        raise refuse("recovery_date", "self_report.error.no_open_case")
    close_case(
        actor,
        case,
        str(raw_date)[:20],
        session=ctx.session,
        today=ctx.today,
        access=ctx.access,
        secret=ctx.secret,
    )
    _tell(ctx, person.organisation_id, "recovery")
    return _screen(ctx.session, actor, ctx.today)


@use_case(Role.EMPLOYEE, person=True)
def do_report_partial(
    actor: Actor, raw_date: str, raw_percent: str, *, ctx: Ctx
) -> SelfReportScreen:
    """Record from which day he works which percentage of his hours on his open case (issue
    18 item 7), as the employer's partial recovery report would (100 % is his recovery
    report); then the page again."""
    person, organisation = _person_and_employer(ctx.session, actor)
    _allowed(actor, person, organisation)
    assert person.id is not None
    case = _open_case(ctx.session, person.id, lock=True)
    if case is None:
        raise refuse("from_date", "self_report.error.no_open_case")
    percent = partial_recovery.record_step(
        actor,
        case,
        str(raw_date)[:20],
        str(raw_percent)[:10],
        session=ctx.session,
        today=ctx.today,
        access=ctx.access,
        secret=ctx.secret,
    )
    _tell(ctx, person.organisation_id, "recovery" if percent == 100 else "partial_recovery")
    return _screen(ctx.session, actor, ctx.today)


def _tell(ctx: Ctx, organisation_id: int, kind: str) -> None:
    ctx.send(
        *care_team_mails(ctx.session, organisation_id, kind, ctx.origin),
        *employer_mails(ctx.session, organisation_id, f"self_report.{kind}", ctx.origin),
    )
