"""``project_rows``: many rows of one subject, the policy asked once per column, and a
denied column refused just as ``project`` refuses it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kwportal.domain.policy import Actor, Subject
from kwportal.domain.roles import Role
from kwportal.services.views import PolicyDeniedError, project, project_rows

SUBJECT = Subject(employee_id=1, organisation_id=7)
NOTES = [SimpleNamespace(id=n, body=f"MEDISCH-{n}") for n in range(3)]
COLUMNS = {"note_id": "medical_note.id", "body": "medical_note.body"}


def test_the_doctor_gets_every_row_as_project_would():
    doctor = Actor(1, Role.COMPANY_DOCTOR, employer_ids=frozenset({7}))
    rows = project_rows(doctor, SUBJECT, NOTES, COLUMNS)
    assert rows == [project(doctor, SUBJECT, note, COLUMNS) for note in NOTES]


@pytest.mark.parametrize(
    "actor",
    [
        Actor(2, Role.CASE_MANAGER, employer_ids=frozenset({7})),
        Actor(3, Role.COMPANY_DOCTOR, employer_ids=frozenset({8})),
        Actor(4, Role.EMPLOYER_CONTACT, organisation_id=7),
    ],
)
def test_a_role_or_team_without_access_gets_no_row(actor):
    with pytest.raises(PolicyDeniedError):
        project_rows(actor, SUBJECT, NOTES, COLUMNS)
