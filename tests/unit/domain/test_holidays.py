"""Public holidays and working days of the Algemene termijnenwet (art. 1 and 3), with Easter from
the anonymous Gregorian algorithm."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kwportal.domain import holidays
from kwportal.domain.holidays import (
    easter_sunday,
    is_holiday,
    is_working_day,
    kings_day,
    next_working_day_after,
)

DAY = timedelta(days=1)


@pytest.mark.parametrize(
    "easter",
    [
        date(1818, 3, 22),  # the earliest possible date
        date(1943, 4, 25),  # the latest possible date
        date(2000, 4, 23),
        date(2008, 3, 23),
        date(2011, 4, 24),
        date(2019, 4, 21),
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2028, 4, 16),
        date(2038, 4, 25),
        date(2285, 3, 22),
    ],
)
def test_easter_sunday_matches_the_published_dates(easter: date):
    assert easter_sunday(easter.year) == easter


@given(st.integers(min_value=1583, max_value=4099))
def test_easter_is_a_sunday_between_22_march_and_25_april(year: int):
    easter = easter_sunday(year)
    assert easter.isoweekday() == 7
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)


def test_the_holidays_of_2026():
    assert [(h.day, h.name) for h in holidays.holidays(2026)] == [
        (date(2026, 1, 1), "Nieuwjaarsdag"),
        (date(2026, 1, 2), holidays.EQUATED_NAME),
        (date(2026, 4, 3), "Goede Vrijdag"),
        (date(2026, 4, 6), "Tweede Paasdag"),
        (date(2026, 4, 27), "Koningsdag"),
        (date(2026, 5, 5), "Bevrijdingsdag"),
        (date(2026, 5, 14), "Hemelvaartsdag"),
        (date(2026, 5, 15), holidays.EQUATED_NAME),
        (date(2026, 5, 25), "Tweede Pinksterdag"),
        (date(2026, 12, 25), "Eerste Kerstdag"),
        (date(2026, 12, 26), "Tweede Kerstdag"),
    ]


def test_every_holiday_cites_its_source():
    sources = {h.name: h.source for h in holidays.holidays(2026)}
    assert sources["Goede Vrijdag"] == holidays.LID_2
    assert sources["Bevrijdingsdag"] == holidays.LID_1
    assert all(h.source.startswith(("Atw art. 3", "Besluit")) for h in holidays.holidays(2026))


def test_a_year_without_a_known_decree_has_only_the_days_of_the_act():
    assert len(holidays.holidays(2030)) == 9
    assert all(h.source in {holidays.LID_1, holidays.LID_2} for h in holidays.holidays(2030))


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2014, date(2014, 4, 26)),  # the 27th was a Sunday
        (2025, date(2025, 4, 26)),  # the 27th was a Sunday
        (2026, date(2026, 4, 27)),
        (2028, date(2028, 4, 27)),
        (2013, date(2013, 4, 30)),  # Koninginnedag
        (2006, date(2006, 4, 29)),  # the 30th was a Sunday
    ],
)
def test_kings_day(year: int, expected: date):
    assert kings_day(year) == expected


def test_liberation_day_counts_every_year_not_only_in_lustrum_years():
    assert is_holiday(date(2025, 5, 5))
    assert is_holiday(date(2026, 5, 5))
    assert not is_working_day(date(2026, 5, 5))


def test_good_friday_is_equated_by_article_3_lid_2():
    assert is_holiday(date(2026, 4, 3))
    assert not is_working_day(date(2026, 4, 3))


def test_easter_and_whit_sunday_are_no_working_days_without_a_listing():
    assert not is_holiday(date(2026, 4, 5))
    assert not is_working_day(date(2026, 4, 5))
    assert not is_working_day(date(2026, 5, 24))


def test_the_equated_days_are_weekdays_next_to_a_holiday():
    for day in holidays.EQUATED_DAYS:
        assert day.isoweekday() in {1, 5}
        listed = {h.day for h in holidays.holidays(day.year)} - set(holidays.EQUATED_DAYS)
        assert day - DAY in listed or day + DAY in listed


def test_the_friday_after_ascension_in_each_decree_matches_the_computed_ascension():
    for year, friday in [(2023, 19), (2024, 10), (2025, 30), (2026, 15), (2027, 7), (2028, 26)]:
        ascension = easter_sunday(year) + holidays.ASCENSION_OFFSET
        assert ascension.isoweekday() == 4
        assert date(year, ascension.month, friday) == ascension + DAY


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 10, 23), date(2026, 10, 26)),  # Friday → Monday
        (date(2026, 10, 24), date(2026, 10, 26)),  # Saturday → Monday
        (date(2026, 10, 26), date(2026, 10, 27)),  # Monday → Tuesday
        (date(2026, 4, 2), date(2026, 4, 7)),  # Goede Vrijdag, weekend, Tweede Paasdag
        (date(2026, 12, 24), date(2026, 12, 28)),  # both Christmas days
        (date(2025, 12, 31), date(2026, 1, 5)),  # Nieuwjaarsdag and the equated 2 January
        (date(2027, 5, 4), date(2027, 5, 10)),  # 5 May, Hemelvaartsdag, equated Friday
    ],
)
def test_next_working_day_after(day: date, expected: date):
    assert next_working_day_after(day) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_the_next_working_day_is_a_working_day_within_a_week(day: date):
    following = next_working_day_after(day)
    assert is_working_day(following)
    assert day < following <= day + 7 * DAY
    assert not any(is_working_day(day + n * DAY) for n in range(1, (following - day).days))
