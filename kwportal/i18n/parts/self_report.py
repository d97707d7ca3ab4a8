"""Texts of issue 15: self report."""

from __future__ import annotations

NL: dict[str, str] = {
    "self_report.title": "Ziek- of hersteldmelden",
    "self_report.link": "Ziek- of hersteldmelden",
}

EN: dict[str, str] = {
    "self_report.title": "Report sick or recovered",
    "self_report.link": "Report sick or recovered",
}
