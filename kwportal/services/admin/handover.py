"""An employer changes arbodienst (seed ch. 1, Bewaartermijn: "dragen wij persoonsgegevens die
verband houden met lopende ziektegevallen over aan de nieuwe bedrijfsarts of arbodienst,
waarna KrachtWerkt deze gegevens niet meer zal bewaren"; issue 17 item 6: not only at the
employee's request), the administrator's part.

The administrator ends the employer's contract naming its successor: in one unit the
contract end is set, an ``organisation_handover`` row is written, the employer contacts are
mailed, and the hand-over of every running case starts (kwportal/services/case/handover.py
marks each with its ``handover_id`` and tells its employee). Bad input — no successor, no
or an impossible end date, an employer already handed over — is refused before anything is
written.

The administrator reads no case (BRIEF.md roles: "accounts, organisations, assignments";
tests/integration/test_admin_services.py): his list shows the successor and the dates;
the marking is the case service's, and what it counted comes back as two numbers. The
company doctor releases each case's package, and the privacy desk confirms receipt
(kwportal/services/privacy/handover.py), as for a transfer request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from kwportal.domain import policy
from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, require
from kwportal.domain.roles import Role
from kwportal.domain.visitors import email_problem, normalise_email
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date
from kwportal.models import Account, Organisation, OrganisationHandover
from kwportal.services import audit
from kwportal.services.admin.common import AdminError
from kwportal.services.case import handover as case_handover
from kwportal.services.mail import Mail
from kwportal.services.unit import Ctx

MAX_SUCCESSOR = 200
STARTED = "organisation_handover_started"


@dataclass(frozen=True, slots=True)
class HandoverLine:
    """What the administrator sees of an employer's hand-over: no case, no one named."""

    organisation_id: int
    successor: str
    successor_email: str
    contract_end: date
    started_on: date


@dataclass(frozen=True, slots=True)
class Started:
    handover_id: int
    #: running cases handed over, and employees told (numbers only)
    cases: int
    employees_told: int


def _successor(value: str) -> str:
    value = " ".join(str(value or "").replace("\x00", "").split())
    if not value:
        raise AdminError("handover.successor_required")
    if len(value) > MAX_SUCCESSOR:
        raise AdminError("handover.successor_too_long")
    return value


def _email(value: str) -> str:
    address = normalise_email(str(value or ""))
    if address and email_problem(address):
        raise AdminError("handover.bad_email")
    return address


def start(
    actor: Actor,
    organisation_id: int,
    successor: str,
    successor_email: str,
    contract_end: date | None,
    *,
    ctx: Ctx,
) -> Started:
    """End the employer's contract with a named successor and start the hand-over of every
    running case."""
    require(actor, *policy.HANDOVER_STARTERS, has="account_id", error=AdminError)
    session = ctx.session
    org = session.exec(
        select(Organisation).where(Organisation.id == organisation_id).with_for_update()
    ).first()
    if org is None:
        raise AdminError("admin.unknown_organisation")
    successor = _successor(successor)
    address = _email(successor_email)
    if contract_end is None:
        raise AdminError("handover.end_required")
    if contract_end < org.contract_start:
        raise AdminError("handover.end_before_start")
    taken = session.exec(
        select(OrganisationHandover.id).where(OrganisationHandover.organisation_id == org.id)
    ).first()
    if taken is not None:
        raise AdminError("handover.already_started")
    handover = OrganisationHandover(
        organisation_id=org.id or 0,
        successor=successor,
        successor_email=address,
        contract_end=contract_end,
        started_at=ctx.now,
        started_by_account_id=actor.account_id,
    )
    session.add(handover)
    old_end, org.contract_end = org.contract_end, contract_end
    session.add(org)
    session.flush()
    assert handover.id is not None and org.id is not None
    audit.record(
        session,
        actor=actor,
        access=ctx.access,
        event_type=STARTED,
        action=audit.Action.CREATE,
        ground=audit.Ground.CONTRACT,
        objects=[
            audit.ObjectRef(str(Category.ORGANISATION), "organisation", org.id),
            audit.ObjectRef(str(Category.ORGANISATION), "organisation_handover", handover.id),
        ],
        details={
            "successor": successor,
            "contract_end": contract_end,
            "old_contract_end": old_end,
        },
        secret=ctx.secret,
        now=ctx.now,
    )
    cases, told = case_handover.hand_over_running_cases(ctx, actor, handover)
    ctx.send(*_employer_mails(session, org, handover, ctx.origin))
    return Started(handover.id, cases, told)


def _employer_mails(
    session: Session, org: Organisation, handover: OrganisationHandover, origin: str
) -> list[Mail]:
    """The employer's contacts: the contract ends, the running cases go to the successor."""
    contacts = session.exec(
        select(Account).where(
            Account.role == str(Role.EMPLOYER_CONTACT),
            Account.organisation_id == org.id,
            col(Account.is_active),
        )
    ).all()
    return [
        Mail(
            to=contact.email,
            subject=t("mail.handover_employer.subject", contact.language),
            body=t("mail.handover_employer.body", contact.language).format(
                name=contact.display_name,
                organisation=org.name,
                successor=handover.successor,
                date=fmt_date(handover.contract_end, contact.language),
                origin=origin,
            ),
        )
        for contact in contacts
        if contact.email
    ]


def handovers(session: Session) -> dict[int, HandoverLine]:
    """Per employer handed over: its successor and the dates."""
    return {
        row.organisation_id: HandoverLine(
            organisation_id=row.organisation_id,
            successor=row.successor,
            successor_email=row.successor_email,
            contract_end=row.contract_end,
            started_on=row.started_at.date(),
        )
        for row in session.exec(select(OrganisationHandover)).all()
    }
