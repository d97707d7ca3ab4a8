"""A partial recovery in the demo (issue 18 item 7): the employer reports, through the
page's own use case, that one long-running employee works half his hours again, so the
employer's recovery page, the case's course and the weighted absence figures have
something to show."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from kwportal.models import Account, SickLeaveCase
from kwportal.services.demo.acting import act
from kwportal.services.employer.partial_recovery import do_report

#: the demo's partial return: from this many days before today, this percentage
PARTIAL_DAYS_AGO = 14
PARTIAL_PERCENT = 50
#: only a case sick at least this long before the return (a return in week 1 is unusual)
MIN_SICK_DAYS = 28


def seed_partial_recovery(
    session: Session, *, employer: Account, cases: list[SickLeaveCase], today: date, secret: str
) -> int:
    """The employer reports 50 % working on the oldest fitting open case; 1 if it did."""
    back_on = today - timedelta(days=PARTIAL_DAYS_AGO)
    fitting = [
        c
        for c in cases
        if c.id is not None and c.sick_report_date <= back_on - timedelta(days=MIN_SICK_DAYS)
    ]
    if not fitting:
        return 0
    case = min(fitting, key=lambda c: c.sick_report_date)
    assert case.id is not None
    act(
        session,
        employer,
        do_report,
        case.id,
        back_on.isoformat(),
        str(PARTIAL_PERCENT),
        now=datetime.combine(back_on, time(9), tzinfo=UTC),
        secret=secret,
    )
    return 1
