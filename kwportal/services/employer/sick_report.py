"""The employer's sick report and recovery report (BRIEF.md, "What the employer may record at a
sick report (Dutch DPA rules)").

The form asks only: how to reach the employee (phone, e-mail, care address), the expected
duration (a choice, not a text), work and appointments to hand over, and three yes/no
questions (Ziektewet safety net, work accident, traffic accident with a liable third party).
Never the nature or cause of the illness. The care address goes to the care team: it is
stored under ``care_address`` (the employer's role has no access to it), so it never comes
back to the employer. The care team hears of the report by mail after the commit, without
health content and without the employee's name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.models import (
    Account,
    CareTeam,
    Employee,
    Organisation,
    SickLeaveCase,
    SickReport,
    TeamAssignment,
    TeamMember,
)
from kwportal.services import audit
from kwportal.services.mail import Mail
from kwportal.services.unit import Ctx, use_case

EXPECTED_DURATIONS = ("unknown", "days", "weeks_1_2", "weeks_2_6", "weeks_over_6")
"""The expected duration as the employer estimates it: a choice, so no text invites a reason."""
YES_NO = {"yes": True, "no": False}
MAX_HANDOVER = 1000
MAX_CARE_ADDRESS = 300
MAX_PHONE = 30
MAX_EMAIL = 254
MAX_NUMBER = 40
BACKDATE_DAYS = 365
"""A sick report may be made up to a year late; an older first sick day is a data error."""

_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,29}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

FIELDS = (
    "personnel_number",
    "first_sick_day",
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
class FieldError:
    field: str
    code: str


class ReportError(ValueError):
    """The form was refused; ``errors`` names each field and a catalog key."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = tuple(errors)


@dataclass(frozen=True, slots=True)
class Reported:
    case_id: int
    mails: list[Mail] = field(default_factory=list)


def clean(value: Any, limit: int) -> str:
    """Text from a form: stripped, control characters removed; one past ``limit`` is kept so
    that an over-long value is refused, never silently cut."""
    return _CONTROL.sub("", str(value if value is not None else "")).strip()[: limit + 1]


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
    except ValueError:
        return None


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


def parse_form(raw: Mapping[str, Any], *, today: date) -> SickReportForm:
    """Server-side validation of every field; all problems at once."""
    text = {
        "personnel_number": clean(raw.get("personnel_number"), MAX_NUMBER),
        "contact_phone": clean(raw.get("contact_phone"), MAX_PHONE),
        "contact_email": clean(raw.get("contact_email"), MAX_EMAIL),
        "care_address": clean(raw.get("care_address"), MAX_CARE_ADDRESS),
        "handover_work": clean(raw.get("handover_work"), MAX_HANDOVER),
    }
    errors: list[FieldError] = []
    if not text["personnel_number"] or len(text["personnel_number"]) > MAX_NUMBER:
        errors.append(FieldError("personnel_number", "sick.error.number"))
    first = _day(clean(raw.get("first_sick_day"), 10))
    if first is None:
        errors.append(FieldError("first_sick_day", "sick.error.date"))
    elif first > today:
        errors.append(FieldError("first_sick_day", "sick.error.future"))
    elif first < today - timedelta(days=BACKDATE_DAYS):
        errors.append(FieldError("first_sick_day", "sick.error.too_old"))
    phone, email = text["contact_phone"], text["contact_email"]
    if phone and not _PHONE.match(phone):
        errors.append(FieldError("contact_phone", "sick.error.phone"))
    if email and (len(email) > MAX_EMAIL or not _EMAIL.match(email)):
        errors.append(FieldError("contact_email", "sick.error.email"))
    if not phone and not email:
        errors.append(FieldError("contact_phone", "sick.error.contact"))
    if len(text["care_address"]) > MAX_CARE_ADDRESS:
        errors.append(FieldError("care_address", "sick.error.too_long"))
    if len(text["handover_work"]) > MAX_HANDOVER:
        errors.append(FieldError("handover_work", "sick.error.too_long"))
    duration = clean(raw.get("expected_duration"), 20)
    if duration not in EXPECTED_DURATIONS:
        errors.append(FieldError("expected_duration", "sick.error.choose"))
    flags: dict[str, bool] = {}
    for name in ("safety_net", "work_accident", "traffic_accident"):
        answer = clean(raw.get(name), 3)
        if answer not in YES_NO:
            errors.append(FieldError(name, "sick.error.yes_no"))
        flags[name] = YES_NO.get(answer, False)
    if errors:
        raise ReportError(errors)
    assert first is not None
    return SickReportForm(
        personnel_number=text["personnel_number"],
        first_sick_day=first,
        contact_phone=phone,
        contact_email=email,
        care_address=text["care_address"],
        expected_duration=duration,
        handover_work=text["handover_work"],
        **flags,
    )


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
    person = session.exec(
        select(Employee)
        .where(
            col(Employee.organisation_id) == organisation_id,
            col(Employee.personnel_number) == form.personnel_number,
        )
        .with_for_update()
    ).first()
    if person is None or person.id is None:
        raise ReportError([FieldError("personnel_number", "sick.error.unknown")])
    day = form.first_sick_day
    if (person.employment_start and person.employment_start > day) or (
        person.employment_end and person.employment_end < day
    ):
        raise ReportError([FieldError("first_sick_day", "sick.error.not_employed")])
    _refuse_overlap(session, person.id, day)
    case = SickLeaveCase(
        employee_id=person.id,
        organisation_id=organisation_id,
        sick_report_date=day,
        care_address=form.care_address,
    )
    session.add(case)
    session.flush()
    assert case.id is not None
    report = SickReport(
        case_id=case.id,
        reported_by_account_id=actor.account_id,
        contact_phone=form.contact_phone,
        contact_email=form.contact_email,
        expected_duration=form.expected_duration,
        handover_work=form.handover_work,
        safety_net=form.safety_net,
        work_accident=form.work_accident,
        traffic_accident_third_party=form.traffic_accident,
        care_address=form.care_address,
    )
    session.add(report)
    session.flush()
    objects = [
        audit.ObjectRef(str(Category.ABSENCE), "sick_leave_case", case.id),
        audit.ObjectRef(str(Category.EMPLOYER_RECORD), "sick_report", report.id),
    ]
    if form.care_address:
        objects.append(audit.ObjectRef(str(Category.CARE_ADDRESS), "sick_report", report.id))
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="sick_report",
        action=audit.Action.CREATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=person.id,
        objects=objects,
        secret=secret,
    )
    return Reported(case.id, care_team_mails(session, organisation_id, "sick", origin))


