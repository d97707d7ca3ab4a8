"""The UWV deskundigenoordeel, where the employee may disagree (BRIEF.md, "How feedback
reaches the employer": "the employee's page links to a second opinion (the UWV
deskundigenoordeel) when he disagrees"; issue 17 item 10): a real link to UWV's page and the
steps to take, as translated text. Nothing is fetched from UWV; the link only leaves."""

from __future__ import annotations

import reflex as rx

from kwportal.ui.text import tr

UWV_DESKUNDIGENOORDEEL = "https://www.uwv.nl/particulieren/ziek/deskundigenoordeel"
STEPS = ("ask", "question", "bring", "costs", "after")


def deskundigenoordeel() -> rx.Component:
    """A closed section (the page stays short on a phone) with the steps and the link."""
    return rx.el.details(
        rx.el.summary(tr("second_opinion.summary")),
        rx.el.p(tr("second_opinion.intro")),
        rx.el.ol(*[rx.el.li(tr(f"second_opinion.step.{step}")) for step in STEPS]),
        rx.el.p(
            rx.el.a(
                tr("second_opinion.link"),
                href=UWV_DESKUNDIGENOORDEEL,
                rel="noopener noreferrer external",
            ),
        ),
        class_name="second-opinion",
    )
