"""Session lifetimes: 15 minutes idle, 12 hours absolute, step-up after 5 minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kwportal.domain import sessions
from kwportal.domain.sessions import SessionStatus

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def status(*, last_seen: datetime = T0, now: datetime, ended: bool = False) -> SessionStatus:
    return sessions.status(created_at=T0, last_seen_at=last_seen, ended=ended, now=now)


def test_the_durations_are_those_of_the_issue():
    assert timedelta(minutes=15) == sessions.IDLE_TIMEOUT
    assert timedelta(hours=12) == sessions.ABSOLUTE_TIMEOUT
    assert timedelta(minutes=5) == sessions.STEP_UP_MAX_AGE
    assert timedelta(minutes=10) == sessions.PENDING_TIMEOUT
    assert timedelta(0) < sessions.IDLE_WARNING_BEFORE < sessions.IDLE_TIMEOUT


def test_idle_boundary():
    assert status(now=T0 + timedelta(minutes=15) - SECOND) is SessionStatus.ACTIVE
    assert status(now=T0 + timedelta(minutes=15)) is SessionStatus.IDLE


def test_activity_moves_the_idle_boundary():
    seen = T0 + timedelta(minutes=14)
    assert status(last_seen=seen, now=seen + timedelta(minutes=14)) is SessionStatus.ACTIVE


def test_absolute_boundary_holds_even_when_active():
    end = T0 + timedelta(hours=12)
    assert status(last_seen=end - SECOND, now=end - SECOND) is SessionStatus.ACTIVE
    assert status(last_seen=end - SECOND, now=end) is SessionStatus.EXPIRED


def test_expired_wins_over_idle_and_ended_wins_over_all():
    later = T0 + timedelta(days=2)
    assert status(now=later) is SessionStatus.EXPIRED
    assert status(now=later, ended=True) is SessionStatus.ENDED
    assert status(now=T0, ended=True) is SessionStatus.ENDED


@pytest.mark.parametrize(
    ("age", "needed"),
    [
        (timedelta(0), False),
        (timedelta(minutes=5) - SECOND, False),
        (timedelta(minutes=5), False),
        (timedelta(minutes=5) + SECOND, True),
        (timedelta(hours=1), True),
    ],
)
def test_step_up_boundary(age, needed):
    assert sessions.step_up_needed(T0, T0 + age) is needed


def test_step_up_is_needed_without_any_code_time():
    assert sessions.step_up_needed(None, T0)


def test_last_seen_is_moved_only_when_it_lags_by_the_touch_interval() -> None:
    assert not sessions.needs_touch(T0, T0)
    assert not sessions.needs_touch(T0, T0 + sessions.TOUCH_EVERY - timedelta(microseconds=1))
    assert sessions.needs_touch(T0, T0 + sessions.TOUCH_EVERY)
    # the lag can only shorten a session: at most TOUCH_EVERY of it, never lengthen it
    assert sessions.TOUCH_EVERY < sessions.IDLE_WARNING_BEFORE < sessions.IDLE_TIMEOUT
