"""The employer's sick report and recovery report (BRIEF.md, "What the employer may record at a
sick report (Dutch DPA rules)").

The form asks only: how to reach the employee (phone, e-mail, care address), the expected
duration (a choice, not a text), work and appointments to hand over, and three yes/no
questions (Ziektewet safety net, work accident, traffic accident with a liable third party).
Never the nature or cause of the illness. The care address goes to the care team: it is
stored under ``care_address`` (the employer's role has no access to it), so it never comes
back to the employer. The care team hears of the report by mail after the commit, without
health content and without the employee's name. The optional date of birth fills (or
corrects) the person's identity record, audited; it is never shown back. Where the clock
starts and stops is shared with the employee's own report (``absence``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from kwportal.domain import partial_absence
from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, require
from kwportal.domain.retention import date_problems
from kwportal.domain.roles import Role
from kwportal.models import Employee, SickLeaveCase, SickReport
from kwportal.services import audit
from kwportal.services.employer import partial_recovery
from kwportal.services.employer.absence import (
    FieldError,
    ReportError,
    care_team_mails,
    clean,
    close_case,
    open_case,
    parse_day,
    refuse,
)
from kwportal.services.mail import Mail
from kwportal.services.unit import Ctx, use_case

__all__ = [
    "FieldError",
    "ReportError",
    "Reported",
    "SickReportForm",
    "care_team_mails",
    "clean",
    "parse_form",
    "report_recovery",
    "report_sick",
    "sick_percent",
]

EXPECTED_DURATIONS = ("unknown", "days", "weeks_1_2", "weeks_2_6", "weeks_over_6")
"""The expected duration as the employer estimates it: a choice, so no text invites a reason."""
YES_NO = {"yes": True, "no": False}
MAX_HANDOVER = 1000
MAX_CARE_ADDRESS = 300
MAX_PHONE = 30
MAX_EMAIL = 254
MAX_NUMBER = 40
MAX_FIRST_NAME = 100
MAX_LAST_NAME = 150
BACKDATE_DAYS = 365
"""A sick report may be made up to a year late; an older first sick day is a data error."""
MIN_WORKING_AGE = 13
"""Dutch law lets children work from 13 (Arbeidstijdenwet): a younger date of birth is a typo."""
MAX_AGE = 100

_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,29}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")

FIELDS = (
    "personnel_number",
    "first_name",
    "last_name",
    "first_sick_day",
    "percent_working",
    "date_of_birth",
    "contact_phone",
    "contact_email",
    "care_address",
    "expected_duration",
    "handover_work",
    "safety_net",
    "work_accident",
    "traffic_accident",
)


@dataclass(frozen=True, slots=True)
class Reported:
    case_id: int
    mails: list[Mail] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Contact:
    """What both sick reports ask (the employer's and the employee's own): the first sick
    day, how to reach the employee, where he stays if elsewhere, the expected duration."""

    first_sick_day: date
    contact_phone: str
    contact_email: str
    care_address: str
    expected_duration: str


def parse_contact(raw: Mapping[str, Any], *, today: date, errors: list[FieldError]) -> Contact:
    """The shared fields, checked on the server; problems are added to ``errors`` (the
    returned value is meaningful only when none were)."""
    first = parse_day(raw.get("first_sick_day"))
    if first is None:
        errors.append(FieldError("first_sick_day", "sick.error.date"))
    elif first > today:
        errors.append(FieldError("first_sick_day", "sick.error.future"))
    elif first < today - timedelta(days=BACKDATE_DAYS):
        errors.append(FieldError("first_sick_day", "sick.error.too_old"))
    phone = clean(raw.get("contact_phone"), MAX_PHONE)
    email = clean(raw.get("contact_email"), MAX_EMAIL)
    care_address = clean(raw.get("care_address"), MAX_CARE_ADDRESS)
    if phone and not _PHONE.match(phone):
        errors.append(FieldError("contact_phone", "sick.error.phone"))
    if email and (len(email) > MAX_EMAIL or not _EMAIL.match(email)):
        errors.append(FieldError("contact_email", "sick.error.email"))
    if not phone and not email:
        errors.append(FieldError("contact_phone", "sick.error.contact"))
    if len(care_address) > MAX_CARE_ADDRESS:
        errors.append(FieldError("care_address", "sick.error.too_long"))
    duration = clean(raw.get("expected_duration"), 20)
    if duration not in EXPECTED_DURATIONS:
        errors.append(FieldError("expected_duration", "sick.error.choose"))
    return Contact(first or today, phone, email, care_address, duration)


def _birth(raw: Any, today: date, errors: list[FieldError]) -> date | None:
    """The optional date of birth (identity; the employer records it, never reads it back):
    it decides the radiation retention term (Besluit Stralingshygiëne art. 100)."""
    if not clean(raw, 10):
        return None
    born = parse_day(raw)
    if born is None:
        errors.append(FieldError("date_of_birth", "sick.error.date"))
        return None
    problems = date_problems(
        employment_start=None,
        employment_end=None,
        date_of_birth=born,
        date_of_death=None,
        today=today,
    )
    if problems:
        errors.append(FieldError("date_of_birth", problems[0]))
    elif not (
        today.replace(year=today.year - MAX_AGE)
        <= born
        <= today.replace(year=today.year - MIN_WORKING_AGE)
    ):
        errors.append(FieldError("date_of_birth", "sick.error.birth_range"))
    return born


@dataclass(frozen=True, slots=True)
class SickReportForm:
    personnel_number: str
    first_sick_day: date
    contact_phone: str
    contact_email: str
    care_address: str
    expected_duration: str
    handover_work: str
    safety_net: bool
    work_accident: bool
    traffic_accident: bool
    date_of_birth: date | None = None
    #: only for someone not known yet: the sick report is how a person comes in (issue 17
    #: item 1: the roster never stores the rest of the workforce)
    first_name: str = ""
    last_name: str = ""
    #: partly sick from the first day: the percentage still worked (issue 18 item 7)
    percent_working: int = 0


def sick_percent(raw: Any, errors: list[FieldError]) -> int:
    """Blank is fully sick (0 %); partly sick is 1–99 % still working."""
    if not clean(raw, 5):
        return 0
    percent = partial_recovery.parse_percent(raw)
    if percent is None or percent > partial_absence.MAX_PARTIAL:
        errors.append(FieldError("percent_working", "partial_recovery.error.sick_percent"))
        return 0
    return percent


def parse_form(raw: Mapping[str, Any], *, today: date) -> SickReportForm:
    """Server-side validation of every field; all problems at once."""
    errors: list[FieldError] = []
    number = clean(raw.get("personnel_number"), MAX_NUMBER)
    if not number or len(number) > MAX_NUMBER:
        errors.append(FieldError("personnel_number", "sick.error.number"))
    first_name = clean(raw.get("first_name"), MAX_FIRST_NAME)
    last_name = clean(raw.get("last_name"), MAX_LAST_NAME)
    for name, value, limit in (
        ("first_name", first_name, MAX_FIRST_NAME),
        ("last_name", last_name, MAX_LAST_NAME),
    ):
        if len(value) > limit:
            errors.append(FieldError(name, "sick.error.name_too_long"))
    contact = parse_contact(raw, today=today, errors=errors)
    born = _birth(raw.get("date_of_birth"), today, errors)
    percent = sick_percent(raw.get("percent_working"), errors)
    handover = clean(raw.get("handover_work"), MAX_HANDOVER)
    if len(handover) > MAX_HANDOVER:
        errors.append(FieldError("handover_work", "sick.error.too_long"))
    flags: dict[str, bool] = {}
    for name in ("safety_net", "work_accident", "traffic_accident"):
        answer = clean(raw.get(name), 3)
        if answer not in YES_NO:
            errors.append(FieldError(name, "sick.error.yes_no"))
        flags[name] = YES_NO.get(answer, False)
    if errors:
        raise ReportError(_in_form_order(errors))
    return SickReportForm(
        personnel_number=number,
        first_sick_day=contact.first_sick_day,
        contact_phone=contact.contact_phone,
        contact_email=contact.contact_email,
        care_address=contact.care_address,
        expected_duration=contact.expected_duration,
        handover_work=handover,
        date_of_birth=born,
        first_name=first_name,
        last_name=last_name,
        percent_working=percent,
        **flags,
    )


def _in_form_order(errors: list[FieldError]) -> list[FieldError]:
    order = {name: i for i, name in enumerate(FIELDS)}
    return sorted(errors, key=lambda e: order.get(e.field, len(order)))


def _require_employer(actor: Actor) -> int:
    return require(actor, Role.EMPLOYER_CONTACT, has="organisation_id", error=PermissionError)


def report_sick(
    actor: Actor,
    form: SickReportForm,
    *,
    session: Session,
    access: audit.AccessPoint,
    secret: str,
    origin: str,
) -> Reported:
    """Open a case for an employee of the actor's own organisation. The employee row is locked,
    so two submits of the same report cannot both open a case."""
    organisation_id = _require_employer(actor)
    person = _known(session, organisation_id, form.personnel_number)
    if person is None:
        person = _register(actor, organisation_id, form, session, access, secret)
    assert person.id is not None
    report = SickReport(
        case_id=0,
        contact_phone=form.contact_phone,
        contact_email=form.contact_email,
        expected_duration=form.expected_duration,
        handover_work=form.handover_work,
        safety_net=form.safety_net,
        work_accident=form.work_accident,
        traffic_accident_third_party=form.traffic_accident,
        care_address=form.care_address,
    )
    case_id = open_case(
        actor, person, report, form.first_sick_day, session=session, access=access, secret=secret
    )
    if form.percent_working:
        case = session.get(SickLeaveCase, case_id)
        assert case is not None
        partial_recovery.add_step(
            actor,
            case,
            form.first_sick_day,
            form.percent_working,
            session=session,
            access=access,
            secret=secret,
        )
    if form.date_of_birth is not None:
        set_birth_date(
            actor, person, form.date_of_birth, session=session, access=access, secret=secret
        )
    return Reported(case_id, care_team_mails(session, organisation_id, "sick", origin))


def _known(session: Session, organisation_id: int, number: str) -> Employee | None:
    return session.exec(
        select(Employee)
        .where(
            col(Employee.organisation_id) == organisation_id,
            col(Employee.personnel_number) == number,
        )
        .with_for_update()
    ).first()


def _register(
    actor: Actor,
    organisation_id: int,
    form: SickReportForm,
    session: Session,
    access: audit.AccessPoint,
    secret: str,
) -> Employee:
    """The person this report brings into care, with what the employer typed: personnel
    number and name (issue 17 item 1: only people for whom care starts are stored). Two
    reports of the same new person at once: the second finds the first's row."""
    missing = [
        FieldError(name, "sick.error.name_needed")
        for name in ("first_name", "last_name")
        if not getattr(form, name)
    ]
    if missing:
        raise ReportError(missing)
    person = Employee(
        organisation_id=organisation_id,
        personnel_number=form.personnel_number,
        first_name=form.first_name,
        last_name=form.last_name,
    )
    try:
        with session.begin_nested():
            session.add(person)
            session.flush()
    except IntegrityError:
        found = _known(session, organisation_id, form.personnel_number)
        if found is None:
            raise
        return found
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="employee_registered",
        action=audit.Action.CREATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=person.id,
        objects=[audit.ObjectRef(str(Category.IDENTITY), "employee", person.id)],
        details={"by": "sick_report"},
        secret=secret,
    )
    return person


