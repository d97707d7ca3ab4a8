"""The employee's rights under seed ch. 3 ("Wat zijn uw rechten?", A–E) and when a request
must be answered. Pure rules: no database, no Reflex."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum

#: seed ch. 3: "We reageren zo snel mogelijk, maar uiterlijk binnen vier weken".
ANSWER_TERM_DAYS = 28
#: AVG art. 12(3): the term "may be extended by two further months where necessary".
EXTENSION_MONTHS = 2


class RightsKind(StrEnum):
    """Seed ch. 3, in the seed's order A–E."""

    ACCESS = "access"  # A: inzage
    RECTIFICATION = "rectification"  # B: rectificatie
    COMPLAINT = "complaint"  # C: klacht
    TRANSFER = "transfer"  # D: overdracht
    STOP = "stop"  # E: stoppen met gebruiken


#: only an access request may come without an explanation (seed ch. 3 A: "Op uw verzoek
#: worden de gegevens met u gedeeld"); the others need to say what, where or why.
TEXT_OPTIONAL = frozenset({RightsKind.ACCESS})


class RequestStatus(StrEnum):
    RECEIVED = "received"
    EXTENDED = "extended"
    ANSWERED = "answered"


OPEN_STATUSES = frozenset({RequestStatus.RECEIVED, RequestStatus.EXTENDED})


def due_date(received_on: date) -> date:
    """The last day to answer: four weeks after the day of receipt."""
    return received_on + timedelta(days=ANSWER_TERM_DAYS)


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months; the 31st lands on the month's last day, so the
    extended term is never longer than the law allows."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def extended_due_date(due_on: date) -> date:
    return add_months(due_on, EXTENSION_MONTHS)


def may_extend(due_on: date, today: date) -> bool:
    """AVG art. 12(3): the extension is told "within one month of receipt", so only while
    the original term runs."""
    return today <= due_on


def effective_due(due_on: date, extended_on: date | None) -> date:
    return extended_on or due_on


def is_overdue(due_on: date, today: date) -> bool:
    return today > due_on
