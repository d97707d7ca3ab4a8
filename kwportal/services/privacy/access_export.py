"""An access request (seed ch. 3 A: "Op uw verzoek worden de gegevens met u gedeeld") is
answered by delivering the export to the employee himself: answering it puts his export on
his own page (/my-export, kwportal/services/employee/export.py builds it when he downloads
it) and tells him so by an e-mail that holds no content, only that it is ready and where.

The privacy desk handles the request, never the medical content (BRIEF.md, "whose hands
medical files pass through"): it sees that the export was delivered and when he first
downloaded it (two moments on the request, category ``rights_request``), nothing of the
export itself.

Three parts: :func:`deliver` (run inside the desk's answer, kwportal/services/privacy/
rights.py), :func:`mark_downloaded` (run inside the employee's own download) and the
employee's view of what was delivered to him (:func:`do_my_deliveries`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kwportal.domain.policy import Actor, require
from kwportal.domain.rights import RightsKind
from kwportal.domain.roles import Role
from kwportal.models import Account, Employee, RightsRequest
from kwportal.services import audit
from kwportal.services.auth.notices import notice
from kwportal.services.mail import Mail
from kwportal.services.unit import Ctx, use_case

DELIVERED = "access_request_delivered"
DOWNLOADED = "access_request_downloaded"
DELIVERIES_READ = "access_deliveries_read"
#: the employee's page the export waits on, and the mail's link to it
MY_EXPORT_PATH = "/my-export"
#: how many delivered exports the desk's list shows (newest first)
DESK_LIST_LIMIT = 50


class DeliveryError(ValueError):
    """A refused delivery; ``code`` is a translation key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class Delivery:
    """What an access request's delivery looks like, to the employee and to the desk."""

    request_id: int
    received_at: datetime
    delivered_at: datetime
    downloaded_at: datetime | None


def is_access(request: RightsRequest) -> bool:
    return request.kind == str(RightsKind.ACCESS)


def _employee_account(session: Session, employee_id: int) -> Account | None:
    return session.exec(
        select(Account).where(
            Account.employee_id == employee_id,
            Account.role == str(Role.EMPLOYEE),
            Account.is_active == True,  # noqa: E712
        )
    ).first()


def deliver(
    session: Session,
    actor: Actor,
    request: RightsRequest,
    *,
    now: datetime,
    origin: str,
) -> Mail | None:
    """Put the export of an open access request on the employee's page; the content-free
    mail telling him so (None without an e-mail address) goes out after the commit. The
    caller (the desk's answer) locks the request, sets its status and writes the audit row
    of the answer; this writes the delivery's own row in the same unit."""
    require(actor, Role.PRIVACY_OFFICER, error=DeliveryError)
    account = _employee_account(session, request.employee_id)
    if account is None:
        # he could not sign in to fetch it: an export nobody can reach is no answer
        raise DeliveryError("desk_export.no_account")
    request.export_delivered_at = now
    session.add(request)
    return notice(account, "export_ready", origin, link=f"{origin}{MY_EXPORT_PATH}")


def log_delivery(
    session: Session,
    actor: Actor,
    request: RightsRequest,
    *,
    access: audit.AccessPoint,
    secret: str,
    now: datetime,
) -> None:
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type=DELIVERED,
        action=audit.Action.UPDATE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=request.employee_id,
        objects=[audit.ObjectRef("rights_request", "rights_request", request.id)],
        details={"delivered_at": now, "to": "employee_portal"},
        secret=secret,
        now=now,
    )


