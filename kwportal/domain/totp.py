"""Time-based one-time passwords (RFC 6238): 30-second steps, 6 digits, one step of drift
either way, and each step accepted once per account (a replayed code is refused)."""

from __future__ import annotations

import hmac
import re
from datetime import datetime

import pyotp

STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1
_CODE = re.compile(r"^[0-9]{6}$")


def normalise_code(raw: str) -> str | None:
    """Digits only (spaces and dashes from copy-paste removed), or None when malformed."""
    code = re.sub(r"[\s-]", "", raw or "")[: DIGITS + 10]
    return code if _CODE.match(code) else None


def step_of(moment: datetime) -> int:
    return int(moment.timestamp()) // STEP_SECONDS


def matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step whose code equals ``code`` within the drift window, else None."""
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    current = step_of(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def accept(secret: str, raw_code: str, now: datetime, last_step: int | None) -> int | None:
    """The step to record as used when the code is valid and not a replay; else None."""
    code = normalise_code(raw_code)
    if code is None:
        return None
    step = matching_step(secret, code, now)
    if step is None or (last_step is not None and step <= last_step):
        return None
    return step


def is_replay(secret: str, raw_code: str, now: datetime, last_step: int | None) -> bool:
    """A valid code for a step already used: refused, logged, and the owner is told."""
    code = normalise_code(raw_code)
    if code is None or last_step is None:
        return False
    step = matching_step(secret, code, now)
    return step is not None and step <= last_step


def new_secret() -> str:
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, *, username: str, issuer: str) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=username, issuer_name=issuer
    )
