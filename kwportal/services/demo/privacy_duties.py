"""The privacy duties in the demo (issue 17, closing note of session 6): a stop, a
machtiging asked, letters to someone without an account, and a breach told, each through
the pages' own use cases (services/demo/stopped_case.py, services/demo/breach.py). They
act on one person of their own at the care home, reported sick for it, so the stop refuses
nothing another demo journey does."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from kwportal.domain.roles import Role
from kwportal.models import Account, Organisation
from kwportal.services.demo.breach import seed_breach
from kwportal.services.demo.stopped_case import NUMBER, seed_stopped_case

#: the employer (by its slug in DEMO_ORGS) whose new colleague is stopped and told
STOPPED_AT = "zorg"


@dataclass
class Duties:
    #: people (each with one case) the duties brought into care
    people: int = 0
    counts: Counter[str] = field(default_factory=Counter)


def seed_privacy_duties(
    session: Session,
    made: list[tuple[str, Organisation, dict[Role, Account]]],
    *,
    today: date,
    secret: str,
) -> Duties:
    """``made``: (slug, employer, its demo accounts) of the employers seeded just now."""
    duties = Duties()
    officer = session.exec(
        select(Account).where(Account.role == str(Role.PRIVACY_OFFICER)).order_by(col(Account.id))
    ).first()
    found = [(org, accounts) for slug, org, accounts in made if slug == STOPPED_AT]
    if officer is None or not found:
        return duties
    org, accounts = found[0]
    stopped = seed_stopped_case(
        session, accounts=accounts, officer=officer, today=today, secret=secret
    )
    duties.people = 1
    duties.counts["processing_restriction"] += 1
    duties.counts["consent_beyond_employer"] += 1
    duties.counts["employee_letter"] += stopped.letters
    duties.counts["breach"] += 1
    told = seed_breach(
        session, officer=officer, org=org, numbers=NUMBER, today=today, secret=secret
    )
    duties.counts["breach_person_told"] += told
    duties.counts["employee_letter"] += told
    return duties
