"""Texts of issue 15: messages."""

from __future__ import annotations

NL: dict[str, str] = {
    "messages.title": "Berichten",
    "messages.link": "Berichten",
}

EN: dict[str, str] = {
    "messages.title": "Messages",
    "messages.link": "Messages",
}
