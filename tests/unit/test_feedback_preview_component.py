"""The preview before release is the employer's own component, fed by the employer's own
view type (issue 7, item 4): not a copy that could drift from what the employer sees."""

from __future__ import annotations

import inspect

from kwportal.services.employer.case_view import EmployerCaseView
from kwportal.services.feedback import preview as feedback_preview
from kwportal.ui.components import employer_case
from kwportal.ui.pages.care import feedback as feedback_page


def test_the_preview_renders_the_employer_component():
    assert feedback_page.employer_component is employer_case.employer_case_card
    assert feedback_page.case_card is employer_case.case_card


def test_the_preview_is_an_employer_case_view_built_through_the_employer_policy_row():
    assert inspect.signature(feedback_preview.draft_preview).return_annotation in (
        EmployerCaseView,
        "EmployerCaseView",
    )
    employer = feedback_preview.employer_of(feedback_preview.Subject(1, 7))
    assert (employer.role.value, employer.organisation_id, employer.account_id) == (
        "employer_contact",
        7,
        None,
    )
