"""The signed-in start page and the security page: what each shows, and the one act on the
start page (marking a notice read), each one unit of work run by the runner."""

from __future__ import annotations

from dataclasses import dataclass

from kwportal.domain.policy import Actor, NotAllowedError, require
from kwportal.domain.retention import Decision
from kwportal.domain.roles import Role
from kwportal.services.auth import enrolment, sessions
from kwportal.services.case import message_notices
from kwportal.services.employee import notices
from kwportal.services.employee.dashboard import Dashboard, dashboard
from kwportal.services.privacy import restriction
from kwportal.services.privacy.restriction import RestrictionNotice
from kwportal.services.retention import desk
from kwportal.services.unit import Ctx, use_case


@dataclass(frozen=True, slots=True)
class Home:
    """The start page beyond the links: for an employee, his unread notices (*that* a
    release happened, never what) and until when his file is kept, and why."""

    notices: tuple[notices.NoticeLine, ...] = ()
    retention: Decision | None = None
    #: ``(thread, count)`` of unread messages in the threads the account takes part in
    #: (issue 15 item 5): how many, never from whom or what
    unread: tuple[tuple[str, int], ...] = ()
    #: the use of his data stopped: since when and what still goes on (issue 17 item 3)
    restriction: RestrictionNotice | None = None
    #: an employee's dashboard: his case, next appointment, what he is asked to do (issue 18)
    dashboard: Dashboard | None = None


@dataclass(frozen=True, slots=True)
class Security:
    """Where the account is signed in, how many recovery codes are left, and whether a
    fresh code is needed before the credentials can be changed."""

    sessions: tuple[sessions.SessionLine, ...]
    codes_left: int
    needs_step_up: bool


def _home(actor: Actor, ctx: Ctx) -> Home:
    unread = message_notices.unread_totals(ctx.session, actor)
    try:
        require(actor, Role.EMPLOYEE, has="employee_id")
    except NotAllowedError:
        # every other role, and an employee account not (yet) linked to a person: the
        # start page shows the links and the unread messages only
        return Home(unread=unread)
    return Home(
        notices=notices.unread(actor, session=ctx.session),
        retention=desk.own_retention(ctx.session, actor),
        unread=unread,
        restriction=restriction.own_notice(ctx.session, actor),
        dashboard=dashboard(ctx.session, actor, now=ctx.now),
    )


@use_case()
def do_open_home(actor: Actor, *, ctx: Ctx) -> Home:
    return _home(actor, ctx)


@use_case(Role.EMPLOYEE, person=True)
def do_read_notice(actor: Actor, notice_id: int, *, ctx: Ctx) -> Home:
    """Mark one of the employee's own notices read (someone else's changes nothing), then
    the refreshed start page, in the one unit."""
    notices.mark_read(
        actor,
        notice_id,
        session=ctx.session,
        access_point=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return _home(actor, ctx)


@use_case()
def do_open_security(actor: Actor, *, ctx: Ctx) -> Security:
    signed_in = ctx.signed_in
    assert signed_in is not None  # the runner signed this unit in
    return Security(
        sessions=tuple(sessions.list_sessions(ctx.session, ctx, signed_in)),
        codes_left=enrolment.recovery_codes_left(ctx.session, signed_in.account_id),
        needs_step_up=sessions.needs_step_up(signed_in, ctx.now),
    )
