"""The hand-over of an employer's running cases to its new arbodienst, the company doctor's
part (seed ch. 1, Bewaartermijn: "dragen wij persoonsgegevens die verband houden met lopende
ziektegevallen over aan de nieuwe bedrijfsarts of arbodienst"; issue 17 item 6).

When the administrator ended the employer's contract naming the successor
(kwportal/services/admin/handover.py), every running case got its ``handover_id``. The
doctor of the team that serves the employer sees those cases on /care-transfer next to the
transfer requests, and per case builds the signed package of *that case only*
(transfer_package.py), encrypts it for the successor (age: its public key, or a passphrase
handed over another way) and releases it: a :class:`Disclosure` to the successor and an
audit row in the same transaction that marks the case sent. An employee with a running and
a closed case is handled case by case: the closed case was never handed over and keeps its
own retention term. A case of an employer the doctor does not serve reads as no hand-over
case at all."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, or_, select

from kwportal.domain import policy
from kwportal.domain.policy import Actor, Subject, in_scope, require
from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date
from kwportal.models import (
    Account,
    Employee,
    EmployeeNotice,
    Organisation,
    OrganisationHandover,
    SickLeaveCase,
)
from kwportal.services import audit, signing
from kwportal.services.case import transfer_package as packing
from kwportal.services.case import transfer_requests
from kwportal.services.case.transfer import (
    BY_KEY,
    Sealed,
    Target,
    mark_sent,
    seal,
    sealed_result,
    target,
)
from kwportal.services.employee import telling
from kwportal.services.mail import Mail
from kwportal.services.privacy import restriction
from kwportal.services.privacy.transfer import TransferError
from kwportal.services.unit import Ctx, use_case

RELEASED = "handover_package_released"
CASE_HANDED_OVER = "case_handover_started"
#: the employee's notice (``employee_notice.kind``) and the page it and the mail point to:
#: the release to the successor shows there as a disclosure
NOTICE_KIND = "handover"
DISCLOSURES_PATH = "/my-disclosures"
LISTED = "handover_cases_read"
#: the legal-duty exception a restricted employee's hand-over is recorded under
RESTRICTION_ACT = "handover_package"
LIST_LIMIT = 200


@dataclass(frozen=True, slots=True)
class HandoverCase:
    """A case the doctor hands over: whose, which employer, to whom, since when."""

    case_id: int
    name: str
    personnel_number: str
    organisation: str
    successor: str
    contract_end: date
    sick_since: date
    released_on: date | None


def _running(organisation_id: int) -> tuple[Any, ...]:
    """The employer's running cases not yet handed over."""
    return (
        SickLeaveCase.organisation_id == organisation_id,
        col(SickLeaveCase.recovery_date).is_(None),
        col(SickLeaveCase.transfer_confirmed_on).is_(None),
        col(SickLeaveCase.handover_id).is_(None),
    )


def hand_over_running_cases(
    ctx: Ctx, actor: Actor, handover: OrganisationHandover
) -> tuple[int, int]:
    """Mark every running case of the handed-over employer with the hand-over and tell each
    employee concerned: a notice in his portal and a content-free mail that his running case
    goes to the successor (to his account's address, or else the address on file; with
    neither, a letter the case manager posts — services/employee/telling.py); one
    audit row per employee naming his cases. Returns (cases, employees told). Called when
    the administrator starts the hand-over, and again when the doctor opens his list, so a
    case reported before the contract ends is handed over too."""
    org = ctx.session.get(Organisation, handover.organisation_id)
    assert org is not None and org.id is not None and handover.id is not None
    cases = list(
        ctx.session.exec(
            select(SickLeaveCase)
            .where(*_running(org.id))
            .order_by(col(SickLeaveCase.id))
            .with_for_update()
        )
    )
    per_employee: dict[int, list[int]] = {}
    for case in cases:
        case.handover_id = handover.id
        ctx.session.add(case)
        per_employee.setdefault(case.employee_id, []).append(case.id or 0)
    entries = []
    for employee_id, case_ids in sorted(per_employee.items()):
        person = ctx.session.get(Employee, employee_id)
        assert person is not None
        account = ctx.session.exec(
            select(Account).where(Account.employee_id == employee_id, col(Account.is_active))
        ).first()
        ctx.session.add(
            EmployeeNotice(
                employee_id=employee_id,
                account_id=account.id if account else None,
                kind=NOTICE_KIND,
                created_at=ctx.now,
            )
        )
        mail = _employee_mail(account, person, org, handover, ctx.origin)
        if mail is not None:
            ctx.send(mail)
        # no account, no address: a letter the case manager posts (his latest handed-over
        # case scopes it; services/case/letters.py names the successor and the date)
        letter = telling.letter_if_unreachable(
            ctx,
            actor,
            employee_id=employee_id,
            account=account,
            person=person,
            case_id=max(case_ids),
            kind=telling.HANDOVER,
        )
        entries.append(
            audit.Entry(
                event_type=CASE_HANDED_OVER,
                action=audit.Action.UPDATE,
                ground=audit.Ground.LEGAL_DUTY,
                subject_employee_id=employee_id,
                objects=[audit.ObjectRef("audit", "sick_leave_case", i) for i in case_ids],
                details={"handover": handover.id, "mailed": mail is not None, "letter": letter},
            )
        )
    audit.record_many(
        ctx.session, entries, actor=actor, access=ctx.access, secret=ctx.secret, now=ctx.now
    )
    return len(cases), len(entries)


