"""Texts of issue 15: problem analysis."""

from __future__ import annotations

NL: dict[str, str] = {
    "problem_analysis.title": "Probleemanalyse",
}

EN: dict[str, str] = {
    "problem_analysis.title": "Problem analysis",
}
