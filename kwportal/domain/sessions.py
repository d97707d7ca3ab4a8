"""Session lifetimes (BRIEF.md: short sessions, re-authentication before sensitive acts)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

IDLE_TIMEOUT = timedelta(minutes=15)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
IDLE_WARNING_BEFORE = timedelta(minutes=2)
STEP_UP_MAX_AGE = timedelta(minutes=5)
#: between password and code, and during enrolment
PENDING_TIMEOUT = timedelta(minutes=10)
#: "last seen" is written at most this often: each call of a signed-in page would otherwise
#: be a durable write. The stored time is then at most this much behind, so a session can
#: only go idle that much *earlier*, never later.
TOUCH_EVERY = timedelta(seconds=15)


class SessionStatus(StrEnum):
    ACTIVE = "active"
    IDLE = "idle"
    EXPIRED = "expired"
    ENDED = "ended"


def status(
    *, created_at: datetime, last_seen_at: datetime, ended: bool, now: datetime
) -> SessionStatus:
    if ended:
        return SessionStatus.ENDED
    if now - created_at >= ABSOLUTE_TIMEOUT:
        return SessionStatus.EXPIRED
    if now - last_seen_at >= IDLE_TIMEOUT:
        return SessionStatus.IDLE
    return SessionStatus.ACTIVE


def step_up_needed(last_totp_at: datetime | None, now: datetime) -> bool:
    return last_totp_at is None or now - last_totp_at > STEP_UP_MAX_AGE


def needs_touch(last_seen_at: datetime, now: datetime) -> bool:
    """Whether a request at ``now`` should move the stored "last seen" forward."""
    return now - last_seen_at >= TOUCH_EVERY