def _refuse_overlap(session: Session, employee_id: int, day: date) -> None:
    rows = session.execute(
        select_rows(col(SickLeaveCase.sick_report_date), col(SickLeaveCase.recovery_date)).where(
            col(SickLeaveCase.employee_id) == employee_id
        )
    ).all()
    for start, recovered in rows:
        if recovered is None:
            raise ReportError([FieldError("personnel_number", "sick.error.already_open")])
        if start <= day < recovered:
            raise ReportError([FieldError("first_sick_day", "sick.error.overlap")])


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
        raise ReportError([FieldError("case", "employer_case.not_found")])
    if case.recovery_date is not None:
        raise ReportError([FieldError("recovery_date", "recovery.error.already")])
    day = _day(clean(raw_date, 10))
    if day is None:
        raise ReportError([FieldError("recovery_date", "sick.error.date")])
    if day > today:
        raise ReportError([FieldError("recovery_date", "sick.error.future")])
    if day < case.sick_report_date:
        raise ReportError([FieldError("recovery_date", "recovery.error.before")])
    case.recovery_date = day
    session.add(case)
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type="recovery_report",
        action=audit.Action.UPDATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=case.employee_id,
        objects=[audit.ObjectRef(str(Category.ABSENCE), "sick_leave_case", case_id)],
        details={"field": "recovery_date"},
        secret=secret,
    )
    return care_team_mails(session, organisation_id, "recovery", origin)


def care_team_mails(session: Session, organisation_id: int, kind: str, origin: str) -> list[Mail]:
    """A plain notice to the doctor and every member of the team that serves the employer:
    that a report came in, for which employer, and where to look. No name, no health data."""
    team = select(TeamAssignment.care_team_id).where(
        col(TeamAssignment.organisation_id) == organisation_id
    )
    doctors = select(CareTeam.doctor_account_id).where(col(CareTeam.id).in_(team))
    members = select(TeamMember.account_id).where(col(TeamMember.care_team_id).in_(team))
    accounts = session.exec(
        select(Account)
        .where(
            col(Account.id).in_(doctors) | col(Account.id).in_(members),
            col(Account.is_active).is_(True),
            col(Account.email) != "",
        )
        .order_by(col(Account.id))
    ).all()
    organisation = session.get(Organisation, organisation_id)
    name = organisation.name if organisation else ""
    return [
        Mail(
            to=account.email,
            subject=t(f"{kind}.mail_subject", account.language).replace("{organisation}", name),
            body=t(f"{kind}.mail_body", account.language)
            .replace("{organisation}", name)
            .replace("{link}", f"{origin}/portal"),
        )
        for account in accounts
    ]


# --- use cases: one click each (the page hands them to the runner) ---


@use_case(Role.EMPLOYER_CONTACT)
def do_open_form(actor: Actor, *, ctx: Ctx) -> date:
    """The form's "today" (no first sick day after it)."""
    return ctx.now.date()


@use_case(Role.EMPLOYER_CONTACT)
def do_report_sick(actor: Actor, raw: Mapping[str, Any], *, ctx: Ctx) -> int:
    """Check the form, open the case and tell the care team after the commit; the new
    case's id (nothing the employer typed comes back)."""
    form = parse_form(raw, today=ctx.now.date())
    done = report_sick(
        actor, form, session=ctx.session, access=ctx.access, secret=ctx.secret, origin=ctx.origin
    )
    ctx.send(*done.mails)
    return done.case_id
