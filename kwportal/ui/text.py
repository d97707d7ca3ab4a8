"""Translated text in components: both catalogs are compiled in, the state's language picks."""

from __future__ import annotations

import reflex as rx

from kwportal.i18n import CATALOGS
from kwportal.ui.states.base import AppState


def tr(key: str) -> rx.Var[str]:
    text: rx.Var[str] = rx.cond(AppState.lang == "en", CATALOGS["en"][key], CATALOGS["nl"][key])
    return text


def title(key: str) -> str:
    """A page title (static: Dutch and English together, the document language aside)."""
    return f"{CATALOGS['nl'][key]} · KrachtWerkt"
