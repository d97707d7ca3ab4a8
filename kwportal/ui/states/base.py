"""The root of every kwportal state. It holds only the interface language: no personal
data ever lives here, because every non-underscore var reaches the browser.

A page state does not read ``AppState.lang`` in its computed values: it reads its own copy,
``_lang`` (the :class:`Localised` mixin). Reflex loads, for every event, each state whose
computed values depend on a var of the event's state or of one of its parents; with ``lang``
read by the page states' computed values, every event under Redis loaded every page state
of the tab (about 40, ~9 ms of CPU per event; issue 19). The copy follows the language
before every event (:func:`follow_lang`, from the middleware and the guard) and when the
language is switched (``set_lang`` loads every state below it anyway)."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec
from reflex.state import BaseState

from kwportal.i18n import LANGUAGES, normalise_language
from kwportal.ui.guard import public


class Localised(rx.State, mixin=True):
    """A page state's own copy of the interface language, read by its computed values."""

    _lang: str = "nl"


def follow_lang(state: BaseState, lang: str) -> None:
    """Give ``state`` and every loaded state below it that keeps a copy the language ``lang``
    (a changed copy recomputes and sends the computed values that read it)."""
    pending = [state]
    while pending:
        node = pending.pop()
        if isinstance(node, Localised) and node._lang != lang:
            node._lang = lang
        pending.extend(node.substates.values())


class AppState(rx.State):
    lang: str = rx.LocalStorage("nl", name="kw_lang", sync=True)

    @rx.event
    @public
    def set_lang(self, value: str) -> EventSpec:
        """Switch language; the value is allow-listed, never echoed into script. An event
        of this state loads every state below it, so each copy follows here."""
        self.lang = normalise_language(value)
        follow_lang(self, self.lang)
        code = "en" if self.lang == "en" else "nl"
        return rx.call_script(f"document.documentElement.lang = '{code}'")

    @rx.event
    @public
    def sync_html_lang(self) -> EventSpec:
        code = "en" if normalise_language(self.lang) == "en" else "nl"
        return rx.call_script(f"document.documentElement.lang = '{code}'")


__all__ = ["LANGUAGES", "AppState", "Localised", "follow_lang"]
