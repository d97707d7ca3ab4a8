"""Dates, times, numbers and percentages as a person reads them (issue 18 item 3). Times are
stored in UTC and always shown in Europe/Amsterdam time (BRIEF.md, "Times are stored in UTC
and always shown in Europe/Amsterdam time"); a stored time without a zone is UTC (SQLite hands
times back naive). Dates read "30 november 2026" (Dutch) / "30 November 2026" (English), or
"30-11-2026" on dense lists, the same in both languages so a language switch leaves no stale
text; times read "14:05"; numbers "1.234,5" / "1,234.5" and percentages "0,4 %" / "0.4%".

Machine formats (iCalendar, JSON, CSV, an ``<input type="date">`` value, API fields) stay
ISO 8601 and do not come here. Only the standard library: ``zoneinfo`` reads the system time
zone data, or the ``tzdata`` package where the system has none."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

#: where every shown time is
LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")
#: between a Dutch number and its percent sign: a space that never breaks the line
NBSP = "\u00a0"

_MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_WEEKDAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?")
#: (thousands separator, decimal sign)
_SEPARATORS = {"nl": (".", ","), "en": (",", ".")}


def _lang(lang: str | None) -> str:
    return "en" if (lang or "").strip().lower()[:2] == "en" else "nl"


def to_local(moment: datetime) -> datetime:
    """A stored moment as Europe/Amsterdam wall time; a naive one is taken as UTC."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return aware.astimezone(LOCAL_ZONE)


def local_date(value: date | datetime) -> date:
    """The calendar day in Amsterdam: a moment is converted first, a date stays as it is."""
    return to_local(value).date() if isinstance(value, datetime) else value


def fmt_date(
    value: date | datetime | None, lang: str = "nl", *, short: bool = False, weekday: bool = False
) -> str:
    """ "30 november 2026" / "30 November 2026"; ``short``: "30-11-2026" in both languages;
    ``weekday``: "maandag 30 november 2026" / "Monday 30 November 2026". None gives ""."""
    if value is None:
        return ""
    day = local_date(value)
    if short:
        return f"{day.day:02d}-{day.month:02d}-{day.year}"
    code = _lang(lang)
    text = f"{day.day} {_MONTHS[code][day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[code][day.weekday()]} {text}" if weekday else text


def fmt_iso(text: str, lang: str = "nl", *, short: bool = False) -> str:
    """A machine record's ISO date or moment for a person (a PDF of an export): a date as
    :func:`fmt_date`, a moment as :func:`fmt_datetime`; any other text as it is."""
    if not _ISO.fullmatch(text):
        return text
    if len(text) == 10:
        return fmt_date(date.fromisoformat(text), lang, short=short)
    return fmt_datetime(datetime.fromisoformat(text.replace("Z", "+00:00")), lang, short=short)


def fmt_iso_date(text: str, lang: str = "nl", *, short: bool = False) -> str:
    """An ISO date kept in a state ("2026-11-30") formatted where it is shown, so a computed
    var follows a language switch; text that is no ISO date is returned as it is."""
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return text
    return fmt_date(day, lang, short=short)


def fmt_time(value: datetime | None, lang: str = "nl", *, seconds: bool = False) -> str:
    """ "14:05" (24-hour clock in both languages), Amsterdam time. None gives ""."""
    if value is None:
        return ""
    local = to_local(value)
    return f"{local:%H:%M:%S}" if seconds else f"{local:%H:%M}"


def fmt_datetime(
    value: datetime | None,
    lang: str = "nl",
    *,
    short: bool = False,
    seconds: bool = False,
    weekday: bool = False,
) -> str:
    """ "30 november 2026, 14:05"; ``short``: "30-11-2026 14:05". None gives ""."""
    if value is None:
        return ""
    day = fmt_date(value, lang, short=short, weekday=weekday)
    clock = fmt_time(value, lang, seconds=seconds)
    return f"{day} {clock}" if short else f"{day}, {clock}"


def fmt_time_range(start: datetime, end: datetime, lang: str = "nl", *, short: bool = False) -> str:
    """ "30-11-2026 14:05–14:30", or both full stamps when the Amsterdam day differs."""
    if local_date(start) == local_date(end):
        return f"{fmt_datetime(start, lang, short=short)}–{fmt_time(end, lang)}"
    return f"{fmt_datetime(start, lang, short=short)} – {fmt_datetime(end, lang, short=short)}"


def fmt_number(value: float | int, lang: str = "nl", *, decimals: int = 0) -> str:
    """ "1.234,5" (Dutch) / "1,234.5" (English), rounded half-even to ``decimals`` places."""
    thousands, decimal = _SEPARATORS[_lang(lang)]
    text = f"{value:,.{max(0, decimals)}f}"
    if text in {"-0", "-0." + "0" * decimals}:
        text = text[1:]
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)


def fmt_size(size: int, lang: str = "nl") -> str:
    """A file size: "12 kB" below 100 kB, else "0,4 MB" / "0.4 MB" (1 kB = 1,024 bytes)."""
    if size < 100 * 1024:
        return f"{fmt_number(max(1, round(size / 1024)), lang)} kB"
    return f"{fmt_number(size / (1024 * 1024), lang, decimals=1)} MB"


def fmt_percent(value: float | int, lang: str = "nl", *, decimals: int = 1) -> str:
    """A value already in percent (0.4 means 0.4 %): "0,4 %" (Dutch, with a space that never
    breaks) / "0.4%" (English)."""
    number = fmt_number(value, lang, decimals=decimals)
    return f"{number}%" if _lang(lang) == "en" else f"{number}{NBSP}%"


__all__ = [
    "LOCAL_ZONE",
    "NBSP",
    "fmt_date",
    "fmt_datetime",
    "fmt_iso",
    "fmt_iso_date",
    "fmt_number",
    "fmt_percent",
    "fmt_size",
    "fmt_time",
    "fmt_time_range",
    "local_date",
    "to_local",
]
