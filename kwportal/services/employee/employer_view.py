""" "What my employer sees": the employee's own latest case through the very parts the
employer's case page shows (``dashboard.case_parts``: the employer view with the released
feedback, the consented datum and the consults, the Poortwachter deadlines, and whether the
use of his data is stopped), plus for each released item who released it — by function, as
the seed authorises by function name (seed ch. 1) — when, and on which ground. Every item
of the employer's case page is here too (issue 17 item 5; tests/integration/
test_employer_view_parity.py walks the employer's page to prove it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select as select_rows
from sqlmodel import Session, col

from kwportal.domain.policy import THREAD_EMPLOYER, Actor, Subject, require
from kwportal.domain.roles import Role
from kwportal.i18n.fmt import local_date
from kwportal.models import Account, Disclosure, EmployerFeedback
from kwportal.models.base import utcnow
from kwportal.services import audit
from kwportal.services.case import messages
from kwportal.services.case.messages import MessageLine
from kwportal.services.employee.my_case import latest_case
from kwportal.services.employer.case_view import EmployerCaseView
from kwportal.services.employer.dashboard import case_parts
from kwportal.services.employer.deadlines import DeadlineLine
from kwportal.services.feedback import draft_sharing
from kwportal.services.feedback.draft_sharing import SharedDraft
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case
from kwportal.services.views import PolicyDeniedError, project

RELEASE_COLUMNS = {
    "feedback_id": "employer_feedback.id",
    "released_at": "employer_feedback.released_at",
    "released_by_account_id": "employer_feedback.released_by_account_id",
}
#: employer feedback reaches the employer on the Arbowet / Wet verbetering poortwachter duty
DEFAULT_GROUND = audit.Ground.LEGAL_DUTY


@dataclass(frozen=True, slots=True)
class Release:
    released_at: datetime | None
    #: the releasing account's function (a Role value), or "" when unknown
    released_by_role: str
    ground: str


@dataclass(frozen=True, slots=True)
class MyEmployerView:
    view: EmployerCaseView
    #: one per released feedback, newest first, in the order of ``view.feedback``
    releases: tuple[Release, ...]
    #: the Poortwachter deadlines of the case, as the employer's case page lists them
    deadlines: tuple[DeadlineLine, ...] = ()
    #: the consults' starts, as the employer's case screen holds them
    appointments: tuple[datetime, ...] = ()
    #: the employer is told that the use of his data stopped (issue 17 item 3)
    restricted: bool = False


def my_employer_view(
    actor: Actor,
    *,
    session: Session,
    access: audit.AccessPoint,
    secret: str,
    today: date | None = None,
) -> MyEmployerView | None:
    """The employee's latest case as his employer sees it on ``today`` (default: the
    current UTC date); None without any case."""
    employee_id = require(actor, Role.EMPLOYEE, has="employee_id", error=PolicyDeniedError)
    latest = latest_case(session, employee_id)
    if latest is None or latest.id is None:
        return None
    page = case_parts(
        actor,
        latest.id,
        session=session,
        today=today or local_date(utcnow()),
        access=access,
        secret=secret,
    )
    subject = Subject(employee_id, latest.organisation_id)
    return MyEmployerView(
        page.view,
        _releases(actor, subject, session, latest.id),
        page.deadlines,
        page.appointments,
        restriction.notice_for(session, actor, subject) is not None,
    )


def _releases(
    actor: Actor, subject: Subject, session: Session, case_id: int
) -> tuple[Release, ...]:
    rows = session.execute(
        select_rows(
            col(EmployerFeedback.id).label("id"),
            col(EmployerFeedback.released_at),
            col(EmployerFeedback.released_by_account_id),
            col(Account.role),
        )
        .outerjoin(Account, col(Account.id) == col(EmployerFeedback.released_by_account_id))
        .where(
            col(EmployerFeedback.case_id) == case_id,
            col(EmployerFeedback.status) == "released",
        )
        .order_by(col(EmployerFeedback.released_at).desc())
    ).all()
    grounds = _grounds(session, [row.id for row in rows])
    releases = []
    for row in rows:
        values = project(actor, subject, row, RELEASE_COLUMNS, released=True)
        releases.append(
            Release(
                released_at=values["released_at"],
                released_by_role=row.role or "",
                ground=grounds.get(values["feedback_id"], str(DEFAULT_GROUND)),
            )
        )
    return tuple(releases)


def _grounds(session: Session, feedback_ids: list[int]) -> dict[int, str]:
    """The ground recorded with the disclosure to the employer, where there is one."""
    if not feedback_ids:
        return {}
    rows = session.execute(
        select_rows(col(Disclosure.feedback_id), col(Disclosure.ground)).where(
            col(Disclosure.feedback_id).in_(feedback_ids),
            col(Disclosure.recipient_kind) == "employer",
        )
    ).all()
    return {row.feedback_id: row.ground for row in rows if row.feedback_id is not None}


# --- use cases: one click each (the page hands them to the runner) ---


@dataclass(frozen=True, slots=True)
class MyEmployerPage:
    """What the page shows: his latest case as his employer sees it (None without a case)
    and the draft his doctor shared with him before sending it, if any."""

    mine: MyEmployerView | None
    draft: SharedDraft | None
    #: what his employer and the case manager write each other about his case (issue 15
    #: item 5), oldest first; opening the page marks it read
    employer_thread: tuple[MessageLine, ...] = ()


def _employer_thread(actor: Actor, ctx: Ctx) -> tuple[MessageLine, ...]:
    try:
        ref = messages.case_for(ctx.session, actor, None)
    except PolicyDeniedError:
        return ()  # no case yet
    view = messages.read_thread(
        ctx.session, actor, ref, THREAD_EMPLOYER, access=ctx.access, secret=ctx.secret, now=ctx.now
    )
    return view.lines


def _page(actor: Actor, ctx: Ctx) -> MyEmployerPage:
    mine = my_employer_view(
        actor, session=ctx.session, access=ctx.access, secret=ctx.secret, today=ctx.today
    )
    draft = draft_sharing.shared_draft(
        actor, session=ctx.session, access_point=ctx.access, secret=ctx.secret
    )
    return MyEmployerPage(mine, draft, _employer_thread(actor, ctx) if mine else ())


@use_case(Role.EMPLOYEE, person=True)
def do_show(actor: Actor, *, ctx: Ctx) -> MyEmployerPage:
    return _page(actor, ctx)


@use_case(Role.EMPLOYEE, person=True)
def do_react(actor: Actor, feedback_id: int, text: str, *, ctx: Ctx) -> MyEmployerPage:
    """His reaction to the shared draft (``draft_sharing.SharingError`` when refused), then
    the page read again, in the one unit."""
    draft_sharing.react(
        actor,
        feedback_id,
        text,
        session=ctx.session,
        access_point=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return _page(actor, ctx)
