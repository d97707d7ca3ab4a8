"""Visitors' rights requests: access, rectification and deletion of newsletter and callback
data (seed ch. 3 A, B, E, for visitors). Identity is confirmed by an e-mail link first (seed
ch. 2: "wij kunnen u vragen om aanvullende gegevens te verstrekken … om uw identiteit te
bevestigen"); then the request is in the privacy officer's queue with the four-week due
date (domain/rights.py). Callback requests are found by phone number, which the e-mail link
does not prove: the officer calls that number back before disclosing them (README)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from kwportal.domain import rights as rights_rules
from kwportal.domain import visitors as rules
from kwportal.domain.categories import Category
from kwportal.domain.policy import Actor, access
from kwportal.domain.roles import Role
from kwportal.domain.visitors import VisitorRequestStatus as Status
from kwportal.domain.visitors import VisitorRight
from kwportal.i18n import normalise_language, t
from kwportal.i18n.fmt import fmt_date, local_date
from kwportal.models import (
    CallbackRequest,
    NewsletterSubscriber,
    VisitorRightsRequest,
    VisitorToken,
)
from kwportal.services import audit
from kwportal.services.auth.common import Context
from kwportal.services.mail import Mail
from kwportal.services.unit import Ctx, use_case
from kwportal.services.visitors import newsletter
from kwportal.services.visitors.common import (
    PURPOSE_RIGHTS,
    Result,
    issue_link,
    log_visitor,
    redeem_link,
)

CHECK_MAIL = "visitor.rights_check_mail"


def submit(
    session: Session,
    ctx: Context,
    *,
    kind: str,
    name: str,
    email: str,
    phone: str,
    details: str,
    language: str,
) -> Result:
    problems = [
        "" if kind in VisitorRight.__members__.values() else "visitor.choice_invalid",
        rules.name_problem(name, required=False),
        rules.email_problem(email),
        rules.phone_problem(phone) if phone.strip() else "",
        rules.text_problem(details, rules.MAX_DETAILS),
    ]
    if kind == VisitorRight.RECTIFICATION and not details.strip():
        problems.append("visitor.details_missing")
    found = [p for p in problems if p]
    if found:
        return Result(found[0], ok=False)
    lang = normalise_language(language)
    row = VisitorRightsRequest(
        kind=kind,
        name=name.strip(),
        email=rules.normalise_email(email),
        phone=phone.strip(),
        details=details.strip(),
        language=lang,
        created_at=ctx.now,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    token = issue_link(session, ctx, PURPOSE_RIGHTS, rights_request_id=row.id)
    log_visitor(
        session,
        ctx,
        "visitor_rights_requested",
        action=audit.Action.CREATE,
        ground=audit.Ground.LEGAL_DUTY,
        details={"request": row.id, "kind": kind},
    )
    link = f"{ctx.origin}/visitor-rights-confirm?token={token}"
    mail = Mail(
        to=row.email,
        subject=t("visitor.mail.rights_subject", lang),
        body=t("visitor.mail.rights_body", lang).replace("{link}", link),
    )
    return Result(CHECK_MAIL, mails=[mail])


def confirm(session: Session, ctx: Context, token: str) -> Result:
    link = redeem_link(session, ctx, token, PURPOSE_RIGHTS)
    row = (
        session.get(VisitorRightsRequest, link.rights_request_id)
        if link and link.rights_request_id
        else None
    )
    if row is None or row.status != Status.UNCONFIRMED:
        return Result("visitor.link_invalid", ok=False)
    row.status, row.confirmed_at = Status.RECEIVED, ctx.now
    row.due_at = rights_rules.due_date(ctx.today)
    session.add(row)
    log_visitor(
        session,
        ctx,
        "visitor_rights_confirmed",
        action=audit.Action.UPDATE,
        ground=audit.Ground.LEGAL_DUTY,
        details={"request": row.id},
    )
    return Result("visitor.rights_confirmed")


@dataclass(frozen=True, slots=True)
class FoundData:
    newsletter: tuple[tuple[str, str], ...]  # (name, e-mail, status as text) as label/value
    callbacks: tuple[tuple[int, str, str, str, str], ...]  # id, name, phone, topic, date
    #: the subscription found (named in the audit row of the read, never shown)
    subscriber_id: int | None = None


@dataclass(frozen=True, slots=True)
class DeskLine:
    request_id: int
    kind: str
    name: str
    email: str
    phone: str
    details: str
    received_on: date
    due_on: date
    overdue: bool
    found: FoundData


def may_handle(actor: Actor) -> bool:
    return actor.role is Role.PRIVACY_OFFICER and access(actor, Category.VISITOR) is not None


def _subscriber(session: Session, secret: str, email: str) -> NewsletterSubscriber | None:
    digest = newsletter.email_hash(secret, email)
    return session.exec(
        select(NewsletterSubscriber).where(NewsletterSubscriber.email_hash == digest)
    ).first()


def _callbacks(session: Session, phone: str) -> list[CallbackRequest]:
    digits = rules.phone_digits(phone)
    if not digits:
        return []
    return list(
        session.exec(select(CallbackRequest).where(CallbackRequest.phone_digits == digits)).all()
    )


def _found(session: Session, secret: str, row: VisitorRightsRequest) -> FoundData:
    sub = _subscriber(session, secret, row.email)
    letter = (
        (
            ("name", sub.name),
            ("email", sub.email),
            ("status", sub.status),
            ("since", fmt_date(sub.created_at, short=True)),
        )
        if sub
        else ()
    )
    calls = tuple(
        (c.id or 0, c.name, c.phone, c.topic, fmt_date(c.created_at, short=True))
        for c in _callbacks(session, row.phone)
    )
    return FoundData(letter, calls, sub.id if sub else None)


def queue(
    session: Session, actor: Actor, *, access_point: audit.AccessPoint, secret: str, now: datetime
) -> list[DeskLine]:
    """Confirmed, unanswered requests, the earliest due first; the read is audited."""
    if not may_handle(actor):
        raise PermissionError("visitor requests are for the privacy officer")
    rows = session.exec(
        select(VisitorRightsRequest)
        .where(VisitorRightsRequest.status == Status.RECEIVED)
        .order_by(col(VisitorRightsRequest.due_at), col(VisitorRightsRequest.id))
    ).all()
    today = local_date(now)
    lines = []
    for row in rows:
        assert row.id is not None and row.due_at is not None and row.confirmed_at is not None
        lines.append(
            DeskLine(
                row.id,
                row.kind,
                row.name,
                row.email,
                row.phone,
                row.details,
                row.confirmed_at.date(),
                row.due_at,
                rights_rules.is_overdue(row.due_at, today),
                _found(session, secret, row),
            )
        )
    audit.record(
        session,
        actor=actor,
        access=access_point,
        event_type="visitor_requests_viewed",
        action=audit.Action.READ,
        ground=audit.Ground.LEGAL_DUTY,
        objects=[ref for line in lines for ref in _read_objects(line)],
        secret=secret,
        now=now,
    )
    return lines


def _read_objects(line: DeskLine) -> list[audit.ObjectRef]:
    """The request and every record found for it that the desk sees with it."""
    refs = [audit.ObjectRef("visitor", "visitor_rights_request", line.request_id)]
    if line.found.subscriber_id is not None:
        refs.append(audit.ObjectRef("visitor", "newsletter_subscriber", line.found.subscriber_id))
    refs += [
        audit.ObjectRef("visitor", "callback_request", call[0]) for call in line.found.callbacks
    ]
    return refs


def _data_text(found: FoundData, lang: str) -> str:
    lines = [t("visitor.mail.data_newsletter", lang)]
    lines += [
        f"  {t(f'visitor.field.{label}', lang)}: {value}" for label, value in found.newsletter
    ]
    if not found.newsletter:
        lines.append("  " + t("visitor.mail.data_none", lang))
    lines.append(t("visitor.mail.data_callbacks", lang))
    lines += [
        f"  {date_}: {name}, {phone}, {t(f'visitor.topic.{topic}', lang)}"
        for _i, name, phone, topic, date_ in found.callbacks
    ]
    if not found.callbacks:
        lines.append("  " + t("visitor.mail.data_none", lang))
    return "\n".join(lines)


def carry_out(
    session: Session,
    ctx: Context,
    actor: Actor,
    request_id: int,
    *,
    new_name: str = "",
) -> Result:
    """Do what the request asks, answer the visitor by e-mail, and close it: access sends
    the data found; deletion deletes the newsletter row (keeping the suppression hash) and
    the callback requests; rectification corrects the name to ``new_name``."""
    if not may_handle(actor):
        return Result("auth.not_allowed", ok=False)
    row = session.get(VisitorRightsRequest, request_id)
    if row is None or row.status != Status.RECEIVED:
        return Result("visitor.request_gone", ok=False)
    lang = row.language
    found = _found(session, ctx.secret, row)
    if row.kind == VisitorRight.RECTIFICATION:
        problem = rules.name_problem(new_name)
        if problem:
            return Result(problem, ok=False)
        sub = _subscriber(session, ctx.secret, row.email)
        if sub is not None:
            sub.name = new_name.strip()
            session.add(sub)
        for call in _callbacks(session, row.phone):
            call.name = new_name.strip()
            session.add(call)
        body = t("visitor.mail.rectified", lang).replace("{name}", new_name.strip())
    elif row.kind == VisitorRight.DELETION:
        sub = _subscriber(session, ctx.secret, row.email)
        if sub is not None:
            newsletter.forget(session, sub)
        ids = [c.id for c in _callbacks(session, row.phone)]
        if ids:
            session.execute(delete(CallbackRequest).where(col(CallbackRequest.id).in_(ids)))
        body = t("visitor.mail.deleted", lang)
    else:
        body = t("visitor.mail.access", lang) + "\n\n" + _data_text(found, lang)
    row.status, row.answered_at, row.handled_by_account_id = (
        Status.ANSWERED,
        ctx.now,
        actor.account_id,
    )
    row.answer = body[:4000]
    session.add(row)
    session.execute(delete(VisitorToken).where(col(VisitorToken.rights_request_id) == row.id))
    audit.record(
        session,
        actor=actor,
        access=ctx.access,
        event_type=f"visitor_rights_{row.kind}_done",
        action=audit.Action.DISCLOSE
        if row.kind == VisitorRight.ACCESS
        else audit.Action.UPDATE
        if row.kind == VisitorRight.RECTIFICATION
        else audit.Action.DELETE,
        ground=audit.Ground.LEGAL_DUTY,
        objects=[audit.ObjectRef("visitor", "visitor_rights_request", request_id)],
        details={"newsletter": bool(found.newsletter), "callbacks": len(found.callbacks)},
        secret=ctx.secret,
        now=ctx.now,
    )
    mail = Mail(to=row.email, subject=t("visitor.mail.answer_subject", lang), body=body)
    return Result("visitor.request_done", mails=[mail])


# --- staff use cases: one click each (the privacy officer's queue hands them to the runner) ---

Queue = tuple[DeskLine, ...]


@dataclass(frozen=True, slots=True)
class CarriedOut:
    """After an action: the catalog key to show, and the refreshed queue."""

    message: str
    queue: Queue


@use_case(Role.PRIVACY_OFFICER)
def do_queue(actor: Actor, *, ctx: Ctx) -> Queue:
    return tuple(queue(ctx.session, actor, access_point=ctx.access, secret=ctx.secret, now=ctx.now))


@use_case(Role.PRIVACY_OFFICER)
def do_carry_out(actor: Actor, request_id: int, new_name: str = "", *, ctx: Ctx) -> CarriedOut:
    """Do what the visitor asked and answer him by e-mail (sent after the commit), then the
    refreshed queue, in the one unit."""
    result = carry_out(ctx.session, ctx, actor, request_id, new_name=new_name)
    ctx.send(*result.mails)
    return CarriedOut(result.message, do_queue(actor, ctx=ctx))