def set_birth_date(
    actor: Actor,
    person: Employee,
    born: date,
    *,
    session: Session,
    access: audit.AccessPoint,
    secret: str,
) -> None:
    """Fill (or correct) the date of birth that came with the sick report; a change is
    audited with its old and new value (identity, not medical). It moves the radiation
    retention term (age 75), so it must not go unrecorded."""
    if person.date_of_birth == born:
        return
    if person.date_of_death is not None and person.date_of_death < born:
        raise refuse("date_of_birth", "date.death_before_birth")
    old, person.date_of_birth = person.date_of_birth, born
    session.add(person)
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="date_of_birth_set",
        action=audit.Action.UPDATE,
        ground=audit.Ground.CONTRACT,
        subject_employee_id=person.id,
        objects=[audit.ObjectRef(str(Category.IDENTITY), "employee", person.id)],
        details={"field": "date_of_birth", "old": old, "new": born},
        secret=secret,
    )


def report_recovery(
    actor: Actor,
    case_id: int,
    raw_date: str,
    *,
    session: Session,
    today: date,
    access: audit.AccessPoint,
    secret: str,
    origin: str,
) -> list[Mail]:
    """Record the first day the employee is fit again: it stops the Poortwachter clock."""
    organisation_id = _require_employer(actor)
    case = session.exec(
        select(SickLeaveCase).where(col(SickLeaveCase.id) == case_id).with_for_update()
    ).first()
    if case is None or case.organisation_id != organisation_id:
        raise refuse("case", "employer_case.not_found")
    close_case(actor, case, raw_date, session=session, today=today, access=access, secret=secret)
    return care_team_mails(session, organisation_id, "recovery", origin)


# --- use cases: one click each (the page hands them to the runner) ---


@use_case(Role.EMPLOYER_CONTACT)
def do_open_form(actor: Actor, *, ctx: Ctx) -> date:
    """The form's "today" (no first sick day after it)."""
    return ctx.today


@use_case(Role.EMPLOYER_CONTACT)
def do_report_sick(actor: Actor, raw: Mapping[str, Any], *, ctx: Ctx) -> int:
    """Check the form, open the case and tell the care team after the commit; the new
    case's id (nothing the employer typed comes back)."""
    form = parse_form(raw, today=ctx.today)
    done = report_sick(
        actor, form, session=ctx.session, access=ctx.access, secret=ctx.secret, origin=ctx.origin
    )
    ctx.send(*done.mails)
    return done.case_id