def _employee_mail(
    account: Account | None,
    person: Employee,
    org: Organisation,
    handover: OrganisationHandover,
    origin: str,
) -> Mail | None:
    address = (account.email if account else "") or person.email
    if not address:
        return None
    lang = account.language if account else "nl"
    name = account.display_name if account else f"{person.first_name} {person.last_name}"
    body = t("mail.handover_employee.body", lang).format(
        name=name,
        organisation=org.name,
        successor=handover.successor,
        date=fmt_date(handover.contract_end, lang),
        link=f"{origin}{DISCLOSURES_PATH}",
    )
    return Mail(to=address, subject=t("mail.handover_employee.subject", lang), body=body)


def _catch_up(ctx: Ctx, actor: Actor) -> None:
    """Hand over the cases reported at the doctor's handed-over employers since the start."""
    for row in ctx.session.exec(
        select(OrganisationHandover).where(
            col(OrganisationHandover.organisation_id).in_(sorted(actor.employer_ids))
        )
    ).all():
        hand_over_running_cases(ctx, actor, row)


def _doctor(actor: Actor) -> int:
    return require(actor, *policy.HANDOVER_RELEASERS, has="account_id", error=TransferError)


def _open(*where: Any) -> tuple[Any, ...]:
    """A handed-over case still to release or to confirm: running when the hand-over
    started (it has its ``handover_id``), not yet confirmed, and either still running or
    already released (a case that recovered before its release stays a closed case)."""
    return (
        col(SickLeaveCase.handover_id).is_not(None),
        col(SickLeaveCase.transfer_confirmed_on).is_(None),
        or_(
            col(SickLeaveCase.recovery_date).is_(None),
            col(SickLeaveCase.transferred_at).is_not(None),
        ),
        *where,
    )


def handover_cases(
    actor: Actor, *, session: Session, now: datetime, access: audit.AccessPoint, secret: str
) -> tuple[HandoverCase, ...]:
    """The handed-over cases of the doctor's employers, by employer and case; the read is
    logged per employee."""
    _doctor(actor)
    if not actor.employer_ids:
        return ()
    rows = session.exec(
        select(SickLeaveCase, Employee, Organisation, OrganisationHandover)
        .join(Employee, col(Employee.id) == col(SickLeaveCase.employee_id))
        .join(Organisation, col(Organisation.id) == col(SickLeaveCase.organisation_id))
        .join(OrganisationHandover, col(OrganisationHandover.id) == col(SickLeaveCase.handover_id))
        .where(*_open(col(SickLeaveCase.organisation_id).in_(sorted(actor.employer_ids))))
        .order_by(col(Organisation.name), col(SickLeaveCase.id))
        .limit(LIST_LIMIT)
    ).all()
    lines = tuple(
        HandoverCase(
            case_id=case.id or 0,
            name=f"{person.first_name} {person.last_name}",
            personnel_number=person.personnel_number,
            organisation=org.name,
            successor=handover.successor,
            contract_end=handover.contract_end,
            sick_since=case.sick_report_date,
            released_on=case.transferred_at.date() if case.transferred_at else None,
        )
        for case, person, org, handover in rows
    )
    per_employee: dict[int, list[audit.ObjectRef]] = {}
    for case, *_rest in rows:
        per_employee.setdefault(case.employee_id, []).append(
            audit.ObjectRef("absence", "sick_leave_case", case.id)
        )
    audit.record_many(
        session,
        audit.reads(LISTED, dict(sorted(per_employee.items()))),
        actor=actor,
        access=access,
        secret=secret,
        now=now,
    )
    return lines


