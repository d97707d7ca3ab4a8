"""Transfer to a new arbodienst (seed ch. 3 D, and ch. 1 Bewaartermijn): for a transfer
request, the privacy desk has the open cases packed and hands the package over; once the new
arbodienst confirms receipt, KrachtWerkt no longer keeps those cases (domain/retention.py,
``Rule.TRANSFERRED``).

The privacy officer may not read medical content (kwportal/domain/policy.py), and she does
not: the package is assembled here, on the server, and streamed to her browser as a file by
kwportal/ui/api/desk.py. No state, no page and no view carries any of it; she sees only
that a package went out and when (the transfer columns are classified ``audit``).

Each case handed over gets a :class:`Disclosure` (recipient kind ``arbodienst``) and the
package an audit row with its SHA-256, in the same transaction that marks the cases sent.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor, require
from kwportal.domain.rights import RightsKind
from kwportal.domain.roles import Role
from kwportal.models import Disclosure, Employee, RightsRequest, SickLeaveCase
from kwportal.services import audit, signing
from kwportal.services.privacy import transfer_package as packing
from kwportal.services.unit import Ctx, use_case

RECIPIENT_KIND = "arbodienst"
MAX_RECIPIENT = 200
BUILT = "transfer_package_built"
CONFIRMED = "transfer_receipt_confirmed"


class TransferError(ValueError):
    """A refused transfer step; ``code`` is a translation key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class TransferStatus:
    """What the desk may know of a transfer: when packages went out and were confirmed."""

    sent_on: date | None = None
    awaiting: bool = False
    confirmed_on: date | None = None


def _require_desk(actor: Actor) -> None:
    require(actor, Role.PRIVACY_OFFICER, has="account_id", error=TransferError)


def _transfer_request(session: Session, request_id: int) -> RightsRequest:
    request = session.exec(
        select(RightsRequest).where(RightsRequest.id == request_id).with_for_update()
    ).first()
    if request is None or request.kind != str(RightsKind.TRANSFER):
        raise TransferError("transfer.not_a_transfer")
    return request


def _cases(session: Session, employee_id: int, *, sent: bool) -> list[SickLeaveCase]:
    """Running, unconfirmed cases: all of them to pack (``sent`` False), or those already
    packed and awaiting the recipient's confirmation (``sent`` True)."""
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


def build_package(
    actor: Actor,
    request_id: int,
    recipient: str,
    *,
    session: Session,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
    origin: str,
    lang: str = "nl",
    pem: str | None = None,
) -> packing.Package:
    """Pack the open cases of the requester, record the disclosure and mark them sent. A
    package may be built again (a lost download) until receipt is confirmed; each build is
    its own disclosure."""
    _require_desk(actor)
    recipient = clean_recipient(recipient)
    request = _transfer_request(session, request_id)
    person = session.get(Employee, request.employee_id)
    cases = _cases(session, request.employee_id, sent=False)
    if person is None or not cases:
        raise TransferError("transfer.no_open_case")
    document = packing.collect(session, person, cases, recipient=recipient)
    package = packing.build(
        document,
        package_id=secrets.token_hex(8),
        created_at=now,
        key_url=origin + signing.WELL_KNOWN_PATH,
        lang=lang,
        pem=pem,
    )
    for case in cases:
        case.transferred_at = now
        session.add(case)
        session.add(
            Disclosure(
                employee_id=person.id or 0,
                case_id=case.id,
                recipient_kind=RECIPIENT_KIND,
                recipient_name=recipient,
                categories=",".join(packing.CATEGORIES),
                ground=str(audit.Ground.LEGAL_DUTY),
                disclosed_by_account_id=actor.account_id,
                disclosed_at=now,
            )
        )
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type=BUILT,
        action=audit.Action.DISCLOSE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=person.id,
        objects=_objects(cases),
        details={
            "request": request_id,
            "recipient": recipient,
            "package": package.manifest["package_id"],
            "sha256": package.sha256,
            "cases": [c.id for c in cases],
        },
        secret=secret,
        now=now,
    )
    return package


def _objects(cases: Iterable[SickLeaveCase]) -> list[audit.ObjectRef]:
    """The case rows, and one reference per kind of record the package holds."""
    refs = [audit.ObjectRef("absence", "sick_leave_case", c.id) for c in cases]
    refs += [
        audit.ObjectRef(category, table.__tablename__, None)
        for _key, table, category in packing.CASE_PARTS
    ]
    return refs


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
    request = _transfer_request(session, request_id)
    cases = _cases(session, request.employee_id, sent=True)
    if not cases:
        raise TransferError("transfer.nothing_sent")
    for case in cases:
        case.transfer_confirmed_on = now.date()
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
        details={"request": request_id, "confirmed_on": now.date()},
        secret=secret,
        now=now,
    )
    return len(cases)


def statuses(
    actor: Actor, employee_ids: Iterable[int], *, session: Session
) -> dict[int, TransferStatus]:
    """Per employee: when a package last went out, whether one awaits confirmation, and the
    last confirmation. Reads only the transfer columns, never the case itself."""
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
    return found


def _latest(*days: date | None) -> date | None:
    return max((day for day in days if day is not None), default=None)


# --- use case: the desk's download (kwportal/ui/api/desk.py hands it to the runner) ---


@use_case(Role.PRIVACY_OFFICER, step_up=True)
def do_build_package(
    actor: Actor, request_id: int | None, recipient: str, *, ctx: Ctx
) -> packing.Package:
    """Build the signed package of a transfer request, in one unit with its disclosures and
    audit row. The package is the HTTP answer (a download) and nothing else: it reaches no
    page state. ``request_id`` None (not a number) is no transfer request."""
    if request_id is None:
        _require_desk(actor)
        raise TransferError("transfer.not_a_transfer")
    return build_package(
        actor,
        request_id,
        recipient,
        session=ctx.session,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
        origin=ctx.origin,
        lang="nl",
    )
