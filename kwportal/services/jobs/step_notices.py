"""Overdue-step notices (issue 15 item 8): when a Poortwachter step written as a document —
the problem analysis, the plan of action, an evaluation, the first-year evaluation — is past
due and not done, the employer's contacts get one content-free mail (and, for the problem
analysis, the doctor of the team serving the employer): that a step of a case is overdue,
and where to look. No name, no reason, no health word (services/mail.py).

Exactly once, however many workers run the job at the same moment: every notice is a row of
``step_notice`` (unique on case, step and due date), inserted with ``ON CONFLICT DO
NOTHING`` in the same transaction as the outbox mail. The worker that inserts the row queues
the mail; the one that finds it taken queues nothing; a rolled-back transaction leaves
neither. The calendar is read as the employer sees it (its own policy row), so the job
cannot learn more than the employer's own page shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import get_engine, read_transaction, transaction
from kwportal.domain.policy import Actor
from kwportal.domain.poortwachter import Step
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import local_date
from kwportal.models import Account, CareTeam, SickLeaveCase, StepNotice, TeamAssignment
from kwportal.services.employer.deadlines import DONE_BY_DOCUMENT, deadlines_for_cases
from kwportal.services.jobs import outbox
from kwportal.services.mail import Mail
from kwportal.settings import get_settings

#: the steps a notice is sent for: those the portal's documents make done
NOTICE_STEPS = DONE_BY_DOCUMENT


@dataclass(frozen=True, slots=True)
class Overdue:
    case_id: int
    organisation_id: int
    step: Step
    due: date


def overdue_steps(session: Session, today: date) -> list[Overdue]:
    """Every document step of an open case that is past due and not done, read per
    organisation as that organisation's employer sees its calendar."""
    cases = session.exec(
        select(SickLeaveCase.id, SickLeaveCase.organisation_id).where(
            col(SickLeaveCase.recovery_date).is_(None)
        )
    ).all()
    by_org: dict[int, list[int]] = defaultdict(list)
    for case_id, organisation_id in cases:
        by_org[organisation_id].append(case_id or 0)
    found = []
    for organisation_id, case_ids in sorted(by_org.items()):
        employer = Actor(None, Role.EMPLOYER_CONTACT, organisation_id=organisation_id)
        lines = deadlines_for_cases(employer, case_ids, session=session, today=today)
        for case_id in sorted(lines):
            found += [
                Overdue(case_id, organisation_id, line.step, line.due)
                for line in lines[case_id]
                if line.step in NOTICE_STEPS and line.overdue
            ]
    return found


def _claim(session: Session, item: Overdue, now: datetime) -> bool:
    """Insert the notice's row unless another run did: True when this run owns it."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(StepNotice)
        .values(case_id=item.case_id, step=str(item.step), due=item.due, sent_at=now)
        .on_conflict_do_nothing(index_elements=["case_id", "step", "due"])
        .returning(col(StepNotice.id))
    )
    return session.execute(statement).first() is not None


def _recipients(session: Session, items: list[Overdue]) -> list[tuple[Account, str]]:
    """The employer's contacts (to the case page) and, when the problem analysis is among
    the steps, the team's doctor (to the problem analysis page)."""
    organisation_id, case_id = items[0].organisation_id, items[0].case_id
    active = (col(Account.is_active).is_(True), col(Account.email) != "")
    contacts = session.exec(
        select(Account).where(
            Account.role == str(Role.EMPLOYER_CONTACT),
            Account.organisation_id == organisation_id,
            *active,
        )
    ).all()
    people = [(a, f"/employer-case?case={case_id}") for a in contacts]
    if any(i.step is Step.PROBLEM_ANALYSIS for i in items):
        teams = select(TeamAssignment.care_team_id).where(
            TeamAssignment.organisation_id == organisation_id
        )
        doctors = select(CareTeam.doctor_account_id).where(col(CareTeam.id).in_(teams))
        for doctor in session.exec(select(Account).where(col(Account.id).in_(doctors), *active)):
            people.append((doctor, f"/care-problem-analysis?case={case_id}"))
    return people


def _mail(account: Account, path: str, origin: str) -> Mail:
    lang = account.language
    body = t("mail.step_overdue.body", lang).format(
        name=account.display_name, link=f"{origin}{path}"
    )
    return Mail(to=account.email, subject=t("mail.step_overdue.subject", lang), body=body)


def notify_case(engine: Engine, items: list[Overdue], now: datetime) -> int:
    """One transaction per case: the rows it wins and, if any, one mail per recipient."""
    settings = get_settings()
    with transaction(engine) as session:
        won = [item for item in items if _claim(session, item, now)]
        if not won:
            return 0
        mails = [_mail(a, path, settings.public_origin) for a, path in _recipients(session, won)]
        outbox.enqueue(session, mails, now=now, secret=settings.secret_key)
    return len(won)


def run(engine: Engine | None = None, now: datetime | None = None) -> str:
    """Send what is overdue and not yet noticed; a one-line summary."""
    engine = engine or get_engine()
    now = now or datetime.now(UTC)
    with read_transaction(engine) as session:
        overdue = overdue_steps(session, local_date(now))
    per_case: dict[int, list[Overdue]] = defaultdict(list)
    for item in overdue:
        per_case[item.case_id].append(item)
    sent = sum(notify_case(engine, items, now) for _case, items in sorted(per_case.items()))
    return f"{sent} overdue-step notices"
