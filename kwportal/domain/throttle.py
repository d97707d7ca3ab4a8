"""Throttling and lockout of sign-in attempts (BRIEF.md, Security): a growing delay after 5
failures, lockout at 20 failures in 12 hours, and a per-IP limit."""

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
    wait = delay_seconds(len(recent))
    if wait and recent:
        ready = recent[-1] + timedelta(seconds=wait)
        if now < ready:
            return Decision(False, retry_after_seconds=int((ready - now).total_seconds()) + 1)
    return Decision(allowed=True)


def ip_decision(failures: Sequence[datetime], now: datetime) -> Decision:
    recent = [f for f in failures if now - f < IP_WINDOW]
    if len(recent) >= IP_FAILURES_LIMIT:
        oldest = min(recent)
        ready = oldest + IP_WINDOW
        return Decision(False, retry_after_seconds=int((ready - now).total_seconds()) + 1)
    return Decision(allowed=True)
