"""The newsletter (seed ch. 2: "U kunt zich aanmelden voor onze e-mails … Bij ieder
e-mailbericht bieden wij u de mogelijkheid om zich af te melden"; retention "totdat de
persoon zich afmeldt").

Double opt-in: a sign-up is pending until the e-mailed link (256-bit, hashed, 72 hours,
single use) is followed. Every mail carries an unsubscribe link and the RFC 8058 one-click
headers. Unsubscribing deletes name and address and keeps only a keyed hash of the address
(suppression), checked before any mail goes out. A sign-up never tells whether the address
was known (no enumeration).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import Session, col, select

from kwportal.domain import legal_texts
from kwportal.domain import visitors as rules
from kwportal.i18n import normalise_language, t
from kwportal.models import NewsletterSubscriber, NewsletterSuppression, VisitorToken
from kwportal.services import audit
from kwportal.services.auth.common import Context, keyed_hash
from kwportal.services.mail import Mail
from kwportal.services.visitors.common import (
    PURPOSE_NEWSLETTER,
    Result,
    issue_link,
    log_visitor,
    redeem_link,
)

SIGNED_UP = "visitor.newsletter_check_mail"
PENDING, ACTIVE = "pending", "active"
UNSUBSCRIBE_PATH = "/api/public/newsletter/unsubscribe"


def email_hash(secret: str, address: str) -> str:
    return keyed_hash(secret, "newsletter:" + rules.normalise_email(address))


def unsubscribe_token(secret: str, subscriber: NewsletterSubscriber) -> str:
    """``<id>.<HMAC of id and the row's salt>``: nothing to store, and void once the row is
    gone."""
    message = f"unsubscribe:{subscriber.id}:{subscriber.unsubscribe_salt}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return f"{subscriber.id}.{base64.urlsafe_b64encode(digest).decode().rstrip('=')}"


def _by_unsubscribe_token(session: Session, secret: str, token: str) -> NewsletterSubscriber | None:
    ident, _, _mac = token.partition(".")
    if not ident.isdigit() or len(token) > 120:
        return None
    row = session.get(NewsletterSubscriber, int(ident))
    if row is None or not hmac.compare_digest(unsubscribe_token(secret, row), token):
        return None
    return row


def unsubscribe_url(ctx: Context, subscriber: NewsletterSubscriber) -> str:
    return f"{ctx.origin}/newsletter-unsubscribe?t={unsubscribe_token(ctx.secret, subscriber)}"


def _mail(ctx: Context, subscriber: NewsletterSubscriber, subject: str, body: str) -> Mail:
    """Every newsletter mail: the unsubscribe link in the text and the one-click headers."""
    lang = subscriber.language
    link = unsubscribe_url(ctx, subscriber)
    one_click = f"{ctx.origin}{UNSUBSCRIBE_PATH}?t={unsubscribe_token(ctx.secret, subscriber)}"
    footer = t("visitor.mail.unsubscribe_footer", lang).replace("{link}", link)
    return Mail(
        to=subscriber.email,
        subject=subject,
        body=f"{body}\n\n--\n{footer}\n",
        headers={
            "List-Unsubscribe": f"<{one_click}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def suppressed(session: Session, secret: str, address: str) -> bool:
    digest = email_hash(secret, address)
    row = session.exec(
        select(NewsletterSuppression.id).where(NewsletterSuppression.email_hash == digest)
    ).first()
    return row is not None


def sign_up(session: Session, ctx: Context, *, name: str, email: str, language: str) -> Result:
    problem = rules.name_problem(name) or rules.email_problem(email)
    if problem:
        return Result(problem, ok=False)
    address = rules.normalise_email(email)
    digest = email_hash(ctx.secret, address)
    existing = session.exec(
        select(NewsletterSubscriber).where(NewsletterSubscriber.email_hash == digest)
    ).first()
    if existing is not None and existing.status == ACTIVE:
        # same answer as for a new address; the subscriber hears nothing new
        log_visitor(
            session,
            ctx,
            "newsletter_signup_repeated",
            action=audit.Action.READ,
            ground=audit.Ground.CONSENT,
        )
        return Result(SIGNED_UP)
    lang = normalise_language(language)
    if existing is None:
        existing = NewsletterSubscriber(
            name=name.strip(),
            email=address,
            email_hash=digest,
            language=lang,
            status=PENDING,
            consent_version=legal_texts.version_tag(legal_texts.Document.PRIVACY),
            created_at=ctx.now,
            unsubscribe_salt=secrets.token_hex(16),
        )
    else:
        existing.name, existing.language, existing.created_at = name.strip(), lang, ctx.now
    session.add(existing)
    session.flush()
    assert existing.id is not None
    token = issue_link(session, ctx, PURPOSE_NEWSLETTER, subscriber_id=existing.id)
    link = f"{ctx.origin}/newsletter-confirm?token={token}"
    log_visitor(
        session,
        ctx,
        "newsletter_signup",
        action=audit.Action.CREATE,
        ground=audit.Ground.CONSENT,
        details={"subscriber": existing.id},
    )
    body = t("visitor.mail.confirm_body", lang).replace("{link}", link)
    return Result(
        SIGNED_UP, mails=[_mail(ctx, existing, t("visitor.mail.confirm_subject", lang), body)]
    )


def confirm(session: Session, ctx: Context, token: str) -> Result:
    link = redeem_link(session, ctx, token, PURPOSE_NEWSLETTER)
    row = (
        session.get(NewsletterSubscriber, link.subscriber_id)
        if link and link.subscriber_id
        else None
    )
    if row is None:
        return Result("visitor.link_invalid", ok=False)
    row.status, row.confirmed_at = ACTIVE, ctx.now
    session.add(row)
    # a deliberate, confirmed sign-up lifts an earlier suppression of the same address
    session.execute(
        delete(NewsletterSuppression).where(col(NewsletterSuppression.email_hash) == row.email_hash)
    )
    log_visitor(
        session,
        ctx,
        "newsletter_confirmed",
        action=audit.Action.UPDATE,
        ground=audit.Ground.CONSENT,
        details={"subscriber": row.id, "version": row.consent_version},
    )
    return Result("visitor.newsletter_confirmed")


def forget(session: Session, row: NewsletterSubscriber, now_suppress: bool = True) -> None:
    """Delete name and address (and any pending links); keep only the suppression hash."""
    digest = row.email_hash
    session.execute(delete(VisitorToken).where(col(VisitorToken.subscriber_id) == row.id))
    session.delete(row)
    if now_suppress:
        known = session.exec(
            select(NewsletterSuppression.id).where(NewsletterSuppression.email_hash == digest)
        ).first()
        if known is None:
            session.add(NewsletterSuppression(email_hash=digest))


def unsubscribe(session: Session, ctx: Context, token: str) -> Result:
    """One click (RFC 8058) or the page's button: no session, no form token; the token is
    the authority. A second click finds nothing and says the same."""
    row = _by_unsubscribe_token(session, ctx.secret, token)
    if row is None:
        return Result("visitor.unsubscribed")
    subscriber_id = row.id
    forget(session, row)
    log_visitor(
        session,
        ctx,
        "newsletter_unsubscribed",
        action=audit.Action.DELETE,
        ground=audit.Ground.CONSENT,
        details={"subscriber": subscriber_id},
    )
    return Result("visitor.unsubscribed")


@dataclass(frozen=True, slots=True)
class Issue:
    subject_nl: str
    body_nl: str
    subject_en: str
    body_en: str


def issue_mails(session: Session, ctx: Context, issue: Issue) -> list[Mail]:
    """One mail per confirmed subscriber whose address is not suppressed, each with its own
    unsubscribe link and headers; sent by the caller after commit."""
    rows = session.exec(
        select(NewsletterSubscriber).where(NewsletterSubscriber.status == ACTIVE)
    ).all()
    blocked = set(session.exec(select(NewsletterSuppression.email_hash)).all())
    mails = []
    for row in rows:
        if row.email_hash in blocked:
            continue
        english = row.language == "en"
        subject = issue.subject_en if english else issue.subject_nl
        body = issue.body_en if english else issue.body_nl
        mails.append(_mail(ctx, row, subject, body))
    log_visitor(
        session,
        ctx,
        "newsletter_sent",
        action=audit.Action.DISCLOSE,
        ground=audit.Ground.CONSENT,
        details={"recipients": len(mails)},
    )
    return mails
