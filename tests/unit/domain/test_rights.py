"""When a rights request must be answered (seed ch. 3) and how far it may be extended
(AVG art. 12(3))."""

from __future__ import annotations

from datetime import date

import pytest

from kwportal.domain.rights import (
    ANSWER_TERM_DAYS,
    RightsKind,
    add_months,
    due_date,
    effective_due,
    extended_due_date,
    is_overdue,
    may_extend,
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


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 26), 2, date(2027, 2, 26)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),
        (date(2026, 11, 30), 2, date(2027, 1, 30)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 10, 31), 2, date(2026, 12, 31)),
        (date(2026, 5, 15), 0, date(2026, 5, 15)),
    ],
)
def test_add_months_never_overshoots_the_month(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_extension_is_two_months_and_only_within_the_term() -> None:
    due = date(2026, 12, 26)
    assert extended_due_date(due) == date(2027, 2, 26)
    assert may_extend(due, date(2026, 12, 26))
    assert not may_extend(due, date(2026, 12, 27))


def test_overdue_is_after_the_effective_due_date() -> None:
    due = date(2026, 12, 26)
    assert not is_overdue(due, due)
    assert is_overdue(due, date(2026, 12, 27))
    assert effective_due(due, None) == due
    assert effective_due(due, date(2027, 2, 26)) == date(2027, 2, 26)
