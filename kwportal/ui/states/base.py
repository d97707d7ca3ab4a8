"""The root of every kwportal state. It holds only the interface language: no personal
data ever lives here, because every non-underscore var reaches the browser."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from kwportal.i18n import LANGUAGES, normalise_language
from kwportal.ui.guard import public


class AppState(rx.State):
    lang: str = rx.LocalStorage("nl", name="kw_lang", sync=True)

    @rx.event
    @public
    def set_lang(self, value: str) -> EventSpec:
        """Switch language; the value is allow-listed, never echoed into script."""
        self.lang = normalise_language(value)
        code = "en" if self.lang == "en" else "nl"
        return rx.call_script(f"document.documentElement.lang = '{code}'")

    @rx.event
    @public
    def sync_html_lang(self) -> EventSpec:
        code = "en" if normalise_language(self.lang) == "en" else "nl"
        return rx.call_script(f"document.documentElement.lang = '{code}'")


__all__ = ["LANGUAGES", "AppState"]
