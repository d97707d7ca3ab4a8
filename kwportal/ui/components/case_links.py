"""The links from a case page to the work around the case (issue 15): consults, the
Poortwachter documents, files and messages. One list per kind of page, so each page
shows the same links; an employee's pages need no case number (they open his case)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from kwportal.ui import routes
from kwportal.ui.text import tr

#: (label key, route) per kind of case page
EMPLOYEE: tuple[tuple[str, str], ...] = (
    ("questionnaire.link", routes.MY_QUESTIONNAIRE),
    ("my_plan.link", routes.MY_PLAN),
    ("messages.link", routes.MESSAGES),
    ("case_files.link", routes.CASE_FILES),
    ("self_report.link", routes.MY_REPORT),
)
#: "what my employer sees": his own pages for what the employer's case page links to — the
#: plan of action, the messages, the case's files (issue 17 item 5)
EMPLOYER_VIEW: tuple[tuple[str, str], ...] = (
    ("my_plan.link", routes.MY_PLAN),
    ("messages.link", routes.MESSAGES),
    ("case_files.link", routes.CASE_FILES),
)
EMPLOYER: tuple[tuple[str, str], ...] = (
    ("employer_plan.title", routes.EMPLOYER_PLAN),
    ("messages.link", routes.MESSAGES),
    ("case_files.link", routes.CASE_FILES),
    ("employer_person.title", routes.EMPLOYER_PERSON),
    ("partial_recovery.link", routes.EMPLOYER_RECOVERY),
)
DOCTOR: tuple[tuple[str, str], ...] = (
    ("problem_analysis.title", routes.CARE_PROBLEM_ANALYSIS),
    ("consults.link", routes.CARE_CONSULTS),
    ("messages.link", routes.MESSAGES),
    ("case_files.link", routes.CASE_FILES),
)
CASE_MANAGER: tuple[tuple[str, str], ...] = (
    ("consults.link", routes.CARE_CONSULTS),
    ("messages.link", routes.MESSAGES),
    ("case_files.link", routes.CASE_FILES),
)


def case_links(links: tuple[tuple[str, str], ...], case_id: Any = None) -> rx.Component:
    """A nav list of ``links``; with ``case_id`` (a state var) each carries ``?case=``."""
    items = [
        rx.el.li(
            rx.el.a(tr(key), href=route if case_id is None else routes.case_href(route, case_id))
        )
        for key, route in links
    ]
    return rx.el.nav(
        rx.el.ul(*items, class_name="plain"),
        aria_label=tr("case_links.label"),
        class_name="case-links",
    )
