"""Texts of issue 15: case files."""

from __future__ import annotations

NL: dict[str, str] = {
    "case_files.title": "Bestanden",
    "case_files.link": "Bestanden bij het dossier",
}

EN: dict[str, str] = {
    "case_files.title": "Files",
    "case_files.link": "Files in the case",
}
