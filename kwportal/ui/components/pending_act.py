"""The step-up that resumes its act (issue 18 item 2), on the page and on /stepup.

The step-up page says what the code is for ("Met deze code bevestigt u: uw toestemming
intrekken") and offers a way back that drops the act; after the code the page the act was
asked on comes back and finishes it, running the page's own handler again
(kwportal/ui/pending_act.py says what is kept and how long)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.state import State

from kwportal.i18n import t
from kwportal.services import runner
from kwportal.services.auth import sessions
from kwportal.ui import pending_act
from kwportal.ui.guard import guard_roles_of, guarded, public
from kwportal.ui.states.auth import AuthState
from kwportal.ui.text import tr


class PendingActState(AuthState):
    #: the step-up page's line: what the code is for, and the page to go back to
    code_for: str = ""
    back: str = ""

    def _clear(self) -> None:
        self.code_for, self.back = "", ""

    def _current(self) -> pending_act.PendingAct | None:
        """The pending act if it still counts for this session (dropped when it does not)."""
        pending = pending_act.waiting(self)
        if pending is None:
            return None
        self._run(runner.do_touch)
        session_id = self._signed_in.session_id if self._signed_in else None
        if not pending.valid_for(session_id, pending.path, pending_act.now()):
            pending_act.take(self)
            return None
        return pending

    @rx.event
    @public
    def offer(self) -> Any:
        """On every portal page: a session check only when an act is waiting."""
        return PendingActState.resume if pending_act.waiting(self) is not None else None

    @rx.event
    @guarded()
    def resume(self) -> Any:
        """Back on the act's page with a fresh code: run the act once, with the same
        handler, guard and use case as the first tap. Without a fresh code (the person
        left the step-up page) the act is dropped, never asked for again."""
        pending = self._current()
        if pending is None or pending.path != pending_act.here_of(str(self.router.url)):
            return None
        pending_act.take(self)
        signed_in = self._signed_in
        if signed_in is None or sessions.needs_step_up(signed_in, pending_act.now()):
            return None
        try:
            handler = State.get_class_substate(pending.state).event_handlers[pending.handler]
        except (ValueError, KeyError):
            return None
        if guard_roles_of(handler.fn) is None:
            return None
        return handler(*pending.args)

    @rx.event
    @public
    def describe(self) -> Any:
        """On the step-up page: a session check only when an act is waiting, so the page
        itself stays public (without a session its form answers "session expired")."""
        self._clear()
        return PendingActState.describe_waiting if pending_act.waiting(self) is not None else None

    @rx.event
    @guarded()
    def describe_waiting(self) -> None:
        """The line saying what the code is for."""
        pending = self._current()
        self._clear()
        if pending is not None:
            label = t(pending_act.label_key(pending.act), self.lang)
            self.code_for = t("stepup.code_for", self.lang).replace("{act}", label)
            self.back = pending.path

    @rx.event
    @guarded()
    def cancel(self) -> Any:
        """ "Annuleren": the act is dropped and the page it was asked on comes back."""
        pending = pending_act.take(self)
        self._clear()
        self.notice_key = "stepup.act_cancelled"
        return rx.redirect(pending.path) if pending is not None else None


def pending_resume() -> rx.Component:
    """On every portal page: finishes the act a fresh code interrupted, if one waits."""
    return rx.el.div(on_mount=PendingActState.offer, class_name="pending-act-hook")


def step_up_line() -> rx.Component:
    """On the step-up page, above the form: what the code is for."""
    state = PendingActState
    return rx.el.div(
        rx.cond(
            state.code_for != "",
            rx.el.p(rx.el.strong(state.code_for), class_name="stepup-for"),
            rx.fragment(),
        ),
        on_mount=state.describe,
    )


def step_up_cancel(next_path: Any) -> rx.Component:
    """On the step-up page, below the form: back without the code. With an act waiting,
    the link drops it on the way (the page it goes back to must not finish it)."""
    state = PendingActState
    return rx.el.p(
        rx.cond(
            state.code_for != "",
            rx.el.a(
                tr("stepup.cancel"),
                href=state.back,
                on_click=[rx.prevent_default, state.cancel],
            ),
            rx.el.a(tr("stepup.cancel"), href=next_path),
        ),
        class_name="stepup-cancel",
    )
