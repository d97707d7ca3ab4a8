"""Texts of issue 15: employer person."""

from __future__ import annotations

NL: dict[str, str] = {
    "employer_person.title": "Dienstverband en overlijden",
}

EN: dict[str, str] = {
    "employer_person.title": "Employment and death",
}
