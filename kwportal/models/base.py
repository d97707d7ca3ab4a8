"""Shared column helpers. Times are timezone-aware UTC (SQLModel's UTCDateTime)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


#: the largest id a row can have (SQLite INTEGER, PostgreSQL BIGINT): a longer number from
#: a URL names nothing, and no driver takes it as an integer
MAX_ROW_ID = 2**63 - 1
