"""The employer's case page, one use case per click: showing the case, reporting the
recovery and recording a Poortwachter step, each act followed by the refreshed case in the
same unit of work. Which steps the contact may record here is decided in this view, not by
the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.exc import IntegrityError

from kwportal.domain.policy import Actor, Subject
from kwportal.domain.roles import Role
from kwportal.models import SickLeaveCase
from kwportal.services.employer import sick_report, step_completion
from kwportal.services.employer.case_view import EmployerCaseView
from kwportal.services.employer.dashboard import case_page
from kwportal.services.employer.deadlines import DeadlineLine
from kwportal.services.privacy import restriction
from kwportal.services.unit import Ctx, use_case

RECORD_AHEAD = timedelta(weeks=6)
"""A step can be recorded once it is due within six weeks (or overdue)."""


@dataclass(frozen=True, slots=True)
class StepLine:
    """A deadline, and whether this contact may record it as taken now."""

    line: DeadlineLine
    can_record: bool


@dataclass(frozen=True, slots=True)
class CaseScreen:
    """What the employer's case page shows: the shared employer view, the appointments'
    dates and the deadlines, on ``today``."""

    view: EmployerCaseView
    appointments: tuple[datetime, ...]
    deadlines: tuple[StepLine, ...]
    today: date
    #: the use of his data stopped (issue 17 item 3): the employer is told only that,
    #: never why (policy.restriction_shown)
    restricted: bool = False

    @property
    def is_open(self) -> bool:
        return self.view.recovery_date is None


def may_record_now(actor: Actor, line: DeadlineLine, today: date) -> bool:
    return (
        not line.done
        and step_completion.may_record(actor.role, line.step)
        and line.due <= today + RECORD_AHEAD
    )


def _screen(actor: Actor, case_id: int, ctx: Ctx) -> CaseScreen:
    today = ctx.today
    page = case_page(
        actor, case_id, session=ctx.session, today=today, access=ctx.access, secret=ctx.secret
    )
    lines = tuple(StepLine(line, may_record_now(actor, line, today)) for line in page.deadlines)
    case = ctx.session.get(SickLeaveCase, case_id)
    subject = Subject(case.employee_id, case.organisation_id) if case else None
    restricted = subject is not None and restriction.notice_for(ctx.session, actor, subject)
    return CaseScreen(page.view, page.appointments, lines, today, bool(restricted))


@use_case(Role.EMPLOYER_CONTACT)
def do_show_case(actor: Actor, case_id: int, *, ctx: Ctx) -> CaseScreen:
    """One case of the own organisation (another's raises ``PolicyDeniedError``, like a
    missing one); the read is audited in the same unit."""
    return _screen(actor, case_id, ctx)


@use_case(Role.EMPLOYER_CONTACT)
def do_report_recovery(actor: Actor, case_id: int, raw_date: str, *, ctx: Ctx) -> CaseScreen:
    """Record the first day fit again (the care team hears of it after the commit), then
    the refreshed case."""
    mails = sick_report.report_recovery(
        actor,
        case_id,
        raw_date,
        session=ctx.session,
        today=ctx.today,
        access=ctx.access,
        secret=ctx.secret,
        origin=ctx.origin,
    )
    ctx.send(*mails)
    return _screen(actor, case_id, ctx)


@use_case(Role.EMPLOYER_CONTACT)
def do_record_step(
    actor: Actor, case_id: int, step: str, due: str, done_on: str, *, ctx: Ctx
) -> CaseScreen:
    """Record a step as taken, then the refreshed case. The same step recorded at the same
    moment elsewhere is refused like one recorded before."""
    try:
        step_completion.record_step(
            actor,
            case_id,
            step,
            due,
            done_on,
            session=ctx.session,
            today=ctx.today,
            access=ctx.access,
            secret=ctx.secret,
        )
    except IntegrityError:
        raise step_completion.StepError("steps.error.already") from None
    return _screen(actor, case_id, ctx)
