"""Throttling and lockout rules: a growing delay after 5 failures, lockout at 20 failures
within 12 hours, and a per-IP limit. Time is an argument; nothing sleeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kwportal.domain import throttle

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def failures(n: int, at: datetime = T0, spacing: timedelta = timedelta(0)) -> list[datetime]:
    return [at + i * spacing for i in range(n)]


def test_no_delay_below_five_failures():
    assert [throttle.delay_seconds(n) for n in range(5)] == [0, 0, 0, 0, 0]


def test_the_delay_doubles_from_the_fifth_failure_and_is_capped():
    assert [throttle.delay_seconds(n) for n in range(5, 10)] == [1, 2, 4, 8, 16]
    assert throttle.delay_seconds(19) == throttle.MAX_DELAY_SECONDS
    assert throttle.delay_seconds(10_000) == throttle.MAX_DELAY_SECONDS
    delays = [throttle.delay_seconds(n) for n in range(30)]
    assert delays == sorted(delays)


def test_four_failures_do_not_slow_anyone_down():
    assert throttle.account_decision(failures(4), T0).allowed


def test_after_five_failures_the_next_try_waits():
    decision = throttle.account_decision(failures(5), T0)
    assert not decision.allowed
    assert not decision.locked
    assert decision.retry_after_seconds > 0
    assert throttle.account_decision(failures(5), T0 + SECOND).allowed


def test_retry_after_grows_with_each_failure():
    waits = []
    for n in range(5, 12):
        decision = throttle.account_decision(failures(n), T0)
        assert not decision.allowed
        waits.append(decision.retry_after_seconds)
    assert waits == sorted(waits)
    assert waits[-1] > waits[0]


def test_the_wait_counts_from_the_latest_failure_whatever_the_order():
    times = failures(6, spacing=timedelta(minutes=1))
    decision = throttle.account_decision(list(reversed(times)), times[-1] + SECOND)
    assert not decision.allowed
    assert throttle.account_decision(times, times[-1] + 2 * SECOND).allowed


def test_nineteen_failures_throttle_twenty_lock():
    spaced = failures(19, spacing=timedelta(minutes=10))
    later = spaced[-1] + timedelta(seconds=throttle.MAX_DELAY_SECONDS)
    assert throttle.account_decision(spaced, later).allowed
    locked = throttle.account_decision([*spaced, later], later + timedelta(minutes=30))
    assert locked == throttle.Decision(allowed=False, locked=True)


def test_lockout_needs_the_twenty_within_twelve_hours():
    spread = failures(20, spacing=timedelta(minutes=40))
    assert spread[-1] - spread[0] > throttle.LOCKOUT_WINDOW
    assert not throttle.account_decision(spread, spread[-1]).locked


def test_old_failures_fall_out_of_the_window():
    old = failures(20)
    assert throttle.account_decision(old, T0 + timedelta(hours=12) - SECOND).locked
    assert throttle.account_decision(old, T0 + timedelta(hours=12)).allowed
    assert throttle.account_decision(failures(5), T0 + timedelta(hours=12)).allowed


def test_the_ip_limit():
    limit = throttle.IP_FAILURES_LIMIT
    assert 20 <= limit <= 1000
    assert throttle.ip_decision(failures(limit - 1), T0).allowed
    decision = throttle.ip_decision(failures(limit), T0 + timedelta(minutes=1))
    assert not decision.allowed
    assert not decision.locked
    assert 0 < decision.retry_after_seconds <= throttle.IP_WINDOW.total_seconds()


def test_the_ip_limit_lifts_when_the_window_passes():
    spread = failures(throttle.IP_FAILURES_LIMIT, spacing=SECOND)
    assert not throttle.ip_decision(spread, spread[-1]).allowed
    assert throttle.ip_decision(spread, T0 + throttle.IP_WINDOW).allowed


@pytest.mark.parametrize("n", [0, 1, 4])
def test_a_decision_with_few_failures_says_nothing_to_wait_for(n):
    assert throttle.account_decision(failures(n), T0) == throttle.Decision(allowed=True)


def test_the_delay_alone_still_holds_once_the_account_is_locked():
    """Issue 16, item 6: the reset form of a locked account waits like a sign-in would."""
    many = failures(throttle.LOCKOUT_FAILURES + 5, spacing=SECOND)
    last = many[-1]
    assert throttle.account_decision(many, last + SECOND).locked

    waiting = throttle.delay_decision(many, last + SECOND)

    assert not waiting.allowed and not waiting.locked
    assert waiting.retry_after_seconds == throttle.MAX_DELAY_SECONDS
    assert throttle.delay_decision(many, last + throttle.MAX_DELAY_SECONDS * SECOND).allowed


def test_a_sliding_window_allows_its_limit_then_waits_for_the_oldest_to_age():
    window = timedelta(hours=1)
    three = failures(3, spacing=timedelta(minutes=10))

    assert throttle.window_decision(three[:2], T0, limit=3, window=window).allowed
    full = throttle.window_decision(three, T0 + timedelta(minutes=30), limit=3, window=window)
    assert not full.allowed and full.retry_after_seconds == 30 * 60 + 1
    assert throttle.window_decision(three, T0 + window, limit=3, window=window).allowed
