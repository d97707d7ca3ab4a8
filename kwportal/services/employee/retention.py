"""The employee's "my retention" page as use cases: until when his file is kept and why,
and his consent to keep it longer, granted or withdrawn after a fresh code (step-up). The
rules and the consent records themselves live in :mod:`kwportal.services.retention`; this
module only puts one click of his into one unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kwportal.domain.policy import Actor
from kwportal.domain.roles import Role
from kwportal.services.retention import consent, desk
from kwportal.services.retention.consent import ConsentError, RetentionConsentView
from kwportal.services.unit import Ctx, use_case

__all__ = ["ConsentError", "MyRetention", "do_grant", "do_show", "do_withdraw"]


@dataclass(frozen=True, slots=True)
class MyRetention:
    """His retention line and his consents to keep longer, newest first."""

    #: the first day his file may be destroyed; None while no term runs yet
    until: date | None
    #: the rule behind the term (a ``Rule`` value), "" when nothing is kept for him
    rule: str
    #: legal holds that stop the destruction (``Hold`` values)
    holds: tuple[str, ...]
    consents: tuple[RetentionConsentView, ...]


def _mine(actor: Actor, ctx: Ctx) -> MyRetention:
    decision = desk.own_retention(ctx.session, actor)
    consents = consent.list_own(ctx.session, actor)
    if decision is None:
        return MyRetention(None, "", (), consents)
    return MyRetention(
        decision.destroy_from, str(decision.rule), tuple(str(h) for h in decision.holds), consents
    )


@use_case(Role.EMPLOYEE, person=True)
def do_show(actor: Actor, *, ctx: Ctx) -> MyRetention:
    return _mine(actor, ctx)


@use_case(Role.EMPLOYEE, person=True, step_up=True)
def do_grant(actor: Actor, until: date, *, ctx: Ctx) -> MyRetention:
    """Consent to keep his file until ``until`` (``ConsentError`` when refused), then the
    page read again, in the one unit."""
    consent.grant(
        ctx.session, actor, until=until, now=ctx.now, access=ctx.access, secret=ctx.secret
    )
    return _mine(actor, ctx)


@use_case(Role.EMPLOYEE, person=True, step_up=True)
def do_withdraw(actor: Actor, consent_id: int, *, ctx: Ctx) -> MyRetention:
    """Withdraw one of his consents (from now on, AVG art. 7(3)), then the page read again."""
    consent.withdraw(
        ctx.session,
        actor,
        consent_id=consent_id,
        now=ctx.now,
        access=ctx.access,
        secret=ctx.secret,
    )
    return _mine(actor, ctx)
