"""What every public form shares: the signed form token (CSRF double submit and minimum
time), the per-IP rate limit, one-time e-mail links, and the audit line of a visitor."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from kwportal.domain import visitors as rules
from kwportal.models import PublicFormHit, VisitorAddress, VisitorToken
from kwportal.services import audit
from kwportal.services.auth.common import Context, keyed_hash, new_token
from kwportal.services.mail import Mail

PURPOSE_NEWSLETTER = "newsletter_confirm"
PURPOSE_RIGHTS = "rights_confirm"


@dataclass
class Result:
    """What a visitor's form produced: ``message`` is a catalog key shown on the page."""

    message: str
    ok: bool = True
    mails: list[Mail] = field(default_factory=list)
    retry_after: int = 0


def _mac(secret: str, text: str) -> str:
    digest = hmac.new(secret.encode(), ("form:" + text).encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def new_form_token(secret: str, now: datetime) -> tuple[str, str]:
    """(token for the hidden field, nonce for the kw_form cookie): the token signs the
    nonce and the moment the form was served."""
    nonce = secrets.token_urlsafe(16)
    stamp = str(int(now.timestamp()))
    return f"{stamp}.{nonce}.{_mac(secret, stamp + '.' + nonce)}", nonce


def form_token_problem(
    secret: str, token: str, cookie_nonce: str, now: datetime, *, min_seconds: float
) -> str:
    """'' when the token is ours, matches the cookie, and is neither too fresh (a bot fills
    a form at once) nor stale; otherwise a catalog key."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or len(token) > 200:
        return "visitor.form_invalid"
    stamp, nonce, mac = parts
    if not hmac.compare_digest(mac, _mac(secret, stamp + "." + nonce)):
        return "visitor.form_invalid"
    if not cookie_nonce or not hmac.compare_digest(nonce, cookie_nonce):
        return "visitor.form_invalid"
    age = now.timestamp() - int(stamp)
    if age < min_seconds:
        return "visitor.too_fast"
    if age > rules.MAX_FORM_AGE.total_seconds() or age < -60:
        return "visitor.form_stale"
    return ""


def ip_key(secret: str, ip: str) -> str:
    return keyed_hash(secret, "ip:" + ip)


def rate_limited(session: Session, ctx: Context, form: str) -> int:
    """Count this post; seconds to wait when the IP is over the form's limit, else 0."""
    limit = rules.FORM_LIMITS[form]
    key = ip_key(ctx.secret, ctx.access.ip)
    since = ctx.now - limit.window
    count, oldest = session.exec(
        select(func.count(col(PublicFormHit.id)), func.min(PublicFormHit.occurred_at)).where(
            PublicFormHit.ip_key == key,
            PublicFormHit.form == form,
            col(PublicFormHit.occurred_at) > since,
        )
    ).one()
    if rules.over_limit(form, int(count)):
        ready = _aware(oldest, ctx.now) + limit.window if oldest else ctx.now + limit.window
        return max(1, int((ready - ctx.now).total_seconds()) + 1)
    session.add(PublicFormHit(ip_key=key, form=form, occurred_at=ctx.now))
    return 0


def _aware(value: datetime, like: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=like.tzinfo)


def issue_link(
    session: Session,
    ctx: Context,
    purpose: str,
    *,
    subscriber_id: int | None = None,
    rights_request_id: int | None = None,
) -> str:
    """A 256-bit single-use link token; only its keyed hash is stored."""
    token = new_token()
    session.add(
        VisitorToken(
            token_hash=keyed_hash(ctx.secret, "visitor:" + token),
            purpose=purpose,
            subscriber_id=subscriber_id,
            rights_request_id=rights_request_id,
            created_at=ctx.now,
            expires_at=ctx.now + rules.CONFIRM_LINK_VALIDITY,
        )
    )
    return token


def redeem_link(session: Session, ctx: Context, token: str, purpose: str) -> VisitorToken | None:
    """The valid, unused, unexpired link of ``purpose``, now marked used; else None."""
    if not token or len(token) > 100:
        return None
    row = session.exec(
        select(VisitorToken).where(
            VisitorToken.token_hash == keyed_hash(ctx.secret, "visitor:" + token)
        )
    ).first()
    if row is None or row.purpose != purpose or row.used_at is not None:
        return None
    if _aware(row.expires_at, ctx.now) <= ctx.now:
        return None
    row.used_at = ctx.now
    session.add(row)
    return row


def log_visitor(
    session: Session,
    ctx: Context,
    event_type: str,
    *,
    action: audit.Action,
    ground: audit.Ground,
    details: dict[str, Any] | None = None,
) -> None:
    """A visitor has no account: the event is the system's, at the visitor's network (the
    IP cut as in the statistics; no browser string). The cut address is not written into
    the hash-chained row, which is kept as long as the dossiers' log (40 years): it goes to
    ``visitor_address`` under the event's number, which the visitor purge empties after
    three years (seed ch. 2, Locatiegegevens: "maximaal drie jaar"; issue 17 item 10)."""
    event = audit.record(
        session,
        actor=audit.SYSTEM_ACTOR,
        access=audit.AccessPoint(ip="", agent="visitor"),
        event_type=event_type,
        action=action,
        ground=ground,
        details={"by": "visitor", **(details or {})},
        secret=ctx.secret,
        now=ctx.now,
        at_once=True,  # its number names the visitor's address row
    )
    prefix = rules.truncate_ip(ctx.access.ip)
    if prefix:
        session.add(VisitorAddress(audit_seq=event.seq, ip_prefix=prefix, occurred_at=ctx.now))


def since(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)
