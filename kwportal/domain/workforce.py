"""The workforce as counts (issue 17 item 1): what the roster import keeps of the people who
are not in care — per department and quarter, how many were employed and for how many
calendar days — so that the anonymised absence percentage has its denominator without
anyone's data being stored (seed ch. 1: "Indien er geen zorg wordt verleend, krijgt
KrachtWerkt dus geen beschikking over persoonsgegevens van werknemers"). Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

YEAR = 0
"""The ``quarter`` of a whole-year figure (people employed at any time in the year)."""
_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Figure:
    people: int
    employed_days: int


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of ``quarter`` (1–4) of ``year``."""
    first = date(year, 3 * quarter - 2, 1)
    last = (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)) - _DAY
    return first, last


def overlap(first: date, last: date, start: date | None, end: date | None) -> int:
    """Calendar days of [first, last] within employment [start, end] (open ends: always)."""
    lo, hi = max(first, start or first), min(last, end or last)
    return (hi - lo).days + 1 if hi >= lo else 0


def figures(
    people: Iterable[tuple[str, date | None, date | None]], years: Iterable[int]
) -> dict[tuple[str, int, int], Figure]:
    """``(department, year, quarter)`` → people employed and their employed days, for every
    quarter of ``years`` and each year as a whole (quarter :data:`YEAR`). Days count to the
    quarter's end for someone without an end date (the report cuts the running quarter)."""
    wanted = sorted(set(years))
    heads: dict[tuple[str, int, int], int] = defaultdict(int)
    days: dict[tuple[str, int, int], int] = defaultdict(int)
    for department, start, end in people:
        for year in wanted:
            in_year = 0
            for quarter in (1, 2, 3, 4):
                first, last = quarter_bounds(year, quarter)
                worked = overlap(first, last, start, end)
                if worked:
                    heads[(department, year, quarter)] += 1
                    days[(department, year, quarter)] += worked
                    in_year += worked
            if in_year:
                heads[(department, year, YEAR)] += 1
                days[(department, year, YEAR)] += in_year
    return {key: Figure(heads[key], days[key]) for key in heads}


def elapsed_share(year: int, quarter: int, today: date) -> float:
    """The part of a quarter that lies on or before ``today`` (0 for one still to come)."""
    first, last = quarter_bounds(year, quarter)
    if today < first:
        return 0.0
    if today >= last:
        return 1.0
    return ((today - first).days + 1) / ((last - first).days + 1)
