"""Translated text in components: both catalogs are compiled in, the state's language picks."""

from __future__ import annotations

import reflex as rx

from kwportal.i18n import CATALOGS, t
from kwportal.i18n.fmt import fmt_iso_date
from kwportal.ui.states.base import AppState


def tr(key: str) -> rx.Var[str]:
    text: rx.Var[str] = rx.cond(AppState.lang == "en", CATALOGS["en"][key], CATALOGS["nl"][key])
    return text


def title(key: str) -> str:
    """A page title (static: Dutch and English together, the document language aside)."""
    return f"{CATALOGS['nl'][key]} · KrachtWerkt"


def description(key: str) -> str:
    """A page's meta description (Dutch first, like the title)."""
    return CATALOGS["nl"][key]


def retention_sentence(lang: str, until: str, rule: str, holds: list[str]) -> str:
    if until:
        return (
            t("retention.until", lang)
            .replace("{date}", fmt_iso_date(until, lang))
            .replace("{rule}", t(f"rule.{rule}", lang))
        )
    if holds:
        reasons = "; ".join(t(f"hold.{h}", lang) for h in holds)
        return t("retention.not_yet", lang).replace("{reasons}", reasons)
    return ""
