"""The order of the care team's caseload: what needs the doctor first (issue 18 item 5).

One place decides it, so the page, its tests and anyone reading the rule see the same order:

1. ``OVERDUE`` — something of his is late: a consult that has passed without its attendance
   recorded, or the problem analysis (his first feedback, due in week 6: Regeling
   procesgang eerste en tweede ziektejaar) not yet released while its date has passed;
2. ``MESSAGES`` — a message waits for him (unread in a thread he takes part in);
3. ``NEW`` — a new case without intake: no consult held or planned yet;
4. ``REST`` — everything else.

Within a group the longest absent comes first (the older first sick day), then the case id,
so the order is stable. Only facts about dates and states count here, never medical content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum


class Attention(IntEnum):
    """Why a case needs the doctor; a smaller value comes first."""

    OVERDUE = 0
    MESSAGES = 1
    NEW = 2
    REST = 3


@dataclass(frozen=True, slots=True)
class Signals:
    """What is known of one case for ordering it."""

    #: a consult passed without its attendance recorded
    consult_unrecorded: bool = False
    #: the problem analysis is late (its date passed, its employer part not released)
    analysis_late: bool = False
    #: a message in one of his threads he has not read
    unread_messages: bool = False
    #: any consult held or planned (not cancelled): the intake has started
    has_consult: bool = False


def attention(signals: Signals) -> Attention:
    """The first group the case belongs to."""
    if signals.consult_unrecorded or signals.analysis_late:
        return Attention.OVERDUE
    if signals.unread_messages:
        return Attention.MESSAGES
    if not signals.has_consult:
        return Attention.NEW
    return Attention.REST


def order_key(signals: Signals, sick_report_date: date, case_id: int) -> tuple[int, int, int]:
    """The sort key of a case on the caseload: its group, then longest absent first."""
    return (int(attention(signals)), sick_report_date.toordinal(), case_id)
