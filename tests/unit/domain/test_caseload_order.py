"""The caseload's order (issue 18 item 5): what needs the doctor first — something of his
late, then a message waiting, then a new case without intake, then the rest; the longest
absent first within each group."""

from __future__ import annotations

from datetime import date

from kwportal.domain.caseload_order import Attention, Signals, attention, order_key

SEEN = Signals(has_consult=True)


def test_each_fact_puts_the_case_in_its_group() -> None:
    assert attention(Signals(consult_unrecorded=True, has_consult=True)) is Attention.OVERDUE
    assert attention(Signals(analysis_late=True)) is Attention.OVERDUE
    assert attention(Signals(unread_messages=True, has_consult=True)) is Attention.MESSAGES
    assert attention(Signals()) is Attention.NEW  # no consult held or planned: no intake yet
    assert attention(SEEN) is Attention.REST


def test_a_late_step_outranks_a_message_and_a_message_a_new_case() -> None:
    both = Signals(analysis_late=True, unread_messages=True)
    assert attention(both) is Attention.OVERDUE
    assert attention(Signals(unread_messages=True)) is Attention.MESSAGES


def test_the_caseload_order_groups_first_then_longest_absent() -> None:
    cases = {
        1: (SEEN, date(2025, 1, 6)),  # the longest absent, nothing waiting: last
        2: (Signals(), date(2026, 11, 30)),  # new, no consult yet
        3: (Signals(unread_messages=True, has_consult=True), date(2026, 6, 1)),
        4: (Signals(analysis_late=True, has_consult=True), date(2026, 9, 1)),
        5: (Signals(consult_unrecorded=True, has_consult=True), date(2026, 8, 1)),
        6: (Signals(), date(2026, 11, 2)),
    }
    ordered = sorted(cases, key=lambda n: order_key(cases[n][0], cases[n][1], n))
    assert ordered == [5, 4, 3, 6, 2, 1]


def test_equal_cases_keep_a_stable_order_by_id() -> None:
    day = date(2026, 3, 1)
    assert order_key(SEEN, day, 7) < order_key(SEEN, day, 8)
