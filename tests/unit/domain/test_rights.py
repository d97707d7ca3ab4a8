"""When a rights request must be answered (seed ch. 3: "uiterlijk binnen vier weken"): four
weeks after receipt, never extended (issue 17 item 4); how far it is overdue, and when the
desk is warned."""

from __future__ import annotations

from datetime import date

import kwportal.domain.rights as rules
from kwportal.domain.rights import (
    ANSWER_TERM_DAYS,
    OPEN_STATUSES,
    RequestStatus,
    RightsKind,
    days_overdue,
    due_date,
    due_soon,
    is_overdue,
)


def test_the_five_rights_of_the_seed_in_order() -> None:
    assert [str(k) for k in RightsKind] == [
        "access",
        "rectification",
        "complaint",
        "transfer",
        "stop",
    ]


def test_four_weeks_from_the_day_of_receipt() -> None:
    assert ANSWER_TERM_DAYS == 28
    assert due_date(date(2026, 11, 28)) == date(2026, 12, 26)
    assert due_date(date(2026, 2, 10)) == date(2026, 3, 10)


def test_there_is_no_extension() -> None:
    """The seed allows none: no extended status, no rule that moves the term."""
    assert [str(s) for s in RequestStatus] == ["received", "answered"]
    assert {str(s) for s in OPEN_STATUSES} == {"received"}
    for gone in ("EXTENSION_MONTHS", "extended_due_date", "may_extend", "effective_due"):
        assert not hasattr(rules, gone)


def test_overdue_is_after_the_due_date_counted_in_days() -> None:
    due = date(2026, 12, 26)
    assert not is_overdue(due, due)
    assert is_overdue(due, date(2026, 12, 27))
    assert days_overdue(due, due) == 0
    assert days_overdue(due, date(2026, 12, 20)) == 0
    assert days_overdue(due, date(2027, 1, 5)) == 10


def test_the_desk_is_warned_a_week_before() -> None:
    due = date(2026, 12, 26)
    assert due_soon(due, date(2026, 12, 19))
    assert due_soon(due, due)
    assert not due_soon(due, date(2026, 12, 18))
    assert not due_soon(due, date(2026, 12, 27))  # overdue is not "soon"
