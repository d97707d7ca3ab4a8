"""The employee's rights under seed ch. 3 ("Wat zijn uw rechten?", A–E) and when a request
must be answered. Pure rules: no database, no Reflex.

The seed promises an answer "uiterlijk binnen vier weken" and allows no extension (issue 17
item 4): the two-month extension AVG art. 12(3) would allow is not offered. A request past
its term is overdue, shown first on the desk and escalated to the administrator once."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

#: seed ch. 3: "We reageren zo snel mogelijk, maar uiterlijk binnen vier weken".
ANSWER_TERM_DAYS = 28
#: the desk is warned this many days before a term ends
DUE_SOON_DAYS = 7


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
    """``extended`` is gone (issue 17 item 4): migration 0017 set open extended requests
    back to ``received``; the old extension columns stay readable as history."""

    RECEIVED = "received"
    ANSWERED = "answered"


OPEN_STATUSES = frozenset({RequestStatus.RECEIVED})


def due_date(received_on: date) -> date:
    """The last day to answer: four weeks after the day of receipt."""
    return received_on + timedelta(days=ANSWER_TERM_DAYS)


def is_overdue(due_on: date, today: date) -> bool:
    return today > due_on


def days_overdue(due_on: date, today: date) -> int:
    """Whole days past the term (0 while it runs)."""
    return max(0, (today - due_on).days)


def due_soon(due_on: date, today: date) -> bool:
    """The term ends within :data:`DUE_SOON_DAYS` days (today included) and has not passed."""
    return today <= due_on <= today + timedelta(days=DUE_SOON_DAYS)
