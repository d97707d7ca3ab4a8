"""The translation layer: Dutch first, English too. Every user-facing string has a key in
both catalogs (a test checks they match)."""

from __future__ import annotations

import importlib
import pkgutil

from kwportal.i18n import parts
from kwportal.i18n.en import EN
from kwportal.i18n.nl import NL

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def _merged() -> dict[str, dict[str, str]]:
    catalogs = {"nl": dict(NL), "en": dict(EN)}
    for info in sorted(pkgutil.iter_modules(parts.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{parts.__name__}.{info.name}")
        for lang, extra in (("nl", module.NL), ("en", module.EN)):
            twice = set(extra) & set(catalogs[lang])
            if twice:
                raise KeyError(f"{info.name} defines keys already defined: {sorted(twice)}")
            catalogs[lang].update(extra)
    return catalogs


CATALOGS: dict[str, dict[str, str]] = _merged()


def normalise_language(value: str | None) -> str:
    """An allow-listed language code; anything else falls back to Dutch."""
    value = (value or "").strip().lower()[:2]
    return value if value in CATALOGS else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The text for ``key`` in ``lang``; a missing key is a programming error."""
    return CATALOGS[normalise_language(lang)][key]
