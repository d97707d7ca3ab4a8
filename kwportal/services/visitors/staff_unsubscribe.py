"""Taking an address off the newsletter for a visitor who asked by e-mail, phone or letter
(issue 17 item 10; seed ch. 2: "U kunt zich bovendien afmelden door u te wenden tot
KrachtWerkt BV via (privacy@kracht-werkt.nl)"). Whoever handles visitors' requests
(/visitor-requests) enters the address; it is removed and suppressed exactly as the
self-service unsubscribe does (:func:`kwportal.services.visitors.newsletter.forget`).

The audit row names the address only by its keyed hash (the suppression's hash), never in
clear. The officer is told what was found — removed, already off the list, or not on it —
because he answers the visitor, and his role reads the subscriptions anyway on the same page.
An address that is not on the list gets no suppression: nothing is stored for it, and a
later sign-up needs the owner's own confirmation click (double opt-in), which would lift a
suppression anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from kwportal.domain import visitors as rules
from kwportal.domain.policy import VISITOR_UNSUBSCRIBE_ROLES, Actor, may_unsubscribe_visitor
from kwportal.models import NewsletterSubscriber
from kwportal.services import audit
from kwportal.services.auth.common import Context
from kwportal.services.unit import Ctx, use_case
from kwportal.services.visitors import newsletter
from kwportal.services.visitors.rights import may_handle

REMOVED = "visitor_unsubscribe.removed"
ALREADY = "visitor_unsubscribe.already"
UNKNOWN = "visitor_unsubscribe.unknown"
EVENT = "newsletter_unsubscribed_by_staff"


@dataclass(frozen=True, slots=True)
class Unsubscribed:
    """A catalog key for the page; ``ok`` False when the input was refused."""

    message: str
    ok: bool = True


def unsubscribe_address(session: Session, ctx: Context, actor: Actor, email: str) -> Unsubscribed:
    if not (may_unsubscribe_visitor(actor) and may_handle(actor)):
        raise PermissionError("visitor requests are for the privacy officer")
    problem = rules.email_problem(email)
    if problem:
        return Unsubscribed(problem, ok=False)
    digest = newsletter.email_hash(ctx.secret, email)
    row = session.exec(
        select(NewsletterSubscriber).where(NewsletterSubscriber.email_hash == digest)
    ).first()
    subscriber_id = row.id if row is not None else None
    if row is not None:
        newsletter.forget(session, row)
        outcome = REMOVED
    elif newsletter.suppressed(session, ctx.secret, email):
        outcome = ALREADY
    else:
        outcome = UNKNOWN
    objects = [audit.ObjectRef("visitor", "newsletter_suppression", None)]
    if subscriber_id is not None:
        objects.insert(0, audit.ObjectRef("visitor", "newsletter_subscriber", subscriber_id))
    audit.record(
        session,
        actor=actor,
        access=ctx.access,
        event_type=EVENT,
        action=audit.Action.DELETE if outcome == REMOVED else audit.Action.READ,
        ground=audit.Ground.CONSENT,
        objects=objects,
        details={
            "address": digest,
            "outcome": outcome.rsplit(".", 1)[1],
            "subscriber": subscriber_id,
        },
        secret=ctx.secret,
        now=ctx.now,
    )
    return Unsubscribed(outcome)


# --- use case: one click (the visitor-requests page hands it to the runner) ---


@use_case(*VISITOR_UNSUBSCRIBE_ROLES)
def do_unsubscribe_address(actor: Actor, email: str, *, ctx: Ctx) -> Unsubscribed:
    """Take ``email`` off the newsletter for a visitor who asked outside the mail's link."""
    return unsubscribe_address(ctx.session, ctx, actor, email)
