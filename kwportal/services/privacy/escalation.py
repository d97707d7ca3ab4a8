"""Overdue rights requests escalated to the administrator (issue 17 item 4). The seed promises
an answer "uiterlijk binnen vier weken" and allows no extension: a request still open after
its term is reported once to every active administrator with an e-mail address — how many
requests are overdue and a link to the desk; no name, no kind, no text (services/mail).

Exactly once, however many workers run the job at the same moment: one ``UPDATE … SET
escalated_at … WHERE escalated_at IS NULL … RETURNING id`` claims the rows in the same
transaction as the outbox mails and the audit row. A second run finds them claimed (on
PostgreSQL it waits for the first one's row locks and then re-reads them) and sends
nothing; a rolled-back transaction leaves neither. Without an administrator to tell, no row
is claimed, so the escalation goes out once one is there."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from kwportal.db import get_engine, transaction
from kwportal.domain.rights import OPEN_STATUSES
from kwportal.domain.roles import Role
from kwportal.i18n import t
from kwportal.i18n.fmt import local_date
from kwportal.models import Account, RightsRequest
from kwportal.services import audit
from kwportal.services.jobs import outbox
from kwportal.services.mail import Mail
from kwportal.settings import get_settings

#: the job's name in kwportal/services/jobs/tasks.py
JOB = "rights_escalation"
DESK_PATH = "/rights-desk"
#: where the job's audit rows say it ran from
JOB_ACCESS = audit.AccessPoint(ip="job", agent=JOB)


def _admins(session: Session) -> list[Account]:
    return list(
        session.exec(
            select(Account)
            .where(
                Account.role == str(Role.ADMIN),
                col(Account.is_active).is_(True),
                col(Account.email) != "",
            )
            .order_by(col(Account.id))
        ).all()
    )


def _claim(session: Session, now: datetime) -> list[int]:
    """Mark every open request past its term that was not escalated yet; their ids."""
    statement = (
        update(RightsRequest)
        .where(
            col(RightsRequest.status).in_([str(s) for s in OPEN_STATUSES]),
            col(RightsRequest.due_at) < local_date(now),
            col(RightsRequest.escalated_at).is_(None),
        )
        .values(escalated_at=now)
        .returning(col(RightsRequest.id))
    )
    return sorted(row[0] for row in session.execute(statement).all())


def _mail(account: Account, count: int, origin: str) -> Mail:
    lang = account.language
    body = t("mail.rights_overdue.body", lang).format(
        name=account.display_name, count=count, link=f"{origin}{DESK_PATH}"
    )
    return Mail(to=account.email, subject=t("mail.rights_overdue.subject", lang), body=body)


def escalate(engine: Engine, now: datetime) -> int:
    """One transaction: claim the overdue requests, queue one mail per administrator, audit
    it; the number of requests escalated by this run."""
    settings = get_settings()
    with transaction(engine) as session:
        admins = _admins(session)
        if not admins:
            return 0
        claimed = _claim(session, now)
        if not claimed:
            return 0
        mails = [_mail(a, len(claimed), settings.public_origin) for a in admins]
        outbox.enqueue(session, mails, now=now, secret=settings.secret_key)
        audit.record(
            session,
            actor=audit.SYSTEM_ACTOR,
            access=JOB_ACCESS,
            event_type="rights_requests_escalated",
            action=audit.Action.UPDATE,
            ground=audit.Ground.LEGAL_DUTY,
            objects=[audit.ObjectRef("rights_request", "rights_request", i) for i in claimed],
            details={"count": len(claimed), "told": len(mails)},
            secret=settings.secret_key,
            now=now,
        )
    return len(claimed)


def run(engine: Engine | None = None, now: datetime | None = None) -> str:
    """Escalate what is overdue and not escalated yet; a one-line summary."""
    count = escalate(engine or get_engine(), now or datetime.now(UTC))
    return f"{count} overdue rights requests escalated"
