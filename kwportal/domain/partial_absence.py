"""Partial recovery (issue 18 item 7): from a date the employee works a percentage of his
hours again ("gedeeltelijk hersteld, 50 %"). Pure.

A case is 0 % working from its first sick day and 100 % from its recovery date; the steps
in between say from which day which percentage holds (1–99, or 0 when fully sick again).
A partial recovery does not stop the Poortwachter clock: the waiting time runs on while
the employee is partly sick and only the recovery date ends the absence (BW art. 7:629 lid
1 counts "ongeschiktheid tot het verrichten van de bedongen arbeid", and partial work does
not end it; :mod:`kwportal.domain.poortwachter` is fed the first sick day and the recovery
date only). For the anonymised reports a day counts by the share still absent: 50 %
working is half a sick day (the verzuimpercentage of the CBS/Verzuimregistratie rules
weights partial absence by the hours not worked).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

FULLY_SICK = 0
FULLY_FIT = 100
MIN_PARTIAL = 1
MAX_PARTIAL = 99
"""A partial recovery is 1–99 % working; 100 % is the recovery report itself."""

_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True, order=True)
class WorkingStep:
    """From ``from_date`` on, ``percent_working`` % of the hours are worked."""

    from_date: date
    percent_working: int

    def __post_init__(self) -> None:
        if not FULLY_SICK <= self.percent_working < FULLY_FIT:
            raise ValueError("a step is 0–99 % working; 100 % is the recovery date")


@dataclass(frozen=True, slots=True)
class WorkingPeriod:
    """Days ``first``..``last`` (``last`` None: still running) at ``percent_working`` %."""

    first: date
    last: date | None
    percent_working: int


def periods(
    first_sick_day: date, recovery_date: date | None, steps: Iterable[WorkingStep]
) -> tuple[WorkingPeriod, ...]:
    """The case as periods of equal percentage, oldest first: 0 % from the first sick day,
    then each step, ending the day before the recovery date (steps outside the case are
    ignored). Adjacent steps at the same percentage are one period."""
    last_sick = recovery_date - _DAY if recovery_date else None
    points = [WorkingStep(first_sick_day, FULLY_SICK)]
    for step in sorted(steps):
        if step.from_date <= first_sick_day or (last_sick and step.from_date > last_sick):
            if step.from_date == first_sick_day:
                points[0] = step
            continue
        if step.percent_working != points[-1].percent_working:
            points.append(step)
    out = []
    for here, after in zip(points, [*points[1:], None], strict=True):
        last = after.from_date - _DAY if after else last_sick
        out.append(WorkingPeriod(here.from_date, last, here.percent_working))
    return tuple(out)


def percent_working_on(
    day: date, first_sick_day: date, recovery_date: date | None, steps: Iterable[WorkingStep]
) -> int:
    """The percentage worked on ``day``: 100 outside the absence."""
    if day < first_sick_day or (recovery_date is not None and day >= recovery_date):
        return FULLY_FIT
    current = FULLY_SICK
    for step in sorted(steps):
        if step.from_date <= day:
            current = step.percent_working
    return current


def absent_days(
    first: date,
    last: date,
    *,
    first_sick_day: date,
    recovery_date: date | None,
    steps: Sequence[WorkingStep] = (),
) -> float:
    """Sick days within ``first``..``last``, each weighted by the share still absent
    (a day at 50 % working is half a day)."""
    total = 0.0
    for period in periods(first_sick_day, recovery_date, steps):
        lo, hi = max(first, period.first), min(last, period.last or last)
        if hi >= lo:
            total += ((hi - lo).days + 1) * (FULLY_FIT - period.percent_working) / FULLY_FIT
    return total
