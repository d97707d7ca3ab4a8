"""The company doctor's list of transfer requests (seed ch. 3 D): the requests of employees
with a running, unconfirmed case at the employers his team serves, each with the number of
those cases and the last release of a package (kwportal/services/case/transfer.py). Names
and dates only; the read is logged per employee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor, require
from kwportal.domain.rights import RightsKind
from kwportal.domain.roles import Role
from kwportal.models import Employee, Organisation, RightsRequest, SickLeaveCase
from kwportal.services import audit
from kwportal.services.privacy.transfer import TransferError
from kwportal.services.unit import Ctx, use_case

LISTED = "transfer_requests_read"
#: how many transfer requests the doctor's page lists
LIST_LIMIT = 100


@dataclass(frozen=True, slots=True)
class TransferLine:
    """A transfer request the doctor can act on: who, since when, the running cases of his
    employers, and the last release."""

    request_id: int
    name: str
    personnel_number: str
    organisation: str
    received_at: datetime
    due_on: date
    open_cases: int
    released_on: date | None
    awaiting: bool


def transfer_lines(
    actor: Actor,
    *,
    session: Session,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> tuple[TransferLine, ...]:
    """The transfer requests of employees with a running, unconfirmed case at the doctor's
    employers, oldest first; the read is logged per employee."""
    require(actor, Role.COMPANY_DOCTOR, has="account_id", error=TransferError)
    if not actor.employer_ids:
        return ()
    rows = session.exec(
        select(RightsRequest, Employee, SickLeaveCase, Organisation)
        .join(Employee, col(Employee.id) == col(RightsRequest.employee_id))
        .join(SickLeaveCase, col(SickLeaveCase.employee_id) == col(Employee.id))
        .join(Organisation, col(Organisation.id) == col(SickLeaveCase.organisation_id))
        .where(
            RightsRequest.kind == str(RightsKind.TRANSFER),
            col(SickLeaveCase.organisation_id).in_(sorted(actor.employer_ids)),
            col(SickLeaveCase.recovery_date).is_(None),
            col(SickLeaveCase.transfer_confirmed_on).is_(None),
        )
        .order_by(col(RightsRequest.received_at), col(RightsRequest.id), col(SickLeaveCase.id))
    ).all()
    found: dict[int, TransferLine] = {}
    for request, person, case, organisation in rows:
        line = found.get(request.id or 0) or _line(request, person, organisation)
        found[line.request_id] = _with_case(line, case)
    lines = tuple(found.values())[:LIST_LIMIT]
    _log_read(actor, lines, {r.id: r.employee_id for r, *_ in rows}, session, now, access, secret)
    return lines


def _line(request: RightsRequest, person: Employee, organisation: Organisation) -> TransferLine:
    return TransferLine(
        request_id=request.id or 0,
        name=f"{person.first_name} {person.last_name}",
        personnel_number=person.personnel_number,
        organisation=organisation.name,
        received_at=request.received_at,
        due_on=request.due_at,
        open_cases=0,
        released_on=None,
        awaiting=False,
    )


def _with_case(line: TransferLine, case: SickLeaveCase) -> TransferLine:
    sent = case.transferred_at.date() if case.transferred_at else None
    return TransferLine(
        request_id=line.request_id,
        name=line.name,
        personnel_number=line.personnel_number,
        organisation=line.organisation,
        received_at=line.received_at,
        due_on=line.due_on,
        open_cases=line.open_cases + 1,
        released_on=max((d for d in (line.released_on, sent) if d), default=None),
        awaiting=line.awaiting or sent is not None,
    )


def _log_read(
    actor: Actor,
    lines: tuple[TransferLine, ...],
    subjects: dict[int | None, int],
    session: Session,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> None:
    per_employee: dict[int, list[audit.ObjectRef]] = {}
    for line in lines:
        per_employee.setdefault(subjects[line.request_id], []).append(
            audit.ObjectRef("rights_request", "rights_request", line.request_id)
        )
    audit.record_many(
        session,
        audit.reads(LISTED, dict(sorted(per_employee.items()))),
        actor=actor,
        access=access,
        secret=secret,
        now=now,
    )


# --- use case: the doctor's page ---


@use_case(Role.COMPANY_DOCTOR)
def do_transfer_requests(actor: Actor, *, ctx: Ctx) -> tuple[TransferLine, ...]:
    return transfer_lines(
        actor, session=ctx.session, now=ctx.now, access=ctx.access, secret=ctx.secret
    )
