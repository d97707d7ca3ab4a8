"""Rules for website visitors' data (seed ch. 2, "Privacyreglement Websitebezoekers"). Pure:
no database, no Reflex. Terms the seed leaves open are chosen here, named, and documented in
the README ("Public site").
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from kwportal.domain.retention import VisitorData, visitor_destroy_from


class CookieCategory(StrEnum):
    FUNCTIONAL = "functional"  # always on: session, language, the cookie choice itself
    ANALYTICS = "analytics"
    MARKETING = "marketing"


#: the choice is asked again after a year (the choice cookie lives as long)
COOKIE_CHOICE_DAYS = 365
#: a closed or replaced consent record is kept as proof for three years after it ended
CONSENT_PROOF_YEARS = 3
#: double opt-in and identity links: as invitations (services/auth/enrolment.py)
CONFIRM_LINK_VALIDITY = timedelta(hours=72)
#: a never-confirmed sign-up or rights request is deleted 30 days after it was made
UNCONFIRMED_DAYS = 30
#: callback requests: deleted 180 days after they were closed, or a year after they came in
CALLBACK_AFTER_CLOSE_DAYS = 180
CALLBACK_MAX_DAYS = 365
#: answered visitors' rights requests are kept two years as proof of the answer
RIGHTS_PROOF_YEARS = 2
#: rate-limit rows: one day
FORM_HIT_DAYS = 1
#: a form posted sooner than this after it was served is taken for a bot
MIN_FORM_SECONDS = 2.0
#: and a form older than this is stale (the page has to be loaded again)
MAX_FORM_AGE = timedelta(hours=12)

MAX_NAME = 200
MAX_EMAIL = 254
MAX_PHONE = 40
MAX_MESSAGE = 500
MAX_DETAILS = 2000


class CallbackStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class PreferredTime(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    ANY = "any"


class Topic(StrEnum):
    """The services of the home page, and anything else."""

    ABSENCE = "absence"  # verzuimbegeleiding
    REINTEGRATION = "reintegration"  # re-integratie
    PREVENTION = "prevention"  # preventie
    PMO = "pmo"  # preventief medisch onderzoek
    OTHER = "other"


class VisitorRight(StrEnum):
    """Seed ch. 3 A (inzage), B (rectificatie) and E (stoppen) for newsletter and callback
    data."""

    ACCESS = "access"
    RECTIFICATION = "rectification"
    DELETION = "deletion"


class VisitorRequestStatus(StrEnum):
    UNCONFIRMED = "unconfirmed"
    RECEIVED = "received"
    ANSWERED = "answered"


@dataclass(frozen=True, slots=True)
class FormLimit:
    posts: int
    window: timedelta


#: per IP and form (BRIEF.md: every public form limited; a flood is refused, not crashed)
FORM_LIMITS: dict[str, FormLimit] = {
    "cookies": FormLimit(60, timedelta(minutes=10)),
    "newsletter": FormLimit(10, timedelta(hours=1)),
    "callback": FormLimit(5, timedelta(hours=1)),
    "rights": FormLimit(5, timedelta(hours=1)),
    "unsubscribe": FormLimit(30, timedelta(hours=1)),
    "hit": FormLimit(600, timedelta(minutes=10)),
}


def over_limit(form: str, recent_posts: int) -> bool:
    return recent_posts >= FORM_LIMITS[form].posts


_EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{8,20}$")


def normalise_email(value: str) -> str:
    return value.strip().lower()


def email_problem(value: str) -> str:
    address = normalise_email(value)
    if not address:
        return "visitor.email_missing"
    if len(address) > MAX_EMAIL or not _EMAIL.match(address):
        return "visitor.email_invalid"
    return ""


def phone_digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def phone_problem(value: str) -> str:
    phone = value.strip()
    if not phone:
        return "visitor.phone_missing"
    if not _PHONE.match(phone) or not 8 <= len(phone_digits(phone)) <= 15:
        return "visitor.phone_invalid"
    return ""


def name_problem(value: str, *, required: bool = True) -> str:
    name = value.strip()
    if required and not name:
        return "visitor.name_missing"
    if len(name) > MAX_NAME or any(ord(ch) < 32 for ch in name):
        return "visitor.name_invalid"
    return ""


def text_problem(value: str, limit: int) -> str:
    return "visitor.text_too_long" if len(value.strip()) > limit else ""


def truncate_ip(ip: str) -> str:
    """The network part only: IPv4 /24, IPv6 /48 (what is left says roughly where, never
    who)."""
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def referrer_host(url: str, own_host: str) -> str:
    """The host of an outside referrer; our own pages and anything unreadable count as
    none (no path, no query: those can carry personal data)."""
    try:
        host = (urlsplit(url.strip()[:2000]).hostname or "").lower()
    except ValueError:
        return ""
    if not host or host == own_host.lower() or len(host) > 200:
        return ""
    return host if re.fullmatch(r"[a-z0-9.-]+", host) else ""


def statistics_destroy_from(collected_on: date) -> date:
    """seed ch. 2: activity data "maximaal drie jaar" (domain/retention.py)."""
    destroy = visitor_destroy_from(VisitorData.WEBSITE_ACTIVITY, collected_on=collected_on)
    assert destroy is not None
    return destroy


def statistics_cutoff(today: date) -> date:
    """The first collection day that is not yet due: rows from before it are destroyed."""
    day = today - timedelta(days=3 * 366)
    while statistics_destroy_from(day) <= today:
        day += timedelta(days=1)
    return day


def callback_due(created_at: datetime, closed_at: datetime | None, now: datetime) -> bool:
    if closed_at is not None and now - closed_at >= timedelta(days=CALLBACK_AFTER_CLOSE_DAYS):
        return True
    return now - created_at >= timedelta(days=CALLBACK_MAX_DAYS)
