"""The demo's requests for a correction (issue 17 item 2), made through the pages' own use
cases: the demo employee writes his own statement about his medical file (it waits for the
doctor, so the care-case page shows one to add) and asks a correction of his address during
illness, which the doctor applies the next morning. The texts carry the ``MEDISCH-`` and
``ZORGADRES-`` canaries the leak tests look for: the privacy desk sees both requests, never
the statement or the address."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from kwportal.domain.rectification import TargetKind
from kwportal.models import Account
from kwportal.services.demo.acting import act
from kwportal.services.employee import my_details
from kwportal.services.privacy import rectification


def seed_rectifications(
    session: Session,
    *,
    employee: Account,
    doctor: Account,
    case_id: int,
    first_day: date,
    secret: str,
) -> int:
    """The two requests and the doctor's decision on the address; how many items."""
    asked = datetime.combine(first_day + timedelta(days=1), time(16), tzinfo=UTC)
    decided = datetime.combine(first_day + timedelta(days=2), time(9), tzinfo=UTC)
    statement = (
        f"MEDISCH-{case_id}-verklaring: ik heb niet gezegd dat mijn klachten van het werk "
        "komen; dat staat verkeerd in mijn dossier."
    )
    act(
        session,
        employee,
        my_details.do_add_statement,
        case_id,
        "",
        statement,
        now=asked,
        secret=secret,
    )
    address = f"ZORGADRES-{case_id}-verbeterd, Zorglaan 2, 7607 AB Almelo"
    act(
        session,
        employee,
        my_details.do_ask_correction,
        "care_address",
        address,
        case_id,
        now=asked,
        secret=secret,
    )
    found = act(session, doctor, rectification.do_case_items, case_id, now=decided, secret=secret)
    for item in found.items:
        if item.kind is TargetKind.CARE_ADDRESS and item.may_decide:
            act(
                session,
                doctor,
                rectification.do_decide_on_case,
                case_id,
                item.item_id,
                True,
                "",
                now=decided,
                secret=secret,
            )
    return 2
