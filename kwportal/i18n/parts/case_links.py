"""The links from a case page to the work around it (issue 15)."""

from __future__ import annotations

NL: dict[str, str] = {"case_links.label": "Bij dit verzuim"}

EN: dict[str, str] = {"case_links.label": "With this absence"}
