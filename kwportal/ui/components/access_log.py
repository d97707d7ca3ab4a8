"""Pieces both access-log pages share (the employee's own log and the privacy desk's):
a period's date input and the labels of a log line, in the reader's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from kwportal.domain.roles import Role
from kwportal.i18n import CATALOGS, t
from kwportal.services.employee.access_log import BadPeriodError

MAX_DATE_INPUT = 10


def label(prefix: str, value: str, lang: str) -> str:
    """``prefix.value`` translated; the raw value when the catalog has no such key."""
    if not value:
        return t("access_log.unknown", lang)
    key = f"{prefix}.{value}"
    return t(key, lang) if key in CATALOGS["nl"] else value


def role_label(role: str, lang: str) -> str:
    if role == str(Role.SYSTEM):
        return t("access_log.system", lang)
    return label("role", role, lang)


def date_input(raw: Any) -> date | None:
    """A date from a date input; empty means "default"; anything else is refused."""
    text = str(raw or "").strip()[:MAX_DATE_INPUT]
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadPeriodError("access_log.bad_date") from None
