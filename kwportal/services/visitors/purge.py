"""Retention of visitors' data, run by ``kwportal retention run`` (services/retention_run.py)
after the files: statistics after three years (seed ch. 2), and the terms domain/visitors.py
chooses for what the seed leaves open."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import delete, or_
from sqlmodel import Session, col, select

from kwportal.domain import visitors as rules
from kwportal.domain.retention import VISITOR_STATISTICS_YEARS, add_years
from kwportal.models import (
    CallbackRequest,
    CookieConsent,
    NewsletterSubscriber,
    PublicFormHit,
    VisitorAddress,
    VisitorRightsRequest,
    VisitorToken,
)
from kwportal.services.visitors import statistics
from kwportal.services.visitors.newsletter import PENDING


def _years_before(now: datetime, years: int) -> datetime:
    return datetime.combine(add_years(now.date(), -years), now.timetz())


def address_cutoff(now: datetime) -> datetime:
    """A visitor's cut address older than this is past its term (location data, "maximaal
    drie jaar"): beside the event and inside old chained rows (services/visitors/redaction)."""
    return _years_before(now, VISITOR_STATISTICS_YEARS)


def purge(session: Session, *, now: datetime, today: date | None = None) -> dict[str, int]:
    """Delete what is past its term; returns the rows removed per table. Statistics count
    from the run's reference day ``today`` (three whole years)."""
    unconfirmed = now - timedelta(days=rules.UNCONFIRMED_DAYS)
    stale_subscribers = select(NewsletterSubscriber.id).where(
        NewsletterSubscriber.status == PENDING, col(NewsletterSubscriber.created_at) < unconfirmed
    )
    stale_requests = select(VisitorRightsRequest.id).where(
        or_(
            (col(VisitorRightsRequest.status) == rules.VisitorRequestStatus.UNCONFIRMED)
            & (col(VisitorRightsRequest.created_at) < unconfirmed),
            (col(VisitorRightsRequest.status) == rules.VisitorRequestStatus.ANSWERED)
            & (
                col(VisitorRightsRequest.answered_at) < _years_before(now, rules.RIGHTS_PROOF_YEARS)
            ),
        )
    )
    sub_ids = list(session.exec(stale_subscribers).all())
    request_ids = list(session.exec(stale_requests).all())
    proof = _years_before(now, rules.CONSENT_PROOF_YEARS)
    statements = {
        "visitor_token": delete(VisitorToken).where(
            or_(
                col(VisitorToken.expires_at) < unconfirmed,
                col(VisitorToken.subscriber_id).in_(sub_ids),
                col(VisitorToken.rights_request_id).in_(request_ids),
            )
        ),
        "newsletter_subscriber": delete(NewsletterSubscriber).where(
            col(NewsletterSubscriber.id).in_(sub_ids)
        ),
        "visitor_rights_request": delete(VisitorRightsRequest).where(
            col(VisitorRightsRequest.id).in_(request_ids)
        ),
        "callback_request": delete(CallbackRequest).where(
            (col(CallbackRequest.closed_at) < now - timedelta(days=rules.CALLBACK_AFTER_CLOSE_DAYS))
            | (col(CallbackRequest.created_at) < now - timedelta(days=rules.CALLBACK_MAX_DAYS))
        ),
        "cookie_consent": delete(CookieConsent).where(
            (col(CookieConsent.superseded_at) < proof)
            | (
                col(CookieConsent.superseded_at).is_(None)
                & (col(CookieConsent.given_at) < proof - timedelta(days=rules.COOKIE_CHOICE_DAYS))
            )
        ),
        "public_form_hit": delete(PublicFormHit).where(
            col(PublicFormHit.occurred_at) < now - timedelta(days=rules.FORM_HIT_DAYS)
        ),
        # a visitor's cut address beside an audit event: location data, "maximaal drie jaar"
        # (the chained row itself never held it, so the chain still verifies; issue 17)
        "visitor_address": delete(VisitorAddress).where(
            col(VisitorAddress.occurred_at) < address_cutoff(now)
        ),
    }
    removed = {name: int(session.execute(s).rowcount) for name, s in statements.items()}  # type: ignore[attr-defined]
    removed["page_view"] = statistics.purge(session, today=today or now.date())
    return removed
