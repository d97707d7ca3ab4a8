"""Shared column helpers. Times are timezone-aware UTC (SQLModel's UTCDateTime)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
