"""Texts of issue 15: consults."""

from __future__ import annotations

NL: dict[str, str] = {
    "consults.title": "Spreekuur",
    "consults.link": "Spreekuur en afspraken",
}

EN: dict[str, str] = {
    "consults.title": "Consults",
    "consults.link": "Consults and appointments",
}
