"""The mail a consult sends: the invitation with an iCalendar (.ics) file, its cancellation,
the reminder the day before, and the notice to staff that a move was asked. Mail about a
case is content-free (BRIEF.md; issue 15 item 1: "time and place only, never a reason"):
time, length and place — no subject, no reason, no name of an illness; the summary of the
calendar entry is only "Afspraak KrachtWerkt"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event
from sqlmodel import Session, col, select

from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_datetime
from kwportal.models import Account, Appointment, Employee
from kwportal.services.mail import MESSAGE_ID_DOMAIN, Attachment, Mail

LOCAL = ZoneInfo("Europe/Amsterdam")
ICS_TYPE = "text/calendar"
PRODID = "-//KrachtWerkt//kwportal//NL"


def as_utc(moment: datetime) -> datetime:
    """A stored time as aware UTC (a driver may hand back a naive one)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def local_minute(moment: datetime) -> str:
    """Europe/Amsterdam time to the minute, as every list shows it: "30-11-2026 14:05"."""
    return fmt_datetime(moment, short=True)


def employee_address(session: Session, employee_id: int) -> tuple[str, str] | None:
    """Where the employee's mail goes, and in which language: his own account's address,
    else the one on his employee record (Dutch); None when there is none."""
    account = session.exec(
        select(Account)
        .where(
            col(Account.employee_id) == employee_id,
            col(Account.role) == str(Role.EMPLOYEE),
            col(Account.is_active).is_(True),
            col(Account.email) != "",
        )
        .order_by(col(Account.id))
    ).first()
    if account is not None:
        return account.email, account.language
    employee = session.get(Employee, employee_id)
    if employee is not None and employee.email:
        return employee.email, "nl"
    return None


def calendar_file(appointment: Appointment, *, now: datetime, cancel: bool = False) -> bytes:
    """One VEVENT: when, how long, where. A cancellation has the same UID, a higher
    SEQUENCE and METHOD:CANCEL, so a calendar removes the entry it added."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "PUBLISH")
    event = Event()
    event.add("uid", f"appointment-{appointment.id}@{MESSAGE_ID_DOMAIN}")
    event.add("dtstamp", as_utc(now))
    event.add("dtstart", as_utc(appointment.starts_at))
    event.add("duration", timedelta(minutes=appointment.minutes))
    event.add("summary", t("consults.ics.summary", "nl"))
    event.add("location", place_line(appointment, "nl"))
    event.add("sequence", 1 if cancel else 0)
    if cancel:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def place_line(appointment: Appointment, lang: str) -> str:
    kind = t(f"consults.kind.{appointment.place_kind}", lang)
    return f"{kind}: {appointment.location}" if appointment.location else kind


def _filled(key: str, appointment: Appointment, lang: str, origin: str) -> str:
    return (
        t(key, lang)
        .replace("{when}", fmt_datetime(appointment.starts_at, lang, weekday=True))
        .replace("{minutes}", str(appointment.minutes))
        .replace("{place}", place_line(appointment, lang))
        .replace("{link}", f"{origin}/my-case")
    )


def _to_employee(
    session: Session,
    appointment: Appointment,
    kind: str,
    *,
    origin: str,
    ics: bytes | None = None,
) -> list[Mail]:
    found = employee_address(session, appointment.employee_id)
    if found is None:
        return []
    to, lang = found
    attachments = (Attachment("afspraak.ics", ICS_TYPE, ics),) if ics is not None else ()
    return [
        Mail(
            to=to,
            subject=t(f"consults.mail.{kind}.subject", lang),
            body=_filled(f"consults.mail.{kind}.body", appointment, lang, origin),
            attachments=attachments,
        )
    ]


def invitation(
    session: Session, appointment: Appointment, *, origin: str, now: datetime
) -> list[Mail]:
    ics = calendar_file(appointment, now=now)
    return _to_employee(session, appointment, "booked", origin=origin, ics=ics)


def cancellation(
    session: Session, appointment: Appointment, *, origin: str, now: datetime
) -> list[Mail]:
    ics = calendar_file(appointment, now=now, cancel=True)
    return _to_employee(session, appointment, "cancelled", origin=origin, ics=ics)


def reminder(session: Session, appointment: Appointment, *, origin: str) -> list[Mail]:
    return _to_employee(session, appointment, "reminder", origin=origin)


def move_requested(session: Session, appointment: Appointment, *, origin: str) -> list[Mail]:
    """To the one who holds the consult: *that* a move was asked, not who or why."""
    account = session.get(Account, appointment.with_account_id or 0)
    if account is None or not account.email or not account.is_active:
        return []
    return [
        Mail(
            to=account.email,
            subject=t("consults.mail.move.subject", account.language),
            body=t("consults.mail.move.body", account.language).replace(
                "{link}", f"{origin}/care-consults"
            ),
        )
    ]
