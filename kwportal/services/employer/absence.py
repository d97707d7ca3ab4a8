"""Where the Poortwachter clock starts and stops: opening a case at a sick report and closing
it at the recovery, the same for the employer's report and the employee's own (issue 15
item 7: "the clock starts and stops exactly as with the employer's report"). The callers
find the employee or the case within their own reach and lock it; this module checks the
dates, writes the case and its audit row, and names who hears of it (without health data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.models import (
    Account,
    CareTeam,
    Employee,
    Organisation,
    RecoveryStep,
    SickLeaveCase,
    SickReport,
    TeamAssignment,
    TeamMember,
)
from kwportal.services import audit
from kwportal.services.mail import Mail

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    code: str


class ReportError(ValueError):
    """The form was refused; ``errors`` names each field and a catalog key."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = tuple(errors)


def refuse(field: str, code: str) -> ReportError:
    return ReportError([FieldError(field, code)])


def clean(value: Any, limit: int) -> str:
    """Text from a form: stripped, control characters removed; one past ``limit`` is kept so
    that an over-long value is refused, never silently cut."""
    return _CONTROL.sub("", str(value if value is not None else "")).strip()[: limit + 1]


def parse_day(raw: Any) -> date | None:
    """An ISO date as a date input sends it, or None."""
    text = clean(raw, 10)
    try:
        return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def open_case(
    actor: Actor,
    person: Employee,
    report: SickReport,
    first_sick_day: date,
    *,
    session: Session,
    access: audit.AccessPoint,
    secret: str,
    open_field: str = "personnel_number",
) -> int:
    """Open the case that starts the clock on ``first_sick_day`` (the caller locked
    ``person``, so a double submit opens one case) and attach ``report`` to it; the new
    case's id. ``open_field`` is the form field that a still open case is reported at."""
    assert person.id is not None
    if (person.employment_start and person.employment_start > first_sick_day) or (
        person.employment_end and person.employment_end < first_sick_day
    ):
        raise refuse("first_sick_day", "sick.error.not_employed")
    _refuse_overlap(session, person.id, first_sick_day, open_field)
    case = SickLeaveCase(
        employee_id=person.id,
        organisation_id=person.organisation_id,
        sick_report_date=first_sick_day,
        care_address=report.care_address,
    )
    session.add(case)
    session.flush()
    assert case.id is not None
    report.case_id, report.reported_by_account_id = case.id, actor.account_id
    session.add(report)
    session.flush()
    objects = [
        audit.ObjectRef(str(Category.ABSENCE), "sick_leave_case", case.id),
        audit.ObjectRef(str(Category.EMPLOYER_RECORD), "sick_report", report.id),
    ]
    if report.care_address:
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
    return case.id


def _refuse_overlap(session: Session, employee_id: int, day: date, open_field: str) -> None:
    rows = session.execute(
        select_rows(col(SickLeaveCase.sick_report_date), col(SickLeaveCase.recovery_date)).where(
            col(SickLeaveCase.employee_id) == employee_id
        )
    ).all()
    for start, recovered in rows:
        if recovered is None:
            raise refuse(open_field, "sick.error.already_open")
        if start <= day < recovered:
            raise refuse("first_sick_day", "sick.error.overlap")


def close_case(
    actor: Actor,
    case: SickLeaveCase,
    raw_date: str,
    *,
    session: Session,
    today: date,
    access: audit.AccessPoint,
    secret: str,
) -> date:
    """Record the first day fit again on ``case`` (locked by the caller): it stops the
    Poortwachter clock. Not twice, not in the future, not before the first sick day."""
    if case.recovery_date is not None:
        raise refuse("recovery_date", "recovery.error.already")
    day = parse_day(raw_date)
    if day is None:
        raise refuse("recovery_date", "sick.error.date")
    if day > today:
        raise refuse("recovery_date", "sick.error.future")
    if day < case.sick_report_date:
        raise refuse("recovery_date", "recovery.error.before")
    if _latest_step(session, case) >= day:
        raise refuse("recovery_date", "partial_recovery.error.recovery_before_step")
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
        objects=[audit.ObjectRef(str(Category.ABSENCE), "sick_leave_case", case.id)],
        details={"field": "recovery_date"},
        secret=secret,
    )
    return day


def _latest_step(session: Session, case: SickLeaveCase) -> date:
    """The last partial-recovery date of ``case`` (issue 18 item 7), or its first sick day
    before it (a recovery on the first sick day itself stays allowed)."""
    latest = session.execute(
        select_rows(func.max(RecoveryStep.from_date)).where(col(RecoveryStep.case_id) == case.id)
    ).scalar()
    return latest if latest is not None else case.sick_report_date - timedelta(days=1)


def care_team_mails(session: Session, organisation_id: int, kind: str, origin: str) -> list[Mail]:
    """A plain notice to the doctor and every member of the team that serves the employer:
    that a report came in, for which employer, and where to look. No name, no health data."""
    team = select(TeamAssignment.care_team_id).where(
        col(TeamAssignment.organisation_id) == organisation_id
    )
    doctors = select(CareTeam.doctor_account_id).where(col(CareTeam.id).in_(team))
    members = select(TeamMember.account_id).where(col(TeamMember.care_team_id).in_(team))
    return _mails(
        session,
        col(Account.id).in_(doctors) | col(Account.id).in_(members),
        {
            "organisation": _organisation_name(session, organisation_id),
            "link": f"{origin}/portal",
        },
        kind,
    )


def employer_mails(session: Session, organisation_id: int, kind: str, origin: str) -> list[Mail]:
    """A plain notice to the employer's contacts that an employee reported himself (BRIEF.md,
    mail about a case is content-free): no name, no date, no reason; the case itself is on
    their overview, where the sign-in and the audit log stand guard."""
    return _mails(
        session,
        (col(Account.role) == str(Role.EMPLOYER_CONTACT))
        & (col(Account.organisation_id) == organisation_id),
        {
            "organisation": _organisation_name(session, organisation_id),
            "link": f"{origin}/employer",
        },
        kind,
    )


def _organisation_name(session: Session, organisation_id: int) -> str:
    organisation = session.get(Organisation, organisation_id)
    return organisation.name if organisation else ""


def _mails(session: Session, who: Any, values: dict[str, str], kind: str) -> list[Mail]:
    accounts = session.exec(
        select(Account)
        .where(who, col(Account.is_active).is_(True), col(Account.email) != "")
        .order_by(col(Account.id))
    ).all()
    return [
        Mail(
            to=account.email,
            subject=_fill(t(f"{kind}.mail_subject", account.language), values),
            body=_fill(t(f"{kind}.mail_body", account.language), values),
        )
        for account in accounts
    ]


def _fill(text: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text
