"""A stop in the demo (issue 17 items 3, 5 and 7), made through the pages' own use cases
on a person of his own, so no other demo journey's release is refused by it: the employer
reports a new colleague sick (the sick report is how he comes in: number and name only, no
account, no address), the doctor asks him for a GP machtiging, the privacy officer then
stops the use of his data on the desk's own initiative, and because nothing reaches him
online the case manager finds a letter for each telling on ``/case-letters``; the first
(the machtiging asked) is posted, the stop's letter waits. The care address carries the
``ZORGADRES-`` canary the leak tests look for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from kwportal.domain.policy import CONSENT_GP
from kwportal.domain.roles import Role
from kwportal.models import Account
from kwportal.services.case import consent_beyond, letters
from kwportal.services.demo.acting import act
from kwportal.services.employee import telling
from kwportal.services.employer.sick_report import do_report_sick
from kwportal.services.privacy import restriction

#: the demo's stopped person: a number no roster row has (only people in care are stored)
NUMBER = "ZOR-STOP-1"
FIRST_NAME, LAST_NAME = "Stijn", "Stopman"
#: his first sick day, this many days before today (the "new" phase: day 10)
SICK_DAYS_AGO = 9


@dataclass(frozen=True, slots=True)
class Stopped:
    case_id: int
    employee_id: int
    #: the letters queued for him (machtiging asked, stop started) and how many were posted
    letters: int
    posted: int


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def seed_stopped_case(
    session: Session,
    *,
    accounts: dict[Role, Account],
    officer: Account,
    today: date,
    secret: str,
) -> Stopped:
    """Reported sick, asked for a machtiging, stopped, one letter posted."""
    first_day = today - timedelta(days=SICK_DAYS_AGO)
    employer, doctor = accounts[Role.EMPLOYER_CONTACT], accounts[Role.COMPANY_DOCTOR]
    manager = accounts[Role.CASE_MANAGER]
    form = {
        "personnel_number": NUMBER,
        "first_name": FIRST_NAME,
        "last_name": LAST_NAME,
        "first_sick_day": first_day.isoformat(),
        "contact_phone": "0612345678",
        "care_address": "ZORGADRES-stop, Herstellaan 4, 7591 AB Denekamp",
        "expected_duration": "weeks_2_6",
        "safety_net": "no",
        "work_accident": "no",
        "traffic_accident": "no",
    }
    reported = _at(first_day, 9)
    case_id = act(session, employer, do_report_sick, form, now=reported, secret=secret)
    ask = consent_beyond.ConsentAsk(
        kind=CONSENT_GP,
        recipient="Huisartsenpraktijk De Esch, Denekamp",
        purpose="Informatie over de behandeling, voor het advies over werkhervatting.",
        data="Diagnose en behandelplan sinds de eerste ziektedag.",
        valid_until=(first_day + timedelta(days=90)).isoformat(),
    )
    asked = _at(first_day + timedelta(days=1), 11)
    act(session, doctor, consent_beyond.do_request_consent, case_id, ask, now=asked, secret=secret)
    stopped = _at(first_day + timedelta(days=3), 14)
    act(
        session,
        officer,
        restriction.do_start,
        NUMBER,
        LAST_NAME,
        "Bezwaar per brief ontvangen (AVG art. 21); gebruik gestopt tot het besluit.",
        now=stopped,
        secret=secret,
    )
    posted_at = _at(first_day + timedelta(days=4), 10)
    page = act(session, manager, letters.do_list_letters, now=posted_at, secret=secret)
    mine = [line for line in page.waiting if line.personnel_number == NUMBER]
    posted = 0
    for line in mine:
        if line.kind == telling.CONSENT_REQUEST:
            act(
                session, manager, letters.do_mark_sent, line.letter_id, now=posted_at, secret=secret
            )
            posted += 1
    employee_id = mine[0].employee_id if mine else 0
    return Stopped(case_id, employee_id, len(mine), posted)
