"""The one guard for event handlers and pages.

A page guard only redirects; it does not protect data (reflex-local-auth's warning). Data
is loaded only in handlers wrapped by :func:`guarded`, which resolve the session from the
HttpOnly cookie on *every* call, so a handler called directly over the websocket, without
the page, is refused the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx

from kwportal.domain.roles import Role
from kwportal.i18n import normalise_language
from kwportal.services import runner
from kwportal.ui import pending_act, routes

F = TypeVar("F", bound=Callable[..., Any])
LOGIN_EXPIRED = f"{routes.LOGIN}?e=auth.session_expired"
NOT_ALLOWED = f"{routes.PORTAL}?e=auth.not_allowed"
#: an employee account that is not (yet) linked to the person it belongs to
NO_PERSON = f"{routes.PORTAL}?e=auth.no_person"
ALL_SIGNED_IN = tuple(r for r in Role if r is not Role.SYSTEM)

#: handlers that anyone may call: they read only the URL or set the language
PUBLIC_HANDLERS: set[str] = set()

# Reflex's built-in ``setvar(name, value)`` calls any ``set_<name>`` attribute of a state:
# a guarded handler is therefore never named ``set_*`` (the guard test checks it).


def public(fn: F) -> F:
    """Mark a handler that needs no session (checked by the guard test)."""
    PUBLIC_HANDLERS.add(fn.__qualname__)
    return fn


def guarded(*roles: Role) -> Callable[[F], F]:
    """Only a signed-in account of ``roles`` gets past: the handler's use case runs through
    the runner with this gate beside its own, and a handler that runs none is still checked
    (``do_touch``), so a call without a session is refused whatever the handler does."""
    allowed = roles or ALL_SIGNED_IN
    gate = runner.Gate(allowed, person=allowed == (Role.EMPLOYEE,))

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            self._gate, self._units = gate, 0
            _follow_lang(self)
            try:
                result = fn(self, *args, **kwargs)
                if not self._units:
                    self._run(runner.do_touch)
            except runner.Refusal as refusal:
                if isinstance(refusal, runner.StepUpNeeded):
                    # the act waits, server-side, for the fresh code (issue 18 item 2)
                    pending_act.keep(self, fn, args, kwargs, refusal, pending_act.now())
                return refused(self, refusal)
            return result

        wrapper.kw_guard_roles = allowed  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def _follow_lang(state: Any) -> None:
    """A page state's copy of the language follows the tab's before its handler runs (the
    middleware does this for the event's state and those below it; a handler driven alone,
    as the integration tests drive them, needs it here)."""
    from kwportal.ui.states.base import AppState, Localised, follow_lang  # base imports us

    if isinstance(state, Localised) and isinstance(state, AppState):
        follow_lang(state, normalise_language(state.lang), use=True)


def guard_roles_of(fn: Any) -> tuple[Role, ...] | None:
    """The roles a handler is guarded for (through any decorator around it), or None for a
    handler that ``guarded`` does not wrap."""
    while fn is not None:
        roles = getattr(fn, "kw_guard_roles", None)
        if roles is not None:
            return tuple(roles)
        fn = getattr(fn, "__wrapped__", None)
    return None


def refused(state: Any, refusal: runner.Refusal) -> Any:
    """The one answer to a refused call: where the browser goes, and nothing of the page's
    data stays behind when the session is gone."""
    if isinstance(refusal, runner.NotSignedIn):
        state._forget()
        return rx.redirect(LOGIN_EXPIRED)
    message_key = getattr(refusal, "message_key", "")
    if message_key:
        # refused for a reason of its own (processing stopped, issue 17 item 3): the unit
        # rolled back; the page stays as it was and says why
        state.notice_key = message_key
        return None
    # the handler ran before its use case was refused: nothing it set stays behind
    state.reset()
    state.notice_key = ""
    if isinstance(refusal, runner.NoPerson):
        # every employee page is about the person; without one there is nothing to show or
        # change, and the start page says why (not a server error)
        return rx.redirect(NO_PERSON)
    if isinstance(refusal, runner.StepUpNeeded):
        here = pending_act.here_of(str(state.router.url))
        return rx.redirect(routes.step_up_href(here or routes.PORTAL))
    return rx.redirect(NOT_ALLOWED)
