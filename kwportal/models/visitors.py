"""Website visitors' data (seed ch. 2): cookie choices, first-party statistics, the
newsletter, callback requests and visitors' rights requests. None of it is about an
employee: nothing here points at the medical file."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from kwportal.models.base import utcnow


class CookieConsent(SQLModel, table=True):
    """One cookie choice (seed ch. 2, "Uw toestemming vragen wij ook voor het plaatsen van
    een deel van de cookies"). A change or withdrawal adds a row and closes the previous one,
    so what was consented to, under which text, stays provable."""

    __tablename__ = "cookie_consent"

    id: int | None = Field(default=None, primary_key=True)
    #: keyed hash of the random choice id kept in the visitor's functional cookie
    choice_hash: str = Field(max_length=64, index=True)
    text_version: str = Field(max_length=30)
    analytics: bool = False
    marketing: bool = False
    #: the browser sent Sec-GPC: 1 (Global Privacy Control): marketing refused
    gpc: bool = False
    #: banner_accept_all | banner_reject_all | banner_custom | cookie_page | withdrawn
    method: str = Field(max_length=30)
    given_at: datetime = Field(default_factory=utcnow, index=True)
    superseded_at: datetime | None = None


class PageView(SQLModel, table=True):
    """A page view counted on our own server; no cookie, no identifier, the IP cut to its
    network part (seed ch. 2: "Gegevens over uw activiteiten op onze website: maximaal drie
    jaar")."""

    __tablename__ = "page_view"

    id: int | None = Field(default=None, primary_key=True)
    viewed_at: datetime = Field(default_factory=utcnow, index=True)
    path: str = Field(max_length=200)
    referrer_host: str = Field(default="", max_length=200)
    ip_prefix: str = Field(default="", max_length=50)


class NewsletterSubscriber(SQLModel, table=True):
    """Name and address for the newsletter: kept until the person unsubscribes (seed ch. 2,
    Bewaartermijn); pending until the address is confirmed (double opt-in)."""

    __tablename__ = "newsletter_subscriber"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    email: str = Field(max_length=254)
    email_hash: str = Field(max_length=64, unique=True)
    language: str = Field(default="nl", max_length=2)
    status: str = Field(default="pending", max_length=20)
    consent_version: str = Field(max_length=30)
    created_at: datetime = Field(default_factory=utcnow)
    confirmed_at: datetime | None = None
    #: random salt of the unsubscribe token (HMAC of id and salt; the token is not stored)
    unsubscribe_salt: str = Field(max_length=64)


class NewsletterSuppression(SQLModel, table=True):
    """What remains of an unsubscribed address: its keyed hash, so it is never mailed again
    by mistake; no name, no address."""

    __tablename__ = "newsletter_suppression"

    id: int | None = Field(default=None, primary_key=True)
    email_hash: str = Field(max_length=64, unique=True)
    suppressed_at: datetime = Field(default_factory=utcnow)


class VisitorToken(SQLModel, table=True):
    """A one-time e-mail link for a visitor (newsletter confirmation, confirming a rights
    request): 256 bits, stored as a keyed hash, expiring, single use."""

    __tablename__ = "visitor_token"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    purpose: str = Field(max_length=30)
    subscriber_id: int | None = Field(
        default=None, foreign_key="newsletter_subscriber.id", index=True
    )
    rights_request_id: int | None = Field(
        default=None, foreign_key="visitor_rights_request.id", index=True
    )
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class CallbackRequest(SQLModel, table=True):
    """A visitor asks to be called back (seed ch. 2: "terugbelverzoeken")."""

    __tablename__ = "callback_request"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    phone: str = Field(max_length=40)
    phone_digits: str = Field(default="", max_length=40, index=True)
    preferred_time: str = Field(max_length=20)
    topic: str = Field(max_length=30)
    message: str = Field(default="", max_length=500)
    language: str = Field(default="nl", max_length=2)
    status: str = Field(default="new", max_length=20, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime | None = None
    closed_at: datetime | None = Field(default=None, index=True)
    handled_by_account_id: int | None = Field(default=None, foreign_key="account.id")


class VisitorRightsRequest(SQLModel, table=True):
    """A visitor's request for access, rectification or deletion of his newsletter and
    callback data; it reaches the privacy desk only after the e-mail link is followed."""

    __tablename__ = "visitor_rights_request"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    name: str = Field(default="", max_length=200)
    email: str = Field(max_length=254)
    phone: str = Field(default="", max_length=40)
    details: str = Field(default="", max_length=2000)
    language: str = Field(default="nl", max_length=2)
    status: str = Field(default="unconfirmed", max_length=20, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    confirmed_at: datetime | None = None
    due_at: date | None = None
    answer: str = Field(default="", max_length=4000)
    answered_at: datetime | None = None
    handled_by_account_id: int | None = Field(default=None, foreign_key="account.id")


class PublicFormHit(SQLModel, table=True):
    """One post of a public form, for the per-IP rate limit; the IP only as a keyed hash,
    kept one day."""

    __tablename__ = "public_form_hit"

    id: int | None = Field(default=None, primary_key=True)
    ip_key: str = Field(max_length=64, index=True)
    form: str = Field(max_length=30)
    occurred_at: datetime = Field(default_factory=utcnow, index=True)
