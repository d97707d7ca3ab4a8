"""The root of every kwportal state. It holds only the interface language: no personal
data ever lives here, because every non-underscore var reaches the browser.

A page state does not read ``AppState.lang`` in its computed values: it reads its own copy,
``_lang`` (the :class:`Localised` mixin). Reflex loads, for every event, each state whose
computed values depend on a var of the event's state or of one of its parents; with ``lang``
read by the page states' computed values, every event under Redis loaded every page state
of the tab (about 40, ~9 ms of CPU per event; issue 19). The copy follows the language:

- before every event, in the event's own state and the states below it (the middleware,
  and the guard for a handler driven alone); those count as used by the tab;
- when a tab (re)connects, in every state, from the language its browser sends, so the
  snapshot Reflex sends then is in that language (the reset before it unmarks them all);
- when the language is switched, in the states the tab has used: the page on screen and
  its parts are among them, and a state written to Redis costs CPU, so not all 37."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec
from reflex.state import BaseState

from kwportal.i18n import LANGUAGES, normalise_language
from kwportal.ui.guard import public


class Localised(rx.State, mixin=True):
    """A page state's own copy of the interface language, read by its computed values."""

    _lang: str = "nl"
    #: an event of this state (or of one above it) ran since the tab's last (re)connect
    _used: bool = False


def follow_lang(state: BaseState, lang: str, *, use: bool = False, used: bool = False) -> None:
    """Give ``state`` and every loaded state below it that keeps a copy the language ``lang``
    (a changed copy recomputes and sends the computed values that read it). ``use`` marks
    them used; ``used`` passes over those the tab has not used."""
    pending = [state]
    while pending:
        node = pending.pop()
        pending.extend(node.substates.values())
        if not isinstance(node, Localised) or (used and not node._used):
            continue
        if node._lang != lang:
            node._lang = lang
        if use and not node._used:
            node._used = True


class AppState(rx.State):
    lang: str = rx.LocalStorage("nl", name="kw_lang", sync=True)

    @rx.event
    @public
    def set_lang(self, value: str) -> EventSpec:
        """Switch language; the value is allow-listed, never echoed into script. An event
        of this state loads every state below it, so each copy the tab used follows here."""
        self.lang = normalise_language(value)
        follow_lang(self, self.lang, used=True)
        code = "en" if self.lang == "en" else "nl"
        return rx.call_script(f"document.documentElement.lang = '{code}'")

    @rx.event
    @public
    def sync_html_lang(self) -> EventSpec:
        code = "en" if normalise_language(self.lang) == "en" else "nl"
        return rx.call_script(f"document.documentElement.lang = '{code}'")


__all__ = ["LANGUAGES", "AppState", "Localised", "follow_lang"]
