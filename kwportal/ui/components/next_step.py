"""What to do next, in words (issue 18 item 5): the step to take and its date, or a late step
named with how late it is — "Plan van aanpak: 14 dagen te laat", "1 dag te laat" — instead
of a bare "deadline passed". One wording for the employer's overview (server-side, in the
reader's language) and the case page's steps (the same catalog keys, in the browser)."""

from __future__ import annotations

from datetime import date
from typing import Any

import reflex as rx

from kwportal.i18n import t
from kwportal.i18n.fmt import fmt_date
from kwportal.ui.text import tr


def late_phrase(days: int, lang: str) -> str:
    """ "1 dag te laat" / "14 dagen te laat" (English: "1 day late" / "14 days late")."""
    if days == 1:
        return t("steps.late_one", lang)
    return t("steps.late_many", lang).replace("{days}", str(days))


def next_step_text(step: str, due: date | None, days_late: int, today: date, lang: str) -> str:
    """The overview's line for a case: the step to take next and when, or how late it is."""
    if not step or due is None:
        return t("next_step.none", lang)
    name = t(f"step.{step}", lang)
    if days_late > 0:
        key = "next_step.late_one" if days_late == 1 else "next_step.late_many"
        return t(key, lang).replace("{step}", name).replace("{days}", str(days_late))
    if due == today:
        return t("next_step.due_today", lang).replace("{step}", name)
    when = fmt_date(due, lang)
    return t("next_step.due_on", lang).replace("{step}", name).replace("{date}", when)


def more_late_text(count: int, lang: str) -> str:
    """How many other steps are late besides the one named; "" when none."""
    if count <= 0:
        return ""
    if count == 1:
        return t("next_step.more_late_one", lang)
    return t("next_step.more_late_many", lang).replace("{count}", str(count))


def late_badge(days: Any) -> rx.Component:
    """The browser's "14 dagen te laat" for a step row's ``days_late`` (same keys as
    :func:`late_phrase`): a word, not only a colour."""
    return rx.el.span(
        rx.cond(
            days == 1,
            tr("steps.late_one"),
            tr("steps.late_many").to(str).replace("{days}", days.to_string()),
        ),
        class_name="badge overdue",
    )
