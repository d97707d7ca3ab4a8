"""The care team's feedback page as use cases (issue 7, items 3–5): one click, one unit of
work. Every use case acts on the case's open draft (open, start, save, confirm the terms,
share with the employee, release) and then reads, in the same transaction, what the page
shows next: the draft as the editor holds it and the employer's view with that draft
released on top (the preview), so the page never opens a transaction of its own.

Acts on a draft name the version the page showed; a save from an older one is refused
(``FeedbackError("feedback.stale")``) and the whole unit rolls back. The mail a share or a
release queues goes out only after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from kwportal.domain.policy import Actor
from kwportal.services.case.scope import CARE_ROLES, case_in_scope
from kwportal.services.employer.case_view import EmployerCaseView
from kwportal.services.feedback.draft_sharing import share_draft
from kwportal.services.feedback.editor import (
    DraftView,
    FeedbackForm,
    confirm_terms,
    current_draft,
    save_draft,
)
from kwportal.services.feedback.preview import draft_preview
from kwportal.services.feedback.release import release_feedback
from kwportal.services.privacy import restriction
from kwportal.services.privacy.restriction import RestrictionNotice
from kwportal.services.unit import Ctx, use_case


@dataclass(frozen=True, slots=True)
class FeedbackPage:
    """The case's open draft (None when there is none, e.g. just after a release) and the
    employer's view with it released on top (None without a draft)."""

    draft: DraftView | None
    preview: EmployerCaseView | None
    #: the use of his data stopped, as the reader is told (issue 17 item 3)
    restriction: RestrictionNotice | None = None


def _page(actor: Actor, case_id: int, ctx: Ctx, *, create: bool = False) -> FeedbackPage:
    draft = current_draft(
        actor,
        case_id,
        session=ctx.session,
        create=create,
        now=ctx.now,
        access_point=ctx.access,
        secret=ctx.secret,
    )
    subject = case_in_scope(ctx.session, actor, case_id).subject
    stopped = restriction.notice_for(ctx.session, actor, subject)
    if draft is None:
        return FeedbackPage(None, None, stopped)
    preview = draft_preview(
        actor, draft.feedback_id, session=ctx.session, access_point=ctx.access, secret=ctx.secret
    )
    return FeedbackPage(draft, preview, stopped)


@use_case(*CARE_ROLES)
def do_open_draft(actor: Actor, case_id: int, *, ctx: Ctx) -> FeedbackPage:
    """The case's open draft and its preview, if there is a draft."""
    return _page(actor, case_id, ctx)


@use_case(*CARE_ROLES)
def do_start_draft(actor: Actor, case_id: int, *, ctx: Ctx) -> FeedbackPage:
    """The case's open draft, a new empty one when there is none, and its preview."""
    return _page(actor, case_id, ctx, create=True)


@use_case(*CARE_ROLES)
def do_save_draft(
    actor: Actor,
    case_id: int,
    feedback_id: int,
    expected_version: int,
    form: FeedbackForm,
    *,
    ctx: Ctx,
) -> FeedbackPage:
    save_draft(
        actor,
        feedback_id,
        expected_version=expected_version,
        form=form,
        session=ctx.session,
        access_point=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return _page(actor, case_id, ctx)


@use_case(*CARE_ROLES)
def do_confirm_terms(
    actor: Actor,
    case_id: int,
    feedback_id: int,
    expected_version: int,
    reason: str,
    *,
    ctx: Ctx,
) -> FeedbackPage:
    confirm_terms(
        actor,
        feedback_id,
        expected_version=expected_version,
        reason=reason,
        session=ctx.session,
        access_point=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
    )
    return _page(actor, case_id, ctx)


@use_case(*CARE_ROLES)
def do_share_draft(
    actor: Actor, case_id: int, feedback_id: int, expected_version: int, *, ctx: Ctx
) -> FeedbackPage:
    """Let the employee read this version; the content-free mail telling him so goes out
    after the commit."""
    mail = share_draft(
        actor,
        feedback_id,
        expected_version=expected_version,
        session=ctx.session,
        access_point=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
        origin=ctx.origin,
    )
    if mail is not None:
        ctx.send(mail)
    return _page(actor, case_id, ctx)


@use_case(*CARE_ROLES, step_up=True)
def do_release(
    actor: Actor, case_id: int, feedback_id: int, expected_version: int, *, ctx: Ctx
) -> FeedbackPage:
    """Release this version to the employer (status, disclosure, notice, audit row); the
    mail to the employee goes out after the commit. The page then has no open draft."""
    outcome = release_feedback(
        actor,
        feedback_id,
        expected_version=expected_version,
        session=ctx.session,
        access_point=ctx.access,
        secret=ctx.secret,
        now=ctx.now,
        origin=ctx.origin,
    )
    ctx.send(*outcome.mails)
    return _page(actor, case_id, ctx)