def mark_downloaded(
    session: Session,
    actor: Actor,
    employee_id: int,
    *,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> list[int]:
    """The employee downloaded his export: every delivered access request of his not yet
    downloaded gets this moment (the first download is the one the desk sees). Returns the
    requests stamped; audited in the download's own unit."""
    rows = list(
        session.exec(
            select(RightsRequest)
            .where(
                RightsRequest.employee_id == employee_id,
                RightsRequest.kind == str(RightsKind.ACCESS),
                col(RightsRequest.export_delivered_at).is_not(None),
                col(RightsRequest.export_downloaded_at).is_(None),
            )
            .order_by(col(RightsRequest.id))
            .with_for_update()
        )
    )
    for request in rows:
        request.export_downloaded_at = now
        session.add(request)
    ids = [request.id or 0 for request in rows]
    if ids:
        audit.record(
            session,
            actor=actor,
            access=access,
            event_type=DOWNLOADED,
            action=audit.Action.UPDATE,
            ground=audit.Ground.OWN_DATA,
            subject_employee_id=employee_id,
            objects=[audit.ObjectRef("rights_request", "rights_request", i) for i in ids],
            details={"downloaded_at": now},
            secret=secret,
            now=now,
        )
    return ids


def _delivery(request: RightsRequest) -> Delivery:
    assert request.export_delivered_at is not None
    return Delivery(
        request_id=request.id or 0,
        received_at=request.received_at,
        delivered_at=request.export_delivered_at,
        downloaded_at=request.export_downloaded_at,
    )


def deliveries_of(session: Session, employee_id: int) -> tuple[Delivery, ...]:
    rows = session.exec(
        select(RightsRequest)
        .where(
            RightsRequest.employee_id == employee_id,
            RightsRequest.kind == str(RightsKind.ACCESS),
            col(RightsRequest.export_delivered_at).is_not(None),
        )
        .order_by(col(RightsRequest.export_delivered_at).desc(), col(RightsRequest.id).desc())
    ).all()
    return tuple(_delivery(r) for r in rows)


def delivered_requests(session: Session, *, limit: int = DESK_LIST_LIMIT) -> list[RightsRequest]:
    """The desk's list: the most recently delivered access requests."""
    return list(
        session.exec(
            select(RightsRequest)
            .where(
                RightsRequest.kind == str(RightsKind.ACCESS),
                col(RightsRequest.export_delivered_at).is_not(None),
            )
            .order_by(col(RightsRequest.export_delivered_at).desc(), col(RightsRequest.id).desc())
            .limit(limit)
        ).all()
    )


@dataclass(frozen=True, slots=True)
class DeliveredLine:
    """A delivered export on the desk's list: who asked, and the two moments."""

    request_id: int
    personnel_number: str
    name: str
    received_at: datetime
    delivered_at: datetime
    downloaded_at: datetime | None


def desk_deliveries(
    actor: Actor,
    *,
    session: Session,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
) -> tuple[DeliveredLine, ...]:
    """The recently delivered exports for the desk (name and number of who asked, when it
    was delivered and downloaded: nothing of the export); the read is logged per
    employee."""
    require(actor, Role.PRIVACY_OFFICER, error=DeliveryError)
    requests = delivered_requests(session)
    people = {
        p.id: p
        for p in session.exec(
            select(Employee).where(col(Employee.id).in_({r.employee_id for r in requests}))
        ).all()
    }
    lines = []
    seen: dict[int, list[audit.ObjectRef]] = {}
    for request in requests:
        person = people.get(request.employee_id)
        if person is None:
            continue
        delivery = _delivery(request)
        lines.append(
            DeliveredLine(
                request_id=delivery.request_id,
                personnel_number=person.personnel_number,
                name=f"{person.first_name} {person.last_name}",
                received_at=delivery.received_at,
                delivered_at=delivery.delivered_at,
                downloaded_at=delivery.downloaded_at,
            )
        )
        seen.setdefault(request.employee_id, []).append(
            audit.ObjectRef("rights_request", "rights_request", delivery.request_id)
        )
    audit.record_many(
        session,
        audit.reads(DELIVERIES_READ, dict(sorted(seen.items()))),
        actor=actor,
        access=access,
        secret=secret,
        now=now,
    )
    return tuple(lines)


@use_case(Role.EMPLOYEE, person=True)
def do_my_deliveries(actor: Actor, *, ctx: Ctx) -> tuple[Delivery, ...]:
    """His own answered access requests whose export waits on his page."""
    employee_id = require(actor, Role.EMPLOYEE, has="employee_id", error=DeliveryError)
    return deliveries_of(ctx.session, employee_id)
