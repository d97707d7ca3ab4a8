"""Transfer to a new arbodienst (seed ch. 3 D, and ch. 1 Bewaartermijn), the desk's part:
the administrative request. The package itself holds the medical file, so the company
doctor builds, encrypts and releases it (kwportal/services/case/transfer.py, BRIEF.md:
"released by the company doctor, encrypted for the receiver, recorded as a disclosure");
the privacy desk never receives it. The desk sees that the doctor released a package, who
and when, and confirms that the new arbodienst received it: from then on KrachtWerkt no
longer keeps those cases (domain/retention.py, ``Rule.TRANSFERRED``).

Reads only the transfer columns of a case (classified ``audit``) and the disclosure rows
of the hand-over, never the case itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor, require
from kwportal.domain.rights import RightsKind
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import local_date
from kwportal.models import Account, Disclosure, RightsRequest, SickLeaveCase
from kwportal.services import audit

RECIPIENT_KIND = "arbodienst"
MAX_RECIPIENT = 200
CONFIRMED = "transfer_receipt_confirmed"


class TransferError(ValueError):
    """A refused transfer step; ``code`` is a translation key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class TransferStatus:
    """What the desk may know of a transfer: when the doctor released a package and who,
    whether one awaits confirmation, and when receipt was confirmed."""

    sent_on: date | None = None
    awaiting: bool = False
    confirmed_on: date | None = None
    released_by: str = ""


def _require_desk(actor: Actor) -> None:
    require(actor, Role.PRIVACY_OFFICER, has="account_id", error=TransferError)


def transfer_request(session: Session, request_id: int) -> RightsRequest:
    """The transfer request ``request_id``, locked; any other id is no transfer request."""
    request = session.exec(
        select(RightsRequest).where(RightsRequest.id == request_id).with_for_update()
    ).first()
    if request is None or request.kind != str(RightsKind.TRANSFER):
        raise TransferError("transfer.not_a_transfer")
    return request


def running_cases(session: Session, employee_id: int, *, sent: bool) -> list[SickLeaveCase]:
    """Running, unconfirmed cases: all of them (``sent`` False), or those already released
    and awaiting the recipient's confirmation (``sent`` True)."""
    query = select(SickLeaveCase).where(
        SickLeaveCase.employee_id == employee_id,
        col(SickLeaveCase.recovery_date).is_(None),
        col(SickLeaveCase.transfer_confirmed_on).is_(None),
    )
    if sent:
        query = query.where(col(SickLeaveCase.transferred_at).is_not(None))
    return list(session.exec(query.order_by(col(SickLeaveCase.id)).with_for_update()))


def clean_recipient(value: str) -> str:
    value = " ".join(value.replace("\x00", "").split())
    if not value:
        raise TransferError("transfer.recipient_required")
    if len(value) > MAX_RECIPIENT:
        raise TransferError("transfer.recipient_too_long")
    return value


def confirm_receipt(
    actor: Actor,
    request_id: int,
    *,
    session: Session,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> int:
    """The new arbodienst confirmed it received the package: from today the cases sent fall
    under ``Rule.TRANSFERRED``. Returns how many cases were confirmed."""
    _require_desk(actor)
    request = transfer_request(session, request_id)
    cases = running_cases(session, request.employee_id, sent=True)
    if not cases:
        raise TransferError("transfer.nothing_sent")
    for case in cases:
        case.transfer_confirmed_on = local_date(now)
        session.add(case)
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type=CONFIRMED,
        action=audit.Action.UPDATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=request.employee_id,
        objects=[audit.ObjectRef("audit", "sick_leave_case", c.id) for c in cases],
        details={"request": request_id, "confirmed_on": local_date(now)},
        secret=secret,
        now=now,
    )
    return len(cases)


def statuses(
    actor: Actor, employee_ids: Iterable[int], *, session: Session
) -> dict[int, TransferStatus]:
    """Per employee: when a package was last released and by whom, whether one awaits
    confirmation, and the last confirmation."""
    _require_desk(actor)
    ids = sorted(set(employee_ids))
    rows = session.exec(
        select(
            col(SickLeaveCase.employee_id),
            col(SickLeaveCase.transferred_at),
            col(SickLeaveCase.transfer_confirmed_on),
        ).where(
            col(SickLeaveCase.employee_id).in_(ids),
            col(SickLeaveCase.transferred_at).is_not(None),
        )
    ).all()
    found: dict[int, TransferStatus] = {}
    for employee_id, sent_at, confirmed_on in rows:
        old = found.get(employee_id, TransferStatus())
        found[employee_id] = TransferStatus(
            sent_on=_latest(old.sent_on, sent_at.date() if sent_at else None),
            awaiting=old.awaiting or confirmed_on is None,
            confirmed_on=_latest(old.confirmed_on, confirmed_on),
        )
    releasers = _releasers(session, list(found))
    return {
        employee_id: TransferStatus(
            status.sent_on, status.awaiting, status.confirmed_on, releasers.get(employee_id, "")
        )
        for employee_id, status in found.items()
    }


def _releasers(session: Session, employee_ids: list[int]) -> dict[int, str]:
    """Who released each employee's latest package (a staff name, not a medical datum)."""
    rows = session.exec(
        select(col(Disclosure.employee_id), col(Account.display_name))
        .join(Account, col(Account.id) == col(Disclosure.disclosed_by_account_id))
        .where(
            col(Disclosure.employee_id).in_(employee_ids),
            Disclosure.recipient_kind == RECIPIENT_KIND,
        )
        .order_by(col(Disclosure.disclosed_at), col(Disclosure.id))
    ).all()
    return dict(rows)


def _latest(*days: date | None) -> date | None:
    return max((day for day in days if day is not None), default=None)