def release_case(
    actor: Actor,
    case_id: int | None,
    to: Target,
    *,
    session: Session,
    now: datetime,
    access: audit.AccessPoint,
    secret: str,
    origin: str,
    pem: str | None = None,
) -> Sealed:
    """Pack the one handed-over case, encrypt it for ``to``, record the disclosure to the
    successor and mark the case sent. It may be released again (a lost file) until the
    successor's receipt is confirmed; each release is its own disclosure."""
    doctor = _doctor(actor)
    case = (
        session.exec(
            select(SickLeaveCase).where(*_open(SickLeaveCase.id == case_id)).with_for_update()
        ).first()
        if case_id is not None
        else None
    )
    if case is None or not in_scope(actor, Subject(case.employee_id, case.organisation_id)):
        raise TransferError("handover.not_a_handover_case")
    handover = session.get(OrganisationHandover, case.handover_id)
    person = session.get(Employee, case.employee_id)
    assert handover is not None and person is not None and person.id is not None
    restriction.check(
        session,
        actor,
        person.id,
        RESTRICTION_ACT,
        case_id=case.id,
        now=now,
        access=access,
        secret=secret,
        error=TransferError,
    )
    package = packing.build(
        packing.collect(session, person, [case], recipient=handover.successor),
        package_id=secrets.token_hex(8),
        created_at=now,
        key_url=origin + signing.WELL_KNOWN_PATH,
        pem=pem,
    )
    sealed = seal(package.content, to)
    disclosure = mark_sent(session, case, handover.successor, doctor=doctor, now=now)
    session.flush()
    result = sealed_result(package, sealed)
    audit.record(
        session,
        actor=actor,
        access=access,
        event_type=RELEASED,
        action=audit.Action.DISCLOSE,
        ground=audit.Ground.LEGAL_DUTY,
        subject_employee_id=person.id,
        objects=[
            audit.ObjectRef("absence", "sick_leave_case", case.id),
            audit.ObjectRef("audit", "disclosure", disclosure.id),
            *[
                audit.ObjectRef(category, table.__tablename__, None)
                for _key, table, category in packing.CASE_PARTS
            ],
        ],
        details={
            "handover": handover.id,
            "recipient": handover.successor,
            "package": result.package_id,
            "sha256": package.sha256,
            "encrypted_sha256": result.sha256,
            "encryption": "age-x25519" if to.method == BY_KEY else "age-scrypt",
            "recipient_key": to.key,
            "cases": [case.id],
        },
        secret=secret,
        now=now,
    )
    return result


# --- use cases: the doctor's page lists, the download route releases ---


@use_case(*policy.HANDOVER_RELEASERS)
def do_handover_cases(actor: Actor, *, ctx: Ctx) -> tuple[HandoverCase, ...]:
    return handover_cases(
        actor, session=ctx.session, now=ctx.now, access=ctx.access, secret=ctx.secret
    )


@dataclass(frozen=True, slots=True)
class TransferPage:
    """/care-transfer: the transfer requests, and the cases handed over on a contract end."""

    requests: tuple[transfer_requests.TransferLine, ...]
    handovers: tuple[HandoverCase, ...]


@use_case(*policy.HANDOVER_RELEASERS)
def do_transfer_page(actor: Actor, *, ctx: Ctx) -> TransferPage:
    _doctor(actor)
    _catch_up(ctx, actor)
    session, now, access, secret = ctx.session, ctx.now, ctx.access, ctx.secret
    return TransferPage(
        transfer_requests.transfer_lines(
            actor, session=session, now=now, access=access, secret=secret
        ),
        handover_cases(actor, session=session, now=now, access=access, secret=secret),
    )


@use_case(*policy.HANDOVER_RELEASERS, step_up=True)
def do_release_case(
    actor: Actor,
    case_id: int | None,
    method: str,
    key: str,
    phrase: str,
    again: str,
    *,
    ctx: Ctx,
) -> Sealed:
    """Check the form, then build, encrypt and release the package of one handed-over case,
    in one unit with its disclosure and audit row. The encrypted file is the HTTP answer."""
    _doctor(actor)
    to = target(method, key, phrase, again)
    return release_case(
        actor,
        case_id,
        to,
        session=ctx.session,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
        origin=ctx.origin,
    )
