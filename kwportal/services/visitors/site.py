"""The public site's acts, each one unit of work run without a session
(``runner.run_public``): what a public page needs on opening, the cookie choice, the
statistics beacon, and every form post, whose per-IP limit is counted in the same unit as
the act itself. Mail stays in the returned :class:`Result`: the route sends it after the
answer, so how long the answer takes tells nothing about a known address."""

from __future__ import annotations

from dataclasses import dataclass

from kwportal.services.unit import Ctx
from kwportal.services.visitors import callbacks, common, cookies, newsletter, rights, statistics
from kwportal.services.visitors.common import Result

TOO_MANY = "visitor.too_many"


@dataclass(frozen=True, slots=True)
class Visit:
    """A public page opened: the visitor's standing cookie choice (None: ask) and a fresh
    form token with the nonce for its cookie."""

    choice: cookies.Choice | None
    form_token: str
    form_nonce: str


@dataclass(frozen=True, slots=True)
class Recorded:
    """A cookie choice stored (its id for the cookie, what was recorded), or, over the
    per-IP limit, nothing stored and the seconds to wait."""

    choice_id: str = ""
    choice: cookies.Choice | None = None
    retry_after: int = 0


def _over_limit(ctx: Ctx, form: str) -> Result | None:
    """Count this post against the form's per-IP limit; the refusal when it is over."""
    wait = common.rate_limited(ctx.session, ctx, form)
    return Result(TOO_MANY, ok=False, retry_after=wait) if wait else None


def do_open_page(choice_id: str, *, ctx: Ctx) -> Visit:
    token, nonce = common.new_form_token(ctx.secret, ctx.now)
    return Visit(cookies.current(ctx.session, ctx.secret, choice_id, ctx.now), token, nonce)


def do_record_choice(
    choice_id: str, *, method: str, analytics: bool, marketing: bool, gpc: bool, ctx: Ctx
) -> Recorded:
    wait = common.rate_limited(ctx.session, ctx, "cookies")
    if wait:
        return Recorded(retry_after=wait)
    new_id, choice = cookies.record(
        ctx.session,
        ctx,
        choice_id,
        method=method,
        analytics=analytics,
        marketing=marketing,
        gpc=gpc,
    )
    return Recorded(new_id, choice)


def do_count_view(choice_id: str, path: str, referrer: str, *, ctx: Ctx) -> None:
    """The beacon: counted only with analytics consent and under the per-IP limit."""
    choice = cookies.current(ctx.session, ctx.secret, choice_id, ctx.now)
    if choice is None or not choice.analytics:
        return
    if common.rate_limited(ctx.session, ctx, "hit"):
        return
    host = ctx.origin.split("://", 1)[-1].split(":", 1)[0]
    statistics.record_view(ctx.session, ctx, path=path, referrer=referrer, own_host=host)


def do_sign_up(name: str, email: str, language: str, *, ctx: Ctx) -> Result:
    refused = _over_limit(ctx, "newsletter")
    if refused is not None:
        return refused
    return newsletter.sign_up(ctx.session, ctx, name=name, email=email, language=language)


def do_confirm_newsletter(token: str, *, ctx: Ctx) -> Result:
    refused = _over_limit(ctx, "newsletter")
    if refused is not None:
        return refused
    return newsletter.confirm(ctx.session, ctx, token)


def do_unsubscribe(token: str, *, ctx: Ctx) -> Result:
    refused = _over_limit(ctx, "unsubscribe")
    if refused is not None:
        return refused
    return newsletter.unsubscribe(ctx.session, ctx, token)


def do_request_callback(
    name: str,
    phone: str,
    preferred_time: str,
    topic: str,
    message: str,
    language: str,
    *,
    ctx: Ctx,
) -> Result:
    refused = _over_limit(ctx, "callback")
    if refused is not None:
        return refused
    return callbacks.submit(
        ctx.session,
        ctx,
        name=name,
        phone=phone,
        preferred_time=preferred_time,
        topic=topic,
        message=message,
        language=language,
    )


def do_request_rights(
    kind: str, name: str, email: str, phone: str, details: str, language: str, *, ctx: Ctx
) -> Result:
    refused = _over_limit(ctx, "rights")
    if refused is not None:
        return refused
    return rights.submit(
        ctx.session,
        ctx,
        kind=kind,
        name=name,
        email=email,
        phone=phone,
        details=details,
        language=language,
    )


def do_confirm_rights(token: str, *, ctx: Ctx) -> Result:
    refused = _over_limit(ctx, "rights")
    if refused is not None:
        return refused
    return rights.confirm(ctx.session, ctx, token)
