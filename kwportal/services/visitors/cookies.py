"""Cookie choices as consent records (seed ch. 2: "Uw toestemming vragen wij ook voor het
plaatsen van een deel van de cookies" … "door uw instellingen op de cookieverklaringspagina
aan te passen"). The visitor keeps a random choice id in a functional cookie; we keep only
its keyed hash, the categories, the text version and the time. A change or withdrawal adds a
record and closes the previous one."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from kwportal.domain import legal_texts
from kwportal.domain.visitors import COOKIE_CHOICE_DAYS
from kwportal.models import CookieConsent
from kwportal.services import audit
from kwportal.services.auth.common import Context, keyed_hash
from kwportal.services.visitors.common import _aware, log_visitor

METHODS = frozenset({"accept_all", "reject_all", "custom", "withdraw"})


@dataclass(frozen=True, slots=True)
class Choice:
    analytics: bool
    marketing: bool
    gpc: bool
    text_version: str
    given_at: datetime
    method: str

    @property
    def version_number(self) -> int:
        parsed = legal_texts.parse_tag(self.text_version)
        return parsed[1] if parsed else 0


def _hash(secret: str, choice_id: str) -> str:
    return keyed_hash(secret, "cookie-choice:" + choice_id)


def _open_record(session: Session, secret: str, choice_id: str) -> CookieConsent | None:
    if not choice_id or len(choice_id) > 100:
        return None
    return session.exec(
        select(CookieConsent).where(
            CookieConsent.choice_hash == _hash(secret, choice_id),
            col(CookieConsent.superseded_at).is_(None),
        )
    ).first()


def current(session: Session, secret: str, choice_id: str, now: datetime) -> Choice | None:
    """The visitor's standing choice, or None (no choice, or older than a year: ask again)."""
    row = _open_record(session, secret, choice_id)
    if row is None:
        return None
    given = _aware(row.given_at, now)
    if now - given > timedelta(days=COOKIE_CHOICE_DAYS):
        return None
    return Choice(row.analytics, row.marketing, row.gpc, row.text_version, given, row.method)


def record(
    session: Session,
    ctx: Context,
    choice_id: str,
    *,
    method: str,
    analytics: bool,
    marketing: bool,
    gpc: bool,
) -> tuple[str, Choice]:
    """Store a choice; returns the choice id (a new one when the visitor had none) and what
    was recorded. Global Privacy Control refuses marketing whatever was ticked."""
    if method not in METHODS:
        method = "custom"
    if method == "withdraw":
        analytics = marketing = False
    if gpc:
        marketing = False
    previous = _open_record(session, ctx.secret, choice_id)
    if previous is None:
        choice_id = secrets.token_urlsafe(24)
    else:
        previous.superseded_at = ctx.now
        session.add(previous)
    tag = legal_texts.version_tag(legal_texts.Document.COOKIES)
    row = CookieConsent(
        choice_hash=_hash(ctx.secret, choice_id),
        text_version=tag,
        analytics=analytics,
        marketing=marketing,
        gpc=gpc,
        method=method,
        given_at=ctx.now,
    )
    session.add(row)
    session.flush()
    log_visitor(
        session,
        ctx,
        "cookie_choice_withdrawn" if method == "withdraw" else "cookie_choice_recorded",
        action=audit.Action.UPDATE if previous else audit.Action.CREATE,
        ground=audit.Ground.CONSENT,
        details={
            "consent": row.id,
            "analytics": analytics,
            "marketing": marketing,
            "gpc": gpc,
            "version": tag,
        },
    )
    return choice_id, Choice(analytics, marketing, gpc, tag, ctx.now, method)
