"""Demo messages in a case's two threads (issue 15 items 5 and 9), posted through the very
use case the messages page calls (``do_send_message``), each as the account that would
write it, at the moment it would be written. The care thread carries ``MEDISCH-M`` canaries
(the e2e leak tests look for them in every employer frame); the employer thread passes the
medical-term check like any message there."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from kwportal.domain.policy import THREAD_CARE, THREAD_EMPLOYER
from kwportal.models import Account
from kwportal.services.case.messages import do_send_message
from kwportal.services.demo.acting import act

#: (who writes: employee | doctor | manager | employer, thread, text); ``{case}`` is the id
SCRIPT: tuple[tuple[str, str, str], ...] = (
    ("employee", THREAD_CARE, "MEDISCH-M{case}-1 Mijn klachten zijn deze week toegenomen."),
    (
        "doctor",
        THREAD_CARE,
        "MEDISCH-M{case}-2 Dank voor uw bericht; we bespreken het op het spreekuur.",
    ),
    ("employer", THREAD_EMPLOYER, "Kunnen we de werkplek op de eerste verdieping aanpassen?"),
    (
        "manager",
        THREAD_EMPLOYER,
        "Ik vraag het advies van de bedrijfsarts en kom er deze week op terug.",
    ),
    ("employee", THREAD_CARE, "MEDISCH-M{case}-3 Ik kom graag naar het spreekuur."),
)


def seed_case_messages(
    session: Session,
    *,
    case_id: int,
    employee: Account,
    doctor: Account,
    case_manager: Account,
    employer_contact: Account,
    start: datetime,
    secret: str,
) -> int:
    """Post :data:`SCRIPT` on ``case_id``, one message an hour from ``start`` (UTC). The
    accounts must reach the case: the employee's own case, the doctor and case manager of
    the team serving the employer, a contact of that employer. Returns how many were
    posted. The last employee message stays unread for the doctor, so /portal shows a
    count."""
    writers = {
        "employee": employee,
        "doctor": doctor,
        "manager": case_manager,
        "employer": employer_contact,
    }
    for hour, (who, thread, text) in enumerate(SCRIPT):
        act(
            session,
            writers[who],
            do_send_message,
            case_id,
            thread,
            text.replace("{case}", str(case_id)),
            now=start + timedelta(hours=hour),
            secret=secret,
        )
    return len(SCRIPT)
