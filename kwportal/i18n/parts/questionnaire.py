"""Texts of issue 15: questionnaire."""

from __future__ import annotations

NL: dict[str, str] = {
    "questionnaire.title": "Vragenlijst",
    "questionnaire.link": "Vragenlijst voor het spreekuur",
}

EN: dict[str, str] = {
    "questionnaire.title": "Questionnaire",
    "questionnaire.link": "Questionnaire before the consult",
}
