"""Texts of issue 15: plans."""

from __future__ import annotations

NL: dict[str, str] = {
    "my_plan.title": "Plan van aanpak",
    "my_plan.link": "Plan van aanpak en evaluaties",
    "employer_plan.title": "Plan van aanpak",
}

EN: dict[str, str] = {
    "my_plan.title": "Plan of action",
    "my_plan.link": "Plan of action and evaluations",
    "employer_plan.title": "Plan of action",
}
