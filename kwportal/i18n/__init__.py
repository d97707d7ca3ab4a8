"""The translation layer: Dutch first, English too. Every user-facing string has a key in
both catalogs (a test checks they match)."""

from __future__ import annotations

from kwportal.i18n.en import EN
from kwportal.i18n.nl import NL

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
CATALOGS: dict[str, dict[str, str]] = {"nl": NL, "en": EN}


def normalise_language(value: str | None) -> str:
    """An allow-listed language code; anything else falls back to Dutch."""
    value = (value or "").strip().lower()[:2]
    return value if value in CATALOGS else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The text for ``key`` in ``lang``; a missing key is a programming error."""
    return CATALOGS[normalise_language(lang)][key]
