"""The privacy desk answers an access request (seed ch. 3 A: "Op uw verzoek worden de
gegevens met u gedeeld") with the same export the employee downloads himself
(kwportal/services/employee/export.py), written into a file the route streams as the HTTP
answer (kwportal/ui/api/desk_export.py), so none of it passes through the officer's Reflex
state or page. The desk hands it over without opening it.

Two use cases, because the export holds the one export slot of the employee
(``export.export_lock``, its own committed row) around the unit that writes it: the first
finds whose request it is (so the route knows which slot to take), the second checks the
request again under that slot and writes the export. ``write_export`` audits the export
(ground: legal duty); a second audit row here links it to the request it answers. Only open
access requests; only the privacy officer with a fresh TOTP code."""

from __future__ import annotations

from typing import BinaryIO

from sqlmodel import Session, select

from kwportal.domain.policy import Actor, require
from kwportal.domain.rights import OPEN_STATUSES, RightsKind
from kwportal.domain.roles import Role
from kwportal.models import Account, RightsRequest
from kwportal.services import audit
from kwportal.services.employee import export
from kwportal.services.unit import Ctx, use_case

EXPORTED = "access_request_export"


def subject(session: Session, request_id: int | None) -> tuple[int, str]:
    """(employee, his language) of the open access request ``request_id``."""
    request = session.get(RightsRequest, request_id) if request_id is not None else None
    if request is None or request.kind != str(RightsKind.ACCESS):
        raise export.ExportError("desk_export.not_an_access_request")
    if request.status not in {str(s) for s in OPEN_STATUSES}:
        raise export.ExportError("rights.already_answered")
    account = session.exec(
        select(Account).where(Account.employee_id == request.employee_id)
    ).first()
    return request.employee_id, account.language if account else "nl"


@use_case(Role.PRIVACY_OFFICER, step_up=True)
def do_find_subject(actor: Actor, request_id: int | None, *, ctx: Ctx) -> int:
    """Whose open access request ``request_id`` is (None: not a number, so none)."""
    require(actor, Role.PRIVACY_OFFICER, error=export.ExportError)
    employee_id, _lang = subject(ctx.session, request_id)
    return employee_id


@use_case(Role.PRIVACY_OFFICER, step_up=True)
def do_export(
    actor: Actor, request_id: int, employee_id: int, out: BinaryIO, *, ctx: Ctx
) -> export.ExportSummary:
    """Write the employee's export into ``out`` and link it to the request, in one unit; run
    while the route holds the employee's export slot."""
    require(actor, Role.PRIVACY_OFFICER, error=export.ExportError)
    # checked again under the slot: the request may have been answered meanwhile
    found, lang = subject(ctx.session, request_id)
    if found != employee_id:
        raise export.ExportError("desk_export.not_an_access_request")
    summary = export.write_export(
        ctx.session,
        employee_id,
        out,
        lang=lang,
        now=ctx.now,
        actor=actor,
        access=ctx.access,
        secret=ctx.secret,
    )
    audit.record(
        ctx.session,
        actor=actor,
        access=ctx.access,
        event_type=EXPORTED,
        action=audit.Action.EXPORT,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=employee_id,
        objects=[audit.ObjectRef("rights_request", "rights_request", request_id)],
        details={"records": summary.records, "sha256": summary.files},
        secret=ctx.secret,
        now=ctx.now,
    )
    return summary
