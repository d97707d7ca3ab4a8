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

F = TypeVar("F", bound=Callable[..., Any])
LOGIN_EXPIRED = "/login?e=auth.session_expired"
NOT_ALLOWED = "/portal?e=auth.not_allowed"
#: an employee account that is not (yet) linked to the person it belongs to
NO_PERSON = "/portal?e=auth.no_person"
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
    allowed = roles or ALL_SIGNED_IN
    employee_only = allowed == (Role.EMPLOYEE,)

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            signed_in = self._authenticate()
            if signed_in is None:
                self._forget()
                return rx.redirect(LOGIN_EXPIRED)
            if signed_in.role not in allowed:
                return rx.redirect(NOT_ALLOWED)
            if employee_only and signed_in.employee_id is None:
                # every employee page is about the person; without one there is nothing to
                # show or change, and the start page says why (not a server error)
                return rx.redirect(NO_PERSON)
            return fn(self, *args, **kwargs)

        wrapper.kw_guard_roles = allowed  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
