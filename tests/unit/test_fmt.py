"""The one formatting module (issue 18 item 3): Amsterdam time across both DST changes, a
moment near midnight UTC that is the next day in Amsterdam, Dutch and English dates, numbers
and percentages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kwportal.i18n.fmt import (
    NBSP,
    fmt_date,
    fmt_datetime,
    fmt_iso,
    fmt_iso_date,
    fmt_number,
    fmt_percent,
    fmt_size,
    fmt_time,
    fmt_time_range,
    local_date,
)


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        # last Sunday of March: 02:00 CET jumps to 03:00 CEST
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "29-03-2026 01:30"),
        (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "29-03-2026 03:30"),
        # last Sunday of October: 03:00 CEST falls back to 02:00 CET, 02:xx happens twice
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "25-10-2026 02:30"),
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "25-10-2026 02:30"),
        (datetime(2026, 10, 25, 2, 30, tzinfo=UTC), "25-10-2026 03:30"),
        # summer and winter, one and two hours ahead
        (datetime(2026, 7, 1, 12, 5, tzinfo=UTC), "01-07-2026 14:05"),
        (datetime(2026, 11, 30, 13, 5, tzinfo=UTC), "30-11-2026 14:05"),
    ],
)
def test_amsterdam_time_across_dst(utc: datetime, local: str) -> None:
    assert fmt_datetime(utc, "nl", short=True) == local
    assert fmt_datetime(utc, "en", short=True) == local


def test_naive_stored_time_is_utc() -> None:
    assert fmt_time(datetime(2026, 3, 29, 1, 30)) == "03:30"
    assert fmt_time(datetime(2026, 10, 25, 1, 30), seconds=True) == "02:30:00"


def test_near_midnight_utc_is_the_next_day_in_amsterdam() -> None:
    late = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    assert local_date(late) == date(2026, 12, 1)
    assert fmt_date(late, "nl") == "1 december 2026"
    assert fmt_datetime(late, "en") == "1 December 2026, 00:30"
    summer = datetime(2026, 6, 30, 22, 15)
    assert fmt_date(summer, "nl", short=True) == "01-07-2026"


def test_dates_in_both_languages() -> None:
    day = date(2026, 11, 30)
    assert fmt_date(day, "nl") == "30 november 2026"
    assert fmt_date(day, "en") == "30 November 2026"
    assert fmt_date(day, "nl", short=True) == fmt_date(day, "en", short=True) == "30-11-2026"
    assert fmt_date(day, "nl", weekday=True) == "maandag 30 november 2026"
    assert fmt_date(day, "en", weekday=True) == "Monday 30 November 2026"
    assert fmt_date(date(2026, 3, 5), "fr") == "5 maart 2026"
    assert fmt_date(None) == fmt_time(None) == fmt_datetime(None) == ""
    moment = datetime(2026, 11, 30, 13, 5, tzinfo=UTC)
    assert fmt_datetime(moment, "nl") == "30 november 2026, 14:05"
    assert fmt_datetime(moment, "en") == "30 November 2026, 14:05"


def test_time_range() -> None:
    start = datetime(2026, 11, 30, 13, 5, tzinfo=UTC)
    assert fmt_time_range(start, start.replace(hour=13, minute=30), short=True) == (
        "30-11-2026 14:05–14:30"
    )
    assert fmt_time_range(start, datetime(2026, 12, 1, 8, 0, tzinfo=UTC), short=True) == (
        "30-11-2026 14:05 – 01-12-2026 09:00"
    )


def test_numbers_and_percentages() -> None:
    assert fmt_number(1234, "nl") == "1.234"
    assert fmt_number(1234, "en") == "1,234"
    assert fmt_number(1234567.891, "nl", decimals=2) == "1.234.567,89"
    assert fmt_number(1234567.891, "en", decimals=2) == "1,234,567.89"
    assert fmt_number(-0.04, "nl", decimals=1) == "0,0"
    assert fmt_number(-12.5, "nl", decimals=1) == "-12,5"
    assert fmt_percent(0.4, "nl") == f"0,4{NBSP}%"
    assert fmt_percent(0.4, "en") == "0.4%"
    assert fmt_percent(50, "nl", decimals=0) == f"50{NBSP}%"
    assert fmt_percent(1234.56, "en") == "1,234.6%"


def test_iso_text_from_a_state_or_a_record() -> None:
    assert fmt_iso_date("2026-11-30", "en") == "30 November 2026"
    assert fmt_iso_date("", "nl") == "" and fmt_iso_date("soon", "nl") == "soon"
    assert fmt_iso("2026-10-25T01:30:00+00:00", "nl") == "25 oktober 2026, 02:30"
    assert fmt_iso("2026-03-29T01:30:00", "en", short=True) == "29-03-2026 03:30"
    assert fmt_iso("2026-11-30", "nl", short=True) == "30-11-2026"
    assert fmt_iso("2026-11-30 is a date", "nl") == "2026-11-30 is a date"


def test_sizes() -> None:
    assert fmt_size(10, "nl") == "1 kB"
    assert fmt_size(50 * 1024, "en") == "50 kB"
    assert fmt_size(1536 * 1024, "nl") == "1,5 MB"
    assert fmt_size(1536 * 1024, "en") == "1.5 MB"


def test_the_reports_table_speaks_the_readers_language() -> None:
    from kwportal.ui.pages.employer.reports import RawTable, table_view

    raw = RawTable("absence", ["q1"], [["Kantoor", "0.4", "x"]], ["1234.0", "0.4"], True)
    assert table_view(raw, "nl").rows == [["Kantoor", f"0,4{NBSP}%", "x"]]
    assert table_view(raw, "en").totals[1:] == ["1,234.0%", "0.4%"]
    counts = RawTable("frequency", ["q1"], [["", "1234", "x"]], ["1234", "1234"], False)
    assert table_view(counts, "nl").rows[0][1:] == ["1.234", "x"]
