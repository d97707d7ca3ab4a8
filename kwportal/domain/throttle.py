"""Throttling and lockout of sign-in attempts (BRIEF.md, Security): a growing delay after 5
failures, lockout at 20 failures in 12 hours, and a per-IP limit; account recovery is held
to the same delay, a few wrong reset codes, and a rate of "forgot password" requests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

DELAY_AFTER_FAILURES = 5
MAX_DELAY_SECONDS = 300
LOCKOUT_FAILURES = 20
LOCKOUT_WINDOW = timedelta(hours=12)
IP_FAILURES_LIMIT = 50
IP_WINDOW = timedelta(minutes=15)
#: account recovery (issue 16, item 6): wrong codes on the reset form void every reset link
#: of the account after this many (counted like the lockout, over its window)
RESET_CODE_FAILURES = 5
#: "forgot password" requests allowed per typed address and per IP within the window
RESET_REQUESTS_PER_ADDRESS = 3
RESET_REQUESTS_PER_IP = 20
RESET_REQUEST_WINDOW = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    retry_after_seconds: int = 0
    locked: bool = False


def delay_seconds(failures: int) -> int:
    """0 below the threshold, then 1, 2, 4 … seconds, capped."""
    if failures < DELAY_AFTER_FAILURES:
        return 0
    return int(min(2 ** (failures - DELAY_AFTER_FAILURES), MAX_DELAY_SECONDS))


def account_decision(failures: Sequence[datetime], now: datetime) -> Decision:
    """May this account try again now, given its failures (any order)?"""
    recent = sorted(f for f in failures if now - f < LOCKOUT_WINDOW)
    if len(recent) >= LOCKOUT_FAILURES:
        return Decision(allowed=False, locked=True)
    return delay_decision(recent, now)


def delay_decision(failures: Sequence[datetime], now: datetime) -> Decision:
    """The growing delay alone, however many failures: a password reset on a locked account
    waits like a sign-in would, instead of skipping the throttle."""
    recent = sorted(f for f in failures if now - f < LOCKOUT_WINDOW)
    wait = delay_seconds(len(recent))
    if wait and recent:
        ready = recent[-1] + timedelta(seconds=wait)
        if now < ready:
            return Decision(False, retry_after_seconds=int((ready - now).total_seconds()) + 1)
    return Decision(allowed=True)


def ip_decision(failures: Sequence[datetime], now: datetime) -> Decision:
    return window_decision(failures, now, limit=IP_FAILURES_LIMIT, window=IP_WINDOW)


def window_decision(
    events: Sequence[datetime], now: datetime, *, limit: int, window: timedelta
) -> Decision:
    """At most ``limit`` events within a sliding ``window``; else wait for the oldest to age."""
    recent = [e for e in events if now - e < window]
    if len(recent) >= limit:
        ready = min(recent) + window
        return Decision(False, retry_after_seconds=int((ready - now).total_seconds()) + 1)
    return Decision(allowed=True)
