"""A breach in the demo (issue 17 items 8 and 5), made through the register's own use
cases as the privacy officer: a printed sick list left on a train, found the next morning,
one person concerned (the demo's stopped person, so no other demo account's notices
change). The AP is notified within the 72 hours, the high risk is told, and because he has
neither an account nor an address the telling becomes a letter on ``/case-letters``."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from kwportal.models import Account, Organisation
from kwportal.services.demo.acting import act
from kwportal.services.privacy import breaches

TITLE = "Verzuimlijst in de trein laten liggen"
#: found this many days before today (the register shows a breach told, not an open clock)
FOUND_DAYS_AGO = 4


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def seed_breach(
    session: Session,
    *,
    officer: Account,
    org: Organisation,
    numbers: str,
    today: date,
    secret: str,
) -> int:
    """Recorded, the AP notified, decided and told; how many people were told."""
    found = today - timedelta(days=FOUND_DAYS_AGO)
    form = breaches.BreachForm(
        title=TITLE,
        description="Een uitdraai met namen en eerste ziektedagen is in de trein achtergelaten.",
        occurred_at=f"{(found - timedelta(days=1)).isoformat()}T17:30",
        found_at=f"{found.isoformat()}T08:15",
        data_kinds=("identity", "absence"),
        risk="high",
        measures="NS gevraagd de uitdraai te vernietigen; printen van verzuimlijsten uitgezet.",
        consequences="Iemand buiten het werk kan weten dat u ziek bent gemeld.",
        people_text=(
            "Een uitdraai met uw naam en uw eerste ziektedag is in de trein gevonden. "
            "Er stond geen medische informatie op."
        ),
        organisation_id=str(org.id),
        numbers=numbers,
    )
    act(session, officer, breaches.do_record, form, now=_at(found, 10), secret=secret)
    register = act(session, officer, breaches.do_register, now=_at(found, 11), secret=secret)
    breach_id = next(b.breach_id for b in register.breaches if b.title == TITLE)
    notified = _at(found + timedelta(days=1), 9)
    act(
        session,
        officer,
        breaches.do_notify_ap,
        breach_id,
        f"{(found + timedelta(days=1)).isoformat()}T10:00",
        "AP-DEMO-2026-0001",
        "",
        now=notified,
        secret=secret,
    )
    act(
        session,
        officer,
        breaches.do_decide,
        breach_id,
        "yes",
        "Hoog risico: de betrokkene wordt altijd ingelicht (AVG art. 34).",
        "",
        now=notified,
        secret=secret,
    )
    told, _ = act(session, officer, breaches.do_tell, breach_id, now=notified, secret=secret)
    return told
