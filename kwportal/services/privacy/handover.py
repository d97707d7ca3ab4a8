"""The hand-over of an employer's running cases to its new arbodienst, the privacy desk's
part (seed ch. 1, Bewaartermijn: "… waarna KrachtWerkt deze gegevens niet meer zal
bewaren"; issue 17 item 6): per employer handed over, how many running cases went, how
many the company doctor released and how many the successor confirmed; and the
confirmation itself, from which day the retention run destroys those cases
(``domain.retention.transferred_case_destroy_from``). As for a transfer request
(services/privacy/transfer.py) the desk reads only the transfer columns of a case
(classified ``audit``), in numbers: no one is named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from kwportal.domain import policy
from kwportal.domain.policy import Actor, require
from kwportal.models import Organisation, OrganisationHandover, SickLeaveCase
from kwportal.services import audit
from kwportal.services.privacy.transfer import TransferError
from kwportal.services.unit import Ctx

CONFIRMED = "handover_receipt_confirmed"


@dataclass(frozen=True, slots=True)
class HandoverStatus:
    handover_id: int
    organisation: str
    successor: str
    contract_end: date
    cases: int
    released: int
    confirmed: int

    @property
    def awaiting(self) -> bool:
        return self.released > self.confirmed


def _desk(actor: Actor) -> int:
    return require(actor, *policy.HANDOVER_CONFIRMERS, has="account_id", error=TransferError)


def statuses(actor: Actor, *, session: Session) -> tuple[HandoverStatus, ...]:
    """Every hand-over with its numbers, the latest contract end first."""
    require(actor, *policy.HANDOVER_CONFIRMERS, error=TransferError)
    counts = {
        handover_id: (total, released, confirmed)
        for handover_id, total, released, confirmed in session.exec(
            select(
                col(SickLeaveCase.handover_id),
                func.count(),
                func.count(col(SickLeaveCase.transferred_at)),
                func.count(col(SickLeaveCase.transfer_confirmed_on)),
            )
            .where(col(SickLeaveCase.handover_id).is_not(None))
            .group_by(col(SickLeaveCase.handover_id))
        ).all()
    }
    rows = session.exec(
        select(OrganisationHandover, Organisation)
        .join(Organisation, col(Organisation.id) == col(OrganisationHandover.organisation_id))
        .order_by(col(OrganisationHandover.contract_end).desc(), col(OrganisationHandover.id))
    ).all()
    return tuple(
        HandoverStatus(
            handover.id or 0,
            org.name,
            handover.successor,
            handover.contract_end,
            *counts.get(handover.id or 0, (0, 0, 0)),
        )
        for handover, org in rows
    )


def confirm_receipt(actor: Actor, handover_id: int, *, ctx: Ctx) -> int:
    """The successor confirmed it received the packages released so far: from today those
    cases fall under ``Rule.TRANSFERRED``. Returns how many cases were confirmed; a case
    not yet released waits for its own release and confirmation."""
    _desk(actor)
    handover = ctx.session.get(OrganisationHandover, handover_id)
    if handover is None:
        raise TransferError("handover.none")
    cases = list(
        ctx.session.exec(
            select(SickLeaveCase)
            .where(
                SickLeaveCase.handover_id == handover_id,
                col(SickLeaveCase.transferred_at).is_not(None),
                col(SickLeaveCase.transfer_confirmed_on).is_(None),
            )
            .order_by(col(SickLeaveCase.id))
            .with_for_update()
        )
    )
    if not cases:
        raise TransferError("handover.nothing_released")
    per_employee: dict[int, list[int]] = {}
    for case in cases:
        case.transfer_confirmed_on = ctx.today
        ctx.session.add(case)
        per_employee.setdefault(case.employee_id, []).append(case.id or 0)
    audit.record_many(
        ctx.session,
        [
            audit.Entry(
                event_type=CONFIRMED,
                action=audit.Action.UPDATE,
                ground=audit.Ground.LEGAL_DUTY,
                subject_employee_id=employee_id,
                objects=[audit.ObjectRef("audit", "sick_leave_case", i) for i in ids],
                details={"handover": handover_id, "confirmed_on": ctx.today},
            )
            for employee_id, ids in sorted(per_employee.items())
        ],
        actor=actor,
        access=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return len(cases)
