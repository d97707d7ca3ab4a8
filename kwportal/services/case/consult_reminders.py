"""The reminder the day before a consult (issue 15 items 1 and 8), a periodic job of the
task queue. Each appointment that starts tomorrow (a Europe/Amsterdam day) is *claimed*
with one conditional UPDATE (``reminder_sent_at`` still empty, not cancelled) that only one
worker can win, and its content-free mail is written to the outbox in that same
transaction: several workers, a repeated run or a crash in between never send it twice
and never lose it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from kwportal.db import get_engine, read_transaction, transaction
from kwportal.models import Appointment
from kwportal.services.case import consult_mail
from kwportal.services.jobs import outbox
from kwportal.settings import Settings, get_settings

BATCH = 500


@dataclass
class Reminded:
    queued: int = 0
    #: claimed, but nobody to mail (no address): marked so it is not looked at again
    without_address: int = 0

    def summary(self) -> str:
        return f"{self.queued} reminders queued, {self.without_address} without an address"


def tomorrow(now: datetime) -> tuple[datetime, datetime]:
    """Tomorrow in Europe/Amsterdam, as a UTC interval [start, end)."""
    today = now.astimezone(consult_mail.LOCAL).date()
    start = datetime.combine(today + timedelta(days=1), time(), tzinfo=consult_mail.LOCAL)
    end = datetime.combine(today + timedelta(days=2), time(), tzinfo=consult_mail.LOCAL)
    return start.astimezone(UTC), end.astimezone(UTC)


def _unsent(starts: datetime, ends: datetime):  # type: ignore[no-untyped-def]
    return (
        col(Appointment.starts_at) >= starts,
        col(Appointment.starts_at) < ends,
        col(Appointment.reminder_sent_at).is_(None),
        col(Appointment.status) != "cancelled",
    )


def send_reminders(
    *,
    engine: Engine | None = None,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> Reminded:
    engine = engine or get_engine()
    settings = settings or get_settings()
    at = now or datetime.now(UTC)
    starts, ends = tomorrow(at)
    with read_transaction(engine) as session:
        due = session.exec(
            select(Appointment.id)
            .where(*_unsent(starts, ends))
            .order_by(col(Appointment.id))
            .limit(BATCH)
        ).all()
    report = Reminded()
    for appointment_id in due:
        if appointment_id is not None:
            _claim_and_queue(engine, settings, appointment_id, starts, ends, at, report)
    return report


def _claim_and_queue(
    engine: Engine,
    settings: Settings,
    appointment_id: int,
    starts: datetime,
    ends: datetime,
    now: datetime,
    report: Reminded,
) -> None:
    with transaction(engine) as session:
        won = session.execute(
            update(Appointment)
            .where(col(Appointment.id) == appointment_id, *_unsent(starts, ends))
            .values(reminder_sent_at=now)
        )
        if won.rowcount != 1:  # type: ignore[attr-defined]
            return  # another worker, or a cancellation, got there first
        row = session.get(Appointment, appointment_id, populate_existing=True)
        assert row is not None
        mails = consult_mail.reminder(session, row, origin=settings.public_origin)
        outbox.enqueue(session, mails, now=now, secret=settings.secret_key)
    if mails:
        report.queued += 1
    else:
        report.without_address += 1
