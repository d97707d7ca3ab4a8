"""Working days under the Algemene termijnenwet (Atw), for legal dates that must fall on one.

Art. 3 lid 1 Atw names the *algemeen erkende feestdagen*: Nieuwjaarsdag, the Christian second
Easter and Whit days (tweede Paasdag, tweede Pinksterdag), both Christmas days, Hemelvaartsdag,
the day on which the King's birthday is celebrated (Koningsdag) and 5 May (every year: the
lustrum rule for Bevrijdingsdag comes from collective agreements, not from the Atw). Art. 3 lid 2
equates Goede Vrijdag with them. Art. 3 lid 3 lets the Crown equate further days by decree,
published for about three years at a time; those are listed in ``EQUATED_DAYS``.
Saturdays and Sundays are never working days (Atw art. 1), so Easter Sunday and Whit Sunday need
no entry of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

DAY = timedelta(days=1)
SATURDAY = 5

GOOD_FRIDAY_OFFSET = timedelta(days=-2)
EASTER_MONDAY_OFFSET = timedelta(days=1)
ASCENSION_OFFSET = timedelta(days=39)
WHIT_MONDAY_OFFSET = timedelta(days=50)

KINGS_DAY_FROM_YEAR = 2014
"""Koningsdag (27 April, or the 26th when the 27th is a Sunday) from the first full year of King
Willem-Alexander's reign; before that Koninginnedag, 30 April (the 29th when the 30th was a
Sunday). Both Sunday shifts land on a Saturday, so they never move a working day."""

LID_1 = "Atw art. 3 lid 1"
LID_2 = "Atw art. 3 lid 2"
EQUATED_NAME = "Gelijkgestelde dag"

_DECREE_2023 = (
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en "
    "30 mei 2025 met een algemeen erkende feestdag"
)
_DECREE_2026 = (
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en "
    "26 mei 2028 met een algemeen erkende feestdag"
)
EQUATED_DAYS: Mapping[date, str] = MappingProxyType(
    {
        date(2023, 4, 28): _DECREE_2023,
        date(2023, 5, 19): _DECREE_2023,
        date(2024, 5, 10): _DECREE_2023,
        date(2024, 12, 27): _DECREE_2023,
        date(2025, 5, 30): _DECREE_2023,
        date(2026, 1, 2): _DECREE_2026,
        date(2026, 5, 15): _DECREE_2026,
        date(2027, 5, 7): _DECREE_2026,
        date(2028, 4, 28): _DECREE_2026,
        date(2028, 5, 26): _DECREE_2026,
    }
)
"""Days equated with a public holiday by decree (Atw art. 3 lid 3), each with its decree. Years
not covered by a known decree get only the holidays of art. 3 lid 1 and 2: extend this table
when the next decree is published in the Staatscourant."""


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name: str
    source: str


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/
    Butcher), from which Goede Vrijdag, tweede Paasdag, Hemelvaartsdag and tweede Pinksterdag
    follow."""
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - moon + 15) % 30
    quarter, quarter_rest = divmod(year_of_century, 4)
    weekday = (32 + 2 * century_rest + 2 * quarter - epact - quarter_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    """The day the King's (or Queen's) birthday is celebrated, see ``KINGS_DAY_FROM_YEAR``."""
    birthday = date(year, 4, 27) if year >= KINGS_DAY_FROM_YEAR else date(year, 4, 30)
    return birthday - DAY if birthday.isoweekday() == 7 else birthday


@lru_cache(maxsize=256)
def holidays(year: int) -> tuple[Holiday, ...]:
    """Every public holiday of the Atw in ``year`` (art. 3 lid 1–3), in date order."""
    easter = easter_sunday(year)
    days = [
        Holiday(date(year, 1, 1), "Nieuwjaarsdag", LID_1),
        Holiday(easter + GOOD_FRIDAY_OFFSET, "Goede Vrijdag", LID_2),
        Holiday(easter + EASTER_MONDAY_OFFSET, "Tweede Paasdag", LID_1),
        Holiday(kings_day(year), "Koningsdag", LID_1),
        Holiday(date(year, 5, 5), "Bevrijdingsdag", LID_1),
        Holiday(easter + ASCENSION_OFFSET, "Hemelvaartsdag", LID_1),
        Holiday(easter + WHIT_MONDAY_OFFSET, "Tweede Pinksterdag", LID_1),
        Holiday(date(year, 12, 25), "Eerste Kerstdag", LID_1),
        Holiday(date(year, 12, 26), "Tweede Kerstdag", LID_1),
    ]
    days += [
        Holiday(day, EQUATED_NAME, decree)
        for day, decree in EQUATED_DAYS.items()
        if day.year == year
    ]
    return tuple(sorted(days, key=lambda holiday: holiday.day))


@lru_cache(maxsize=256)
def _holiday_dates(year: int) -> frozenset[date]:
    return frozenset(holiday.day for holiday in holidays(year))


def is_holiday(day: date) -> bool:
    return day in _holiday_dates(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday of the Atw."""
    return day.weekday() < SATURDAY and not is_holiday(day)


def next_working_day_after(day: date) -> date:
    """The first working day strictly after ``day``."""
    candidate = day + DAY
    while not is_working_day(candidate):
        candidate += DAY
    return candidate
